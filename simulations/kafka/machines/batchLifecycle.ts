/**
 * Batch lifecycle (XState): accumulating -> ready -> inFlight -> acked | retrying | expired | failed
 * | dropped (| split, when a too-large batch is cut into pieces). The sender's hot path keeps the
 * same states as plain numbers on the batch (accumulator.ts BATCH); this machine is the specification
 * of the legal transitions. A normal run creates no actor of it: the tests mirror a run's batches
 * into it (tests/unit/kafka/batchTracer.ts) to check that every plain transition is one it allows.
 */
import { setup } from 'xstate';

export type BatchLifecycleEvent =
  | { type: 'READY' }
  | { type: 'SEND' }
  | { type: 'ACK' }
  | { type: 'RETRY' }
  | { type: 'EXPIRE' }
  | { type: 'FAIL' }
  | { type: 'DROP' }
  | { type: 'SPLIT' };

export const batchLifecycleMachine = setup({
  types: { events: {} as BatchLifecycleEvent },
}).createMachine({
  id: 'batch',
  initial: 'accumulating',
  states: {
    accumulating: { on: { READY: 'ready', SEND: 'inFlight', EXPIRE: 'expired' } },
    ready: { on: { SEND: 'inFlight', EXPIRE: 'expired' } },
    inFlight: { on: { ACK: 'acked', RETRY: 'retrying', EXPIRE: 'expired', FAIL: 'failed', DROP: 'dropped', SPLIT: 'split' } },
    retrying: { on: { SEND: 'inFlight', EXPIRE: 'expired', FAIL: 'failed', DROP: 'dropped' } },
    acked: { type: 'final' },
    expired: { type: 'final' },
    failed: { type: 'final' },
    dropped: { type: 'final' },
    split: { type: 'final' },
  },
});
