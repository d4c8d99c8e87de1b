import { describe, expect, it } from 'vitest';
import { scenarioToParams } from '@/simulations/kafka/lab/scenario';
import { kafkaLab } from '@/simulations/kafka';
import type { CliIO } from '@/simulations/core/lab';

const cfgOf = (s: Record<string, unknown>) => {
  const r = scenarioToParams(s);
  if (!r.ok) throw new Error(r.message);
  return r.config;
};
const errorOf = (s: Record<string, unknown>) => {
  const r = scenarioToParams(s);
  return r.ok ? null : r.message;
};

describe('defaults by version', () => {
  it('4.x: acks=all, idempotence on, linger.ms 5, strict min ISR, exponential backoff to 1 s', () => {
    const c = cfgOf({});
    expect(c).toMatchObject({ version: '4.x', acks: -1, idempotence: true, lingerMs: 5, batchSize: 16_384, bufferMemory: 33_554_432, maxBlockMs: 60_000, deliveryTimeoutMs: 120_000, requestTimeoutMs: 30_000, maxInFlight: 5, retries: 2_147_483_647, strictMinIsr: true, retryBackoffMaxMs: 1000, unclean: false, minInsyncReplicas: 1 });
  });
  it('3.6: linger.ms 0, HW advances with ISR = {leader}, constant backoff', () => {
    expect(cfgOf({ kafkaVersion: '3.6' })).toMatchObject({ lingerMs: 0, strictMinIsr: false, retryBackoffMaxMs: 100, acks: -1, idempotence: true });
  });
});

describe('acks spellings', () => {
  it.each([[0, 0], ['0', 0], [1, 1], ['1', 1], ['all', -1], [-1, -1], ['-1', -1]])('acks %j -> %i', (input, acks) => {
    expect(cfgOf({ producer: { acks: input, enableIdempotence: false } }).acks).toBe(acks);
  });
  it('rejects anything else', () => {
    expect(errorOf({ producer: { acks: 2 } })).toMatch(/Invalid value 2 for configuration producer.acks/);
  });
});

describe('idempotence silent-disable and ConfigException rules', () => {
  it('acks != all without enable.idempotence silently disables it (with a note)', () => {
    const c = cfgOf({ producer: { acks: 1 } });
    expect(c.idempotence).toBe(false);
    expect(c.notes.join()).toMatch(/silently disabled/);
  });
  it('acks != all with enable.idempotence=true is a ConfigException', () => {
    expect(errorOf({ producer: { acks: 1, enableIdempotence: true } })).toMatch(/Must set acks to all/);
  });
  it('retries = 0: silently off if implicit, ConfigException if explicit', () => {
    expect(cfgOf({ producer: { retries: 0 } }).idempotence).toBe(false);
    expect(errorOf({ producer: { retries: 0, enableIdempotence: true } })).toMatch(/retries to non-zero/);
  });
  it('max.in.flight > 5: 3.6 disables an implicit idempotence, 4.x rejects even the implicit default', () => {
    expect(cfgOf({ kafkaVersion: '3.6', producer: { maxInFlight: 6 } }).idempotence).toBe(false);
    expect(errorOf({ kafkaVersion: '3.6', producer: { maxInFlight: 6, enableIdempotence: true } })).toMatch(/at most 5/);
    expect(errorOf({ producer: { maxInFlight: 6 } })).toMatch(/at most 5/);
    expect(errorOf({ producer: { maxInFlight: 6, acks: 1 } })).toMatch(/at most 5/);
    expect(cfgOf({ producer: { maxInFlight: 6, enableIdempotence: false } }).maxInFlight).toBe(6);
  });
});

describe('delivery.timeout.ms >= linger.ms + request.timeout.ms', () => {
  it('rejects an explicit value below the sum', () => {
    expect(errorOf({ producer: { deliveryTimeoutMs: 1000, requestTimeoutMs: 1000, lingerMs: 5 } })).toMatch(/delivery.timeout.ms should be equal to or larger than/);
  });
  it('raises the default instead', () => {
    const c = cfgOf({ producer: { requestTimeoutMs: 200_000 } });
    expect(c.deliveryTimeoutMs).toBe(200_005);
  });
});

describe('other combinations', () => {
  it('unknown keys, RF > brokers, KIP-480 sticky on 4.x, bad faults', () => {
    expect(errorOf({ producer: { lingerMS: 1 } })).toMatch(/Unknown configuration "producer.lingerMS"/);
    expect(errorOf({ brokers: 2, topic: { replicationFactor: 3 } })).toMatch(/Replication factor: 3 larger than available brokers: 2/);
    expect(errorOf({ producer: { partitioner: 'sticky' } })).toMatch(/UniformStickyPartitioner/);
    expect(cfgOf({ kafkaVersion: '3.6', producer: { partitioner: 'sticky' } }).partitioner).toBe('sticky');
    expect(errorOf({ faults: [{ atMs: 0, type: 'crash', broker: 5 }] })).toMatch(/broker = 5 does not exist/);
    expect(errorOf({ faults: [{ atMs: 0, type: 'melt', broker: 0 }] })).toMatch(/type must be one of/);
    expect(errorOf({ faults: [{ atMs: 0, type: 'crash' }] })).toMatch(/exactly one of "broker"/);
    expect(errorOf({ faults: [{ atMs: 0, type: 'crash', broker: 0, lostTailMs: 1_000 }] })).toMatch(/lostTailMs only applies to "disk-loss"/);
    expect(errorOf({ faults: [{ atMs: 0, type: 'disk-loss', broker: 0, lostTailMs: 0 }] })).toMatch(/lostTailMs must be a time in ms > 0/);
    expect(cfgOf({ faults: [{ atMs: 0, type: 'disk-loss', broker: 0, lostTailMs: 1_000 }] }).faults[0].lostTailMs).toBe(1_000);
    expect(errorOf({ kafkaVersion: '3.6', topic: { eligibleLeaderReplicas: true } })).toMatch(/Eligible leader replicas .* need Kafka 4.0 or later/);
    expect(cfgOf({ topic: { eligibleLeaderReplicas: true } }).elr).toBe(true);
    expect(cfgOf({}).elr).toBe(false);
  });
});

function fakeIo(files: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = {
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    readFile: (p) => {
      if (!(p in files)) throw new Error('ENOENT');
      return files[p];
    },
    readDir: () => [],
    isDirectory: () => false,
    progress: () => {},
  };
  return { io, out, err };
}

describe('CLI', () => {
  it('--json prints exactly the documented shape; same seed, same output', async () => {
    const scenario = JSON.stringify({ topic: { minInsyncReplicas: 2 }, workload: { recordsPerSecond: 1000, durationMs: 1000 } });
    const a = fakeIo({ 's.json': scenario });
    expect(await kafkaLab.cli!.run(['--config', 's.json', '--seed', '3', '--json'], a.io)).toBe(0);
    const doc = JSON.parse(a.out.join(''));
    expect(Object.keys(doc).sort()).toEqual(
      ['sent', 'acked', 'failed', 'dropped', 'lostAcked', 'duplicates', 'reordered', 'blockedMs', 'ackLatencyMs', 'meanBatchRecords', 'requests', 'maxAccumulatorBytes', 'committedRecords', 'events'].sort(),
    );
    expect(Object.keys(doc.ackLatencyMs).sort()).toEqual(['p50', 'p99']);
    expect(doc.sent).toBeGreaterThan(0);
    expect(doc.acked).toBe(doc.sent);
    const b = fakeIo({ 's.json': scenario });
    await kafkaLab.cli!.run(['--config', 's.json', '--seed', '3', '--json'], b.io);
    expect(b.out.join('')).toBe(a.out.join(''));
  });

  it('exits 2 with a ConfigException-style message on bad input', async () => {
    for (const bad of [{ producer: { acks: 'some' } }, { nope: 1 }, { producer: { acks: 0, enableIdempotence: true } }, { workload: { durationMs: -5 } }]) {
      const f = fakeIo({ 'b.json': JSON.stringify(bad) });
      expect(await kafkaLab.cli!.run(['--config', 'b.json', '--json'], f.io)).toBe(2);
      expect(f.err.join('')).toMatch(/ConfigException/);
      expect(f.out.join('')).toBe('');
    }
    const notJson = fakeIo({ 'x.json': '{' });
    expect(await kafkaLab.cli!.run(['--config', 'x.json'], notJson.io)).toBe(2);
    const missing = fakeIo({});
    expect(await kafkaLab.cli!.run(['--config', 'missing.json'], missing.io)).toBe(2);
  });
});
