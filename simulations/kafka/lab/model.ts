/**
 * One Kafka run: a topic on B brokers with the KRaft controller, one producer (and its application
 * thread), a read_uncommitted consumer, the fault schedule, the broker lifecycle machines and series
 * sampling. Everything runs on ctx.scheduler; randomness comes from named ctx.rng streams.
 * `createModel` maps the lab's params onto the parts' settings; `kafkaFrame` is what a view may draw.
 */
import { createActor, type Actor } from 'xstate';
import type { SimContext } from '../../core/lab';
import { ConfigException, resolveConfig, type KafkaSettings, type KafkaVersion, type ResolvedConfig } from '../config';
import type { ClusterEnv, KafkaEvent, ReplicationHooks } from '../types';
import { Network, PRODUCER } from '../net/network';
import { Broker } from '../broker/broker';
import { Controller, type ElectionInfo } from '../broker/controller';
import { KafkaProducer } from '../producer/producer';
import { BATCH_STATE_NAMES } from '../producer/accumulator';
import type { PartitionerKind } from '../producer/partitioner';
import type { KeylessPartitionerFactory } from '../producer/keylessPartitioner';
import { pluginGuard } from '../../core/pluginFailure';
import { Consumer } from '../consumer/consumer';
import { auditLogs, type AuditResult, type PartitionFinalLog } from '../consumer/audit';
import { brokerLifecycleMachine, BROKER_HEARTBEAT_INTERVAL_MS } from '../machines/brokerLifecycle';
import { FaultInjector } from '../faultInjector';
import type { KafkaParams } from './schema';
import {
  FRAME_BATCHES,
  FRAME_PARTITIONS,
  sampleIntervalMs,
  tailSampleIntervalMs,
  REPLICA_SERIES_PARTITIONS,
  type BatchView,
  type BrokerView,
  type ClusterView,
  type KafkaFrame,
  type KafkaSeries,
  type LiveFacts,
  type PartitionView,
  type ReplicaView,
} from './series';

export const SAMPLE_MS = 100;

export type KafkaContext = SimContext<KafkaEvent, KafkaSeries>;

export interface KafkaModel {
  sim: KafkaSim | null;
  /** ConfigException message when the params are an invalid combination */
  error: string | null;
}

/** The lab's params (dotted schema keys) → what the client was asked for. */
function settingsOf(p: KafkaParams): KafkaSettings {
  return {
    version: p.kafkaVersion as KafkaVersion,
    brokers: p.brokers,
    partitions: p['topic.partitions'],
    replicationFactor: p['topic.replicationFactor'],
    minInsyncReplicas: p['topic.minInsyncReplicas'],
    unclean: p['topic.uncleanLeaderElection'],
    elr: p['topic.eligibleLeaderReplicas'],
    acks: p['producer.acks'],
    lingerMs: p['producer.lingerMs'],
    batchSize: p['producer.batchSize'],
    bufferMemory: p['producer.bufferMemory'],
    maxBlockMs: p['producer.maxBlockMs'],
    onBufferFull: p['producer.onBufferFull'],
    retries: p['producer.retries'],
    retryBackoffMs: p['producer.retryBackoffMs'],
    requestTimeoutMs: p['producer.requestTimeoutMs'],
    deliveryTimeoutMs: p['producer.deliveryTimeoutMs'],
    maxInFlight: p['producer.maxInFlight'],
    enableIdempotence: p['producer.enableIdempotence'],
    maxRequestSize: p['producer.maxRequestSize'],
    partitioner: p['producer.partitioner'] as PartitionerKind,
    compressionRatio: p['producer.compressionRatio'],
    recordsPerSecond: p['workload.recordsPerSecond'],
    recordBytes: p['workload.recordBytes'],
    keys: p['workload.keys'],
    durationMs: p['workload.durationMs'],
    faults: p.faults,
  };
}

/** The effective configuration for these params; throws ConfigException as the client would. */
export function configOf(p: KafkaParams): ResolvedConfig {
  return resolveConfig(settingsOf(p));
}

/** Build the run (not started on the scheduler beyond its first events); invalid params log one config-error. */
/** `keyless`: the code lab's learner partitioner, in place of producer.partitioner's keyless choice. */
export function createModel(params: KafkaParams, ctx: KafkaContext, keyless?: KeylessPartitionerFactory): KafkaModel {
  let cfg;
  try {
    cfg = configOf(params);
  } catch (e) {
    const text = e instanceof ConfigException ? e.message : String(e);
    ctx.recorder.log({ type: 'config-error', text });
    return { sim: null, error: text };
  }
  const guard = pluginGuard(ctx.scheduler);
  // the learner's partitioner behind the plug-in guard (core/pluginFailure.ts): its first failure stops the run
  const guarded: KeylessPartitionerFactory | undefined = keyless && ((env, seed) => {
    const inner = keyless(env, seed);
    return { choose: (input) => guard(() => inner.choose(input), { partition: input.available[0] ?? 0 }) };
  });
  const sim = new KafkaSim(cfg, ctx, { keyless: guarded });
  sim.start();
  return { sim, error: null };
}

export function assignmentsFor(partitions: number, brokers: number, rf: number): number[][] {
  return Array.from({ length: partitions }, (_, p) => Array.from({ length: rf }, (_, i) => (p + i) % brokers));
}

export class KafkaSim {
  readonly env: ClusterEnv;
  readonly net: Network;
  readonly brokers: Broker[] = [];
  readonly controller: Controller;
  readonly producer: KafkaProducer;
  readonly consumer: Consumer;
  readonly machines: Actor<typeof brokerLifecycleMachine>[] = [];
  readonly assignments: number[][];
  readonly brokerStates: string[];
  /** acked batches found missing from a newly elected leader's log (live view of losses) */
  liveLostAcked = 0;
  /** records a leader appended a second time (a retry after the first append's ack was lost) */
  duplicateWrites = 0;
  uncleanOrDiskLossSeen = false;
  diskLosses = 0;
  /** the disk losses that lost only the un-fsynced tail (lostTailMs) */
  tailLosses = 0;
  readonly faults: FaultInjector;
  private lastSample = { t: 0, sent: 0, acked: 0 };
  private readonly sampleMs: number;
  private readonly tailSampleMs: number;
  private audited: AuditResult | null = null;

  constructor(
    readonly cfg: ResolvedConfig,
    readonly ctx: KafkaContext,
    options: { hooks?: ReplicationHooks; keyless?: KeylessPartitionerFactory } = {},
  ) {
    const scheduler = ctx.scheduler;
    this.sampleMs = sampleIntervalMs(cfg.durationMs);
    this.tailSampleMs = tailSampleIntervalMs(cfg.durationMs);
    this.net = new Network(scheduler);
    const recorder = ctx.recorder;
    // the lab's own observation (duplicate writes) chained before any checker's hooks
    const user = options.hooks;
    const appended = new WeakSet<object>();
    const hooks: ReplicationHooks = {
      ...user,
      leaderAppend: (p, b, acks, isrSize, baseOffset, count, epoch, payload) => {
        if (appended.has(payload)) this.duplicateWrites += count;
        else appended.add(payload);
        user?.leaderAppend?.(p, b, acks, isrSize, baseOffset, count, epoch, payload);
      },
    };
    this.env = { scheduler, net: this.net, cfg, events: { log: (e: KafkaEvent) => recorder.log(e) }, hooks };
    for (const text of cfg.notes) this.env.events.log({ type: 'config-note', text });
    this.assignments = assignmentsFor(cfg.partitions, cfg.brokers, cfg.replicationFactor);
    this.controller = new Controller(this.env, () => this.brokers, this.assignments);
    const brokers = this.brokers;
    this.producer = new KafkaProducer(this.env, cfg, ctx.rng, {
      leaderOf: (p) => this.controller.leaderOf(p),
      canConnect: (node) => brokers[node].alive && !this.net.isCut(PRODUCER, node),
      deliver: (node, req) => brokers[node].receiveProduce(req),
      disconnected: (node, gen) => {
        this.net.send(PRODUCER, node, 0, () => brokers[node].producerDisconnected(gen));
      },
    }, options.keyless);
    for (let b = 0; b < cfg.brokers; b++) {
      brokers.push(new Broker(b, this.env, brokers, () => this.controller, this.assignments, (req, results) => this.producer.sender.onResponse(req, results)));
    }
    this.brokerStates = brokers.map(() => 'running/active/normal');
    this.controller.onElection.push((e) => this.onElection(e));
    for (let b = 0; b < cfg.brokers; b++) this.machines.push(this.createBrokerMachine(b));
    this.faults = new FaultInjector({ scheduler, events: this.env.events, net: this.net, controller: this.controller, brokers, machines: this.machines });
    this.consumer = new Consumer(this.env, brokers, this.controller, cfg.partitions);
  }

  start(): void {
    this.controller.start();
    this.producer.start();
    this.consumer.start();
    this.faults.schedule(this.cfg.faults);
    this.ctx.scheduler.after(this.sampleMs, this.sample);
  }

  // ---- brokers ---------------------------------------------------------------------------------

  private createBrokerMachine(b: number): Actor<typeof brokerLifecycleMachine> {
    const broker = this.brokers[b];
    const actor = createActor(brokerLifecycleMachine, {
      clock: this.ctx.clock,
      input: {
        phase: (b * 617) % BROKER_HEARTBEAT_INTERVAL_MS,
        deps: {
          crashProcess: () => {
            broker.crash(false);
            this.producer.sender.brokerCrashed(b);
          },
          wipeDisk: (lostTailMs) => {
            // LOUD: set before truncating, the invariant monitor exempts truncations after a disk loss
            this.diskLosses++;
            this.uncleanOrDiskLossSeen = true;
            if (lostTailMs === undefined) broker.crash(true);
            else {
              this.tailLosses++;
              broker.crash(false);
              broker.loseUnflushedTail(this.ctx.scheduler.now - lostTailMs);
            }
          },
          startProcess: () => broker.start(),
          register: () => {
            if (!this.controller.reachable(b) || !broker.alive) return false;
            this.controller.register(b);
            return true;
          },
          fence: () => this.controller.fence(b),
          setSlow: (d) => broker.adjustSlow(d),
          now: () => this.ctx.scheduler.now,
          isAlive: () => broker.alive,
        },
      },
    });
    actor.subscribe((snap) => {
      const v = snap.value as Record<string, string>;
      const s = `${v.process}/${v.session}/${v.speed}`;
      if (s !== this.brokerStates[b]) {
        this.brokerStates[b] = s;
        this.env.events.log({ type: 'broker-state', broker: b, state: s });
      }
    });
    actor.start();
    return actor;
  }

  private onElection(e: ElectionInfo): void {
    if (e.unclean) this.uncleanOrDiskLossSeen = true;
    if (e.leader < 0) return;
    const r = this.brokers[e.leader].replica(e.partition);
    if (!r) return;
    // acked batches the new leader does not hold are gone for good (Kafka never re-adds them)
    const acked = this.producer.ackedBatches[e.partition];
    let lost = 0;
    for (let i = acked.length - 1; i >= 0; i--) {
      const a = acked[i];
      const entry = r.log.entryAt(a.offset);
      if (entry && entry.payload === a.batch) break;
      lost += a.batch.recordIds.length;
      acked.splice(i, 1);
    }
    if (lost > 0) {
      this.liveLostAcked += lost;
      this.env.events.log({ type: 'acked-lost', partition: e.partition, records: lost, cause: e.unclean ? 'unclean election' : `leader ${e.leader} (epoch ${e.leaderEpoch}) lacks them` });
    }
  }

  // ---- series ----------------------------------------------------------------------------------

  private readonly sample = (): void => {
    const rec = this.ctx.recorder;
    const s = this.ctx.scheduler;
    const pr = this.producer;
    const secs = Math.max(1e-9, (s.now - this.lastSample.t) / 1000);
    rec.sample('throughput.sent', (pr.sent - this.lastSample.sent) / secs);
    rec.sample('throughput.acked', (pr.ackedCount - this.lastSample.acked) / secs);
    this.lastSample = { t: s.now, sent: pr.sent, acked: pr.ackedCount };
    rec.sample('ack.p50', pr.windowLatency.quantile(0.5));
    rec.sample('ack.p99', pr.windowLatency.quantile(0.99));
    pr.windowLatency.reset();
    rec.sample('buffer.bytes', pr.pool.used);
    rec.sample('dropped', pr.droppedFull + pr.droppedFailed);
    rec.sample('failed', pr.failedTotal);
    rec.sample('lostAcked', this.liveLostAcked);
    rec.sample('duplicates', this.duplicateWrites);
    rec.sample('blocked', pr.isBlocked ? 1 : 0);
    if (pr.pendingDropEvents > 0) {
      this.env.events.log({ type: 'records-dropped', count: pr.pendingDropEvents });
      pr.pendingDropEvents = 0;
    }
    if (pr.pendingRejectEvents > 0) {
      this.env.events.log({ type: 'records-rejected', count: pr.pendingRejectEvents, error: 'RecordTooLargeException' });
      pr.pendingRejectEvents = 0;
    }
    for (let p = 0; p < Math.min(this.cfg.partitions, REPLICA_SERIES_PARTITIONS); p++) {
      for (const b of this.assignments[p]) {
        const r = this.brokers[b].replica(p)!;
        rec.sample(`leo.${p}.${b}`, r.log.leo);
        rec.sample(`hw.${p}.${b}`, r.hw);
      }
    }
    // fine sampling while the app sends, coarse afterwards (both coarser on long runs: series.ts)
    const next = s.now < this.cfg.durationMs + 5_000 ? this.sampleMs : this.tailSampleMs;
    s.after(next, this.sample);
  };

  /**
   * Nothing left to show: the application stopped, every record has its callback, the producer is
   * empty, no fault is still to come or to heal, dead brokers are fenced, and every live replica has
   * caught up with its leader (in the ISR, HW at the LEO unless strict min ISR freezes it).
   * Cheap checks first: this runs after every event.
   */
  isSettled(): boolean {
    const pr = this.producer;
    if (!pr.appDone || pr.isBlocked || this.faults.pending > 0) return false;
    if (pr.sent !== pr.ackedCount + pr.failedTotal + pr.droppedFull) return false;
    for (let node = 0; node < this.brokers.length; node++) {
      if (pr.sender.inFlightCount(node) > 0) return false;
      const b = this.brokers[node];
      if (!b.alive && this.controller.isUnfenced(node)) return false;
    }
    for (const q of pr.acc.queues) if (q.length > 0) return false;
    const effMin = Math.min(this.cfg.minInsyncReplicas, this.cfg.replicationFactor);
    for (let p = 0; p < this.controller.parts.length; p++) {
      const meta = this.controller.parts[p];
      if (meta.leader < 0) continue;
      const lb = this.brokers[meta.leader];
      const r = lb.replica(p)!;
      if (!lb.alive || r.role !== 'leader' || r.leaderEpoch !== meta.leaderEpoch) return false;
      for (const x of meta.replicas) {
        const xb = this.brokers[x];
        if (x === meta.leader || !xb.alive || !this.controller.isUnfenced(x) || !this.controller.reachable(x)) continue;
        if (this.net.isCut(x, meta.leader)) continue;
        if (xb.replica(p)!.log.leo !== r.log.leo || !meta.isr.includes(x)) return false;
      }
      if (r.hw !== r.log.leo && !(this.cfg.strictMinIsr && meta.isr.length < effMin)) return false;
    }
    return true;
  }

  // ---- results ---------------------------------------------------------------------------------

  /** The log each partition ends with: its leader's, or (offline) the last ISR member's disk. */
  finalLogs(): PartitionFinalLog[] {
    return this.controller.parts.map((meta, p) => {
      const holder = meta.leader >= 0 ? meta.leader : meta.isr[0];
      const r = this.brokers[holder].replica(p)!;
      return { partition: p, entries: r.log.entries, hw: r.hw, offline: meta.leader < 0 };
    });
  }

  audit(): AuditResult {
    if (this.audited && this.ctx.scheduler.now === this.auditedAt) return this.audited;
    this.audited = auditLogs(this.finalLogs(), this.producer.records, this.cfg.keys);
    this.auditedAt = this.ctx.scheduler.now;
    return this.audited;
  }
  private auditedAt = -1;
}

// ---- the frame (what a view may draw) -----------------------------------------------------------

export interface ClusterViewOptions {
  partitionsShown?: number;
  batchesShown?: number;
}

/**
 * The cluster at the model's current time, or null for a run whose params were rejected.
 * LOUD: nothing here may mutate the model (no scheduler calls). It runs once per animation frame,
 * so it is O(brokers × shown partitions + shown batches), never O(records).
 */
export function clusterView(model: KafkaModel, options: ClusterViewOptions = {}): ClusterView | null {
  const sim = model.sim;
  if (!sim) return null;
  const cfg = sim.cfg;
  const now = sim.ctx.scheduler.now;
  const shown = Math.min(cfg.partitions, Math.max(1, options.partitionsShown ?? cfg.partitions));
  const batchesShown = Math.max(0, options.batchesShown ?? 4);
  const acc = sim.producer.acc;

  const leads = new Array<number>(cfg.brokers).fill(0);
  for (const meta of sim.controller.parts) if (meta.leader >= 0) leads[meta.leader]++;

  const brokers: BrokerView[] = sim.brokers.map((b) => {
    const [process = 'running', session = 'active'] = (sim.brokerStates[b.id] ?? '').split('/');
    let isolated = cfg.brokers > 1;
    for (const other of sim.brokers) if (other.id !== b.id && !sim.net.isCut(b.id, other.id)) isolated = false;
    return {
      id: b.id,
      alive: b.alive,
      process,
      session,
      slow: b.slow > 0,
      droppingResponses: b.dropResponses > 0,
      cutFromProducer: sim.net.isCut(b.id, PRODUCER),
      isolated,
      leads: leads[b.id],
    };
  });

  const partitions: PartitionView[] = [];
  for (let p = 0; p < shown; p++) {
    const meta = sim.controller.parts[p];
    let maxLeo = 0;
    let maxHw = 0;
    const replicas: ReplicaView[] = meta.replicas.map((b) => {
      const r = sim.brokers[b].replica(p)!;
      maxLeo = Math.max(maxLeo, r.log.leo);
      maxHw = Math.max(maxHw, r.hw);
      return { broker: b, leo: r.log.leo, hw: r.hw, role: r.role, inIsr: meta.isr.includes(b), leader: meta.leader === b, alive: sim.brokers[b].alive };
    });
    const leaderReplica = meta.leader >= 0 ? sim.brokers[meta.leader].replica(p) : undefined;
    const q = acc.queues[p];
    const queue: BatchView[] = [];
    for (let i = 0; i < Math.min(q.length, batchesShown); i++) {
      const b = q[i];
      const fill = b.writeLimit > 0 ? Math.min(1, acc.estimatedBytes(b) / b.writeLimit) : 1;
      queue.push({ batchId: b.batchId, records: b.recordIds.length, fill, ageMs: Math.max(0, now - b.createdMs), state: BATCH_STATE_NAMES[b.state], attempts: b.attempts });
    }
    partitions.push({
      partition: p,
      leader: meta.leader,
      leaderEpoch: meta.leaderEpoch,
      isr: [...meta.isr],
      elr: [...meta.elr],
      replicas,
      offline: meta.leader < 0,
      maxLeo,
      hw: leaderReplica ? leaderReplica.hw : maxHw,
      queue,
      queuedBatches: q.length,
    });
  }

  const pool = sim.producer.pool;
  return {
    now,
    brokers,
    partitions,
    hiddenPartitions: cfg.partitions - shown,
    producer: {
      bufferUsed: pool.used,
      bufferTotal: pool.total,
      bufferPeak: pool.maxUsed,
      blocked: sim.producer.isBlocked,
      onBufferFull: cfg.onBufferFull,
      lingerMs: cfg.lingerMs,
      batchSize: cfg.batchSize,
      queuedBatches: acc.queuedBatches(),
    },
  };
}

/** The run's live counters (O(1)); the audit's numbers are in the result. */
function liveFacts(sim: KafkaSim): LiveFacts {
  const rec = sim.ctx.recorder;
  return {
    uncleanElections: sim.controller.uncleanElections,
    diskLosses: sim.diskLosses,
    tailLosses: sim.tailLosses,
    leaderElections: rec.count('leader-elected'),
    notEnoughReplicas: rec.count('not-enough-replicas'),
    truncations: rec.count('truncate'),
    liveLostAcked: sim.liveLostAcked,
    duplicateWrites: sim.duplicateWrites,
    faultsApplied: sim.faults.applied.length,
    ambiguousExpiries: sim.producer.sender.ambiguousExpiries,
    blockedNow: sim.producer.isBlocked,
  };
}

/** `lab.frame`: plain data (structured-cloneable), the first FRAME_PARTITIONS partitions. */
export function kafkaFrame(model: KafkaModel): KafkaFrame {
  const sim = model.sim;
  if (!sim) return { ok: false, error: model.error ?? 'unknown error' };
  const cluster = clusterView(model, { partitionsShown: FRAME_PARTITIONS, batchesShown: FRAME_BATCHES })!;
  return { ok: true, cfg: sim.cfg, cluster, facts: liveFacts(sim) };
}
