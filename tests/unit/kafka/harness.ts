/**
 * Test harness: runs a scenario through KafkaSim with an invariant monitor attached (kafka.md §6),
 * and returns the result, the audit, the event log and every violation the monitor saw.
 */
import { Scheduler } from '@/simulations/core/scheduler';
import { VirtualClock } from '@/simulations/core/clock';
import { Rng } from '@/simulations/core/rng';
import { Recorder, type Logged } from '@/simulations/core/recorder';
import { scenarioToParams } from '@/simulations/kafka/lab/scenario';
import { horizonOf, RECORD_BATCH_OVERHEAD, type ResolvedConfig } from '@/simulations/kafka/config';
import { KafkaSim, type KafkaContext } from '@/simulations/kafka/lab/model';
import { kafkaResult, type KafkaRunResult } from '@/simulations/kafka/lab/result';
import type { KafkaSeries } from '@/simulations/kafka/lab/series';
import type { KafkaEvent, ReplicationHooks } from '@/simulations/kafka/types';
import type { AuditResult } from '@/simulations/kafka/consumer/audit';
import { partitionForKey, utf8, workloadKey } from '@/simulations/kafka/producer/murmur2';
import { effectiveMinIsr } from '@/simulations/kafka/broker/isr';
import { COMPRESSION_RATE_ESTIMATION_FACTOR } from '@/simulations/kafka/producer/accumulator';

export interface RunOutput {
  cfg: ResolvedConfig;
  sim: KafkaSim;
  result: KafkaRunResult;
  audit: AuditResult;
  events: Logged<KafkaEvent>[];
  violations: string[];
  count(type: KafkaEvent['type']): number;
  ofType<T extends KafkaEvent['type']>(type: T): Logged<Extract<KafkaEvent, { type: T }>>[];
}

const CHECK_EVERY_MS = 50;

export function simulate(scenario: Record<string, unknown>, seed = 1, maxEvents = 20_000_000): RunOutput {
  const parsed = scenarioToParams(scenario);
  if (!parsed.ok) throw new Error(parsed.message);
  const cfg = parsed.config;
  const scheduler = new Scheduler();
  const clock = new VirtualClock(scheduler);
  const recorder = new Recorder<KafkaEvent, KafkaSeries>(() => scheduler.now, { eventLimit: 2_000_000 });
  const ctx: KafkaContext = { scheduler, clock, rng: new Rng(seed), recorder };
  const violations: string[] = [];
  const v = (msg: string) => {
    if (violations.length < 50) violations.push(`t=${scheduler.now.toFixed(3)} ${msg}`);
  };
  const committedMax: number[] = new Array(cfg.partitions).fill(0);
  const committed = new Set<string>();
  const effMin = effectiveMinIsr(cfg.minInsyncReplicas, cfg.replicationFactor);
  let sim!: KafkaSim;
  const hooks: ReplicationHooks = {
    leaderAppend(p, b, acks, isrSize) {
      if (acks === -1 && isrSize < cfg.minInsyncReplicas) v(`#16 acks=all append on p${p}@${b} with ISR ${isrSize} < ${cfg.minInsyncReplicas}`);
    },
    hwAdvanced(p, b, from, to, isr) {
      if (cfg.strictMinIsr && isr.length < effMin) v(`#14 HW of p${p}@${b} advanced ${from}->${to} with ISR ${isr.length} < ${effMin}`);
      if (to < from) v(`#13 HW of p${p} went back`);
      committedMax[p] = Math.max(committedMax[p], to);
      // every entry below a leader's HW is committed, whatever happens later
      const log = sim.brokers[b].replica(p)!.log;
      for (let i = log.firstIndexFrom(from); i < log.entries.length && log.entries[i].baseOffset < to; i++) committed.add(`${p}:${log.entries[i].baseOffset}:${log.entries[i].leaderEpoch}:${log.entries[i].payload.batchId}`);
    },
    ackAllSucceeded(p, b, required, isr, leoOf) {
      if (isr.length < effMin) v(`#15 acks=all success on p${p} with ISR ${isr.length}`);
      for (const m of isr) {
        // a retried batch the new leader recognises as already committed (below an earlier HW) is
        // answered at once, before the new leader has heard from every ISR member (LEO -1)
        if (leoOf(m) === -1 && required <= committedMax[p]) continue;
        if (leoOf(m) < required) v(`#15 acks=all success on p${p} but ISR member ${m} LEO ${leoOf(m)} < ${required}`);
      }
    },
    truncated(p, b, to, removed) {
      if (sim.uncleanOrDiskLossSeen) return;
      for (const e of removed) if (committed.has(`${p}:${e.baseOffset}:${e.leaderEpoch}:${e.payload.batchId}`)) v(`#20 p${p}@${b} truncation to ${to} removed committed offset ${e.baseOffset}`);
    },
  };
  sim = new KafkaSim(cfg, ctx, { hooks });
  // event-time checks (state at the moment the event is logged)
  const log = recorder.log.bind(recorder);
  const electedEpochs: number[] = new Array(cfg.partitions).fill(0);
  recorder.log = (e: KafkaEvent) => {
    if (e.type === 'isr-change' && e.reason === 'expand') {
      const meta = sim.controller.parts[e.partition];
      const r = sim.brokers[meta.leader]?.replica(e.partition);
      if (r) {
        for (const m of e.isr) {
          if (m === meta.leader || meta.isr.includes(m)) continue;
          const f = r.followers.get(m);
          if (!f || f.leo < r.hw || f.leo < r.epochStartOffset) v(`#21 p${e.partition} broker ${m} joined ISR with LEO ${f?.leo} (HW ${r.hw}, epoch start ${r.epochStartOffset})`);
        }
      }
    }
    if (e.type === 'leader-elected' || e.type === 'partition-offline') {
      if (e.leaderEpoch <= electedEpochs[e.partition]) v(`#22 p${e.partition} leader epoch ${e.leaderEpoch} not above ${electedEpochs[e.partition]}`);
      electedEpochs[e.partition] = e.leaderEpoch;
    }
    log(e);
  };
  const lastHw = new Map<number, { epoch: number; hw: number }>();
  const periodic = () => {
    const diskLost = new Set(sim.faults.applied.filter((f) => f.fault.type === 'disk-loss').map((f) => f.broker));
    for (let p = 0; p < cfg.partitions; p++) {
      const meta = sim.controller.parts[p];
      if (meta.isr.length === 0) v(`#10 p${p} ISR empty`);
      for (const b of meta.isr) if (!meta.replicas.includes(b)) v(`#10 p${p} ISR ${meta.isr} not within replicas`);
      if (meta.leader < 0) continue;
      if (!meta.isr.includes(meta.leader)) v(`#10 p${p} leader ${meta.leader} not in ISR ${meta.isr}`);
      const lb = sim.brokers[meta.leader];
      const r = lb.replica(p)!;
      if (!lb.alive || r.role !== 'leader' || r.leaderEpoch !== meta.leaderEpoch) continue;
      if (r.hw > r.log.leo) v(`#11 p${p} HW ${r.hw} > leader LEO ${r.log.leo}`);
      for (const b of r.isr) {
        if (b === meta.leader) continue;
        // a broker that lost its disk may still be in the ISR as this leader knows it (e.g. the
        // leader is cut off from the controller, which already removed it): #11/#12 assume disks
        if (diskLost.has(b)) continue;
        const f = r.followers.get(b);
        if (f && f.leo >= 0 && r.hw > f.leo) v(`#11 p${p} HW ${r.hw} > ISR member ${b} LEO ${f.leo}`);
        const fb = sim.brokers[b];
        if (!fb.alive || !f || f.leo < 0) continue;
        const fr = fb.replica(p)!;
        // a broker still restarting (or wiped and not yet re-registered) is listed but not following
        if (fr.role !== 'follower' || fr.leaderEpoch !== r.leaderEpoch) continue;
        // #12: the last few entries below the HW are identical on every live ISR member
        const idx = r.log.firstIndexFrom(r.hw) - 1;
        for (let i = idx; i >= 0 && i > idx - 4; i--) {
          const e = r.log.entries[i];
          const fe = fr.log.entryAt(e.baseOffset);
          if (!fe || fe.payload !== e.payload || fe.leaderEpoch !== e.leaderEpoch) v(`#12 p${p} offset ${e.baseOffset} differs on ISR member ${b}`);
        }
      }
      const prev = lastHw.get(p);
      if (prev && prev.epoch === r.leaderEpoch && r.hw < prev.hw) v(`#13 p${p} HW decreased within epoch ${r.leaderEpoch}`);
      lastHw.set(p, { epoch: r.leaderEpoch, hw: r.hw });
    }
    for (let node = 0; node < cfg.brokers; node++) {
      if (sim.producer.sender.inFlightCount(node) > cfg.maxInFlight) v(`#4 ${sim.producer.sender.inFlightCount(node)} requests in flight to ${node}`);
    }
    if (sim.producer.pool.used > cfg.bufferMemory) v(`#1 pool ${sim.producer.pool.used} > ${cfg.bufferMemory}`);
    // fine-grained while records flow, coarse in the long idle tail up to the horizon
    scheduler.after(scheduler.now < cfg.durationMs + 10_000 ? CHECK_EVERY_MS : 1_000, periodic);
  };
  sim.start();
  scheduler.after(CHECK_EVERY_MS, periodic);
  // LOUD: an event budget turns a zero-time loop in the model into a failure instead of a hang
  if (!scheduler.runUntil(horizonOf(cfg), maxEvents)) {
    throw new Error(`event budget of ${maxEvents} exhausted at t=${scheduler.now} (zero-time loop?)`);
  }
  endChecks(sim, cfg, v, recorder.events as Logged<KafkaEvent>[]);
  const events = recorder.events as Logged<KafkaEvent>[];
  const audit = sim.audit();
  return {
    cfg,
    sim,
    result: kafkaResult({ sim, error: null }),
    audit,
    events,
    violations,
    count: (type) => recorder.count(type),
    ofType: (type) => events.filter((e) => e.type === type) as never,
  };
}

function endChecks(sim: KafkaSim, cfg: ResolvedConfig, v: (m: string) => void, events: Logged<KafkaEvent>[]): void {
  const pr = sim.producer;
  // #1
  if (pr.pool.maxUsed > cfg.bufferMemory) v(`#1 accumulator peak ${pr.pool.maxUsed} > buffer.memory ${cfg.bufferMemory}`);
  // #2 every send() ended one way; #3 callback exactly once, in time
  const pending = pr.pendingRecords();
  if (pending !== 0) v(`#3 ${pending} records never got a callback`);
  if (pr.sent !== pr.ackedCount + pr.failedTotal + pr.droppedFull + pending) v(`#2 sent ${pr.sent} != acked ${pr.ackedCount} + failed ${pr.failedTotal} + dropped ${pr.droppedFull}`);
  if (cfg.onBufferFull === 'drop' && pr.blockedMs !== 0) v(`#2 drop mode blocked ${pr.blockedMs} ms`);
  if (pr.callbackViolations) v(`#3 ${pr.callbackViolations} second callbacks`);
  if (pr.lateCallbacks) v(`#3 ${pr.lateCallbacks} callbacks later than delivery.timeout.ms`);
  for (const e of events) {
    if (e.type === 'send-unblocked' && e.blockedMs > cfg.maxBlockMs + 1e-6) v(`#2 send blocked ${e.blockedMs} > max.block.ms`);
  }
  // #4 sendable rule (node-level, with Kafka's piggyback drain) and #5 sizes
  const byRequest = new Map<number, Extract<KafkaEvent, { type: 'batch-sent' }>[]>();
  for (const e of events) {
    if (e.type !== 'batch-sent') continue;
    let arr = byRequest.get(e.request);
    if (!arr) byRequest.set(e.request, (arr = []));
    arr.push(e);
    if (cfg.compressionRatio === 1 && e.attempt === 0) {
      const limit = Math.max(cfg.batchSize, RECORD_BATCH_OVERHEAD + pr.recordSize);
      if (e.bytes > limit && e.records > 1) v(`#5 batch ${e.batch} of ${e.bytes} B > ${limit}`);
    }
  }
  for (const [id, batches] of byRequest) {
    if (cfg.compressionRatio === 1 && batches.length > 1 && batches[0].requestBytes > cfg.maxRequestSize) v(`#5 request ${id} of ${batches[0].requestBytes} B > max.request.size`);
    // with compression the accumulator judges "full" on its estimate, at most uncompressed × 1.05
    // (the ratio estimate starts at 1 and only moves down towards the real ratio)
    const estimateFactor = cfg.compressionRatio < 1 ? COMPRESSION_RATE_ESTIMATION_FACTOR : 1;
    const sendable = batches.some((b) => b.attempt > 0 || b.ageMs >= cfg.lingerMs - 1e-9 || b.exhausted || b.closing || b.queueFull || RECORD_BATCH_OVERHEAD + b.uncompressedBytes * estimateFactor + pr.recordSize > cfg.batchSize);
    // idempotent producers: when the sendable head that made the node ready is held back by the
    // in-flight sequence gate (TransactionManager), the drain still takes the other partitions'
    // heads, so the request may carry only piggybacked batches, as in Kafka's RecordAccumulator.drain
    const gated = cfg.idempotence && batches[0].drainGated;
    if (!sendable && !gated) v(`#4 request ${id} had no sendable batch`);
  }
  // #7 keyed records always go to murmur2(key) % P (round-robin ignores keys by design)
  if (cfg.keys > 0 && cfg.partitioner !== 'round-robin') {
    const rec = pr.records;
    const cache = new Map<number, number>();
    for (let id = 0; id < rec.count; id++) {
      const k = rec.key[id];
      if (k < 0 || rec.partition[id] < 0) continue;
      let want = cache.get(k);
      if (want === undefined) cache.set(k, (want = partitionForKey(utf8(workloadKey(k)), cfg.partitions)));
      if (rec.partition[id] !== want) {
        v(`#7 record ${id} key ${k} went to ${rec.partition[id]}, murmur2 says ${want}`);
        break;
      }
    }
  }
  // #9 no (pid, epoch, partition, seq) twice in a log; #22 epochs never go back along a log
  for (const b of sim.brokers) {
    for (const r of b.replicas) {
      if (!r) continue;
      const seen = new Set<string>();
      let lastEpoch = -1;
      for (const e of r.log.entries) {
        if (e.leaderEpoch < lastEpoch) v(`#22 p${r.partition}@${b.id} epoch ${e.leaderEpoch} after ${lastEpoch}`);
        lastEpoch = e.leaderEpoch;
        if (e.payload.producerEpoch < 0) continue;
        const key = `${e.payload.producerEpoch}:${e.payload.baseSequence}`;
        if (seen.has(key)) v(`#9 p${r.partition}@${b.id} sequence ${key} twice`);
        seen.add(key);
      }
    }
  }
  // #17 consumers read only below the HW and only records that stay, unless unclean / disk loss
  const c = sim.consumer;
  if (c.readsPastHw) v(`#17 consumer read ${c.readsPastHw} batches past the HW`);
  if (!sim.uncleanOrDiskLossSeen) {
    const finals = sim.finalLogs();
    for (const f of finals) {
      const byOffset = new Map(f.entries.map((e) => [e.baseOffset, e.payload]));
      for (const e of c.consumedEntries(f.partition)) {
        if (byOffset.get(e.baseOffset) !== e.payload) {
          v(`#17 consumed p${f.partition} offset ${e.baseOffset} is not in the final log`);
          break;
        }
      }
    }
    if (c.truncationsSeen) v(`#24 consumer saw ${c.truncationsSeen} truncations without unclean election or disk loss`);
  }
}
