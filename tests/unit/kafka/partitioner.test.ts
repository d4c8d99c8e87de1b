import { describe, expect, it } from 'vitest';
import { murmur2, partitionForKey, toPositive, utf8 } from '@/simulations/kafka/producer/murmur2';
import { Partitioner, TIME_STICKY_MS } from '@/simulations/kafka/producer/partitioner';
import { RandomStream } from '@/simulations/core/rng';

describe('murmur2 equals the Java client (UtilsTest.testMurmur2 vectors)', () => {
  it.each([
    ['21', -973932308],
    ['foobar', -790332482],
    ['a-little-bit-long-string', -985981536],
    ['a-little-bit-longer-string', -1486304829],
    ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
    ['abc', 479470107],
  ])('murmur2(%s) = %i', (input, expected) => {
    expect(murmur2(utf8(input))).toBe(expected);
  });

  it('maps keys with toPositive (sign bit cleared, not abs) modulo P', () => {
    expect(toPositive(-790332482)).toBe(1357151166);
    expect(partitionForKey(utf8('foobar'), 50)).toBe(16);
  });
});

const rng = () => new RandomStream(7, 'partitioner');

describe('keyed records', () => {
  it('always go to murmur2(key) % P with every built-in partitioner but round-robin', () => {
    for (const kind of ['adaptive', 'sticky', 'time-sticky'] as const) {
      const part = new Partitioner(kind, 6, 16_384, rng(), 50);
      for (let k = 0; k < 50; k++) expect(part.partition(k, k)).toBe(partitionForKey(utf8(`key-${k}`), 6));
    }
  });
});

describe('adaptive (KIP-794)', () => {
  it('keeps the partition until batch.size bytes went to it with a full last batch, and switches at 2 x batch.size regardless', () => {
    const p = new Partitioner('adaptive', 4, 1_000, rng(), 0);
    const first = p.partition(-1, 0);
    p.onAppend(first, 999, true);
    expect(p.partition(-1, 0)).toBe(first);
    p.onAppend(first, 1, false); // 1000 bytes, but the last batch is not full
    expect(p.switches).toBe(0);
    p.onAppend(first, 999, false); // 1999
    expect(p.switches).toBe(0);
    p.onAppend(first, 1, false); // 2000 = 2 x batch.size
    expect(p.switches).toBe(1);
    const second = p.partition(-1, 0);
    p.onAppend(second, 1_000, true); // batch.size and all batches full
    expect(p.switches).toBe(2);
  });

  it('weights the next partition towards shorter queues', () => {
    const p = new Partitioner('adaptive', 3, 100, rng(), 0);
    p.updateLoadStats([0, 10, 10], () => true); // weights 11, 1, 1
    const counts = [0, 0, 0];
    for (let i = 0; i < 3_000; i++) {
      const part = p.partition(-1, 0);
      counts[part]++;
      p.onAppend(part, 200, true);
    }
    expect(counts[0] / 3_000).toBeGreaterThan(0.75);
    expect(counts[0] / 3_000).toBeLessThan(0.95);
  });

  it('chooses uniformly among partitions with a leader when queues are equal', () => {
    const p = new Partitioner('adaptive', 4, 100, rng(), 0);
    p.setAvailable((x) => x !== 2);
    p.updateLoadStats([1, 1, 1, 1], (x) => x !== 2);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 3_000; i++) {
      const part = p.partition(-1, 0);
      counts[part]++;
      p.onAppend(part, 200, true);
    }
    expect(counts[2]).toBe(0);
    for (const x of [0, 1, 3]) expect(counts[x]).toBeGreaterThan(800);
  });
});

describe('sticky (KIP-480)', () => {
  it('switches to a different partition on every new batch', () => {
    const p = new Partitioner('sticky', 5, 16_384, rng(), 0);
    expect(p.abortOnNewBatch).toBe(true);
    let cur = p.partition(-1, 0);
    for (let i = 0; i < 50; i++) {
      p.onNewBatch(cur);
      const next = p.partition(-1, 0);
      expect(next).not.toBe(cur);
      cur = next;
    }
  });
});

describe('round-robin and time-sticky', () => {
  it('round-robin cycles over available partitions and ignores keys', () => {
    const p = new Partitioner('round-robin', 3, 16_384, rng(), 10);
    expect([0, 1, 2, 3, 4, 5].map((k) => p.partition(k, 0))).toEqual([0, 1, 2, 0, 1, 2]);
  });

  it('time-sticky holds a partition for TIME_STICKY_MS, then moves', () => {
    const p = new Partitioner('time-sticky', 4, 16_384, rng(), 0);
    const a = p.partition(-1, 0);
    expect(p.partition(-1, TIME_STICKY_MS - 1)).toBe(a);
    expect(p.partition(-1, TIME_STICKY_MS)).not.toBe(a);
  });
});
