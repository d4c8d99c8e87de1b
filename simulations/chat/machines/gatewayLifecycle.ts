/**
 * Gateway lifecycle (XState): up → down (crash) → up after the outage; up → draining → up (restarted,
 * empty) after the drain window; up → partitioned → up when the partition heals. A crash without a
 * duration stays down for the run. One actor per gateway (at most a few hundred), so XState is cheap
 * here; the per-connection state of a million devices lives in typed arrays instead (devices/).
 *
 * The machine only decides WHEN; the effects on the fleet (faults/gatewayFaults.ts) come in through
 * `provide({ actions })` (lab/model.ts), each called with the gateway number from the context.
 */
import { assign, setup } from 'xstate';
import type { Fault } from '../faults/fault';

export type GatewayEvent =
  | { type: 'CRASH'; durationMs?: number }
  | { type: 'DRAIN'; durationMs?: number }
  | { type: 'PARTITION'; durationMs?: number };

export interface GatewayContext {
  gateway: number;
  /** duration of the current outage/drain/partition; null = forever */
  durationMs: number | null;
}

const DEFAULT_DRAIN_MS = 30_000;

/** The event a scheduled fault sends to its gateway's machine. */
export function gatewayEventOf(f: Fault): GatewayEvent {
  if (f.type === 'gateway-crash') return { type: 'CRASH', durationMs: f.durationMs };
  if (f.type === 'drain') return { type: 'DRAIN', durationMs: f.durationMs };
  return { type: 'PARTITION', durationMs: f.durationMs };
}

export const gatewayLifecycleMachine = setup({
  types: {
    context: {} as GatewayContext,
    events: {} as GatewayEvent,
    input: {} as { gateway: number },
  },
  actions: {
    rememberDuration: assign({
      durationMs: ({ event }) => (event.durationMs === undefined ? null : event.durationMs),
    }),
    rememberDrainWindow: assign({
      durationMs: ({ event }) => event.durationMs ?? DEFAULT_DRAIN_MS,
    }),
    crashed: () => {},
    restarted: () => {},
    drainStarted: () => {},
    drainFinished: () => {},
    partitioned: () => {},
    healed: () => {},
  },
  guards: {
    staysDown: ({ context }) => context.durationMs === null,
  },
  delays: {
    outage: ({ context }) => context.durationMs ?? 0,
  },
}).createMachine({
  id: 'gateway',
  context: ({ input }) => ({ gateway: input.gateway, durationMs: null }),
  initial: 'up',
  states: {
    up: {
      on: {
        CRASH: { target: 'down', actions: ['rememberDuration', 'crashed'] },
        DRAIN: { target: 'draining', actions: ['rememberDrainWindow', 'drainStarted'] },
        PARTITION: { target: 'partitioned', actions: ['rememberDuration', 'partitioned'] },
      },
    },
    down: {
      always: { guard: 'staysDown', target: 'dead' },
      after: { outage: { target: 'up', actions: 'restarted' } },
    },
    dead: {},
    draining: {
      on: { CRASH: { target: 'down', actions: ['rememberDuration', 'crashed'] } },
      after: { outage: { target: 'up', actions: 'drainFinished' } },
    },
    partitioned: {
      on: { CRASH: { target: 'down', actions: ['healed', 'rememberDuration', 'crashed'] } },
      always: { guard: 'staysDown', target: 'partitionedForever' },
      after: { outage: { target: 'up', actions: 'healed' } },
    },
    partitionedForever: {
      on: { CRASH: { target: 'down', actions: ['healed', 'rememberDuration', 'crashed'] } },
    },
  },
});
