import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { Runner } from '@/simulations/core/runner';
import { queueLab, type QueueResult } from '@/simulations/queue';
import { numberRows, relativeDifference } from '@/components/labs/queue/viewModel';
import { QueueView } from '@/components/labs/queue/QueueView';
import { runForPreset } from '@/components/lab-shell/link';

describe('queue view', () => {
  it('key numbers compare the run with theory, row by row', () => {
    const { run } = runForPreset(queueLab, 'light-load');
    const runner = new Runner(queueLab, run.params as never, run.seed);
    runner.runToEnd();
    const result = runner.result() as QueueResult;
    const rows = numberRows(result);
    const W = rows.find((r) => r.label.startsWith('Mean time in system'))!;
    expect(W.theory).toBeCloseTo(0.2, 6);
    expect(Math.abs(relativeDifference(W)!)).toBeLessThan(0.1);
    expect(rows.some((r) => r.label === 'Dropped')).toBe(false);
    expect(relativeDifference({ label: 'x', unit: '', measured: null, theory: 1, format: 'number' })).toBeNull();
    expect(relativeDifference({ label: 'x', unit: '', measured: 0, theory: 0, format: 'number' })).toBe(0);
  });

  it('shows drops only when a capacity can drop customers', () => {
    const { run } = runForPreset(queueLab, 'bounded-queue-drops');
    const runner = new Runner(queueLab, run.params as never, run.seed);
    runner.runTo(60_000);
    const rows = numberRows(runner.result() as QueueResult);
    const dropped = rows.find((r) => r.label === 'Dropped')!;
    expect(dropped.measured).toBeGreaterThan(0.05);
  });

  it('server-renders the picture, the numbers and five charts mid-run', () => {
    const { run } = runForPreset(queueLab, 'near-saturation');
    const runner = new Runner(queueLab, run.params as never, run.seed);
    runner.runTo(300_000);
    const html = renderToString(createElement(QueueView, { runner, version: runner.version, presenter: false }));
    expect(html).toContain('data-testid="queue-picture"');
    expect(html).toContain('data-testid="queue-numbers"');
    expect((html.match(/role="img"/g) ?? []).length).toBe(6);
    expect(html).toContain('Measured vs theory (M/M/1');
    expect(html).toContain('warm-up ends');
  });
});
