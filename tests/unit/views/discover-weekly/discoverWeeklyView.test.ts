import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { Runner } from '@/simulations/core/runner';
import { viewOf } from '@/simulations/core/lab';
import { defaults } from '@/simulations/core/params';
import { discoverWeeklyLab, MAX_EXTRA_PLAYS, confidence } from '@/simulations/discover-weekly';
import { coldStartText, LAYERS, layerShape, layerValues, scoreRows, statusLine, verdict, withAddedPlays } from '@/components/labs/discover-weekly/viewModel';
import { DiscoverWeeklyView } from '@/components/labs/discover-weekly/DiscoverWeeklyView';

const base = defaults(discoverWeeklyLab.schema);

describe('discover-weekly view model', () => {
  it('heatmap layers: p is 0/1 where plays are, c = 1 + α·r on played cells, shapes match the window', () => {
    const runner = new Runner(discoverWeeklyLab, { ...base, iterations: 2 }, 1);
    runner.runToEnd();
    const run = viewOf(discoverWeeklyLab, runner);
    const f = run.frame();
    const plays = layerValues('plays', f, base);
    const p = layerValues('preference', f, base);
    const c = layerValues('confidence', f, base);
    plays.forEach((r, k) => {
      expect(p[k]).toBe(r > 0 ? 1 : 0);
      expect(c[k]).toBe(r > 0 ? confidence(r, { alpha: base.alpha, kind: base.confidence, epsilon: base.epsilon }) : 0);
    });
    for (const l of LAYERS) {
      const { rows, columns } = layerShape(l.id, f);
      expect(layerValues(l.id, f, base)).toHaveLength(rows * columns);
    }
    expect(f.window.users.length).toBeGreaterThan(0);
    expect(statusLine(f, 2)).toBe('Trained: 2 sweeps done');
    expect(scoreRows(run.result())[0].model).toMatch(/%$/);
    expect(verdict(run.result())).toMatch(/× as many held-out plays|popularity chart beats/);
    expect(coldStartText(f, run.result(), 1)).toMatch(/median rank/);
  });

  it('a click adds plays to the pair (merging repeats, at most 100 plays, oldest dropped past the limit)', () => {
    let added = withAddedPlays([], 3, 7);
    expect(added).toEqual([{ user: 3, track: 7, plays: 5 }]);
    added = withAddedPlays(added, 3, 7);
    expect(added).toEqual([{ user: 3, track: 7, plays: 10 }]);
    for (let k = 0; k < 30; k++) added = withAddedPlays(added, 3, 7);
    expect(added[0].plays).toBe(100);
    let many = added;
    for (let k = 0; k < MAX_EXTRA_PLAYS + 5; k++) many = withAddedPlays(many, k, 1);
    expect(many).toHaveLength(MAX_EXTRA_PLAYS);
  });

  it('server-renders the status, scoreboard, heatmap, taste space and recommendations mid-run', () => {
    const runner = new Runner(discoverWeeklyLab, base, 1);
    runner.runTo(5_500);
    const html = renderToString(createElement(DiscoverWeeklyView, { runner, version: runner.version, presenter: false }));
    for (const id of ['dw-status', 'dw-scores', 'dw-recommendations', 'dw-editor']) expect(html).toContain(`data-testid="${id}"`);
    expect(html).toContain('Taste space');
    expect(html).not.toMatch(/NaN|undefined/);
  });
});
