/**
 * The scenario oracle of kafka.md §3, one test per row: NEVER/MUST rows are asserted, each MAY row
 * is demonstrated by a seeded preset or scenario (the outcome happens, and only with its cause).
 * Every run also goes through the harness's invariant monitor (violations must be empty).
 */
import { describe, expect, it } from 'vitest';
import { simulate, type RunOutput } from './harness';
import { kafkaPresets } from '@/simulations/kafka/lab/presets';

const preset = (id: string, over: Record<string, unknown> = {}): RunOutput => {
  const p = kafkaPresets.find((x) => x.id === id);
  if (!p) throw new Error(`no preset ${id}`);
  return simulate({ ...p.params, ...over }, p.seed ?? 1);
};
const clean = (r: RunOutput) => expect(r.violations).toEqual([]);
const RF3_MISR2 = { brokers: 3, topic: { partitions: 3, replicationFactor: 3, minInsyncReplicas: 2 } };

describe('scenario oracle (kafka.md §3)', () => {
  it('row 1: killing a follower loses nothing, duplicates nothing, reorders nothing; acks wait until the ISR shrinks', () => {
    const r = simulate({ ...RF3_MISR2, workload: { recordsPerSecond: 3_000, durationMs: 15_000 }, faults: [{ atMs: 2_000, type: 'crash', role: 'follower' }] });
    clean(r);
    expect(r.result.acked).toBe(r.result.sent);
    expect(r.audit.lostAcked).toBe(0);
    expect(r.audit.duplicates).toBe(0);
    expect(r.audit.reordered).toBe(0);
    const fenced = r.ofType('isr-change').filter((e) => e.reason === 'fenced');
    expect(fenced.length).toBeGreaterThan(0);
    expect(fenced[0].t).toBeGreaterThan(2_000 + 6_000); // the dead follower held acks=all until fenced
    expect(r.sim.producer.latency.max).toBeGreaterThan(5_000);
  });

  it('row 2: killing the leader with requests in flight: clean failover, no loss, no duplicates, no reordering', () => {
    const r = preset('kafka-4x-safe-defaults');
    clean(r);
    expect(r.ofType('leader-elected').some((e) => !e.unclean)).toBe(true);
    expect(r.ofType('leader-elected').some((e) => e.unclean)).toBe(false);
    expect(r.result.acked).toBe(r.result.sent);
    expect(r.audit.lostAcked).toBe(0);
    expect(r.audit.duplicates).toBe(0);
    expect(r.audit.reordered).toBe(0);
    expect(r.count('batch-retry')).toBeGreaterThan(0);
    // a busier failover: retries of batches the new leader already copied are answered from its
    // replicated producer state, not written again
    const busy = simulate({ ...RF3_MISR2, workload: { recordsPerSecond: 20_000, durationMs: 8_000 }, faults: [{ atMs: 3_000, type: 'crash', role: 'leader', durationMs: 3_000 }] });
    clean(busy);
    const answered = busy.sim.brokers.flatMap((b) => b.replicas).reduce((a, x) => a + (x?.duplicatesAnswered ?? 0), 0);
    expect(answered).toBeGreaterThan(0);
    expect(busy.audit.duplicates).toBe(0);
    expect(busy.audit.lostAcked).toBe(0);
  });

  it('row 3: without idempotence the same failover may duplicate and reorder, but never loses acked records', () => {
    const scenario = (idem: boolean) => ({
      ...RF3_MISR2,
      producer: { enableIdempotence: idem },
      workload: { recordsPerSecond: 20_000, durationMs: 8_000 },
      faults: [{ atMs: 3_000, type: 'crash', role: 'leader', durationMs: 3_000 }],
    });
    const r = simulate(scenario(false));
    clean(r);
    expect(r.audit.lostAcked).toBe(0);
    expect(r.audit.duplicates).toBeGreaterThan(0);
    expect(r.audit.reordered).toBeGreaterThan(0);
    const withIdem = simulate(scenario(true));
    clean(withIdem);
    expect(withIdem.audit.duplicates).toBe(0);
    expect(withIdem.audit.reordered).toBe(0);
  });

  it('row 4: with two brokers gone, acks=all is refused with NOT_ENOUGH_REPLICAS, retries end in TimeoutException, send() blocks then BufferExhausted; nothing acked is lost', () => {
    const r = preset('min-isr-stops-writes', { 'producer.maxBlockMs': 5_000, 'producer.deliveryTimeoutMs': 40_000 });
    clean(r);
    expect(r.ofType('not-enough-replicas').some((e) => !e.afterAppend)).toBe(true);
    expect(r.result.failed.TimeoutException).toBeGreaterThan(0);
    expect(r.result.failed.BufferExhaustedException).toBeGreaterThan(0);
    expect(r.result.blockedMs).toBeGreaterThan(0);
    expect(r.audit.lostAcked).toBe(0);
    expect(r.sim.consumer.readsPastHw).toBe(0);
    expect(r.sim.consumer.recordsConsumed).toBeGreaterThan(0);
  });

  it('row 5: ISR shrinking after the append gives NOT_ENOUGH_REPLICAS_AFTER_APPEND; a plain retry may duplicate, an idempotent one does not', () => {
    const scenario = (idem: boolean) => ({
      kafkaVersion: '3.6',
      ...RF3_MISR2,
      producer: { enableIdempotence: idem },
      workload: { recordsPerSecond: 2_000, durationMs: 20_000 },
      faults: [
        { atMs: 2_000, type: 'crash', broker: 1, durationMs: 12_000 },
        { atMs: 2_000, type: 'crash', broker: 2, durationMs: 12_000 },
      ],
    });
    const off = simulate(scenario(false));
    clean(off);
    expect(off.ofType('not-enough-replicas').some((e) => e.afterAppend)).toBe(true);
    expect(off.audit.duplicates).toBeGreaterThan(0);
    expect(off.audit.lostAcked).toBe(0);
    const on = simulate(scenario(true));
    clean(on);
    expect(on.ofType('not-enough-replicas').some((e) => e.afterAppend)).toBe(true);
    expect(on.audit.duplicates).toBe(0);
  });

  it('row 6: acks=1 may lose acknowledged records when the leader dies before its followers fetched them (and idempotence is off)', () => {
    const r = preset('acks-1-leader-crash-loses-data');
    clean(r);
    expect(r.cfg.idempotence).toBe(false);
    expect(r.audit.lostAcked).toBeGreaterThan(0);
    expect(r.sim.liveLostAcked).toBe(r.audit.lostAcked);
    expect(r.count('truncate')).toBeGreaterThan(0);
    expect(r.ofType('leader-elected').every((e) => !e.unclean)).toBe(true);
  });

  it('row 7: acks=0 may lose records silently: callbacks succeed, offsets are -1, nothing is retried', () => {
    const r = simulate({ ...RF3_MISR2, producer: { acks: 0 }, workload: { recordsPerSecond: 3_000, durationMs: 6_000 }, faults: [{ atMs: 2_000, type: 'partition', role: 'leader', peer: 'producer', durationMs: 2_000 }] });
    clean(r);
    expect(r.result.failed).toEqual({});
    expect(r.result.acked).toBe(r.result.sent);
    expect(r.audit.lostAcked).toBeGreaterThan(0);
    expect(r.count('batch-retry')).toBe(0);
    expect(r.ofType('batch-acked').every((e) => e.offset === -1)).toBe(true);
  });

  const row8 = (lastType: 'crash' | 'disk-loss') => ({
    brokers: 3,
    topic: { partitions: 1, replicationFactor: 3, minInsyncReplicas: 1 },
    workload: { recordsPerSecond: 1_000, durationMs: 25_000 },
    faults: [
      { atMs: 1_000, type: 'crash', broker: 1, durationMs: 14_000 },
      { atMs: 1_000, type: 'crash', broker: 2, durationMs: 14_000 },
      { atMs: 12_000, type: lastType, broker: 0, durationMs: 8_000 },
    ],
  });

  it('row 8: ISR = {leader} with min ISR 1 keeps acking; the leader dies: offline until it returns, no loss with its disk, loss without it', () => {
    const r = simulate(row8('crash'));
    clean(r);
    const offline = r.ofType('partition-offline');
    expect(offline.length).toBeGreaterThan(0);
    expect(r.ofType('leader-elected').every((e) => !e.unclean)).toBe(true);
    expect(r.audit.lostAcked).toBe(0);
    const ackedWhileAlone = r.ofType('batch-acked').filter((e) => e.t > 11_000 && e.t < 12_000);
    expect(ackedWhileAlone.length).toBeGreaterThan(0);
    const lostDisk = simulate(row8('disk-loss'));
    clean(lostDisk);
    expect(lostDisk.audit.lostAcked).toBeGreaterThan(0);
  });

  it('row 9: the same with unclean election: an out-of-sync follower becomes leader and acked records may be lost', () => {
    const r = preset('unclean-election');
    clean(r);
    expect(r.ofType('leader-elected').some((e) => e.unclean)).toBe(true);
    expect(r.audit.lostAcked).toBeGreaterThan(0);
    expect(r.sim.liveLostAcked).toBe(r.audit.lostAcked);
    const safe = preset('unclean-election', { 'topic.uncleanLeaderElection': false });
    expect(safe.audit.lostAcked).toBe(0);
  });

  it('row 10: mISR 2 met at ack time, then leader and the in-sync follower die: unclean election may lose acked records; clean stays offline and loses none', () => {
    const scenario = (unclean: boolean) => ({
      brokers: 3,
      topic: { partitions: 1, replicationFactor: 3, minInsyncReplicas: 2, uncleanLeaderElection: unclean },
      workload: { recordsPerSecond: 1_000, durationMs: 25_000 },
      faults: [
        { atMs: 1_000, type: 'crash', broker: 2, durationMs: 20_000 },
        { atMs: 15_000, type: 'crash', broker: 0 },
        { atMs: 15_000, type: 'crash', broker: 1 },
      ],
    });
    const u = simulate(scenario(true));
    clean(u);
    expect(u.ofType('leader-elected').some((e) => e.unclean && e.leader === 2)).toBe(true);
    expect(u.audit.lostAcked).toBeGreaterThan(0);
    const c = simulate(scenario(false));
    clean(c);
    expect(c.ofType('partition-offline').length).toBeGreaterThan(0);
    expect(c.audit.lostAcked).toBe(0);
  });

  it('row 11: 4.x acks=1 with ISR = {leader}: acked but the HW stays put (invisible to consumers); 3.6 lets the HW advance', () => {
    const scenario = (v: string) => ({
      kafkaVersion: v,
      brokers: 3,
      topic: { partitions: 1, replicationFactor: 3, minInsyncReplicas: 2 },
      producer: { acks: 1 },
      workload: { recordsPerSecond: 1_000, durationMs: 20_000 },
      faults: [
        { atMs: 1_000, type: 'crash', broker: 1 },
        { atMs: 1_000, type: 'crash', broker: 2 },
      ],
    });
    const v4 = simulate(scenario('4.x'));
    clean(v4);
    expect(v4.result.acked).toBe(v4.result.sent);
    expect(v4.result.committedRecords).toBeLessThan(v4.result.acked * 0.7);
    const v36 = simulate(scenario('3.6'));
    clean(v36);
    expect(v36.result.committedRecords).toBe(v36.result.acked);
  });

  it('row 12: idempotent, 5 in flight: batches behind a refused one get OUT_OF_ORDER_SEQUENCE, are re-queued in sequence order; log order = send order, no duplicates', () => {
    // batches above message.max.bytes are refused (MESSAGE_TOO_LARGE, nothing written) while the
    // next ones already wait behind them at a slow leader
    const r = simulate({
      brokers: 3,
      topic: { partitions: 1, replicationFactor: 3, minInsyncReplicas: 2 },
      producer: { batchSize: 2_097_152, lingerMs: 100, maxRequestSize: 4_194_304 },
      workload: { recordsPerSecond: 20_000, recordBytes: 1_000, durationMs: 4_000 },
      faults: [{ atMs: 0, type: 'slow', broker: 0 }],
    });
    clean(r);
    expect(r.ofType('batch-retry').some((e) => e.error === 'OUT_OF_ORDER_SEQUENCE_NUMBER')).toBe(true);
    expect(r.audit.reordered).toBe(0);
    expect(r.audit.duplicates).toBe(0);
    expect(r.result.acked).toBe(r.result.sent);
  });

  it('row 13: idempotent producer, responses lost after the append: the broker answers retries from its last 5 batches, one copy each', () => {
    const r = preset('idempotence-vs-duplicates');
    clean(r);
    expect(r.sim.brokers.some((b) => b.responsesDropped > 0)).toBe(true);
    expect(r.count('batch-retry')).toBeGreaterThan(0);
    expect(r.audit.duplicates).toBe(0);
    expect(r.result.acked).toBe(r.result.sent);
    expect(r.sim.duplicateWrites).toBe(0);
    expect(r.sim.brokers.flatMap((b) => b.replicas).reduce((a, x) => a + (x?.duplicatesAnswered ?? 0), 0)).toBeGreaterThan(0);
    const off = preset('idempotence-vs-duplicates', { 'producer.enableIdempotence': 'false' });
    expect(off.audit.duplicates).toBeGreaterThan(0);
    expect(off.sim.duplicateWrites).toBe(off.audit.duplicates);
  });

  it('row 14: no idempotence but max.in.flight = 1: order per partition holds through failover; duplicates may appear', () => {
    const r = simulate({
      ...RF3_MISR2,
      producer: { enableIdempotence: false, maxInFlight: 1, requestTimeoutMs: 2_000 },
      workload: { recordsPerSecond: 3_000, durationMs: 12_000 },
      faults: [
        { atMs: 2_000, type: 'drop-responses', role: 'leader', durationMs: 1_500 },
        { atMs: 5_000, type: 'crash', role: 'leader', durationMs: 4_000 },
      ],
    });
    clean(r);
    expect(r.audit.reordered).toBe(0);
    expect(r.audit.duplicates).toBeGreaterThan(0);
    expect(r.audit.lostAcked).toBe(0);
  });

  it('row 15: retries = 0 turns idempotence off (or is refused with it) and fails a batch at the first retriable error', () => {
    const r = simulate({ ...RF3_MISR2, producer: { retries: 0 }, workload: { recordsPerSecond: 3_000, durationMs: 6_000 }, faults: [{ atMs: 2_000, type: 'restart', role: 'leader' }] });
    clean(r);
    expect(r.cfg.idempotence).toBe(false);
    expect(r.count('batch-retry')).toBe(0);
    expect(r.result.acked).toBeLessThan(r.result.sent);
    expect(Object.values(r.result.failed).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(r.audit.duplicates).toBe(0);
    expect(() => simulate({ producer: { retries: 0, enableIdempotence: true } })).toThrow(/retries to non-zero/);
  });

  it('row 16: a leader unreachable past delivery.timeout.ms: every send completes in time with "Expiring N record(s)"; a batch sent before expiry may still be in the log', () => {
    const r = simulate({
      ...RF3_MISR2,
      producer: { requestTimeoutMs: 1_000, deliveryTimeoutMs: 3_000 },
      workload: { recordsPerSecond: 2_000, durationMs: 8_000 },
      faults: [{ atMs: 2_000, type: 'drop-responses', role: 'leader', durationMs: 4_000 }],
    });
    clean(r);
    expect(r.sim.producer.lateCallbacks).toBe(0);
    expect(r.result.failed.TimeoutException).toBeGreaterThan(0);
    const expired = r.ofType('batch-expired');
    expect(expired[0].text).toMatch(/^Expiring \d+ record\(s\) for topic-\d+:\d+ ms has passed since batch creation/);
    expect(expired.some((e) => e.inFlight)).toBe(true);
    expect(r.audit.failedButWritten).toBeGreaterThan(0);
    expect(r.count('epoch-bump')).toBeGreaterThan(0);
  });

  it('row 17: blocking producer under overload: accumulator <= buffer.memory, send() blocks <= max.block.ms then BufferExhausted; waiting makes every partition ready', () => {
    const r = simulate({
      ...RF3_MISR2,
      producer: { bufferMemory: 262_144, maxBlockMs: 500, lingerMs: 10_000, batchSize: 65_536, deliveryTimeoutMs: 60_000 },
      workload: { recordsPerSecond: 20_000, durationMs: 8_000 },
      faults: [{ atMs: 1_000, type: 'crash', role: 'leader', partition: 0 }],
    });
    clean(r);
    expect(r.result.maxAccumulatorBytes).toBeLessThanOrEqual(262_144);
    expect(r.result.maxAccumulatorBytes).toBeGreaterThan(200_000);
    expect(r.result.blockedMs).toBeGreaterThan(0);
    expect(r.result.failed.BufferExhaustedException).toBeGreaterThan(0);
    const unblocks = r.ofType('send-unblocked');
    expect(unblocks.every((e) => e.blockedMs <= 500)).toBe(true);
    // linger.ms is 10 s, yet batches leave young while a send() waits for memory
    expect(r.ofType('batch-sent').some((e) => e.exhausted && e.ageMs < 10_000 && !e.queueFull && !e.closing)).toBe(true);
  });

  it('row 18: Netflix mode: send() never blocks, full-buffer events are dropped and counted; loss, duplicates and reordering are allowed', () => {
    const r = preset('netflix-keystone');
    clean(r);
    expect(r.result.blockedMs).toBe(0);
    expect(r.result.dropped).toBeGreaterThan(0);
    expect(r.result.sent).toBe(r.result.acked + Object.values(r.result.failed).reduce((a, b) => a + b, 0) + r.result.dropped);
    expect(r.cfg.idempotence).toBe(false);
    expect(r.cfg.unclean).toBe(true);
    // what the preset's story tells: drops only while the dead leader's batches hold the buffer
    // (crash at 3 s, new leaders after the 9 s session timeout), about 40% of the run, no acked loss
    const dropped = r.sim.ctx.recorder.series('dropped');
    const at = (t: number) => dropped.filter((p) => p.t <= t).at(-1)?.v ?? 0;
    expect(at(3_000)).toBe(0);
    expect(at(14_000)).toBe(r.result.dropped);
    expect(r.result.dropped / r.result.sent).toBeGreaterThan(0.35);
    expect(r.result.dropped / r.result.sent).toBeLessThan(0.45);
    expect(r.result.lostAcked).toBe(0);
    const blocking = preset('netflix-keystone', { 'producer.onBufferFull': 'block', 'producer.maxBlockMs': 1_000 });
    expect(blocking.result.dropped).toBe(0);
    expect(blocking.result.blockedMs).toBeGreaterThan(0);
  });

  it('row 19: a record above max.request.size or buffer.memory fails at once with RecordTooLargeException, never buffered', () => {
    const big = simulate({ workload: { recordsPerSecond: 100, recordBytes: 2 * 1024 * 1024, durationMs: 1_000 } });
    clean(big);
    expect(big.result.failed).toEqual({ RecordTooLargeException: big.result.sent });
    expect(big.result.requests).toBe(0);
    expect(big.result.maxAccumulatorBytes).toBe(0);
    const overBuffer = simulate({ producer: { bufferMemory: 100_000, maxRequestSize: 10_000_000 }, workload: { recordsPerSecond: 100, recordBytes: 200_000, durationMs: 1_000 } });
    expect(overBuffer.result.failed).toEqual({ RecordTooLargeException: overBuffer.result.sent });
  });

  it('row 20: a batch the broker finds too large is split and resent without using retries; a single too-large record fails', () => {
    const r = simulate({
      brokers: 3,
      topic: { partitions: 1, replicationFactor: 3, minInsyncReplicas: 2 },
      producer: { retries: 0, batchSize: 2_097_152, lingerMs: 100, maxRequestSize: 4_194_304 },
      workload: { recordsPerSecond: 20_000, recordBytes: 1_000, durationMs: 4_000 },
    });
    clean(r);
    expect(r.count('batch-split')).toBeGreaterThan(0);
    expect(r.result.failed).toEqual({});
    expect(r.result.acked).toBe(r.result.sent);
    const single = simulate({ producer: { maxRequestSize: 4_194_304 }, workload: { recordsPerSecond: 50, recordBytes: 1_200_000, durationMs: 1_000 } });
    clean(single);
    expect(single.count('batch-split')).toBe(0);
    expect(single.result.failed).toEqual({ RecordTooLargeException: single.result.sent });
  });

  it('row 21: one partition: a lone batch leaves at creation + linger.ms; a full one leaves at once; linger 0 sends at once', () => {
    const lone = simulate({ topic: { partitions: 1 }, producer: { lingerMs: 200 }, workload: { recordsPerSecond: 1, durationMs: 10_000 } }, 5);
    clean(lone);
    const first = lone.ofType('batch-sent').filter((e) => e.attempt === 0 && !e.closing);
    expect(first.length).toBeGreaterThan(3);
    for (const e of first) expect(e.ageMs).toBeCloseTo(200, 6);
    const full = simulate({ topic: { partitions: 1 }, producer: { lingerMs: 5_000, batchSize: 16_384 }, workload: { recordsPerSecond: 5_000, recordBytes: 4_000, durationMs: 2_000 } });
    clean(full);
    const sent = full.ofType('batch-sent').filter((e) => e.attempt === 0 && !e.closing);
    expect(sent.length).toBeGreaterThan(10);
    expect(sent.every((e) => e.ageMs < 5_000)).toBe(true);
    const zero = simulate({ kafkaVersion: '3.6', topic: { partitions: 1 }, workload: { recordsPerSecond: 1, durationMs: 10_000 } }, 5);
    expect(zero.ofType('batch-sent').filter((e) => !e.closing).every((e) => e.ageMs === 0)).toBe(true);
  });

  it('row 22: keyless adaptive partitioning spreads evenly when healthy and sends less to a slow broker than KIP-480 does', () => {
    const even = simulate({ kafkaVersion: '3.6', producer: { acks: 1 }, workload: { recordsPerSecond: 20_000, durationMs: 5_000 } });
    const bytes = Array.from(even.sim.producer.partitioner.bytesPerPartition);
    const mean = bytes.reduce((a, b) => a + b, 0) / bytes.length;
    for (const b of bytes) expect(Math.abs(b - mean) / mean).toBeLessThan(0.25);
    const share = (partitioner: string) => {
      const r = preset('slow-broker-adaptive-partitioner', { 'producer.partitioner': partitioner, 'workload.durationMs': 6_000 });
      clean(r);
      const per = r.sim.producer.partitioner.bytesPerPartition;
      const led = r.sim.assignments.map((a, p) => (a[0] === 1 ? per[p] : 0)).reduce((a, b) => a + b, 0);
      return led / per.reduce((a, b) => a + b, 0);
    };
    const adaptive = share('adaptive');
    const sticky = share('sticky');
    expect(adaptive).toBeLessThan(sticky);
    expect(adaptive).toBeLessThan(1 / 3);
  });

  it('row 23: a rejoining old leader truncates its uncommitted tail from the first diverging offset; committed records are never cut', () => {
    // broker 0 loses the controller: it is fenced and replaced, but keeps acting as leader (zombie)
    // and appends what the producer still sends it; nobody replicates that tail
    const r = simulate({
      brokers: 3,
      topic: { partitions: 1, replicationFactor: 3, minInsyncReplicas: 2 },
      producer: { requestTimeoutMs: 3_000 },
      workload: { recordsPerSecond: 2_000, durationMs: 20_000 },
      faults: [{ atMs: 2_000, type: 'partition', broker: 0, peer: 'controller', durationMs: 15_000 }],
    });
    clean(r); // the monitor fails on any truncation of a committed entry (#20)
    const cuts = r.ofType('truncate').filter((e) => e.broker === 0);
    expect(cuts.length).toBeGreaterThan(0);
    expect(cuts.reduce((a, e) => a + e.removedRecords, 0)).toBeGreaterThan(0);
    expect(r.ofType('leader-elected').some((e) => e.leader !== 0 && !e.unclean)).toBe(true);
    expect(r.audit.lostAcked).toBe(0);
    expect(r.audit.duplicates).toBe(0);
  });

  it('row 24: the consumer never reads at or past the HW and sees nothing vanish without unclean election or disk loss', () => {
    const r = preset('kafka-4x-safe-defaults');
    expect(r.sim.consumer.readsPastHw).toBe(0);
    expect(r.sim.consumer.truncationsSeen).toBe(0);
    expect(r.sim.consumer.recordsConsumed).toBe(r.result.acked);
    const u = preset('unclean-election');
    expect(u.sim.consumer.readsPastHw).toBe(0);
    expect(u.sim.uncleanOrDiskLossSeen).toBe(true);
  });

  it('row 25: followers out of the ISR, the last ISR member loses power and its un-fsynced tail, is re-elected without ELR: committed, acked records are gone everywhere', () => {
    // followers crash (disks kept) and are fenced: ISR = {0}; broker 0 loses power at 12.5 s, and
    // with it what it wrote in the last `tail` ms; it is back first and the only ISR member
    const scenario = (tail: number) => ({
      brokers: 3,
      topic: { partitions: 1, replicationFactor: 3, minInsyncReplicas: 2 },
      workload: { recordsPerSecond: 1_000, durationMs: 25_000 },
      faults: [
        { atMs: 3_000, type: 'crash', broker: 1, durationMs: 10_000 },
        { atMs: 3_000, type: 'crash', broker: 2, durationMs: 10_000 },
        { atMs: 12_500, type: 'disk-loss', broker: 0, durationMs: 1_000, lostTailMs: tail },
      ],
    });
    const r = simulate(scenario(10_500));
    clean(r);
    expect(r.sim.tailLosses).toBe(1);
    const fenced = r.ofType('isr-change').filter((e) => e.reason === 'fenced');
    expect(fenced.at(-1)!.isr).toEqual([0]);
    // a clean election of the last ISR member with its shorter log, not an unclean one
    expect(r.ofType('leader-elected').some((e) => e.leader === 0 && !e.unclean && e.t > 12_500)).toBe(true);
    expect(r.sim.controller.uncleanElections).toBe(0);
    // only the tail went: records written before 2 s survive on every replica
    const lostTail = r.ofType('truncate').find((e) => e.broker === 0 && e.t === 12_500)!;
    expect(lostTail.toOffset).toBeGreaterThan(1_500);
    // the followers had the committed records and truncated them to match the new leader
    expect(r.ofType('truncate').filter((e) => e.broker !== 0 && e.t > 12_500).length).toBe(2);
    expect(r.audit.lostAcked).toBeGreaterThan(0);
    expect(r.audit.lostAcked).toBeLessThan(r.result.acked / 10);
    // a short tail holds only writes the leader refused or never committed: nothing acked is lost
    const short = simulate(scenario(500));
    clean(short);
    expect(short.audit.lostAcked).toBe(0);
    // the whole disk instead of the tail: the same scenario loses every acknowledged record
    const wiped = simulate({ ...scenario(1), faults: scenario(1).faults.map((f) => (f.type === 'disk-loss' ? { ...f, lostTailMs: undefined } : f)) });
    clean(wiped);
    expect(wiped.audit.lostAcked).toBeGreaterThan(r.audit.lostAcked);
  });

  it('row 25 with ELR (KIP-966): followers isolated out of the ISR keep every committed record, and one of them is elected instead of the power-cut leader', () => {
    // broker 0 (leader) is cut off from its followers at 1 s: the HW freezes (strict min ISR), at the
    // next ISR check after 30 s of lag the ISR shrinks to {0} and the followers become eligible
    // (ELR); at 48 s broker 0 loses power and everything it wrote since 0.4 s
    const scenario = (elr: boolean) => ({
      brokers: 3,
      topic: { partitions: 1, replicationFactor: 3, minInsyncReplicas: 2, eligibleLeaderReplicas: elr },
      workload: { recordsPerSecond: 200, durationMs: 60_000 },
      faults: [
        { atMs: 1_000, type: 'partition', broker: 0, durationMs: 55_000 },
        { atMs: 48_000, type: 'disk-loss', broker: 0, durationMs: 1_000, lostTailMs: 47_600 },
      ],
    });
    const without = simulate(scenario(false));
    clean(without);
    expect(without.ofType('isr-change').some((e) => e.reason === 'shrink' && e.isr.length === 1 && e.isr[0] === 0)).toBe(true);
    expect(without.ofType('leader-elected').some((e) => e.leader === 0 && !e.unclean && e.t > 48_000)).toBe(true);
    expect(without.audit.lostAcked).toBeGreaterThan(0);
    const withElr = simulate(scenario(true));
    clean(withElr);
    const elected = withElr.ofType('leader-elected').filter((e) => e.t > 48_000);
    expect(elected.length).toBeGreaterThan(0);
    expect(elected[0].leader).not.toBe(0);
    expect(elected[0].fromElr).toBe(true);
    expect(elected[0].unclean).toBe(false);
    expect(withElr.audit.lostAcked).toBe(0);
    // the power-cut broker came back from an unclean shutdown: no longer eligible
    expect(withElr.sim.controller.parts[0].elr).not.toContain(0);
  });
});
