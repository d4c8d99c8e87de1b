/**
 * The producer's view of the cluster (the Java client's Metadata / ProducerMetadata): each
 * partition's leader as the last metadata response said, the partitions each broker leads, and
 * refreshes rate-limited to one per METADATA_MIN_INTERVAL_MS, answered after METADATA_RTT_MS.
 */
import type { ClusterEnv } from '../types';
import type { Partitioner } from './partitioner';

export const METADATA_RTT_MS = 2;
export const METADATA_MIN_INTERVAL_MS = 100;

export interface LeaderLookup {
  /** the controller's current leader of p (what a metadata response says) */
  leaderOf(p: number): number;
}

export class Metadata {
  /** leader of each partition, -1 = unknown (no leader) */
  readonly leaderOf: Int32Array;
  partitionsByLeader: number[][] = [];
  private pending = false;
  private lastUpdateMs = -Infinity;

  constructor(
    private readonly env: ClusterEnv,
    private readonly partitions: number,
    private readonly brokers: number,
    private readonly cluster: LeaderLookup,
    private readonly partitioner: Partitioner,
    /** the sender, woken when a response arrives */
    private readonly sender: { wake(t: number): void },
  ) {
    this.leaderOf = new Int32Array(partitions).fill(-1);
  }

  /** Initial metadata (bootstrap). */
  bootstrap(): void {
    this.apply();
  }

  request(): void {
    if (this.pending) return;
    const s = this.env.scheduler;
    this.pending = true;
    const at = Math.max(s.now, this.lastUpdateMs + METADATA_MIN_INTERVAL_MS) + METADATA_RTT_MS;
    s.at(at, () => {
      this.pending = false;
      this.lastUpdateMs = s.now;
      this.apply();
      this.sender.wake(s.now);
    });
  }

  private apply(): void {
    const P = this.partitions;
    const byLeader: number[][] = Array.from({ length: this.brokers }, () => []);
    let changed = false;
    for (let p = 0; p < P; p++) {
      const l = this.cluster.leaderOf(p);
      if (this.leaderOf[p] !== l) changed = true;
      this.leaderOf[p] = l;
      if (l >= 0) byLeader[l].push(p);
    }
    this.partitionsByLeader = byLeader;
    this.partitioner.setAvailable((p) => this.leaderOf[p] >= 0);
    if (changed) this.env.events.log({ type: 'metadata-update' });
  }
}
