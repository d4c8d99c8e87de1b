/**
 * A read_uncommitted consumer: polls every partition's current leader and reads up to its high
 * watermark. It remembers what it consumed, notices when the log under it was truncated
 * (LogTruncationException / offset reset, KIP-320) and counts reads past the HW (must stay 0).
 */
import type { LogEntry } from '../broker/log';
import type { Broker } from '../broker/broker';
import type { Controller } from '../broker/controller';
import type { ClusterEnv } from '../types';

export const CONSUMER_POLL_MS = 100;

interface PartitionView {
  position: number;
  consumed: LogEntry[];
  leaderEpoch: number;
}

export class Consumer {
  private views: PartitionView[];
  readsPastHw = 0;
  truncationsSeen = 0;
  recordsConsumed = 0;

  constructor(
    private readonly env: ClusterEnv,
    private readonly brokers: Broker[],
    private readonly controller: Controller,
    partitions: number,
  ) {
    this.views = Array.from({ length: partitions }, () => ({ position: 0, consumed: [], leaderEpoch: -1 }));
  }

  start(): void {
    this.env.scheduler.after(CONSUMER_POLL_MS, this.poll);
  }

  private readonly poll = (): void => {
    for (let p = 0; p < this.views.length; p++) this.pollPartition(p);
    this.env.scheduler.after(CONSUMER_POLL_MS, this.poll);
  };

  private pollPartition(p: number): void {
    const meta = this.controller.parts[p];
    if (meta.leader < 0) return;
    const leader = this.brokers[meta.leader];
    if (!leader.alive) return;
    const r = leader.replica(p);
    if (!r || r.role !== 'leader') return;
    const v = this.views[p];
    if (r.leaderEpoch !== v.leaderEpoch) {
      v.leaderEpoch = r.leaderEpoch;
      this.checkDivergence(p, v, r.log.entryAt.bind(r.log), r.log.leo);
    }
    const entries = r.log.read(v.position, 4 * 1024 * 1024, r.hw);
    for (const e of entries) {
      if (e.baseOffset + e.count > r.hw) this.readsPastHw++;
      v.consumed.push(e);
      v.position = e.baseOffset + e.count;
      this.recordsConsumed += e.count;
    }
  }

  /** After a leader change: does the new leader still hold what we consumed? */
  private checkDivergence(p: number, v: PartitionView, entryAt: (o: number) => LogEntry | undefined, leo: number): void {
    let i = v.consumed.length - 1;
    while (i >= 0) {
      const e = v.consumed[i];
      const mine = e.baseOffset + e.count <= leo ? entryAt(e.baseOffset) : undefined;
      if (mine && mine.payload === e.payload) break;
      i--;
    }
    if (i === v.consumed.length - 1) return;
    const resetTo = i >= 0 ? v.consumed[i].baseOffset + v.consumed[i].count : 0;
    this.truncationsSeen++;
    this.env.events.log({ type: 'consumer-truncation', partition: p, offset: resetTo });
    v.consumed.length = i + 1;
    v.position = resetTo;
  }

  consumedEntries(p: number): readonly LogEntry[] {
    return this.views[p].consumed;
  }
}
