/**
 * Server-render smoke tests of the ABR view inside the shell: every preset renders its charts,
 * scoreboard and trace editor; the preview shows the finished run before the live run starts.
 * (Dragging and file loading are covered by the pure helpers' tests and the browser tests.)
 */
import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { Runner } from '@/simulations/core/runner';
import type { AbrParams } from '@/simulations/abr';
import { LabShell } from '@/components/lab-shell/LabShell';
import { runForPreset } from '@/components/lab-shell/link';
import { abrLab } from '@/simulations/abr';
import { AbrView } from '@/components/labs/abr/AbrView';
import { lab as exportedLab, View } from '@/components/labs/abr';
import { labEntries } from '@/components/labs/registry';
import type { Companions } from '@/components/lab-shell/useCompanions';

const abrRunner = (params: Record<string, unknown>, seed: number) => new Runner(abrLab, params as AbrParams, seed);

/** The live run's companions once the shell has run them (lab-shell/useCompanions does this off the live run). */
function finishedCompanions(live: Runner): Companions {
  const runs = abrLab.companions!(live.params as AbrParams).map((spec) => {
    const runner = new Runner(abrLab, spec.params, live.seed);
    runner.runToEnd();
    return { key: spec.key, label: spec.label, run: runner };
  });
  return { runs, total: runs.length, error: null, liveEndMs: runs[0]?.run.now ?? null };
}

function renderView(runner: Runner, presenter = false, setParams?: (c: Record<string, unknown>) => void, companions = finishedCompanions(runner)): string {
  return renderToString(createElement(AbrView, { runner, version: runner.version, presenter, setParams, companions }));
}

describe('ABR view', () => {
  it('exports the lab and the view the registry expects', () => {
    expect(exportedLab).toBe(abrLab);
    expect(View).toBe(AbrView);
    expect(labEntries.abr.meta!.presets.map((p) => p.id)).toEqual(abrLab.presets.map((p) => p.id));
  });

  it('renders every preset in the shell with the race scoreboard, five charts and the editor', () => {
    for (const preset of abrLab.presets) {
      const { run } = runForPreset(abrLab, preset.id);
      const html = renderToString(createElement(LabShell, { lab: abrLab, View: AbrView, initial: run, mode: 'page' }));
      const players = 1 + (run.params['race.second'] !== 'none' ? 1 : 0) + (run.params['race.third'] !== 'none' ? 1 : 0);
      expect(html, preset.id).toContain('data-testid="abr-view"');
      expect(html, preset.id).toContain(`data-players="${players}"`);
      expect((html.match(/data-testid="abr-score-row"/g) ?? []).length, preset.id).toBe(players);
      expect((html.match(/<figure/g) ?? []).length, preset.id).toBe(5);
      expect(html, preset.id).toContain('data-testid="abr-trace-editor"');
      expect(html, preset.id).toContain('Chosen bitrate over the ladder');
    }
  });

  it('previews the finished run at t = 0 and draws the live run once it moves', () => {
    const { run } = runForPreset(abrLab, 'the-tunnel');
    const runner = abrRunner(run.params, run.seed);
    const before = renderView(runner);
    expect(before).toContain('data-preview="true"');
    expect(before).toContain('data-testid="abr-preview-note"');
    // the scoreboard already holds the whole race's numbers
    const qoes = [...before.matchAll(/data-qoe="(-?[\d.]+)"/g)].map((m) => Number(m[1]));
    expect(qoes).toHaveLength(3);
    const finished = abrRunner(run.params, run.seed);
    finished.runToEnd();
    const final = finished.result() as { qoe: number }[];
    expect(qoes).toEqual(final.map((r) => Number(r.qoe.toFixed(3))));

    runner.runTo(30_000);
    const during = renderView(runner);
    expect(during).toContain('data-preview="false"');
    expect(during).not.toContain('data-testid="abr-preview-note"');
  });

  it('draws the live run until the finished race arrives, and shows why it could not be run', () => {
    const { run } = runForPreset(abrLab, 'the-tunnel');
    const runner = abrRunner(run.params, run.seed);
    const waiting = renderView(runner, false, undefined, { runs: [], total: 1, error: null, liveEndMs: null });
    expect(waiting).toContain('data-preview="false"');
    expect(waiting).not.toContain('role="alert"');
    const failed = renderView(runner, false, undefined, { runs: [], total: 1, error: 'Finished race: the trace is zero everywhere', liveEndMs: null });
    expect(failed).toContain('This run cannot be simulated: <!-- -->the trace is zero everywhere');
  });

  it('marks stalls, draws the ladder as guides and BBA thresholds in the buffer chart', () => {
    const { run } = runForPreset(abrLab, 'the-tunnel');
    const runner = abrRunner(run.params, run.seed);
    runner.runToEnd();
    const html = renderView(runner);
    expect(html).toContain('>stall<');
    for (const rung of ['300 kbps', '4.3 Mbps']) expect(html).toContain(rung);
    expect(html).toContain('BBA reservoir');
    expect(html).toContain('BBA reservoir + cushion');
  });

  it('turns points into sliders only when the trace is custom and the host can set params', () => {
    const custom = abrRunner({ ...runForPreset(abrLab).run.params, 'trace.kind': 'custom' }, 1);
    const editable = renderView(custom, false, () => {});
    expect((editable.match(/role="slider"/g) ?? []).length).toBe(4);
    expect(editable).toContain('data-testid="abr-add-point"');
    const readOnly = renderView(custom);
    expect(readOnly).not.toContain('data-testid="abr-add-point"');
    expect(readOnly).toContain('aria-readonly="true"');
    const generated = renderView(abrRunner(runForPreset(abrLab).run.params, 1), false, () => {});
    expect(generated).toContain('data-testid="abr-edit-by-hand"');
    expect(generated).not.toContain('role="slider"');
  });

  it('presenter mode drops the trace editor and the footnote', () => {
    const runner = abrRunner(runForPreset(abrLab, 'bba-vs-rate-3g').run.params, 3);
    const html = renderView(runner, true, () => {});
    expect(html).not.toContain('data-testid="abr-trace-editor"');
    expect(html).toContain('height="210"');
  });
});
