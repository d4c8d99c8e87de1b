/**
 * The live-edge lab against research other-topics §2.3 and §2.6: with edge coalescing the origin sees
 * exactly one request per watched (PoP, rendition) whatever the audience (outcome 2); without it, the
 * seeded mean of origin requests is within 5 % of Σ_e min(n_e, 1 + n_e·F/J) (outcome 3); coalescing at
 * the origin leaves one live-server request per rendition. Plus the samplers, determinism, budgets.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Runner } from '@/simulations/core/runner';
import { viewOf } from '@/simulations/core/lab';
import { defaults } from '@/simulations/core/params';
import { paramProblems } from '@/simulations/core/budget';
import { RandomStream } from '@/simulations/core/rng';
import { apportion, binomial, expectedUpstream, liveEdgeLab, viewersAt, zipfShares, type LiveEdgeParams } from '@/simulations/live-edge';
import type { LiveEdgeModel } from '@/simulations/live-edge/lab/model';

const base = defaults(liveEdgeLab.schema) as LiveEdgeParams;

function run(params: Partial<LiveEdgeParams>, seed = 1) {
  const runner = new Runner(liveEdgeLab, { ...base, ...params }, seed);
  runner.runToEnd();
  const view = viewOf(liveEdgeLab, runner);
  return { runner, model: runner.model as LiveEdgeModel, result: view.result(), frame: view.frame(), events: view.recorder.events };
}

describe('audience', () => {
  it('apportion splits exactly and fairly (each count within 1 of its share)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2_000_000 }), fc.integer({ min: 1, max: 300 }), fc.double({ min: 0, max: 2, noNaN: true }), (total, edges, skew) => {
        const shares = zipfShares(edges, skew);
        const counts = apportion(total, shares);
        expect(counts.reduce((a, b) => a + b, 0)).toBe(total);
        counts.forEach((c, i) => expect(Math.abs(c - shares[i] * total)).toBeLessThan(1 + 1e-9));
      }),
    );
  });

  it('Zipf shares fall with rank; skew 0 is uniform', () => {
    const s = zipfShares(10, 1);
    expect(s[0] / s[1]).toBeCloseTo(2, 9);
    expect(new Set(zipfShares(7, 0).map((x) => x.toFixed(12))).size).toBe(1);
    expect(viewersAt(15_000, 800_000, 30_000)).toBe(400_000);
    expect(viewersAt(45_000, 800_000, 30_000)).toBe(800_000);
  });
});

describe('binomial sampler', () => {
  it.each([
    [20, 0.1],
    [500, 0.03],
    [8000, 0.033],
    [100_000, 0.7],
  ])('Binomial(%d, %f): mean and variance within 3 %% and 10 %% over 20,000 draws', (n, p) => {
    const rng = new RandomStream(42, 'binomial');
    const draws = Array.from({ length: 20_000 }, () => binomial(n, p, rng));
    const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
    const variance = draws.reduce((a, b) => a + (b - mean) ** 2, 0) / (draws.length - 1);
    expect(Math.abs(mean / (n * p) - 1)).toBeLessThan(0.03);
    expect(Math.abs(variance / (n * p * (1 - p)) - 1)).toBeLessThan(0.1);
    expect(draws.every((x) => Number.isInteger(x) && x >= 0 && x <= n)).toBe(true);
  });
});

describe('request coalescing (§2.6 outcome 2)', () => {
  it('with edge coalescing the origin gets one request per watched (PoP, rendition) per segment, whatever N', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2_000_000 }),
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 1, max: 6 }),
        fc.double({ min: 0, max: 2, noNaN: true }),
        fc.integer({ min: 0, max: 1000 }),
        (viewers, edges, renditions, zipfSkew, seed) => {
          const { model } = run({ viewers, edges, renditions, zipfSkew, rampS: 0, durationS: 10, segmentS: 5, edgeCoalescing: true }, seed);
          for (const o of model.outcomes) {
            const watched = o.edgeViewers.reduce((sum, n) => sum + Math.min(n, renditions), 0);
            expect(o.totalEdgeUpstream).toBe(watched);
            expect(o.totalEdgeUpstream).toBe(o.watchedObjects);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('every PoP with at least R viewers: exactly |{e : n_e ≥ 1}| × R, e.g. 100 × 4 = 400 for 2 M viewers', () => {
    const { result, model } = run(liveEdgeLab.presets.find((p) => p.id === 'both-tiers-coalesce')!.params);
    const last = model.outcomes.at(-1)!;
    expect(last.edgeViewers.every((n) => n >= 4)).toBe(true);
    expect(result.lastSegment!.edgeUpstream).toBe(100 * 4);
    expect(result.lastSegment!.liveServer).toBe(4);
    expect(result.lastSegment!.viewers).toBe(2_000_000);
  });
});

describe('the thundering herd without coalescing (§2.6 outcome 3)', () => {
  const meanUpstream = (params: Partial<LiveEdgeParams>, seeds: number) => {
    let sum = 0;
    let expected = 0;
    let count = 0;
    for (let seed = 1; seed <= seeds; seed++) {
      const { model } = run({ rampS: 0, ...params }, seed);
      for (const o of model.outcomes) {
        sum += o.totalEdgeUpstream;
        expected += o.expectedEdgeUpstream;
        count++;
      }
    }
    return { mean: sum / count, expected: expected / count };
  };

  it('800,000 viewers, 100 PoPs, J = 3 s, F = 100 ms: ≈ 26,767 origin requests a segment (3.3 %), seeded mean within 5 %', () => {
    const { mean, expected } = meanUpstream({ durationS: 30 }, 5);
    expect(expected).toBeCloseTo(26_766.67, 0);
    expect(Math.abs(mean / expected - 1)).toBeLessThan(0.05);
    expect(mean / 800_000).toBeGreaterThan(0.03);
    expect(mean / 800_000).toBeLessThan(0.036);
  });

  it('a small, skewed audience (many PoPs with a handful of viewers): still within 5 % of Σ min(n_e, 1 + n_e·F/J)', () => {
    const params = { viewers: 3000, edges: 200, zipfSkew: 1.4, edgeFetchMs: 250, windowS: 2, segmentS: 2, durationS: 40 };
    const { mean, expected } = meanUpstream(params, 20);
    const shares = zipfShares(200, 1.4);
    const formula = apportion(3000, shares).reduce((s, n) => s + expectedUpstream(n, 2000, 250), 0);
    expect(expected).toBeCloseTo(formula, 6);
    expect(Math.abs(mean / formula - 1)).toBeLessThan(0.05);
  });

  it('an origin tier that does not coalesce passes most of the herd on when F2 ≈ F; coalescing there leaves one request per rendition', () => {
    const { result: plain } = run({ rampS: 0, durationS: 12 });
    expect(plain.lastSegment!.liveServer).toBeGreaterThan(0.8 * plain.lastSegment.edgeUpstream!);
    const { result: coalesced } = run({ rampS: 0, durationS: 12, originCoalescing: true, renditions: 3 });
    expect(coalesced.lastSegment!.liveServer).toBe(3);
    const { result: direct } = run({ rampS: 0, durationS: 12, twoTier: false });
    expect(direct.lastSegment!.liveServer).toBe(direct.lastSegment!.edgeUpstream);
  });
});

describe('live-edge lab: determinism, budget, captions', () => {
  it('the same seed gives the same event log; another seed another', () => {
    const a = run({ viewers: 50_000, edges: 20, durationS: 15, rampS: 6 }, 9);
    const b = run({ viewers: 50_000, edges: 20, durationS: 15, rampS: 6 }, 9);
    const c = run({ viewers: 50_000, edges: 20, durationS: 15, rampS: 6 }, 10);
    expect(JSON.stringify(b.events)).toBe(JSON.stringify(a.events));
    expect(JSON.stringify(b.frame)).toBe(JSON.stringify(a.frame));
    expect(JSON.stringify(c.events)).not.toBe(JSON.stringify(a.events));
  });

  it.each(liveEdgeLab.presets.map((p) => [p.id] as const))('preset %s: within budget, bounded by its estimate, every event captioned', (id) => {
    const params = { ...base, ...liveEdgeLab.presets.find((p) => p.id === id)!.params };
    expect(paramProblems(liveEdgeLab, params)).toEqual([]);
    const { runner, events, result } = run(params);
    expect(runner.ctx.scheduler.executed).toBeLessThanOrEqual(liveEdgeLab.budget!.estimate(params).events);
    expect(result.segments).toBe(Math.floor(params.durationS / params.segmentS));
    for (const e of events) {
      const caption = liveEdgeLab.caption!(e);
      expect(caption).not.toBeNull();
      expect(caption).not.toMatch(/\b(null|undefined|NaN|Infinity)\b/);
    }
  });

  it('refuses a ramp that never reaches the peak, naming rampS', () => {
    expect(paramProblems(liveEdgeLab, { ...base, rampS: 58, durationS: 60, segmentS: 3 })).toEqual([expect.objectContaining({ field: 'rampS' })]);
    expect(paramProblems(liveEdgeLab, { ...base, rampS: 57, durationS: 60, segmentS: 3 })).toEqual([]);
  });

  it('the heaviest allowed run stays inside its estimate', () => {
    const heaviest = { ...base, viewers: 2_000_000, edges: 300, renditions: 6, durationS: 300, segmentS: 1, windowS: 0.1, edgeFetchMs: 2000 };
    expect(paramProblems(liveEdgeLab, heaviest)).toEqual([]);
    const { runner } = run(heaviest);
    expect(runner.ctx.scheduler.executed).toBeLessThanOrEqual(liveEdgeLab.budget!.estimate(heaviest).events);
  });
});
