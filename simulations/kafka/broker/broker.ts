/**
 * A broker process: its replicas, its request handler (normally instant; serial and slow while a
 * "slow" fault is active), produce handling per request (DelayedProduce across partitions), the
 * periodic ISR expiration check, and crash / restart / disk loss.
 */
import { Replica, type BrokerHost, type PendingAck } from './replica';
import { REPLICA_LAG_TIME_MAX_MS } from './isr';
import { PRODUCER } from '../net/network';
import type { ClusterEnv, PartitionResult, ProduceRequest } from '../types';
import type { ControlledBroker, Controller, PartitionMeta } from './controller';

/** A slow broker (noisy neighbour, slow disk): every request waits in one queue. */
export const SLOW_REQUEST_MS = 20;
export const SLOW_BYTES_PER_MS = 5_000;
export const PRODUCE_RESPONSE_BYTES = 50;

export class Broker implements BrokerHost, ControlledBroker {
  alive = true;
  incarnation = 0;
  slow = 0;
  dropResponses = 0;
  responsesDropped = 0;
  private handlerFreeAt = 0;
  readonly replicas: (Replica | undefined)[];

  constructor(
    readonly id: number,
    readonly env: ClusterEnv,
    private readonly brokers: Broker[],
    private readonly controller: () => Controller,
    assignments: readonly (readonly number[])[],
    /** where produce responses go */
    private readonly producerInbox: (req: ProduceRequest, results: PartitionResult[]) => void,
  ) {
    this.replicas = assignments.map((a, p) => (a.includes(id) ? new Replica(p, this, a) : undefined));
    this.scheduleIsrCheck();
  }

  /** one more (+1) or one fewer (-1) "slow" fault on this broker */
  adjustSlow(delta: 1 | -1): void {
    this.slow = Math.max(0, this.slow + delta);
  }

  peer(id: number): Broker {
    return this.brokers[id];
  }

  replica(p: number): Replica | undefined {
    return this.replicas[p];
  }

  alterIsr(partition: number, leaderEpoch: number, isr: number[], reason: 'shrink' | 'expand'): boolean {
    return this.controller().alterPartition(this.id, partition, leaderEpoch, isr, reason);
  }

  isEligible(broker: number): boolean {
    return this.controller().isUnfenced(broker);
  }

  handle(bytes: number, fn: () => void): void {
    if (this.slow <= 0) {
      fn();
      return;
    }
    const s = this.env.scheduler;
    const start = Math.max(s.now, this.handlerFreeAt);
    this.handlerFreeAt = start + SLOW_REQUEST_MS + bytes / SLOW_BYTES_PER_MS;
    const inc = this.incarnation;
    s.at(this.handlerFreeAt, () => {
      if (this.alive && this.incarnation === inc) fn();
    });
  }

  /**
   * The producer's connection as the broker sees it. LOUD: Kafka mutes a connection while one of
   * its requests is being processed (including acks=all purgatory) and reads the next only after
   * the response is sent, so requests of one connection are handled strictly one at a time, in order.
   */
  private conn = { gen: -1, queue: [] as ProduceRequest[], busy: false, pumping: false };

  /** A ProduceRequest arrived from the producer. */
  receiveProduce(req: ProduceRequest): void {
    if (!this.alive) return;
    if (req.connGen > this.conn.gen) this.conn = { gen: req.connGen, queue: [], busy: false, pumping: false };
    else if (req.connGen < this.conn.gen) return; // connection already closed by the client
    this.conn.queue.push(req);
    this.pumpConnection();
  }

  /** The client closed its connection (request timeout): unread requests are discarded. */
  producerDisconnected(gen: number): void {
    if (this.conn.gen <= gen) this.conn = { gen, queue: [], busy: false, pumping: false };
  }

  /**
   * LOUD: a loop, not recursion. A request answered synchronously (acks 0/1 on a healthy broker)
   * calls `done` inside this loop; recursing there overflowed the stack when a slow broker healed
   * with thousands of acks=0 requests queued on the connection.
   */
  private pumpConnection(): void {
    const conn = this.conn;
    if (conn.pumping) return;
    conn.pumping = true;
    while (this.conn === conn && !conn.busy && conn.queue.length > 0) {
      const req = conn.queue.shift()!;
      conn.busy = true;
      const done = () => {
        if (this.conn !== conn) return;
        conn.busy = false;
        if (!conn.pumping) this.pumpConnection();
      };
      this.handle(req.bytes, () => this.processProduce(req, done));
    }
    conn.pumping = false;
  }

  private processProduce(req: ProduceRequest, done: () => void): void {
    const n = req.batches.length;
    const results: PartitionResult[] = new Array(n);
    let pending = 0;
    let finished = false;
    const inc = this.incarnation;
    const finish = () => {
      if (finished) return;
      finished = true;
      if (!this.alive || this.incarnation !== inc) return;
      if (req.acks !== 0) {
        if (this.dropResponses > 0) this.responsesDropped++;
        else this.env.net.send(this.id, PRODUCER, PRODUCE_RESPONSE_BYTES + 30 * n, () => this.producerInbox(req, results));
      }
      done();
    };
    for (let i = 0; i < n; i++) {
      const b = req.batches[i];
      const r = this.replicas[b.partition];
      if (!r) {
        results[i] = { error: 'NOT_LEADER_OR_FOLLOWER', baseOffset: -1 };
        continue;
      }
      const idx = i;
      const res = r.appendFromProducer(b, req.acks, (): PendingAck => ({
        requiredOffset: 0,
        complete: (result) => {
          results[idx] = result;
          if (--pending === 0) finish();
        },
      }));
      if (res === null) pending++;
      else results[i] = res;
    }
    if (pending === 0) finish();
  }

  /** Controller metadata for one partition (LeaderAndIsr / KRaft metadata log record). */
  applyPartitionState(p: number, meta: PartitionMeta): void {
    const r = this.replicas[p];
    if (!r || !this.alive) return;
    if (meta.leaderEpoch < r.leaderEpoch) return;
    if (meta.leader === this.id) {
      if (r.role === 'leader' && r.leaderEpoch === meta.leaderEpoch) r.setIsr(meta.isr);
      else r.becomeLeader(meta.leaderEpoch, meta.isr);
    } else if (meta.leader < 0) {
      r.stop();
      r.leaderEpoch = meta.leaderEpoch;
      r.leaderId = -1;
      r.isr = [...meta.isr];
    } else if (r.role === 'follower' && r.leaderEpoch === meta.leaderEpoch && r.leaderId === meta.leader) {
      r.isr = [...meta.isr];
    } else {
      r.becomeFollower(meta.leader, meta.leaderEpoch, meta.isr);
    }
  }

  private scheduleIsrCheck(): void {
    const inc = this.incarnation;
    const period = REPLICA_LAG_TIME_MAX_MS / 2;
    this.env.scheduler.after(period, () => {
      if (!this.alive || this.incarnation !== inc) return;
      for (const r of this.replicas) r?.maybeShrinkIsr();
      this.scheduleIsrCheck();
    });
  }

  /** Process death: in-memory state (purgatory, fetch sessions, roles) is gone; the disk stays unless wiped. */
  crash(wipeDisk: boolean): void {
    if (!this.alive && !wipeDisk) return;
    this.alive = false;
    this.incarnation++;
    this.handlerFreeAt = 0;
    this.conn = { gen: this.conn.gen, queue: [], busy: false, pumping: false };
    for (const r of this.replicas) {
      if (!r) continue;
      r.stop();
      if (wipeDisk) r.wipe();
    }
  }

  /** Host power loss after a crash: each replica loses what it wrote since `since` (see Replica.loseUnflushedTail). */
  loseUnflushedTail(since: number): void {
    for (const r of this.replicas) r?.loseUnflushedTail(since);
  }

  /** Process start after log recovery; roles come from the controller on registration. */
  start(): void {
    if (this.alive) return;
    this.alive = true;
    for (const r of this.replicas) if (r) r.role = 'offline';
    this.scheduleIsrCheck();
  }
}
