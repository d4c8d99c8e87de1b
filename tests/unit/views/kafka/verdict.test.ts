/**
 * The verdict panel's text: real runs of the presets (acks=1 leader crash loses acknowledged
 * records and cites oracle row 6; the 4.x safe defaults keep every guarantee; unclean election cites
 * rows 9–10; idempotence off writes duplicates) and hand-made results for the other branches.
 */
import { describe, expect, it } from 'vitest';
import { Runner } from '@/simulations/core/runner';
import { viewOf } from '@/simulations/core/lab';
import { validate } from '@/simulations/core/params';
import { runForPreset } from '@/components/lab-shell/link';
import { configOf, kafkaLab, kafkaSchema, type KafkaResult, type ResolvedConfig } from '@/simulations/kafka';
import { runFacts } from '@/components/labs/kafka/viewModel';
import { kafkaVerdict, type RunFacts } from '@/components/labs/kafka/parts/verdict';

function runPreset(id: string, overrides: Record<string, unknown> = {}) {
  const { run } = runForPreset(kafkaLab, id);
  const runner = new Runner(kafkaLab, { ...run.params, ...overrides } as never, run.seed);
  runner.runTo(runner.horizonMs);
  const result = runner.result();
  const facts = runFacts(viewOf(kafkaLab, runner).frame(), result)!;
  return { runner, result, facts, verdict: kafkaVerdict(result, facts, runner.done) };
}

const line = (v: ReturnType<typeof kafkaVerdict>, id: string) => v.lines.find((l) => l.id === id)!;

function defaults(over: Partial<ResolvedConfig> = {}): ResolvedConfig {
  const v = validate(kafkaSchema, {});
  if (!v.ok) throw new Error('defaults do not validate');
  return { ...configOf(v.params), ...over };
}

function facts(cfg: ResolvedConfig, over: Partial<RunFacts> = {}): RunFacts {
  return { cfg, uncleanElections: 0, diskLosses: 0, tailLosses: 0, leaderElections: 0, notEnoughReplicas: 0, truncations: 0, liveLostAcked: 0, duplicateWrites: 0, failedButWritten: 0, lostAckedByPartition: [], reorderedPerKey: 0, faultsApplied: 0, ambiguousExpiries: 0, blockedNow: false, ...over };
}

function result(over: Partial<KafkaResult> = {}): KafkaResult {
  return { sent: 1000, acked: 1000, failed: {}, dropped: 0, lostAcked: 0, duplicates: 0, reordered: 0, blockedMs: 0, ackLatencyMs: { p50: 5, p99: 9 }, meanBatchRecords: 10, requests: 100, maxAccumulatorBytes: 0, committedRecords: 1000, events: 10, ...over };
}

describe('kafka verdict on real runs', () => {
  it('acks=1 + leader crash: acknowledged records lost, explained by the acks=1 rule (row 6)', () => {
    const { verdict, result: r, runner, facts: f } = runPreset('acks-1-leader-crash-loses-data');
    expect(runner.done).toBe(true);
    expect(r.lostAcked).toBeGreaterThan(0);
    expect(verdict.overall).toBe('broken');
    expect(verdict.lostAcked).toBe(r.lostAcked);
    const d = line(verdict, 'durability');
    expect(d.status).toBe('broken');
    expect(d.title).toBe(`acks=1 + leader failover: ${r.lostAcked.toLocaleString('en-US')} acknowledged records lost`);
    expect(d.text).toContain('before followers replicate');
    expect(d.cite).toContain('row 6');
    // the audit says where: the partitions the crashed broker led (p0 and p3 of 6 on 3 brokers)
    expect(f.lostAckedByPartition.reduce((a, b) => a + b, 0)).toBe(r.lostAcked);
    const where = f.lostAckedByPartition.flatMap((v, p) => (v > 0 ? [`p${p} ${v.toLocaleString('en-US')}`] : []));
    expect(where.map((w) => w.split(' ')[0])).toEqual(['p0', 'p3']);
    expect(d.text).toContain(`Lost per partition: ${where.join(', ')}.`);
    expect(verdict.headline).toBe(d.title);
    // acks=1 silently turns idempotence off, and the verdict says so
    expect(line(verdict, 'duplicates').status).toBe('held');
    expect(line(verdict, 'duplicates').text).toContain('acks=1');
  });

  it('Kafka 4.x safe defaults with a leader crash: every guarantee held and is guaranteed', () => {
    const { verdict, result: r, facts: f } = runPreset('kafka-4x-safe-defaults');
    expect(r.lostAcked).toBe(0);
    expect(f.leaderElections).toBeGreaterThan(0);
    expect(verdict.overall).toBe('held');
    for (const id of ['durability', 'duplicates', 'ordering']) expect(line(verdict, id).status).toBe('guaranteed');
    expect(line(verdict, 'durability').text).toContain('min.insync.replicas = 2');
    expect(verdict.headline).toMatch(/^Every guarantee held/);
  });

  it('unclean election: the loss is blamed on the election that ignored the ISR (rows 9–10)', () => {
    const { verdict, facts: f } = runPreset('unclean-election');
    expect(f.uncleanElections).toBeGreaterThan(0);
    const d = line(verdict, 'durability');
    expect(d.status).toBe('broken');
    expect(d.title).toMatch(/^acks=all \+ unclean election: [\d,]+ acknowledged records lost$/);
    expect(d.cite).toContain('rows 9–10');
  });

  it('idempotence off turns lost responses into duplicates (rows 3, 5, 14); on, it is guaranteed', () => {
    const off = runPreset('idempotence-vs-duplicates', { 'producer.enableIdempotence': 'false' });
    expect(off.result.duplicates).toBeGreaterThan(0);
    expect(line(off.verdict, 'duplicates').status).toBe('broken');
    expect(line(off.verdict, 'duplicates').text).toContain('enable.idempotence = false');
    expect(off.verdict.overall).toBe('broken');
    const on = runPreset('idempotence-vs-duplicates');
    expect(on.result.duplicates).toBe(0);
    expect(line(on.verdict, 'duplicates').status).toBe('guaranteed');
  });
});

describe('kafka verdict branches', () => {
  it('acks=0: losses are records counted as sent, cited as row 7', () => {
    const cfg = defaults({ acks: 0, idempotence: false });
    const v = kafkaVerdict(result({ lostAcked: 12 }), facts(cfg), true);
    expect(line(v, 'durability').title).toBe('acks=0: 12 records counted as sent are not in the log');
    expect(line(v, 'durability').cite).toContain('row 7');
    const none = kafkaVerdict(result({ committedRecords: 990 }), facts(cfg), true);
    expect(line(none, 'durability').text).toContain('990 of 1,000');
  });

  it('disk loss is named before acks when both could explain a loss', () => {
    const v = kafkaVerdict(result({ lostAcked: 1 }), facts(defaults({ acks: 1 }), { diskLosses: 1 }), true);
    expect(line(v, 'durability').title).toBe('disk loss: 1 acknowledged record lost');
    expect(line(v, 'durability').text).not.toContain('Lost per partition'); // no per-partition facts given
    const tail = kafkaVerdict(result({ lostAcked: 5 }), facts(defaults(), { diskLosses: 1, tailLosses: 1 }), true);
    expect(line(tail, 'durability').title).toBe('un-fsynced tail lost: 5 acknowledged records lost');
    expect(line(tail, 'durability').cite).toContain('row 25');
    expect(line(tail, 'durability').text).toContain('Without Eligible Leader Replicas (KIP-966) the controller re-elected');
    const tailElr = kafkaVerdict(result({ lostAcked: 5 }), facts(defaults({ elr: true }), { diskLosses: 1, tailLosses: 1 }), true);
    expect(line(tailElr, 'durability').text).toContain('Eligible Leader Replicas were on, but no eligible replica was alive');
  });

  it('acks=1 without loss is "held, not guaranteed"; acks=all with unclean election too', () => {
    expect(line(kafkaVerdict(result(), facts(defaults({ acks: 1, idempotence: false })), true), 'durability').status).toBe('held');
    const unclean = line(kafkaVerdict(result(), facts(defaults({ unclean: true })), true), 'durability');
    expect(unclean.status).toBe('held');
    expect(unclean.cite).toContain('row 9');
  });

  it('reordering: broken with idempotence off and several requests in flight; max.in.flight = 1 guarantees order', () => {
    const v = kafkaVerdict(result({ reordered: 40 }), facts(defaults({ idempotence: false, acks: 1 })), true);
    expect(line(v, 'ordering').status).toBe('broken');
    expect(line(v, 'ordering').title).toBe('40 records out of send order');
    const keyed = line(kafkaVerdict(result({ reordered: 40 }), facts(defaults({ idempotence: false, acks: 1, keys: 50 }), { reorderedPerKey: 12 }), true), 'ordering');
    expect(keyed.title).toBe('40 records out of send order (12 within a key)');
    expect(keyed.text).toContain('12 records landed behind a later record of the same key');
    const otherKeys = line(kafkaVerdict(result({ reordered: 40 }), facts(defaults({ idempotence: false, acks: 1, keys: 50 })), true), 'ordering');
    expect(otherKeys.text).toContain('No key lost its order');
    const muted = kafkaVerdict(result(), facts(defaults({ idempotence: false, maxInFlight: 1 })), true);
    expect(line(muted, 'ordering').status).toBe('guaranteed');
    expect(line(muted, 'ordering').text).toContain('max.in.flight.requests.per.connection = 1');
  });

  it('availability: drop mode never blocks and counts drops; blocking mode reports the wait and NOT_ENOUGH_REPLICAS', () => {
    const drop = line(kafkaVerdict(result({ dropped: 500 }), facts(defaults({ onBufferFull: 'drop' })), true), 'availability');
    expect(drop.title).toBe('Application never blocked; 500 records dropped');
    expect(drop.cite).toContain('row 18');
    // never blocking is a promise of the drop policy only
    expect(line(kafkaVerdict(result(), facts(defaults({ onBufferFull: 'drop' })), true), 'availability').status).toBe('guaranteed');
    expect(line(kafkaVerdict(result(), facts(defaults()), true), 'availability').status).toBe('held');
    const blocked = line(
      kafkaVerdict(result({ blockedMs: 60_000, failed: { TimeoutException: 30, BufferExhaustedException: 1 } }), facts(defaults({ minInsyncReplicas: 2 }), { notEnoughReplicas: 7 }), true),
      'availability',
    );
    expect(blocked.title).toBe('Application blocked 60 s');
    expect(blocked.text).toContain('max.block.ms = 60 s');
    expect(blocked.text).toContain('NOT_ENOUGH_REPLICAS');
    expect(blocked.text).toContain('30 records failed with TimeoutException');
    expect(blocked.text).toContain('1 record failed with BufferExhaustedException');
    expect(blocked.cite).toContain('rows 4 and 17');
  });

  it('a producer blocked right now is reported before the blocked time is known', () => {
    const now = line(kafkaVerdict(result(), facts(defaults(), { blockedNow: true }), false), 'availability');
    expect(now.status).toBe('info');
    expect(now.title).toBe('Application blocked in send() now');
    expect(now.text).toContain('send() is blocking the application right now');
  });

  it('says "so far" until the run is over', () => {
    const cfg = defaults();
    expect(kafkaVerdict(result(), facts(cfg), false).headline).toContain('so far');
    expect(kafkaVerdict(result(), facts(cfg), true).headline).not.toContain('so far');
    expect(kafkaVerdict(result({ lostAcked: 3 }), facts(cfg), false).headline).toBe('acks=all: 3 acknowledged records lost so far');
  });
});
