/**
 * End-of-run audit against what the producer saw: acknowledged records missing from the final log
 * (lost), extra copies (duplicates), and records out of send order, per partition and per key
 * (first occurrences only). Record ids are assigned in send() order, so "out of order" = an id
 * smaller than one already seen.
 */
import type { LogEntry } from '../broker/log';
import { REC, type RecordTable } from '../producer/producer';

export interface PartitionFinalLog {
  partition: number;
  entries: readonly LogEntry[];
  hw: number;
  offline: boolean;
}

export interface AuditResult {
  lostAcked: number;
  lostAckedByPartition: number[];
  duplicates: number;
  /** records appearing after a later-sent record of the same partition */
  reordered: number;
  /** the same, per key (keyed workloads) */
  reorderedPerKey: number;
  committedRecords: number;
  /** records whose callback reported failure but which are in the log (ambiguous outcomes) */
  failedButWritten: number;
  recordsInLog: number;
}

export function auditLogs(finals: readonly PartitionFinalLog[], records: RecordTable, keys: number): AuditResult {
  const n = records.count;
  const presence = new Uint8Array(n);
  const seen = new Uint8Array(n);
  const maxByKey = keys > 0 ? new Int32Array(keys).fill(-1) : null;
  let duplicates = 0;
  let reordered = 0;
  let reorderedPerKey = 0;
  let committed = 0;
  let inLog = 0;
  for (const f of finals) {
    let maxSeen = -1;
    for (const e of f.entries) {
      if (e.baseOffset + e.count <= f.hw) committed += e.count;
      const ids = e.payload.recordIds;
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i];
        inLog++;
        if (presence[id] < 255) presence[id]++;
        if (presence[id] > 1) duplicates++;
        if (seen[id]) continue;
        seen[id] = 1;
        if (id < maxSeen) reordered++;
        else maxSeen = id;
        if (maxByKey) {
          const k = records.key[id];
          if (k >= 0) {
            if (id < maxByKey[k]) reorderedPerKey++;
            else maxByKey[k] = id;
          }
        }
      }
    }
  }
  let lost = 0;
  let failedButWritten = 0;
  const st = records.state;
  const lostByPartition = new Array(finals.length).fill(0);
  for (let id = 0; id < n; id++) {
    if (st[id] === REC.acked && presence[id] === 0) {
      lost++;
      const p = records.partition[id];
      if (p >= 0 && p < lostByPartition.length) lostByPartition[p]++;
    } else if (st[id] === REC.failed && presence[id] > 0) failedButWritten++;
  }
  return { lostAcked: lost, lostAckedByPartition: lostByPartition, duplicates, reordered, reorderedPerKey, committedRecords: committed, failedButWritten, recordsInLog: inLog };
}
