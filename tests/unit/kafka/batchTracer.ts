/**
 * Test helper: mirrors a run's batches (their plain BATCH states) into one batch-lifecycle actor per
 * batch, for the first `limit` batches, and counts the transitions the machine refuses (must be 0).
 * Attached through the producer's onBatchState / onBatchDone hooks; a normal run never creates it.
 */
import { createActor, type Actor } from 'xstate';
import type { VirtualClock } from '@/simulations/core/clock';
import { batchLifecycleMachine, type BatchLifecycleEvent } from '@/simulations/kafka/machines/batchLifecycle';
import { BATCH, BATCH_STATE_NAMES, type ProducerBatch } from '@/simulations/kafka/producer/accumulator';
import type { KafkaProducer } from '@/simulations/kafka/producer/producer';

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

/** Mirror every batch of `producer` into `tracer` from now on. */
export function traceBatches(producer: KafkaProducer, tracer: BatchTracer): void {
  producer.onBatchState = (b) => tracer.observe(b);
  producer.onBatchDone = (b) => tracer.observe(b);
}
