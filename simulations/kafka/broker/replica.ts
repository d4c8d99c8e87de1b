/**
 * One broker's replica of one partition: its log, high watermark and role. As leader it appends
 * produce batches, answers follower fetches (long-poll), tracks follower LEOs, shrinks/expands the
 * ISR through the controller and completes acks=all requests when the HW passes them. As follower it
 * fetches from the leader, truncating first where its log diverges (leader epochs, KIP-320).
 */
import { PartitionLog, type BatchPayload, type LogEntry } from './log';
import { canJoinIsr, effectiveMinIsr, isCaughtUp, nextHighWatermark, recordFetch, REPLICA_LAG_TIME_MAX_MS, type FollowerState } from './isr';
import { checkSequence } from './producerState';
import { MESSAGE_MAX_BYTES } from '../config';
import type { ClusterEnv, ErrorCode, PartitionResult } from '../types';

export const REPLICA_FETCH_WAIT_MAX_MS = 500;
export const REPLICA_FETCH_BACKOFF_MS = 1000;
export const REPLICA_FETCH_MAX_BYTES = 1024 * 1024;
export const FETCH_REQUEST_BYTES = 120;

export interface BrokerHost {
  readonly id: number;
  readonly alive: boolean;
  readonly incarnation: number;
  env: ClusterEnv;
  peer(id: number): BrokerHost & { replica(p: number): Replica | undefined };
  /** AlterPartition to the controller; returns false if the controller is unreachable or refuses */
  alterIsr(partition: number, leaderEpoch: number, isr: number[], reason: 'shrink' | 'expand'): boolean;
  isEligible(broker: number): boolean;
  /** requests served by this broker go through its (possibly slow) request handler */
  handle(bytes: number, fn: () => void): void;
}

/** one partition of one produce request waiting for the HW (DelayedProduce) */
export interface PendingAck {
  requiredOffset: number;
  complete(result: PartitionResult): void;
}

interface FetchRequest {
  from: number;
  fetchOffset: number;
  lastFetchedEpoch: number;
  leaderEpoch: number;
  gen: number;
}

interface ParkedFetch {
  req: FetchRequest;
  since: number;
  reply: (resp: FetchResponse) => void;
}

export type Role = 'leader' | 'follower' | 'offline';

export class Replica {
  log = new PartitionLog();
  hw = 0;
  role: Role = 'offline';
  leaderEpoch = -1;
  leaderId = -1;
  /** leader: ISR as committed by the controller (the follower copy is informational) */
  isr: number[] = [];
  epochStartOffset = 0;
  followers = new Map<number, FollowerState>();
  private purgatory: PendingAck[] = [];
  private purgatoryHead = 0;
  private parked: ParkedFetch[] = [];
  private sweeperAt = Infinity;
  /** bumps whenever the fetch loop must restart (role change, crash, heal) */
  private fetchGen = 0;
  private fetchOutstanding = false;
  /** retries recognised from the producer-state window and answered with the original offset */
  duplicatesAnswered = 0;
  /** highest HW this replica ever exposed as leader (committed prefix, invariant 13) */
  maxHwExposed = 0;

  constructor(
    readonly partition: number,
    readonly host: BrokerHost,
    readonly assignment: readonly number[],
  ) {}

  private get env(): ClusterEnv {
    return this.host.env;
  }

  // ---- role changes ---------------------------------------------------------------------------

  becomeLeader(leaderEpoch: number, isr: number[]): void {
    const now = this.env.scheduler.now;
    this.failPurgatory('NOT_LEADER_OR_FOLLOWER');
    this.role = 'leader';
    this.leaderEpoch = leaderEpoch;
    this.leaderId = this.host.id;
    this.isr = [...isr];
    this.epochStartOffset = this.log.leo;
    this.log.assignEpoch(leaderEpoch, this.log.leo);
    this.followers.clear();
    for (const b of this.assignment) {
      if (b === this.host.id) continue;
      this.followers.set(b, { leo: -1, lastCaughtUpMs: isr.includes(b) ? now : 0, lastFetchMs: 0, lastFetchLeaderLeo: -1 });
    }
    this.parked = [];
    this.fetchGen++;
    this.fetchOutstanding = false;
    this.maybeAdvanceHw();
  }

  becomeFollower(leaderId: number, leaderEpoch: number, isr: number[]): void {
    this.failPurgatory('NOT_LEADER_OR_FOLLOWER');
    this.role = 'follower';
    this.leaderEpoch = leaderEpoch;
    this.leaderId = leaderId;
    this.isr = [...isr];
    this.followers.clear();
    this.parked = [];
    this.fetchGen++;
    this.fetchOutstanding = false;
    if (leaderId >= 0) this.sendFetch();
  }

  /** Partition offline or broker down. */
  stop(): void {
    this.failPurgatory(null);
    this.role = 'offline';
    this.parked = [];
    this.fetchGen++;
    this.fetchOutstanding = false;
  }

  setIsr(isr: number[]): void {
    this.isr = [...isr];
    if (this.role === 'leader') this.maybeAdvanceHw();
  }

  /** After a network heal: a fetch lost in the cut would otherwise hang forever. */
  restartFetching(): void {
    if (this.role !== 'follower' || this.leaderId < 0) return;
    this.fetchGen++;
    this.fetchOutstanding = false;
    this.sendFetch();
  }

  // ---- leader: produce ------------------------------------------------------------------------

  /**
   * Partition.appendRecordsToLeader for one batch. Returns the immediate result, or null when the
   * result waits for the HW (acks=all); `pending` then receives it.
   */
  appendFromProducer(payload: BatchPayload, acks: -1 | 0 | 1, makePending: () => PendingAck): PartitionResult | null {
    const cfg = this.env.cfg;
    if (this.role !== 'leader') return { error: 'NOT_LEADER_OR_FOLLOWER', baseOffset: -1 };
    // message.max.bytes is checked on the compressed batch (LogValidator)
    if (payload.wireBytes > MESSAGE_MAX_BYTES) return { error: 'MESSAGE_TOO_LARGE', baseOffset: -1 };
    if (acks === -1 && this.isr.length < cfg.minInsyncReplicas) {
      this.env.events.log({ type: 'not-enough-replicas', partition: this.partition, isr: this.isr.length, afterAppend: false });
      return { error: 'NOT_ENOUGH_REPLICAS', baseOffset: -1 };
    }
    let entry: LogEntry;
    if (payload.producerEpoch >= 0) {
      const v = checkSequence(this.log, payload.producerId, payload.producerEpoch, payload.baseSequence, payload.recordIds.length);
      if (v.kind === 'error') return { error: v.error, baseOffset: -1 };
      if (v.kind === 'duplicate') {
        // the original append answers; with acks=all it still has to be committed
        this.duplicatesAnswered++;
        entry = v.entry;
        return this.resultFor(entry, acks, makePending);
      }
    }
    entry = this.log.appendAsLeader(payload, this.leaderEpoch, this.env.scheduler.now);
    this.env.hooks?.leaderAppend?.(this.partition, this.host.id, acks, this.isr.length, entry.baseOffset, entry.count, this.leaderEpoch, payload);
    this.answerParkedFetches();
    this.maybeAdvanceHw();
    return this.resultFor(entry, acks, makePending);
  }

  private resultFor(entry: LogEntry, acks: -1 | 0 | 1, makePending: () => PendingAck): PartitionResult | null {
    if (acks !== -1) return { error: null, baseOffset: entry.baseOffset };
    const required = entry.baseOffset + entry.count;
    if (this.hw >= required) return this.ackAllResult(entry.baseOffset, required);
    const p = makePending();
    p.requiredOffset = required;
    // appends come in offset order, except duplicates of older batches: keep the queue sorted
    let i = this.purgatory.length;
    while (i > this.purgatoryHead && this.purgatory[i - 1].requiredOffset > required) i--;
    this.purgatory.splice(i, 0, p);
    (p as PendingAck & { baseOffset?: number }).baseOffset = entry.baseOffset;
    return null;
  }

  /** Partition.checkEnoughReplicasReachOffset once the HW reached the batch. */
  private ackAllResult(baseOffset: number, requiredOffset: number): PartitionResult {
    if (this.isr.length >= this.env.cfg.minInsyncReplicas) {
      const me = this.host.id;
      this.env.hooks?.ackAllSucceeded?.(this.partition, me, requiredOffset, this.isr, (b) => (b === me ? this.log.leo : (this.followers.get(b)?.leo ?? -1)));
      return { error: null, baseOffset };
    }
    this.env.events.log({ type: 'not-enough-replicas', partition: this.partition, isr: this.isr.length, afterAppend: true });
    return { error: 'NOT_ENOUGH_REPLICAS_AFTER_APPEND', baseOffset: -1 };
  }

  private completePurgatory(): void {
    const q = this.purgatory;
    while (this.purgatoryHead < q.length && q[this.purgatoryHead].requiredOffset <= this.hw) {
      const p = q[this.purgatoryHead++] as PendingAck & { baseOffset: number };
      p.complete(this.ackAllResult(p.baseOffset, p.requiredOffset));
    }
    if (this.purgatoryHead > 1024 && this.purgatoryHead * 2 > q.length) {
      this.purgatory = q.slice(this.purgatoryHead);
      this.purgatoryHead = 0;
    }
  }

  /** Pending acks die with the leadership; `error` null = broker crashed (no response at all). */
  private failPurgatory(error: ErrorCode | null): void {
    const q = this.purgatory;
    for (let i = this.purgatoryHead; i < q.length; i++) if (error) q[i].complete({ error, baseOffset: -1 });
    this.purgatory = [];
    this.purgatoryHead = 0;
  }

  maybeAdvanceHw(): void {
    if (this.role !== 'leader') return;
    const cfg = this.env.cfg;
    const me = this.host.id;
    const hw = nextHighWatermark(
      this.hw,
      this.isr,
      (b) => (b === me ? this.log.leo : (this.followers.get(b)?.leo ?? -1)),
      cfg.strictMinIsr,
      effectiveMinIsr(cfg.minInsyncReplicas, cfg.replicationFactor),
    );
    if (hw > this.hw) {
      const from = this.hw;
      this.hw = Math.min(hw, this.log.leo);
      this.env.hooks?.hwAdvanced?.(this.partition, me, from, this.hw, this.isr, this.leaderEpoch);
      if (this.hw > this.maxHwExposed) this.maxHwExposed = this.hw;
      this.completePurgatory();
    }
  }

  /** Periodic isr-expiration check (every replica.lag.time.max.ms / 2). */
  maybeShrinkIsr(): void {
    if (this.role !== 'leader') return;
    const now = this.env.scheduler.now;
    const out = this.isr.filter((b) => {
      if (b === this.host.id) return false;
      const f = this.followers.get(b);
      return !f || !isCaughtUp(f, this.log.leo, now, REPLICA_LAG_TIME_MAX_MS);
    });
    if (out.length === 0) return;
    const next = this.isr.filter((b) => !out.includes(b));
    if (this.host.alterIsr(this.partition, this.leaderEpoch, next, 'shrink')) this.maybeAdvanceHw();
  }

  // ---- leader: follower fetches ---------------------------------------------------------------

  handleFetch(req: FetchRequest, reply: (resp: FetchResponse) => void): void {
    if (this.role !== 'leader') return reply({ kind: 'error', gen: req.gen });
    if (req.leaderEpoch !== this.leaderEpoch) return reply({ kind: 'error', gen: req.gen });
    // divergence check (KIP-320 folded into Fetch)
    if (req.lastFetchedEpoch >= 0) {
      const { epoch, endOffset } = this.log.endOffsetForEpoch(req.lastFetchedEpoch);
      if (epoch !== req.lastFetchedEpoch || endOffset < req.fetchOffset) {
        return reply({ kind: 'diverging', gen: req.gen, epoch, endOffset });
      }
    }
    if (req.fetchOffset > this.log.leo) return reply({ kind: 'diverging', gen: req.gen, epoch: -1, endOffset: this.log.leo });
    const now = this.env.scheduler.now;
    const f = this.followers.get(req.from);
    if (f) {
      recordFetch(f, req.fetchOffset, this.log.leo, now);
      if (!this.isr.includes(req.from) && canJoinIsr(f.leo, this.hw, this.epochStartOffset, this.host.isEligible(req.from))) {
        this.host.alterIsr(this.partition, this.leaderEpoch, [...this.isr, req.from], 'expand');
      }
      this.maybeAdvanceHw();
    }
    if (req.fetchOffset < this.log.leo) {
      reply(this.dataResponse(req));
      return;
    }
    this.parked.push({ req, since: now, reply });
    this.armSweeper(now + REPLICA_FETCH_WAIT_MAX_MS);
  }

  private dataResponse(req: FetchRequest): FetchResponse {
    const entries = this.log.read(req.fetchOffset, REPLICA_FETCH_MAX_BYTES);
    return { kind: 'data', gen: req.gen, entries, hw: this.hw };
  }

  private answerParkedFetches(): void {
    if (this.parked.length === 0) return;
    const parked = this.parked;
    this.parked = [];
    for (const p of parked) p.reply(this.dataResponse(p.req));
  }

  private armSweeper(at: number): void {
    if (at >= this.sweeperAt) return;
    this.sweeperAt = at;
    const gen = this.fetchGen;
    this.env.scheduler.at(at, () => {
      if (this.sweeperAt !== at) return;
      this.sweeperAt = Infinity;
      if (gen !== this.fetchGen || this.role !== 'leader') return;
      const now = this.env.scheduler.now;
      const keep: ParkedFetch[] = [];
      for (const p of this.parked) {
        if (p.since + REPLICA_FETCH_WAIT_MAX_MS <= now) p.reply({ kind: 'data', gen: p.req.gen, entries: [], hw: this.hw });
        else keep.push(p);
      }
      this.parked = keep;
      if (keep.length) this.armSweeper(keep[0].since + REPLICA_FETCH_WAIT_MAX_MS);
    });
  }

  // ---- follower -------------------------------------------------------------------------------

  private sendFetch(): void {
    if (this.fetchOutstanding || this.role !== 'follower' || !this.host.alive) return;
    const leaderId = this.leaderId;
    if (leaderId < 0) return;
    this.fetchOutstanding = true;
    const gen = this.fetchGen;
    const req: FetchRequest = {
      from: this.host.id,
      fetchOffset: this.log.leo,
      lastFetchedEpoch: this.log.lastEntry ? this.log.lastEntry.leaderEpoch : -1,
      leaderEpoch: this.leaderEpoch,
      gen,
    };
    const env = this.env;
    const me = this.host.id;
    const leader = this.host.peer(leaderId);
    const incarnation = this.host.incarnation;
    const onReply = (resp: FetchResponse) => {
      const bytes = resp.kind === 'data' ? 60 + resp.entries.reduce((s, e) => s + e.payload.wireBytes, 0) : 60;
      env.net.send(leaderId, me, bytes, () => {
        if (!this.host.alive || this.host.incarnation !== incarnation) return;
        this.onFetchResponse(resp);
      });
    };
    env.net.send(me, leaderId, FETCH_REQUEST_BYTES, () => {
      if (!leader.alive) {
        // connection refused by a dead process
        env.scheduler.after(env.net.link.latencyMs, () => this.onFetchResponse({ kind: 'error', gen }));
        return;
      }
      leader.handle(FETCH_REQUEST_BYTES, () => {
        if (!leader.alive) return;
        const r = leader.replica(this.partition);
        if (!r) return onReply({ kind: 'error', gen });
        r.handleFetch(req, onReply);
      });
    });
  }

  private onFetchResponse(resp: FetchResponse): void {
    if (resp.gen !== this.fetchGen) return;
    this.fetchOutstanding = false;
    if (this.role !== 'follower') return;
    const env = this.env;
    switch (resp.kind) {
      case 'error': {
        const gen = this.fetchGen;
        env.scheduler.after(REPLICA_FETCH_BACKOFF_MS, () => {
          if (gen === this.fetchGen) this.sendFetch();
        });
        return;
      }
      case 'diverging': {
        // truncate to where our log and the leader's agree, then fetch again
        // AbstractFetcherThread truncation: agree on the largest common epoch, cut after its end
        let to: number;
        if (resp.epoch < 0) to = Math.max(0, Math.min(resp.endOffset, this.log.leo));
        else {
          const mine = this.log.endOffsetForEpoch(resp.epoch);
          if (mine.epoch < 0) to = Math.min(resp.endOffset, this.log.leo);
          else if (mine.epoch !== resp.epoch) to = mine.endOffset;
          else to = Math.min(resp.endOffset, mine.endOffset);
        }
        const before = this.log.leo;
        this.truncate(to);
        if (this.log.leo < before) this.sendFetch();
        else {
          // LOUD: no progress must not refetch at the same instant (infinite zero-time loop)
          const gen = this.fetchGen;
          env.scheduler.after(REPLICA_FETCH_BACKOFF_MS, () => {
            if (gen === this.fetchGen) this.sendFetch();
          });
        }
        return;
      }
      case 'data': {
        for (const e of resp.entries) {
          if (e.baseOffset !== this.log.leo) break;
          this.log.appendReplica(e, this.env.scheduler.now);
        }
        this.hw = Math.max(this.hw, Math.min(resp.hw, this.log.leo));
        if (this.hw > this.log.leo) this.hw = this.log.leo;
        this.sendFetch();
        return;
      }
    }
  }

  truncate(to: number): void {
    const removed = this.log.truncateTo(to);
    if (removed.length) this.env.hooks?.truncated?.(this.partition, this.host.id, this.log.leo, removed);
    if (this.hw > this.log.leo) this.hw = this.log.leo;
    if (removed.length) {
      let records = 0;
      for (const e of removed) records += e.count;
      this.env.events.log({ type: 'truncate', partition: this.partition, broker: this.host.id, toOffset: this.log.leo, removedRecords: records });
      this.onTruncate?.(this, removed);
    }
  }

  onTruncate?: (replica: Replica, removed: LogEntry[]) => void;

  /**
   * Power loss of the host: the page cache dies with it, so what this replica wrote at or after
   * `since` (not yet fsynced; Kafka acknowledges without fsync) is gone. The HW checkpoint cannot
   * be above what survived.
   */
  loseUnflushedTail(since: number): void {
    this.truncate(this.log.offsetWrittenSince(since));
    if (this.maxHwExposed > this.log.leo) this.maxHwExposed = this.log.leo;
  }

  /** Disk loss: everything gone, including the HW checkpoint and the epoch cache. */
  wipe(): void {
    this.log.wipe();
    this.hw = 0;
    this.maxHwExposed = 0;
  }
}

export type FetchResponse =
  | { kind: 'data'; gen: number; entries: LogEntry[]; hw: number }
  | { kind: 'diverging'; gen: number; epoch: number; endOffset: number }
  | { kind: 'error'; gen: number };
