import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { Runner } from '@/simulations/core/runner';
import { viewOf } from '@/simulations/core/lab';
import { defaults } from '@/simulations/core/params';
import { musicDeliveryLab } from '@/simulations/music-delivery';
import { bytesRows, comparison2010, numberRows, ttfaCdf } from '@/components/labs/music-delivery/viewModel';
import { MusicDeliveryView } from '@/components/labs/music-delivery/MusicDeliveryView';

const base = { ...defaults(musicDeliveryLab.schema), listeners: 80, durationMin: 15 };

describe('music-delivery view model', () => {
  it('the TTFA CDF rises from 0 to 1 over sorted times, per source and overall; byte rows add up to 1', () => {
    const runner = new Runner(musicDeliveryLab, base, 2);
    runner.runToEnd();
    const run = viewOf(musicDeliveryLab, runner);
    const all = ttfaCdf(run.recorder.events);
    expect(all[0]).toEqual({ ms: 0, share: 0 });
    expect(all[all.length - 1].share).toBe(1);
    for (let k = 1; k < all.length; k++) {
      expect(all[k].ms).toBeGreaterThanOrEqual(all[k - 1].ms);
      expect(all[k].share).toBeGreaterThan(all[k - 1].share);
    }
    expect(all.length).toBeLessThanOrEqual(202);
    expect(ttfaCdf(run.recorder.events, 'device').every((p) => p.ms === 0 || p.ms === 20)).toBe(true);
    const rows = bytesRows(run.frame());
    expect(rows.reduce((s, r) => s + r.share, 0)).toBeCloseTo(1, 12);
    expect(numberRows(run.result()).map((r) => r.value).join(' ')).not.toMatch(/NaN|undefined/);
    expect(comparison2010(run.result(), false)).toMatch(/Turn on peer assistance/);
  });

  it('server-renders the numbers, the byte split and the charts mid-run', () => {
    const runner = new Runner(musicDeliveryLab, base, 1);
    runner.runTo(5 * 60_000);
    const html = renderToString(createElement(MusicDeliveryView, { runner, version: runner.version, presenter: false }));
    expect(html).toContain('data-testid="md-numbers"');
    expect(html).toContain('data-testid="md-bytes"');
    expect(html).not.toMatch(/NaN|undefined/);
  });
});
