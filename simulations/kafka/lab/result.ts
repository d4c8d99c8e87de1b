/** The result of a Kafka run: the CLI's --json document, plus the audit's per-partition facts a view explains it with. */
import type { KafkaModel } from './model';

/** The --json document (tests/unit/kafka/config.test.ts pins its keys). */
export interface KafkaResult {
  sent: number;
  acked: number;
  failed: Record<string, number>;
  dropped: number;
  lostAcked: number;
  duplicates: number;
  reordered: number;
  blockedMs: number;
  ackLatencyMs: { p50: number; p99: number };
  meanBatchRecords: number;
  requests: number;
  maxAccumulatorBytes: number;
  committedRecords: number;
  events: number;
}

/** What the end-of-run audit (O(records)) found beyond the document's totals. */
export interface AuditFacts {
  /** records whose callback reported failure but which are in the log (ambiguous outcomes) */
  failedButWritten: number;
  /** acknowledged records missing from each partition's final log */
  lostAckedByPartition: number[];
  /** records that landed behind a later-sent record of the same key (keyed workloads) */
  reorderedPerKey: number;
}

/** `lab.result`: the document and, apart, the audit facts (not printed by --json). */
export interface KafkaRunResult extends KafkaResult {
  audit: AuditFacts;
}

const EMPTY_RESULT: KafkaResult = {
  sent: 0, acked: 0, failed: {}, dropped: 0, lostAcked: 0, duplicates: 0, reordered: 0, blockedMs: 0,
  ackLatencyMs: { p50: 0, p99: 0 }, meanBatchRecords: 0, requests: 0, maxAccumulatorBytes: 0, committedRecords: 0, events: 0,
};

export function kafkaResult(model: KafkaModel): KafkaRunResult {
  const sim = model.sim;
  if (!sim) return { ...EMPTY_RESULT, failed: {}, ackLatencyMs: { p50: 0, p99: 0 }, audit: { failedButWritten: 0, lostAckedByPartition: [], reorderedPerKey: 0 } };
  const pr = sim.producer;
  const a = sim.audit();
  const counts = sim.ctx.recorder.counts();
  let events = 0;
  for (const v of Object.values(counts)) events += v;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    sent: pr.sent,
    acked: pr.ackedCount,
    failed: { ...pr.failedBy },
    dropped: pr.droppedFull,
    lostAcked: a.lostAcked,
    duplicates: a.duplicates,
    reordered: a.reordered,
    blockedMs: round(pr.blockedMs),
    ackLatencyMs: { p50: round(pr.latency.quantile(0.5)), p99: round(pr.latency.quantile(0.99)) },
    meanBatchRecords: pr.sender.batchesSent ? round(pr.sender.recordsInSentBatches / pr.sender.batchesSent) : 0,
    requests: pr.sender.requests,
    maxAccumulatorBytes: pr.pool.maxUsed,
    committedRecords: a.committedRecords,
    events,
    audit: { failedButWritten: a.failedButWritten, lostAckedByPartition: a.lostAckedByPartition, reorderedPerKey: a.reorderedPerKey },
  };
}

/** The --json document: the result without the audit facts, keys in the documented order. */
export function resultDocument(r: KafkaResult): KafkaResult {
  return {
    sent: r.sent, acked: r.acked, failed: r.failed, dropped: r.dropped, lostAcked: r.lostAcked, duplicates: r.duplicates, reordered: r.reordered, blockedMs: r.blockedMs,
    ackLatencyMs: r.ackLatencyMs, meanBatchRecords: r.meanBatchRecords, requests: r.requests, maxAccumulatorBytes: r.maxAccumulatorBytes, committedRecords: r.committedRecords, events: r.events,
  };
}
