/**
 * Batch lifecycle (XState): accumulating -> ready -> inFlight -> acked | retrying | expired | failed
 * | dropped (| split, when a too-large batch is cut into pieces). The sender's hot path keeps the
 * same states as plain numbers on the batch (accumulator.ts BATCH); a BatchTracer mirrors them into
 * one actor per batch for the first N batches of a run, so the lab can show them and the tests can
 * check that the plain transitions are ones this machine allows.
 */
import { createActor, setup, type Actor } from 'xstate';
import { BATCH, BATCH_STATE_NAMES, type ProducerBatch } from '../producer/accumulator';
import type { VirtualClock } from '../../core/clock';

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

const EVENT_FOR_STATE: Record<number, BatchLifecycleEvent['type']> = {
  [BATCH.ready]: 'READY',
  [BATCH.inFlight]: 'SEND',
  [BATCH.retrying]: 'RETRY',
  [BATCH.acked]: 'ACK',
  [BATCH.expired]: 'EXPIRE',
  [BATCH.failed]: 'FAIL',
  [BATCH.dropped]: 'DROP',
  [BATCH.split]: 'SPLIT',
};

export class BatchTracer {
  private actors = new Map<number, Actor<typeof batchLifecycleMachine>>();
  traced = 0;
  /** plain-state transitions the machine refused (must stay 0) */
  violations = 0;
  readonly finalStates: Record<string, number> = {};

  constructor(
    private readonly clock: VirtualClock,
    readonly limit: number,
  ) {}

  /** Mirror the batch's current plain state into its actor. */
  observe(b: ProducerBatch): void {
    let actor = this.actors.get(b.batchId);
    if (!actor) {
      if (this.traced >= this.limit) return;
      this.traced++;
      actor = createActor(batchLifecycleMachine, { clock: this.clock });
      actor.start();
      this.actors.set(b.batchId, actor);
    }
    const target = BATCH_STATE_NAMES[b.state];
    const snap = actor.getSnapshot();
    if (snap.value === target) return;
    const type = EVENT_FOR_STATE[b.state];
    if (!type || !snap.can({ type } as BatchLifecycleEvent)) {
      this.violations++;
      return;
    }
    actor.send({ type } as BatchLifecycleEvent);
    const after = actor.getSnapshot();
    if (after.status === 'done') {
      this.finalStates[String(after.value)] = (this.finalStates[String(after.value)] ?? 0) + 1;
      actor.stop();
      this.actors.delete(b.batchId);
    }
  }

  stateOf(batchId: number): string | undefined {
    return this.actors.get(batchId)?.getSnapshot().value as string | undefined;
  }
}
