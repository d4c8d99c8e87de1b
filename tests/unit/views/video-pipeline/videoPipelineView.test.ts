import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { Runner } from '@/simulations/core/runner';
import { viewOf } from '@/simulations/core/lab';
import { defaults } from '@/simulations/core/params';
import { videoPipelineLab, type VideoPipelineParams } from '@/simulations/video-pipeline';
import { curvesByResolution, curvesMaxKbps, dominatedRungs, ganttBars, numberRows, rungRows } from '@/components/labs/video-pipeline/viewModel';
import { VideoPipelineView } from '@/components/labs/video-pipeline/VideoPipelineView';

const base = defaults(videoPipelineLab.schema);
const preset = (id: string): VideoPipelineParams => ({ ...base, ...videoPipelineLab.presets.find((p) => p.id === id)!.params });

describe('video-pipeline view model', () => {
  it('mid-run: one bar per finished or running job, none past now, no worker double-booked', () => {
    const runner = new Runner(videoPipelineLab, preset('lowest-rung-first'), 1);
    runner.runTo(60_000);
    const run = viewOf(videoPipelineLab, runner);
    const frame = run.frame();
    const bars = ganttBars(run.recorder.events, frame, run.now);
    const finished = run.recorder.events.filter((e) => e.type === 'encodeDone' || e.type === 'packaged').length;
    expect(bars).toHaveLength(finished + frame.running.length);
    expect(frame.running.length).toBe(frame.workers);
    for (const b of bars) {
      expect(b.endMs).toBeLessThanOrEqual(run.now);
      expect(b.startMs).toBeLessThanOrEqual(b.endMs);
    }
    const byWorker = new Map<number, typeof bars>();
    for (const b of bars) byWorker.set(b.worker, [...(byWorker.get(b.worker) ?? []), b]);
    for (const list of byWorker.values()) {
      list.sort((a, b) => a.startMs - b.startMs);
      for (let i = 1; i < list.length; i++) expect(list[i].startMs).toBeGreaterThanOrEqual(list[i - 1].endMs);
    }
  });

  it('finished: every row has a number; the ladder table marks the fixed ladder’s dominated rungs on a hard title', () => {
    const runner = new Runner(videoPipelineLab, preset('action-fixed-ladder'), 1);
    runner.runToEnd();
    const run = viewOf(videoPipelineLab, runner);
    const result = run.result();
    expect(numberRows(result).map((r) => r.value).join(' ')).not.toMatch(/NaN|undefined|—/);
    const rows = rungRows(result, run.frame());
    expect(rows.every((r) => r.done === r.chunks && r.publishedS !== null)).toBe(true);
    expect(dominatedRungs(result.ladder.rungs)).toContain(6); // 720p at 2,350 kbps under 480p at 1,750
    expect(rows[6].dominated).toBe(true);
    const curves = curvesByResolution(result.curves, curvesMaxKbps(result));
    expect(curves).toHaveLength(7);
    expect(curves.every((c) => c.points.every((p) => p.kbps <= 8000))).toBe(true);
  });

  it('crashed attempts become their own bars, on the worker that ran them, ending when they crashed', () => {
    const runner = new Runner(videoPipelineLab, preset('crashes-and-leases'), 2);
    runner.runTo(80_000);
    const run = viewOf(videoPipelineLab, runner);
    const crashes = run.recorder.events.filter((e) => e.type === 'encodeCrashed');
    const bars = ganttBars(run.recorder.events, run.frame(), run.now).filter((b) => b.kind === 'crashed');
    expect(crashes.length).toBeGreaterThan(0);
    expect(bars).toHaveLength(crashes.length);
    expect(bars.map((b) => [b.worker, b.endMs])).toEqual(crashes.map((e) => [e.worker, e.t]));
    expect(run.frame().crashes).toBe(crashes.length);
  });

  it('server-renders the numbers, the press-play steps, the ladder and the charts mid-run', () => {
    const runner = new Runner(videoPipelineLab, preset('cartoon-per-title'), 1);
    runner.runTo(40_000);
    const html = renderToString(createElement(VideoPipelineView, { runner, version: runner.version, presenter: false }));
    for (const id of ['vp-numbers', 'vp-press-play', 'vp-ladder']) expect(html).toContain(`data-testid="${id}"`);
    expect(html).toContain('Encodes on the workers');
    expect(html).not.toMatch(/NaN|undefined/);
  });
});
