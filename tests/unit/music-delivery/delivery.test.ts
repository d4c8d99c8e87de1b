/**
 * The music delivery lab: the LRU cache against Che's approximation (independent Zipf requests),
 * the preset stories against their runs (research §5.1: Spotify 2010's 55.4 / 35.8 / 8.8 % split),
 * conservation of plays and bytes, determinism, and the budget.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Rng } from '@/simulations/core/rng';
import { Runner } from '@/simulations/core/runner';
import { viewOf } from '@/simulations/core/lab';
import { defaults } from '@/simulations/core/params';
import { paramProblems } from '@/simulations/core/budget';
import { DEFAULT_SEED } from '@/components/lab-shell/link';
import { LruCache } from '@/simulations/music-delivery/cache/lru';
import { cheHitRatio, characteristicTime, zipfProbabilities } from '@/simulations/music-delivery/cache/che';
import { musicDeliveryLab, type MusicDeliveryParams, type MusicDeliveryResult } from '@/simulations/music-delivery';
import { estimateMusicDelivery } from '@/simulations/music-delivery/lab/budget';

const base = defaults(musicDeliveryLab.schema);
const presetParams = (id: string): MusicDeliveryParams => {
  const p = musicDeliveryLab.presets.find((x) => x.id === id);
  if (!p) throw new Error(`no preset ${id}`);
  return { ...base, ...p.params };
};
function finish(params: MusicDeliveryParams, seed = DEFAULT_SEED): { runner: Runner<typeof musicDeliveryLab>; result: MusicDeliveryResult } {
  const runner = new Runner(musicDeliveryLab, params, seed);
  runner.runToEnd();
  return { runner, result: runner.result() };
}

describe('LRU under independent Zipf requests vs Che’s approximation', () => {
  it('measured hit ratio within 0.015 of Che for several sizes and exponents (after a warm-up of 50k requests)', () => {
    const n = 5000;
    for (const [s, capacity] of [
      [0.8, 100],
      [0.8, 500],
      [1.0, 50],
      [1.0, 1000],
      [1.2, 200],
    ] as const) {
      const stream = new Rng(11).stream('zipf');
      const cache = new LruCache(capacity);
      let hits = 0;
      const warm = 50_000;
      const measured = 200_000;
      for (let k = 0; k < warm + measured; k++) {
        const item = stream.zipf(n, s);
        const hit = cache.touch(item);
        if (!hit) cache.put(item);
        if (k >= warm && hit) hits++;
      }
      const che = cheHitRatio(zipfProbabilities(n, s), capacity);
      expect(Math.abs(hits / measured - che), `s=${s} C=${capacity}: measured ${hits / measured}, Che ${che}`).toBeLessThan(0.015);
    }
  });

  it('T_C solves Σ(1 − e^(−q·T)) = C, and the Che hit ratio grows with the capacity', () => {
    const q = zipfProbabilities(2000, 0.9);
    let previous = 0;
    for (const c of [1, 10, 100, 500, 1999]) {
      const t = characteristicTime(q, c);
      let occupancy = 0;
      for (const p of q) occupancy += 1 - Math.exp(-p * t);
      expect(occupancy).toBeCloseTo(c, 6);
      const h = cheHitRatio(q, c);
      expect(h).toBeGreaterThan(previous);
      previous = h;
    }
    expect(cheHitRatio(q, 0)).toBe(0);
    expect(cheHitRatio(q, 2000)).toBe(1);
  });

  it('an LRU never holds more than its capacity and keeps the most recent items (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20 }), fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 200 }), (capacity, requests) => {
        const cache = new LruCache(capacity);
        for (const r of requests) if (!cache.touch(r)) cache.put(r);
        expect(cache.size).toBeLessThanOrEqual(capacity);
        const recent: number[] = [];
        for (let k = requests.length - 1; k >= 0 && recent.length < capacity; k--) if (!recent.includes(requests[k])) recent.push(requests[k]);
        expect(new Set(cache.keys())).toEqual(new Set(recent));
      }),
    );
  });
});

describe('music-delivery lab', () => {
  it('che-check preset: the edge’s measured hit ratio is within 0.03 of Che’s approximation', () => {
    const { result } = finish(presetParams('che-check'));
    expect(result.plays).toBeGreaterThan(10_000);
    expect(Math.abs(result.edgeHitRatio! - result.cheEdgeHitRatio)).toBeLessThan(0.03);
  });

  it('spotify-2010 preset: bytes within 8 points of the paper’s 55.4 % cache, 35.8 % peers, 8.8 % servers', () => {
    const { result } = finish(presetParams('spotify-2010'));
    expect(Math.abs(result.byteShares.cache - 0.554)).toBeLessThan(0.08);
    expect(Math.abs(result.byteShares.peer - 0.358)).toBeLessThan(0.08);
    expect(Math.abs(result.byteShares.server - 0.088)).toBeLessThan(0.08);
    expect(result.ttfa.p50!).toBeLessThan(265);
  });

  it('todays-client: p90 time to first audio under 100 ms; no prefetch: a slower p90', () => {
    const today = finish(presetParams('todays-client')).result;
    const none = finish(presetParams('no-prefetch')).result;
    expect(today.ttfa.p90!).toBeLessThan(100);
    expect(none.ttfa.p90!).toBeGreaterThan(1.5 * today.ttfa.p90!);
    expect(none.sources.prefetch.share).toBe(0);
  });

  it('lossless: the device cache holds 34 tracks, device hits fall, and egress cost rises more than sevenfold', () => {
    const today = finish(presetParams('todays-client')).result;
    const lossless = finish(presetParams('lossless')).result;
    expect(lossless.deviceCacheTracks).toBe(34);
    expect(lossless.sources.device.share).toBeLessThan(0.5 * today.sources.device.share);
    expect(lossless.egressUsd).toBeGreaterThan(7 * today.egressUsd);
  });

  it('every measured play has one start source, shares add up to 1, and the run is deterministic', () => {
    const params = { ...base, listeners: 60, durationMin: 20, peerAssist: true };
    const a = finish(params, 9);
    const b = finish(params, 9);
    expect(JSON.stringify(a.runner.recorder.events)).toBe(JSON.stringify(b.runner.recorder.events));
    const r = a.result;
    const bySource = Object.values(r.sources).reduce((s, x) => s + x.share, 0);
    expect(bySource).toBeCloseTo(1, 12);
    expect(r.byteShares.cache + r.byteShares.peer + r.byteShares.server).toBeCloseTo(1, 12);
    expect(a.runner.recorder.count('play')).toBe(r.plays);
    for (const e of viewOf(musicDeliveryLab, a.runner).recorder.events.slice(0, 50)) expect(musicDeliveryLab.caption!(e)).toMatch(/^Listener \d+/);
  });

  it('the budget bounds the events of random runs, and the biggest run fits', () => {
    fc.assert(
      fc.property(fc.integer({ min: 10, max: 80 }), fc.integer({ min: 5, max: 20 }), fc.double({ min: 0, max: 0.9, noNaN: true }), fc.integer({ min: 0, max: 100 }), (listeners, durationMin, skipShare, seed) => {
        const params = { ...base, listeners, durationMin, skipShare, catalogue: 5000 };
        const runner = new Runner(musicDeliveryLab, params, seed);
        let events = 0;
        while (!runner.done) {
          runner.stepRaw();
          events++;
        }
        expect(events).toBeLessThanOrEqual(estimateMusicDelivery(params).events);
      }),
      { numRuns: 6 },
    );
    const biggest = { ...base, listeners: 5000, durationMin: 480, edges: 16, edgeCacheGB: 5000, catalogue: 200_000, tier: 'low' as const };
    expect(paramProblems(musicDeliveryLab, biggest)).toEqual([]);
    expect(estimateMusicDelivery(biggest).bytes).toBeGreaterThan(estimateMusicDelivery({ ...biggest, edges: 1 }).bytes);
  });
});
