/**
 * The KRaft controller (modelled as one always-up quorum): partition leaders, leader epochs and ISRs,
 * broker fencing when a session expires, registration on restart, AlterPartition from leaders, and
 * leader election (clean, or unclean when the topic allows it).
 */
import { electLeader, nextElr, shrinkIsrOnFence } from './election';
import { effectiveMinIsr } from './isr';
import { CONTROLLER } from '../net/network';
import type { ClusterEnv } from '../types';

export interface PartitionMeta {
  readonly replicas: readonly number[];
  leader: number;
  leaderEpoch: number;
  isr: number[];
  /** Eligible Leader Replicas (KIP-966); always empty unless topic.eligibleLeaderReplicas */
  elr: number[];
  partitionEpoch: number;
}

export interface ElectionInfo {
  partition: number;
  oldLeader: number;
  leader: number;
  leaderEpoch: number;
  unclean: boolean;
}

/** What the controller sees of a broker (the Broker class implements it; broker.ts depends on this file, not the reverse). */
export interface ControlledBroker {
  readonly alive: boolean;
  /** bumped on every restart: a registration with a new one is an unclean restart */
  readonly incarnation: number;
  applyPartitionState(p: number, meta: PartitionMeta): void;
}

export class Controller {
  readonly parts: PartitionMeta[];
  private readonly unfenced: boolean[];
  /** broker incarnation at its last registration: a different one on register = an unclean restart */
  private readonly registeredIncarnation: number[];
  /** called after every leader change (the audit checks acked batches against the new leader) */
  onElection: ((e: ElectionInfo) => void)[] = [];
  uncleanElections = 0;

  constructor(
    private readonly env: ClusterEnv,
    private readonly brokers: () => readonly ControlledBroker[],
    assignments: readonly (readonly number[])[],
  ) {
    this.parts = assignments.map((replicas) => ({ replicas, leader: replicas[0], leaderEpoch: 0, isr: [...replicas], elr: [], partitionEpoch: 0 }));
    this.unfenced = Array.from({ length: env.cfg.brokers }, () => true);
    this.registeredIncarnation = Array.from({ length: env.cfg.brokers }, () => 0);
  }

  /** Initial metadata push (topic creation). */
  start(): void {
    for (let p = 0; p < this.parts.length; p++) this.propagate(p);
  }

  /** Every ISR change goes through here, so the ELR follows it (KIP-966). */
  private setIsr(meta: PartitionMeta, isr: number[]): void {
    if (this.env.cfg.elr) meta.elr = nextElr(meta.isr, isr, meta.elr, effectiveMinIsr(this.env.cfg.minInsyncReplicas, meta.replicas.length));
    meta.isr = isr;
  }

  isUnfenced(b: number): boolean {
    return this.unfenced[b];
  }

  reachable(b: number): boolean {
    return !this.env.net.isCut(b, CONTROLLER);
  }

  leaderOf(p: number): number {
    return this.parts[p].leader;
  }

  /** Push one partition's state to every replica the controller can reach. */
  propagate(p: number, only?: number): void {
    const meta = this.parts[p];
    const brokers = this.brokers();
    for (const b of meta.replicas) {
      if (only !== undefined && b !== only) continue;
      if (brokers[b].alive && this.isRegistered(b) && this.reachable(b)) brokers[b].applyPartitionState(p, meta);
    }
  }

  /**
   * LOUD: a restarted process is not the incarnation the controller knows until it registers. Before
   * that it must not receive partition state, or it would act on its old self's leadership (with a
   * log it may have lost) during log recovery.
   */
  isRegistered(b: number): boolean {
    return this.brokers()[b].incarnation === this.registeredIncarnation[b];
  }

  /** Push everything to one broker (registration, or its controller link healed). */
  resync(b: number): void {
    for (let p = 0; p < this.parts.length; p++) if (this.parts[p].replicas.includes(b)) this.propagate(p, b);
  }

  /** Session expired (no heartbeat for broker.session.timeout.ms). */
  fence(b: number): void {
    if (!this.unfenced[b]) return;
    this.unfenced[b] = false;
    this.env.events.log({ type: 'broker-fenced', broker: b });
    for (let p = 0; p < this.parts.length; p++) {
      const meta = this.parts[p];
      if (meta.leader === b) this.elect(p);
      else if (meta.isr.includes(b)) {
        const isr = shrinkIsrOnFence(meta.isr, b);
        if (isr.length !== meta.isr.length) {
          this.setIsr(meta, isr);
          meta.partitionEpoch++;
          this.env.events.log({ type: 'isr-change', partition: p, isr: [...isr], reason: 'fenced' });
          this.propagate(p);
        }
      }
    }
  }

  /** A (re)started broker registers; an old incarnation still registered is fenced first. */
  register(b: number): void {
    if (this.unfenced[b]) this.fence(b);
    // KIP-966: a broker back from an unclean shutdown (every crash here) may have lost its
    // un-fsynced tail, so it is no longer eligible; a fenced-but-running broker keeps its place
    const inc = this.brokers()[b].incarnation;
    if (inc !== this.registeredIncarnation[b]) {
      this.registeredIncarnation[b] = inc;
      for (const meta of this.parts) if (meta.elr.includes(b)) meta.elr = meta.elr.filter((x) => x !== b);
    }
    this.unfenced[b] = true;
    this.env.events.log({ type: 'broker-registered', broker: b });
    for (let p = 0; p < this.parts.length; p++) {
      const meta = this.parts[p];
      if (!meta.replicas.includes(b)) continue;
      if (meta.leader < 0) this.elect(p);
      this.propagate(p, b);
    }
  }

  private elect(p: number): void {
    const meta = this.parts[p];
    const old = meta.leader;
    const res = electLeader(meta.replicas, meta.isr, (x) => this.unfenced[x], this.env.cfg.unclean, meta.elr);
    if (res.leader < 0 && old < 0) return; // still offline, nothing changes
    meta.leaderEpoch++;
    meta.partitionEpoch++;
    meta.leader = res.leader;
    if (res.leader >= 0) {
      this.setIsr(meta, res.isr);
      if (res.unclean) this.uncleanElections++;
      this.env.events.log({ type: 'leader-elected', partition: p, leader: res.leader, leaderEpoch: meta.leaderEpoch, isr: [...meta.isr], unclean: res.unclean, ...(res.fromElr ? { fromElr: true } : {}) });
    } else {
      // offline: drop fenced members but never empty the ISR
      let isr = meta.isr;
      for (const x of [...isr]) if (!this.unfenced[x]) isr = shrinkIsrOnFence(isr, x);
      this.setIsr(meta, isr);
      this.env.events.log({ type: 'partition-offline', partition: p, leaderEpoch: meta.leaderEpoch, isr: [...meta.isr] });
    }
    this.propagate(p);
    for (const fn of this.onElection) fn({ partition: p, oldLeader: old, leader: res.leader, leaderEpoch: meta.leaderEpoch, unclean: res.unclean });
  }

  /** AlterPartition from a leader. */
  alterPartition(from: number, p: number, leaderEpoch: number, isr: number[], reason: 'shrink' | 'expand'): boolean {
    if (!this.reachable(from)) return false;
    const meta = this.parts[p];
    if (meta.leader !== from || meta.leaderEpoch !== leaderEpoch) return false;
    if (isr.length === 0 || !isr.includes(from)) return false;
    for (const b of isr) if (!meta.isr.includes(b) && !this.unfenced[b]) return false;
    this.setIsr(meta, [...isr]);
    meta.partitionEpoch++;
    this.env.events.log({ type: 'isr-change', partition: p, isr: [...isr], reason });
    this.propagate(p);
    return true;
  }
}
