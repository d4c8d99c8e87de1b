/**
 * The video pipeline lab: research §6.5's checkable outcomes (storage per hour of the fixed ladder,
 * the makespan and first-playable formulas, the per-title ladder on the upper convex hull, the
 * appliance count), the preset stories against their runs, captions, determinism, the budget and
 * bad input through the CLI.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Scheduler } from '@/simulations/core/scheduler';
import { Runner } from '@/simulations/core/runner';
import { viewOf } from '@/simulations/core/lab';
import { defaults } from '@/simulations/core/params';
import { paramProblems } from '@/simulations/core/budget';
import type { CliIO } from '@/simulations/core/lab';
import { main } from '@/scripts/sim';
import { DEFAULT_SEED } from '@/components/lab-shell/link';
import { videoPipelineLab, type VideoPipelineParams, type VideoPipelineResult } from '@/simulations/video-pipeline';
import { FIXED_2015_LADDER, fixedLadder, ladderKbps, planLadder } from '@/simulations/video-pipeline/encoding/ladders';
import { isUndominated, perTitleLadder, TOP_RUNG_MAX_KBPS, upperHull } from '@/simulations/video-pipeline/encoding/hull';
import { RESOLUTIONS, quality, trialEncodes, type CurvePoint } from '@/simulations/video-pipeline/encoding/rateQuality';
import { WorkerPool } from '@/simulations/video-pipeline/pipeline/workerPool';
import { chunkDurations, equalJobsMakespan } from '@/simulations/video-pipeline/pipeline/jobs';
import { appliancesNeeded, storageBytes, streamedMix } from '@/simulations/video-pipeline/delivery/capacity';
import { estimateVideoPipeline } from '@/simulations/video-pipeline/lab/budget';
import { videoPipelineCaption } from '@/simulations/video-pipeline/lab/caption';
import { SAMPLES } from '@/simulations/video-pipeline/lab/series';

const base = defaults(videoPipelineLab.schema);
const presetParams = (id: string): VideoPipelineParams => {
  const p = videoPipelineLab.presets.find((x) => x.id === id);
  if (!p) throw new Error(`no preset ${id}`);
  return { ...base, ...p.params };
};
function finish(params: VideoPipelineParams, seed = DEFAULT_SEED) {
  const runner = new Runner(videoPipelineLab, params, seed);
  runner.runToEnd();
  const run = viewOf(videoPipelineLab, runner);
  return { runner, events: run.recorder.events, result: run.result() as VideoPipelineResult };
}

describe('§6.5 outcome 1: storage = Σ b_r · T / 8', () => {
  it('the fixed 2015 ladder sums to 20,170 kbps and needs 9.08 GB per hour of content', () => {
    expect(ladderKbps(FIXED_2015_LADDER)).toBe(20_170);
    expect(storageBytes(FIXED_2015_LADDER, 3600)).toBe(9_076_500_000);
    expect(storageBytes(FIXED_2015_LADDER, 3600) / 1e9).toBeCloseTo(9.08, 2);
  });

  it('a run reports the same per hour, and its title storage scales with T', () => {
    const { result } = finish({ ...presetParams('cartoon-fixed-ladder'), durationMin: 30 });
    expect(result.delivery.storageGBPerHour).toBeCloseTo(9.0765, 9);
    expect(result.delivery.storageGB).toBeCloseTo(9.0765 / 2, 9);
  });
});

describe('§6.5 outcome 2: makespan and time to first playable', () => {
  function poolMakespan(jobs: number, workers: number, t: number): number {
    const scheduler = new Scheduler();
    let last = 0;
    const pool = new WorkerPool<{ durationMs: number }>(workers, scheduler, { onStart: () => {}, onFinish: () => void (last = scheduler.now) });
    pool.submit(Array.from({ length: jobs }, () => ({ durationMs: t })));
    while (scheduler.step()) {
      /* run to the end */
    }
    expect(pool.finished).toBe(jobs);
    return last;
  }

  it('J equal jobs of length t on W workers finish at ceil(J / W) · t', () => {
    expect(poolMakespan(1500, 40, 2500)).toBe(38 * 2500);
    expect(poolMakespan(7, 7, 10)).toBe(10);
    expect(poolMakespan(8, 7, 10)).toBe(20);
    expect(equalJobsMakespan(1500, 40, 2500)).toBe(95_000);
  });

  it('property: any J, W, t (fast-check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 10_000 }), (jobs, workers, t) => {
        expect(poolMakespan(jobs, workers, t)).toBe(equalJobsMakespan(jobs, workers, t));
      }),
      { numRuns: 60 },
    );
  });

  it('lowest rung first, equal chunks: the lowest rung is encoded in exactly ceil(ceil(T/c) / W) · t_low', () => {
    for (const workers of [1, 7, 16, 40, 150, 400]) {
      const { result } = finish({ ...presetParams('textbook-equal-chunks'), workers });
      expect(result.chunks).toBe(150);
      // t_low: a 4 s chunk of 384×288 at 0.5× real time for 1080p, cost 0.1 + 0.9 · 110,592 / 2,073,600
      const tLow = (4 * (0.1 + (0.9 * 384 * 288) / (1920 * 1080))) / 0.5;
      expect(result.lowestRungFormulaS).toBeCloseTo(Math.ceil(150 / workers) * tLow, 9);
      expect(result.lowestRungEncodeS).toBeCloseTo(result.lowestRungFormulaS, 9);
    }
  });

  it('chunk by chunk, the same work makes the video playable about 6× later; the full ladder barely moves', () => {
    const low = finish(presetParams('lowest-rung-first')).result;
    const naive = finish(presetParams('chunk-by-chunk')).result;
    expect(naive.timeToFirstPlayableS!).toBeGreaterThan(5 * low.timeToFirstPlayableS!);
    expect(Math.abs(naive.timeToFullLadderS! - low.timeToFullLadderS!)).toBeLessThan(0.05 * low.timeToFullLadderS!);
    expect(low.timeToFirstPlayableS!).toBeGreaterThan(20);
    expect(low.timeToFirstPlayableS!).toBeLessThan(26);
    expect(low.timeToFullLadderS!).toBeGreaterThan(120);
  });

  it('chunks are GOP-aligned: full chunks of c, the last one shorter, summing to T', () => {
    expect(chunkDurations(600, 4)).toHaveLength(150);
    const odd = chunkDurations(601, 4);
    expect(odd).toHaveLength(151);
    expect(odd[150]).toBeCloseTo(1, 9);
    expect(odd.reduce((s, x) => s + x, 0)).toBeCloseTo(601, 9);
  });
});

describe('§6.5 outcome 3: the per-title ladder lies on the upper convex hull', () => {
  /** true when no trial encode lies above the segment of the hull spanning its bitrate */
  function nothingAbove(hull: readonly CurvePoint[], points: readonly CurvePoint[]): boolean {
    return points.every((p) => {
      if (p.kbps > hull[hull.length - 1].kbps || p.kbps < hull[0].kbps) return true;
      const k = hull.findIndex((h) => h.kbps >= p.kbps);
      if (hull[k].kbps === p.kbps) return p.quality <= hull[k].quality + 1e-9;
      const a = hull[k - 1];
      const b = hull[k];
      const onHull = a.quality + ((b.quality - a.quality) * (p.kbps - a.kbps)) / (b.kbps - a.kbps);
      return p.quality <= onHull + 1e-9;
    });
  }

  it('property: for any complexity and rung count the rungs are hull vertices, strictly increasing in bitrate and quality, none dominated (fast-check)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.2, max: 3, noNaN: true }), fc.integer({ min: 3, max: 12 }), (complexity, rungs) => {
        const plan = planLadder('per-title', complexity, rungs);
        expect(nothingAbove(plan.hull, plan.curves)).toBe(true);
        for (let i = 1; i < plan.hull.length; i++) {
          expect(plan.hull[i].kbps).toBeGreaterThan(plan.hull[i - 1].kbps);
          expect(plan.hull[i].quality).toBeGreaterThan(plan.hull[i - 1].quality);
        }
        expect(plan.rungs.length).toBeGreaterThanOrEqual(2);
        expect(plan.rungs.length).toBeLessThanOrEqual(rungs);
        for (const r of plan.rungs) expect(plan.hull).toContain(r);
        for (let i = 1; i < plan.rungs.length; i++) {
          expect(plan.rungs[i].kbps).toBeGreaterThan(plan.rungs[i - 1].kbps);
          expect(plan.rungs[i].quality).toBeGreaterThan(plan.rungs[i - 1].quality);
        }
        expect(isUndominated(plan.rungs)).toBe(true);
        expect(plan.rungs[plan.rungs.length - 1].kbps).toBeLessThanOrEqual(TOP_RUNG_MAX_KBPS);
      }),
      { numRuns: 80 },
    );
  });

  it('the hull of a tiny hand-made set: the dominated and the concave-in points go', () => {
    const pts = [
      { resolution: 'a', kbps: 100, quality: 10 },
      { resolution: 'a', kbps: 200, quality: 14 }, // under the chord from 100 to 300
      { resolution: 'b', kbps: 300, quality: 30 },
      { resolution: 'b', kbps: 400, quality: 29 }, // past the best: dropped
      { resolution: 'c', kbps: 300, quality: 20 }, // same bitrate, lower quality
    ];
    expect(upperHull(pts).map((p) => p.kbps)).toEqual([100, 300]);
    expect(perTitleLadder(upperHull(pts), 2, 0).map((p) => p.kbps)).toEqual([100, 300]);
  });

  it('the curves cross: a small resolution wins at low bitrates, a large one at high', () => {
    const [small, , , , , , large] = RESOLUTIONS;
    expect(quality(small, 235, 1)).toBeGreaterThan(quality(large, 235, 1));
    expect(quality(large, 5800, 1)).toBeGreaterThan(quality(small, 5800, 1));
    expect(trialEncodes(1)).toHaveLength(RESOLUTIONS.length * 33);
  });

  it('Netflix 2015 in the model: a cartoon reaches 1080p near 1.5 Mbps; a hard title still falls short at 5,800 kbps, and its fixed ladder has dominated rungs', () => {
    const cartoon = planLadder('per-title', 0.3, 8).rungs;
    const first1080 = cartoon.find((r) => r.resolution === '1920×1080')!;
    expect(first1080.kbps).toBeGreaterThan(1200);
    expect(first1080.kbps).toBeLessThan(1800);
    const action = fixedLadder(2.5);
    expect(action[action.length - 1].quality).toBeLessThan(75);
    expect(isUndominated(action)).toBe(false);
    expect(isUndominated(planLadder('per-title', 2.5, 10).rungs)).toBe(true);
  });

  it('per-title on a cartoon: less than half the storage and egress of the fixed ladder, at higher mean quality', () => {
    const perTitle = finish(presetParams('cartoon-per-title')).result;
    const fixed = finish(presetParams('cartoon-fixed-ladder')).result;
    expect(perTitle.delivery.storageGBPerHour).toBeLessThan(0.5 * fixed.delivery.storageGBPerHour);
    expect(perTitle.delivery.egressUsd).toBeLessThan(0.65 * fixed.delivery.egressUsd);
    expect(perTitle.delivery.meanQuality).toBeGreaterThan(fixed.delivery.meanQuality);
  });
});

describe('§6.5 outcome 4: appliances = ceil(peak streams × bitrate / appliance throughput)', () => {
  it('1 M streams × 5 Mbps / 90 Gbit/s → 56', () => {
    expect(appliancesNeeded(1_000_000, 5e6, 90e9)).toBe(56);
    expect(appliancesNeeded(18_000, 5e6, 90e9)).toBe(1);
    expect(appliancesNeeded(18_001, 5e6, 90e9)).toBe(2);
  });

  it('a run uses the mean streamed bitrate of its ladder and viewer mix', () => {
    const { result } = finish(presetParams('feature-film-prime-time'));
    const mean = streamedMix(result.ladder.rungs).meanKbps;
    expect(result.delivery.appliances).toBe(Math.ceil((1_000_000 * mean * 1000) / 90e9));
    expect(result.delivery.appliances).toBeGreaterThan(40);
    expect(result.delivery.appliances).toBeLessThan(60);
  });
});

describe('the run', () => {
  it('every encode runs once; rungs publish lowest first; press play ends the run with a control then a data plane', () => {
    const { runner, events, result } = finish(presetParams('lowest-rung-first'));
    const done = events.flatMap((e) => (e.type === 'encodeDone' ? [e] : []));
    expect(done).toHaveLength(result.jobs);
    expect(new Set(done.map((e) => `${e.chunk}/${e.rung}`)).size).toBe(result.jobs);
    const published = events.flatMap((e) => (e.type === 'published' ? [e.rung] : []));
    expect(published).toEqual([...published].sort((a, b) => a - b));
    const plays = events.flatMap((e) => (e.type === 'play' ? [e.plane] : []));
    expect(plays).toEqual(['control', 'control', 'data', 'data', 'data']);
    expect(runner.finished).toBe(true);
    expect(runner.now).toBeLessThanOrEqual(runner.horizonMs);
    expect(result.pressPlay!.firstFrameMs).toBeGreaterThan(100);
    expect(result.pressPlay!.firstFrameMs).toBeLessThan(1500);
    // no worker runs two jobs at once
    const byWorker = new Map<number, { s: number; e: number }[]>();
    for (const e of done) byWorker.set(e.worker, [...(byWorker.get(e.worker) ?? []), { s: e.startMs, e: e.t }]);
    for (const bars of byWorker.values()) for (let i = 1; i < bars.length; i++) expect(bars[i].s).toBeGreaterThanOrEqual(bars[i - 1].e);
    expect(result.workerUtilisation!).toBeGreaterThan(0.8);
    expect(result.workerUtilisation!).toBeLessThanOrEqual(1);
  });

  it('every event has a caption', () => {
    for (const id of ['lowest-rung-first', 'cartoon-per-title']) {
      const { events } = finish({ ...presetParams(id), durationMin: 2, prefillShare: 0 });
      for (const e of events) expect(videoPipelineCaption(e), e.type).toMatch(/\w/);
    }
  });

  it('is deterministic: same seed, same log; another seed, another schedule', () => {
    const p = { ...base, durationMin: 3 };
    const a = finish(p, 7).events;
    const b = finish(p, 7).events;
    const c = finish(p, 8).events;
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(JSON.stringify(c)).not.toBe(JSON.stringify(a));
  });

  it('the budget bounds the events of every preset and refuses a run of too many encodes, naming chunkS', () => {
    for (const preset of videoPipelineLab.presets) {
      const p = { ...base, ...preset.params };
      const { events } = finish(p);
      expect(events.length + SAMPLES + 1).toBeLessThanOrEqual(estimateVideoPipeline(p).events);
      expect(paramProblems(videoPipelineLab, p)).toEqual([]);
    }
    const problems = paramProblems(videoPipelineLab, { ...base, durationMin: 180, chunkS: 2, rungs: 12 });
    expect(problems[0].field).toBe('chunkS');
    expect(problems[0].message).toMatch(/too big/);
  });
});

describe('bad input', () => {
  async function sim(argv: string[]) {
    const out = { stdout: '', stderr: '' };
    const io: CliIO = { stdout: (t) => void (out.stdout += t), stderr: (t) => void (out.stderr += t), readFile: () => '', readDir: () => [], isDirectory: () => false, progress: () => {} };
    return { code: await main(argv, io), ...out };
  }

  it('a chunk that is not a whole number of GOPs is refused naming chunkS, exit 2', async () => {
    const r = await sim(['video-pipeline', '--set', 'chunkS=3', '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/chunkS = 3 is invalid: a chunk must be a whole number of GOPs/);
    expect(r.stdout).toBe('');
  });

  it('out-of-range workers are refused naming the field and its range, exit 2; a good run prints JSON', async () => {
    const bad = await sim(['video-pipeline', '--set', 'workers=0']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/workers/);
    const good = await sim(['video-pipeline', '--preset', 'textbook-equal-chunks', '--set', 'durationMin=1', '--json']);
    expect(good.code).toBe(0);
    expect(JSON.parse(good.stdout).chunks).toBe(15);
  });
});

describe('crashes, leases and retries (the upload machine)', () => {
  it('every chunk × rung is still encoded exactly once; each crash is retried once its lease expires, then re-run', () => {
    const p = { ...presetParams('crashes-and-leases'), durationMin: 3 };
    const { events, result, runner } = finish(p, 3);
    expect(result.crashes).toBeGreaterThan(10);
    expect(result.retries).toBe(result.crashes);
    const done = events.flatMap((e) => (e.type === 'encodeDone' ? [`${e.chunk}/${e.rung}`] : []));
    expect(done).toHaveLength(result.jobs);
    expect(new Set(done).size).toBe(result.jobs);
    const crashedAt = new Map<number, number[]>();
    for (const e of events) if (e.type === 'encodeCrashed') crashedAt.set(e.job, [...(crashedAt.get(e.job) ?? []), e.t]);
    for (const e of events) {
      if (e.type !== 'retry') continue;
      const times = crashedAt.get(e.job)!;
      expect(times.some((t) => Math.abs(e.t - t - p.leaseS * 1000) < 1e-6)).toBe(true);
    }
    expect(result.wastedWorkerS).toBeGreaterThan(0);
    expect(runner.finished).toBe(true);
  });

  it('crashes make the same upload later, never earlier, and a 20 % crash rate still finishes inside the horizon (6 seeds)', () => {
    const calm = finish({ ...base, durationMin: 3 }).result;
    for (let seed = 1; seed <= 6; seed++) {
      const { runner, result } = finish({ ...base, durationMin: 3, crashRate: 0.2 }, seed);
      expect(runner.finished).toBe(true);
      expect(runner.now).toBeLessThanOrEqual(runner.horizonMs);
      expect(result.timeToFullLadderS!).toBeGreaterThan(calm.timeToFullLadderS!);
    }
  });
});
