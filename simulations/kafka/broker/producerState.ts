/**
 * Idempotent-producer sequence checks on the leader (ProducerAppendInfo.checkSequence,
 * ProducerStateEntry with NUM_BATCHES_TO_RETAIN = 5).
 *
 * The state is derived from the tail of the replica's own log, so it is replicated and truncated
 * with the log for free (a new leader deduplicates retries of batches it copied; KIP-98 / row 2).
 */
import type { LogEntry, PartitionLog } from './log';

export const NUM_BATCHES_TO_RETAIN = 5;

export type SequenceVerdict =
  | { kind: 'append' }
  | { kind: 'duplicate'; entry: LogEntry }
  | { kind: 'error'; error: 'OUT_OF_ORDER_SEQUENCE_NUMBER' | 'UNKNOWN_PRODUCER_ID' | 'INVALID_PRODUCER_EPOCH' };

export function checkSequence(log: PartitionLog, producerId: number, epoch: number, baseSequence: number, count: number): SequenceVerdict {
  const recent: LogEntry[] = [];
  const entries = log.entries;
  for (let i = entries.length - 1; i >= 0 && recent.length < NUM_BATCHES_TO_RETAIN; i--) {
    const e = entries[i];
    if (e.payload.producerId === producerId && e.payload.producerEpoch >= 0) recent.push(e);
  }
  const lastSeq = baseSequence + count - 1;
  for (const e of recent) {
    const p = e.payload;
    if (p.producerEpoch === epoch && p.baseSequence === baseSequence && p.baseSequence + p.recordIds.length - 1 === lastSeq) {
      return { kind: 'duplicate', entry: e };
    }
  }
  if (recent.length === 0) {
    return baseSequence === 0 ? { kind: 'append' } : { kind: 'error', error: 'UNKNOWN_PRODUCER_ID' };
  }
  const last = recent[0].payload;
  if (epoch < last.producerEpoch) return { kind: 'error', error: 'INVALID_PRODUCER_EPOCH' };
  if (epoch > last.producerEpoch) return baseSequence === 0 ? { kind: 'append' } : { kind: 'error', error: 'OUT_OF_ORDER_SEQUENCE_NUMBER' };
  const lastStored = last.baseSequence + last.recordIds.length - 1;
  return baseSequence === lastStored + 1 ? { kind: 'append' } : { kind: 'error', error: 'OUT_OF_ORDER_SEQUENCE_NUMBER' };
}
