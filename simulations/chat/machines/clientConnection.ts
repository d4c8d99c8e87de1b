/**
 * One client connection as an XState machine: offline → connecting → online → (lost) → backoff →
 * connecting … The backoff delays come from the pure rules in core/backoff.ts; heartbeats are sent
 * every `heartbeatMs` while online and a missing acknowledgement after `pingTimeoutMs` counts as a
 * lost connection (the only way a client notices a silent network partition).
 *
 * This is the readable reference for one client, used in small runs and tests. The lab's large runs
 * keep the same states in typed arrays (devices/deviceTable.ts: OFF / CONNECTING / ONLINE / BACKOFF,
 * driven by devices/connections.ts) because a million actors would not fit the time and memory budget.
 */
import { assign, setup } from 'xstate';
import { firstAttemptDelay, retryDelay, type BackoffConfig, type Uniform01 } from '../core/backoff';

export interface ClientConnectionInput {
  backoff: BackoffConfig;
  heartbeatMs: number;
  pingTimeoutMs: number;
  random: Uniform01;
}

export interface ClientConnectionContext extends ClientConnectionInput {
  /** failed attempts since the last successful connection */
  attempt: number;
  /** delay before the next attempt (ms) */
  delay: number;
  /** previous retry delay (decorrelated jitter); 0 = use base */
  prevDelay: number;
}

export type ClientConnectionEvent =
  | { type: 'LOGIN' }
  | { type: 'LOGOUT' }
  | { type: 'ACCEPTED' }
  | { type: 'REJECTED' }
  | { type: 'LOST' }
  | { type: 'HEARTBEAT_ACK' };

export const clientConnectionMachine = setup({
  types: {
    context: {} as ClientConnectionContext,
    events: {} as ClientConnectionEvent,
    input: {} as ClientConnectionInput,
  },
  actions: {
    openSocket: () => {},
    closeSocket: () => {},
    sendHeartbeat: () => {},
    planFirstAttempt: assign({
      attempt: 0,
      prevDelay: 0,
      delay: ({ context }) => firstAttemptDelay(context.backoff, context.random),
    }),
    planRetry: assign(({ context }) => {
      const delay = retryDelay(context.backoff, context.attempt, context.prevDelay, context.random);
      return { delay, prevDelay: delay, attempt: context.attempt + 1 };
    }),
    resetBackoff: assign({ attempt: 0, prevDelay: 0, delay: 0 }),
  },
  delays: {
    backoff: ({ context }) => context.delay,
    heartbeat: ({ context }) => context.heartbeatMs,
    pingTimeout: ({ context }) => context.pingTimeoutMs,
  },
}).createMachine({
  id: 'client',
  context: ({ input }) => ({ ...input, attempt: 0, delay: 0, prevDelay: 0 }),
  initial: 'offline',
  states: {
    offline: {
      on: { LOGIN: 'connecting' },
    },
    connecting: {
      entry: 'openSocket',
      on: {
        ACCEPTED: { target: 'online', actions: 'resetBackoff' },
        REJECTED: { target: 'backoff', actions: 'planRetry' },
        LOGOUT: 'offline',
      },
    },
    online: {
      initial: 'idle',
      states: {
        idle: { after: { heartbeat: 'awaitingAck' } },
        awaitingAck: {
          entry: 'sendHeartbeat',
          on: { HEARTBEAT_ACK: 'idle' },
          after: { pingTimeout: { target: '#client.backoff', actions: ['closeSocket', 'planFirstAttempt'] } },
        },
      },
      on: {
        LOST: { target: 'backoff', actions: 'planFirstAttempt' },
        LOGOUT: { target: 'offline', actions: 'closeSocket' },
      },
    },
    backoff: {
      after: { backoff: 'connecting' },
      on: { LOGOUT: 'offline' },
    },
  },
});
