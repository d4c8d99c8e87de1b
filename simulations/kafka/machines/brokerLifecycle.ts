/**
 * Broker lifecycle (XState): the process (running -> down -> recovering -> running), the controller
 * session (active -> expiring -> fenced -> active) and speed (normal / slow) as parallel regions.
 * The machine only orchestrates; the actions call the Broker and Controller modules through the deps
 * it gets as input, and its own context (the slow-fault count) changes only through assign.
 * Timers (log recovery, session expiry) run on the simulation's virtual clock.
 */
import { assign, setup } from 'xstate';

export const LOG_RECOVERY_MS = 500;
export const BROKER_SESSION_TIMEOUT_MS = 9_000;
export const BROKER_HEARTBEAT_INTERVAL_MS = 2_000;

export interface BrokerLifecycleDeps {
  crashProcess(): void;
  /** lostTailMs: lose only what was written in the last lostTailMs (un-fsynced page cache); omitted: the whole disk */
  wipeDisk(lostTailMs?: number): void;
  startProcess(): void;
  /** controller registration; false if the controller is unreachable */
  register(): boolean;
  fence(): void;
  /** one more (+1) or one fewer (-1) slow fault on the broker */
  setSlow(delta: 1 | -1): void;
  now(): number;
  isAlive(): boolean;
}

export type BrokerLifecycleEvent =
  | { type: 'CRASH' }
  | { type: 'DISK_LOSS'; lostTailMs?: number }
  | { type: 'RESTART' }
  | { type: 'CONTROLLER_CUT' }
  | { type: 'CONTROLLER_HEALED' }
  | { type: 'REGISTERED' }
  | { type: 'SLOW' }
  | { type: 'HEAL_SLOW' };

export const brokerLifecycleMachine = setup({
  types: {
    context: {} as { deps: BrokerLifecycleDeps; phase: number; slowCount: number },
    input: {} as { deps: BrokerLifecycleDeps; phase: number },
    events: {} as BrokerLifecycleEvent,
  },
  actions: {
    crashProcess: ({ context }) => context.deps.crashProcess(),
    wipeDisk: ({ context, event }) => context.deps.wipeDisk(event.type === 'DISK_LOSS' ? event.lostTailMs : undefined),
    startProcess: ({ context }) => context.deps.startProcess(),
    fence: ({ context }) => context.deps.fence(),
    slowBroker: ({ context }) => context.deps.setSlow(1),
    healBroker: ({ context }) => context.deps.setSlow(-1),
    countSlow: assign({ slowCount: ({ context }) => context.slowCount + 1 }),
    countHealed: assign({ slowCount: ({ context }) => context.slowCount - 1 }),
    /**
     * LOUD: REGISTERED goes through the mailbox (self.send), not raise: the broker-state subscriber
     * must see the intermediate state first, as the event log always recorded it.
     */
    registerWithController: ({ context, self }) => {
      if (context.deps.register()) self.send({ type: 'REGISTERED' });
    },
  },
  guards: {
    processRunning: ({ context }) => context.deps.isAlive(),
    /** more than one slow fault is active: healing one leaves the broker slow */
    stillSlowAfterHeal: ({ context }) => context.slowCount > 1,
  },
  delays: {
    LOG_RECOVERY: LOG_RECOVERY_MS,
    /** expiry comes BROKER_SESSION_TIMEOUT_MS after the last heartbeat that got through */
    SESSION_EXPIRY: ({ context }) => {
      const now = context.deps.now();
      const last = context.phase + Math.floor((now - context.phase) / BROKER_HEARTBEAT_INTERVAL_MS) * BROKER_HEARTBEAT_INTERVAL_MS;
      return Math.max(0, Math.min(last, now) + BROKER_SESSION_TIMEOUT_MS - now);
    },
  },
}).createMachine({
  id: 'broker',
  type: 'parallel',
  context: ({ input }) => ({ deps: input.deps, phase: input.phase, slowCount: 0 }),
  states: {
    process: {
      initial: 'running',
      states: {
        running: {
          on: {
            CRASH: { target: 'down', actions: ['crashProcess'] },
            DISK_LOSS: { target: 'down', actions: ['crashProcess', 'wipeDisk'] },
          },
        },
        down: {
          on: {
            RESTART: { target: 'recovering', actions: ['startProcess'] },
            DISK_LOSS: { actions: ['wipeDisk'] },
          },
        },
        recovering: {
          after: { LOG_RECOVERY: { target: 'running', actions: ['registerWithController'] } },
          on: {
            CRASH: { target: 'down', actions: ['crashProcess'] },
            DISK_LOSS: { target: 'down', actions: ['crashProcess', 'wipeDisk'] },
          },
        },
      },
    },
    session: {
      initial: 'active',
      states: {
        active: {
          on: { CRASH: 'expiring', DISK_LOSS: 'expiring', CONTROLLER_CUT: 'expiring' },
        },
        expiring: {
          after: { SESSION_EXPIRY: { target: 'fenced', actions: ['fence'] } },
          on: {
            REGISTERED: 'active',
            CONTROLLER_HEALED: { guard: 'processRunning', target: 'active' },
          },
        },
        fenced: {
          on: {
            REGISTERED: 'active',
            CONTROLLER_HEALED: { guard: 'processRunning', actions: ['registerWithController'] },
          },
        },
      },
    },
    speed: {
      initial: 'normal',
      states: {
        normal: { on: { SLOW: { target: 'slow', actions: ['slowBroker', 'countSlow'] } } },
        slow: {
          on: {
            SLOW: { actions: ['slowBroker', 'countSlow'] },
            HEAL_SLOW: [
              { guard: 'stillSlowAfterHeal', actions: ['healBroker', 'countHealed'] },
              { target: 'normal', actions: ['healBroker', 'countHealed'] },
            ],
          },
        },
      },
    },
  },
});
