/**
 * The consumer-side audit (kafka.md §3 harness notes): acknowledged records missing from the final
 * log, per partition; duplicates; records out of send order per partition and per key.
 */
import { describe, expect, it } from 'vitest';
import { auditLogs, type PartitionFinalLog } from '@/simulations/kafka/consumer/audit';
import type { LogEntry } from '@/simulations/kafka/broker/log';
import { REC, RecordTable } from '@/simulations/kafka/producer/producer';
import { simulate } from './harness';

let batchId = 0;
function entries(...batches: number[][]): LogEntry[] {
  let offset = 0;
  return batches.map((ids) => {
    const e: LogEntry = { baseOffset: offset, count: ids.length, leaderEpoch: 0, payload: { batchId: batchId++, partition: 0, recordIds: ids, producerId: 1, producerEpoch: -1, baseSequence: -1, wireBytes: 100 } };
    offset += ids.length;
    return e;
  });
}

describe('auditLogs', () => {
  it('counts lost acknowledged records per partition, duplicates, and reordering per partition and per key', () => {
    // records 0..7: keys alternate 0,1; partition 0 holds 0-3, partition 1 holds 4-7
    const rec = new RecordTable();
    for (let id = 0; id < 8; id++) {
      rec.add(id, id % 2, id < 4 ? 0 : 1);
      rec.state[id] = REC.acked;
    }
    const finals: PartitionFinalLog[] = [
      // p0: 1 lands before 0 (different keys: partition order broken, key order kept), 3 is lost
      { partition: 0, entries: entries([1], [0, 2]), hw: 3, offline: false },
      // p1: 6 before 4 (same key 0: both broken), 5 written twice
      { partition: 1, entries: entries([6, 5], [4, 5, 7]), hw: 2, offline: false },
    ];
    const a = auditLogs(finals, rec, 2);
    expect(a.lostAcked).toBe(1);
    expect(a.lostAckedByPartition).toEqual([1, 0]);
    expect(a.duplicates).toBe(1);
    expect(a.reordered).toBe(3); // 0 after 1; 5 after 6; 4 after 6
    expect(a.reorderedPerKey).toBe(1); // only 4 after 6 (both key 0); 5 is key 1 and its predecessor 7 comes later
    expect(a.committedRecords).toBe(3 + 2); // p1's second batch is above its HW
  });

  it('a keyed failover without idempotence reorders records within a key, and the run reports it', () => {
    const r = simulate({
      brokers: 3,
      topic: { partitions: 3, replicationFactor: 3, minInsyncReplicas: 2 },
      producer: { enableIdempotence: false },
      workload: { recordsPerSecond: 20_000, durationMs: 8_000, keys: 50 },
      faults: [{ atMs: 3_000, type: 'crash', role: 'leader', durationMs: 3_000 }],
    });
    expect(r.violations).toEqual([]);
    expect(r.audit.reordered).toBeGreaterThan(0);
    expect(r.audit.reorderedPerKey).toBeGreaterThan(0);
    expect(r.audit.reorderedPerKey).toBeLessThanOrEqual(r.audit.reordered);
  });
});
