/**
 * Server-render smoke tests: the shell and the chart render without a DOM, with the hooks and
 * attributes the browser tests rely on. (Interaction is covered by the browser tests.)
 */
import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { LabShell } from '@/components/lab-shell/LabShell';
import { TimeSeriesChart } from '@/components/charts/TimeSeriesChart';
import type { LabViewProps } from '@/components/lab-shell/types';
import { runForPreset } from '@/components/lab-shell/link';
import { tinyLab } from './tinyLab';
import { panelGroups } from '@/components/lab-shell/ParamPanel';
import { abrSchema } from '@/simulations/abr';
import { defaults } from '@/simulations/core/params';

function TinyView({ runner }: LabViewProps) {
  const data = runner.recorder.series('ticks');
  return createElement(TimeSeriesChart, {
    title: 'Ticks',
    series: [{ id: 'ticks', label: 'ticks', data, x: (d: { t: number }) => d.t / 1000, y: (d: { v: number }) => d.v, kind: 'step' }],
    xLabel: 'time (s)',
    xDomain: [0, runner.horizonMs / 1000],
    cursorX: runner.now / 1000,
  });
}

describe('LabShell server render', () => {
  it('renders the controls, the view and the state attributes', () => {
    const { run } = runForPreset(tinyLab, 'fast');
    const html = renderToString(createElement(LabShell, { lab: tinyLab, View: TinyView, initial: { ...run, timeMs: 5_000 }, mode: 'page' }));
    expect(html).toContain('data-testid="lab-shell"');
    expect(html).toContain('data-virtual-time="5000"');
    expect(html).toMatch(/data-event-count="\d+"/);
    expect(html).not.toContain('data-event-count="0"');
    expect(html).toContain('data-preset="fast"');
    for (const id of ['play-toggle', 'step', 'reset', 'speed-slider', 'time-scrubber', 'seed-input', 'copy-link', 'param-rate', 'param-mode', 'param-noisy', 'param-schedule', 'preset-select', 'event-log', 'lab-view'])
      expect(html).toContain(`data-testid="${id}"`);
    expect(html).toContain('Lots of ticks.');
    expect(html).toContain('role="img"');
    expect(html).toMatch(/Ticks\. ticks: \d+ points, min 1, max \d+, last \d+\./);
    expect(html).not.toContain('data-testid="param-hidden"');
  });

  it('a lab page: the title is the <h1>, the view comes before the side panel, the preset\'s fields lead and changed fields can be reset', () => {
    const { run } = runForPreset(tinyLab, 'fast');
    const html = renderToString(createElement(LabShell, { lab: tinyLab, View: TinyView, initial: run, mode: 'page' }));
    expect(html).toMatch(/<h1[^>]*>Tiny lab<\/h1>/);
    expect(html).toContain('data-testid="transport"');
    // results first: the view precedes the parameters in the page
    expect(html.indexOf('data-testid="lab-view"')).toBeLessThan(html.indexOf('data-testid="param-panel"'));
    // the fields the preset sets come first, in their own group
    const lead = html.indexOf('data-group="Set by this preset"');
    expect(lead).toBeGreaterThan(-1);
    expect(html.indexOf('data-testid="param-rate"')).toBeGreaterThan(lead);
    expect(html.indexOf('data-testid="param-rate"')).toBeLessThan(html.indexOf('data-group="Load"'));
    // rate and jitter differ from their defaults: marked, with a reset each; burst does not
    for (const key of ['rate', 'jitter']) {
      expect(html).toContain(`data-testid="param-changed-${key}"`);
      expect(html).toContain(`data-testid="param-reset-${key}"`);
    }
    expect(html).not.toContain('data-testid="param-reset-burst"');
    expect(html).toContain('reset to 2 /s');
    // Step back is there but has nothing to go back to at t = 0; no caption before a step
    expect(html).toMatch(/data-testid="step-back" disabled=""/);
    expect(html).not.toContain('data-testid="step-caption"');
  });

  it('a lesson embed is compact: the named fields only, no seed, no event log, a link to the full lab', () => {
    const { run } = runForPreset(tinyLab, 'fast');
    const html = renderToString(
      createElement(LabShell, { lab: tinyLab, View: TinyView, initial: run, mode: 'embed', fullScreenHref: '/labs/tiny?preset=fast', showParams: ['burst', 'rate'] }),
    );
    expect(html).toMatch(/<h2[^>]*>Tiny lab<\/h2>/);
    expect(html).not.toContain('<h1');
    expect(html).toContain('Preset: Fast');
    expect(html).toContain('data-testid="param-burst"');
    expect(html).toContain('data-testid="param-rate"');
    expect(html.indexOf('data-testid="param-burst"')).toBeLessThan(html.indexOf('data-testid="param-rate"'));
    for (const id of ['param-jitter', 'param-mode', 'preset-select', 'seed-input', 'copy-link', 'event-log']) expect(html).not.toContain(`data-testid="${id}"`);
    expect(html).toContain('data-testid="open-full-lab"');
    expect(html).toContain('href="/labs/tiny?preset=fast"');
  });

  it('an embed without a params list shows the fields its preset sets', () => {
    const { run } = runForPreset(tinyLab, 'fast');
    const html = renderToString(createElement(LabShell, { lab: tinyLab, View: TinyView, initial: run, mode: 'embed', fullScreenHref: '/labs/tiny?preset=fast' }));
    expect(html).toContain('data-testid="param-rate"');
    expect(html).toContain('data-testid="param-jitter"');
    expect(html).not.toContain('data-testid="param-burst"');
  });

  it('shows a banner naming each wrong parameter of a bad link', () => {
    const { run } = runForPreset(tinyLab);
    const errors = [{ field: 'rate', value: 500, message: 'rate = 500 is invalid: expected a number from 0.1 to 100 /s' }];
    const html = renderToString(createElement(LabShell, { lab: tinyLab, View: TinyView, initial: run, errors, mode: 'embed' }));
    expect(html).toContain('data-testid="param-errors"');
    expect(html).toContain('rate = 500 is invalid');
  });

  it('renders a 10,000-point chart with one path per series, decimated', () => {
    const data = Array.from({ length: 10_000 }, (_, i) => ({ t: i, v: i % 97 === 0 ? 500 : i % 13 }));
    const html = renderToString(
      createElement(TimeSeriesChart, {
        title: 'Load',
        series: [
          { id: 'a', label: 'a', data, x: (d: { t: number }) => d.t, y: (d: { v: number }) => d.v, kind: 'line' },
          { id: 'b', label: 'b', data, x: (d: { t: number }) => d.t, y: (d: { v: number }) => d.v / 2, kind: 'area' },
        ],
        markers: [{ x: 5_000, label: 'change' }],
      }),
    );
    expect((html.match(/<path/g) ?? []).length).toBe(3);
    const d = /<path[^>]*d="([^"]+)"/.exec(html)![1];
    expect(d.split('L').length).toBeLessThan(4 * 640);
    expect(html).toContain('change');
  });

  it('the panel hides the ABR trace fields that do not apply to the chosen trace kind', () => {
    const keysFor = (kind: string) =>
      panelGroups(abrSchema, { ...defaults(abrSchema), 'trace.kind': kind }, undefined)
        .flatMap((g) => g.controls.map((c) => c.key))
        .filter((k) => k.startsWith('trace.'));
    expect(keysFor('sine')).toEqual(expect.arrayContaining(['trace.meanMbps', 'trace.amplitudeMbps', 'trace.periodS']));
    expect(keysFor('sine')).not.toContain('trace.volatilityMbps');
    expect(keysFor('randomWalk')).toEqual(expect.arrayContaining(['trace.meanMbps', 'trace.volatilityMbps']));
    expect(keysFor('randomWalk')).not.toContain('trace.amplitudeMbps');
    const markov = keysFor('markov');
    for (const k of ['trace.meanMbps', 'trace.amplitudeMbps', 'trace.periodS', 'trace.volatilityMbps']) expect(markov).not.toContain(k);
    // fields every kind uses stay
    expect(markov).toEqual(expect.arrayContaining(['trace.kind', 'trace.minMbps', 'trace.maxMbps', 'trace.noise']));
  });
});
