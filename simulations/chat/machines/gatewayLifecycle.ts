/**
 * Gateway lifecycle (XState): up → down (crash) → up after the outage; up → draining → up (restarted,
 * empty) after the drain window; up → partitioned → up when the partition heals. A crash without a
 * duration stays down for the run. One actor per gateway (at most a few hundred), so XState is cheap
 * here; the per-connection state of a million devices lives in typed arrays instead (sim/model.ts).
 *
 * The model supplies the side effects through `provide({ actions })`.
 */
import { assign, setup } from 'xstate';

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
