/**
 * The Discover Weekly lab as a lab: determinism, the preset stories against what their runs show,
 * checkpoints (a scrub back lands on the same state as a straight run), the budget, the rules
 * spanning params, and the events a learner steps through.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { discoverWeeklyLab, type DiscoverWeeklyParams, type DiscoverWeeklyResult } from '@/simulations/discover-weekly';
import { Runner } from '@/simulations/core/runner';
import { viewOf } from '@/simulations/core/lab';
import { defaults, validate } from '@/simulations/core/params';
import { paramProblems } from '@/simulations/core/budget';
import { DEFAULT_SEED } from '@/components/lab-shell/link';
import { estimateDiscoverWeekly } from '@/simulations/discover-weekly/lab/budget';

const base = defaults(discoverWeeklyLab.schema);
const presetParams = (id: string): DiscoverWeeklyParams => {
  const p = discoverWeeklyLab.presets.find((x) => x.id === id);
  if (!p) throw new Error(`no preset ${id}`);
  return { ...base, ...p.params };
};
function finish(params: DiscoverWeeklyParams, seed = DEFAULT_SEED): { runner: Runner<typeof discoverWeeklyLab>; result: DiscoverWeeklyResult } {
  const runner = new Runner(discoverWeeklyLab, params, seed);
  runner.runToEnd();
  return { runner, result: runner.result() };
}

describe('discover-weekly lab', () => {
  it('same seed and params ⇒ the same event log; another seed ⇒ another', () => {
    const small = { ...base, users: 60, tracks: 40, iterations: 3 };
    const a = finish(small, 5).runner.recorder.events;
    const b = finish(small, 5).runner.recorder.events;
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(finish(small, 6).runner.recorder.events)).not.toBe(JSON.stringify(a));
  });

  it('logs the data, then per sweep two half-steps and an evaluation, then the cold start; the loss series never rises', () => {
    const { runner } = finish({ ...base, iterations: 4 });
    const types = runner.recorder.events.map((e) => e.type);
    expect(types).toEqual(['dataset', ...Array.from({ length: 4 }, () => ['half-step', 'half-step', 'evaluated']).flat(), 'cold-start']);
    const loss = runner.recorder.series('objective').map((p) => p.v);
    expect(loss).toHaveLength(1 + 2 * 4);
    for (let k = 1; k < loss.length; k++) expect(loss[k]).toBeLessThanOrEqual(loss[k - 1] * (1 + 1e-9));
    for (const e of viewOf(discoverWeeklyLab, runner).recorder.events) expect(discoverWeeklyLab.caption!(e)).toMatch(/\w/);
    expect(runner.finished).toBe(true);
  });

  it('default preset: precision@10 on held-out plays beats the popularity chart at least 2×', () => {
    const { result } = finish(presetParams('tiny-discover-weekly'));
    expect(result.sweepsDone).toBe(10);
    expect(result.model!.precisionAt10).toBeGreaterThan(2 * result.popularity!.precisionAt10);
    expect(result.model!.recallAt10).toBeGreaterThan(result.popularity!.recallAt10);
    expect(result.lift!).toBeGreaterThan(2);
  });

  it('overfit preset: a lower training loss but worse held-out precision than the default', () => {
    const tidy = finish(presetParams('tiny-discover-weekly')).result;
    const overfit = finish(presetParams('overfit')).result;
    expect(overfit.objective!).toBeLessThan(tidy.objective!);
    expect(overfit.model!.precisionAt10).toBeLessThan(0.6 * tidy.model!.precisionAt10);
  });

  it('cold start: with no content model the new track reaches nobody’s top-10; with it, fans rank it far higher than others', () => {
    const none = finish(presetParams('cold-start-no-content')).result.coldStart!;
    expect(none.fansReached + none.othersReached).toBe(0);
    const content = finish(presetParams('tiny-discover-weekly')).result.coldStart!;
    expect(content.fanMedianRank).toBeLessThan(content.otherMedianRank / 2);
    expect(content.fansReached).toBeGreaterThan(content.othersReached);
  });

  it('α = 0 preset: on this data no confidence weighting does as well as the default or better (the story says so)', () => {
    const r = finish(presetParams('no-confidence')).result;
    const tidy = finish(presetParams('tiny-discover-weekly')).result;
    expect(r.model!.precisionAt10).toBeGreaterThan(r.popularity!.precisionAt10);
    expect(r.model!.precisionAt10).toBeGreaterThanOrEqual(0.95 * tidy.model!.precisionAt10);
  });

  it('overfit preset: held-out precision falls to about the popularity chart’s', () => {
    const r = finish(presetParams('overfit')).result;
    expect(r.model!.precisionAt10).toBeLessThan(1.5 * r.popularity!.precisionAt10);
  });

  it('scrubbing back restores a checkpoint and lands on the state of a straight run', () => {
    const params = { ...base, iterations: 3 };
    const straight = new Runner(discoverWeeklyLab, params, 3);
    straight.runTo(5_500);
    const wandering = new Runner(discoverWeeklyLab, params, 3);
    wandering.runTo(9_000);
    wandering.scrubTo(5_500);
    expect(wandering.now).toBe(straight.now);
    expect(JSON.stringify(wandering.frame())).toBe(JSON.stringify(straight.frame()));
    expect(JSON.stringify(wandering.recorder.events)).toBe(JSON.stringify(straight.recorder.events));
    wandering.runToEnd();
    straight.runToEnd();
    expect(JSON.stringify(wandering.result())).toBe(JSON.stringify(straight.result()));
  });

  it('added plays (a heatmap click) are trained on and change the listener’s top-10; the link params validate', () => {
    const before = finish({ ...base, iterations: 4 }).result;
    const frame0 = viewOf(discoverWeeklyLab, finish({ ...base, iterations: 4 }).runner).frame();
    const otherGenre = frame0.window.tracks.find((t) => t.genre !== frame0.focus.genre)!;
    const extraPlays = [{ user: frame0.focus.user, track: otherGenre.track, plays: 50 }];
    const checked = validate(discoverWeeklyLab.schema, { ...base, iterations: 4, extraPlays });
    expect(checked.ok).toBe(true);
    const after = finish({ ...base, iterations: 4, extraPlays }).result;
    expect(after.focus.top10).not.toEqual(before.focus.top10);
  });

  it('refuses a listener or an added play outside the matrix, naming the field', () => {
    expect(paramProblems(discoverWeeklyLab, { ...base, users: 50, focusUser: 50 })[0].field).toBe('focusUser');
    expect(paramProblems(discoverWeeklyLab, { ...base, extraPlays: [{ user: 0, track: 500, plays: 1 }] })[0].field).toBe('extraPlays');
    expect(validate(discoverWeeklyLab.schema, { ...base, extraPlays: [{ user: 0, track: 1, plays: 0 }] }).ok).toBe(false);
    expect(validate(discoverWeeklyLab.schema, { ...base, extraPlays: 'x' }).ok).toBe(false);
  });

  it('the budget bounds the events a run executes, and the biggest run fits the limits', () => {
    fc.assert(
      fc.property(fc.integer({ min: 10, max: 120 }), fc.integer({ min: 20, max: 90 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 100 }), (users, tracks, iterations, seed) => {
        const params = { ...base, users, tracks, iterations, factors: 4 };
        const runner = new Runner(discoverWeeklyLab, params, seed);
        let events = 0;
        while (!runner.done) {
          runner.stepRaw();
          events++;
        }
        expect(events).toBeLessThanOrEqual(estimateDiscoverWeekly(params).events);
      }),
      { numRuns: 8 },
    );
    const biggest = { ...base, users: 2000, tracks: 1000, factors: 48, iterations: 25, playsPerUser: 100 };
    expect(paramProblems(discoverWeeklyLab, biggest)).toEqual([]);
  });
});
