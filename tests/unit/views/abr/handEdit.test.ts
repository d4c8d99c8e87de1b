/**
 * "Edit by hand" on a generated ABR trace (issue 11: it resampled the trace and silently changed the
 * result). Opening it is a draft that changes no param; the first edit commits the whole trace;
 * a trace the editor can hold exactly is kept exactly, otherwise the note says it is resampled.
 */
import { describe, expect, it } from 'vitest';
import { Runner } from '@/simulations/core/runner';
import { abrLab, type AbrParams } from '@/simulations/abr';
import { runForPreset } from '@/components/lab-shell/link';
import { draftEditChanges, handEditChanges, handEditNote, reproducesSamples, startHandEdit, type TraceSamples } from '@/components/labs/abr/parts/traceEditing';

function run(params: Record<string, unknown>, seed: number) {
  const r = new Runner(abrLab, params as AbrParams, seed);
  r.runToEnd();
  return r;
}
const traceOf = (r: Runner) => (r.model as { trace: TraceSamples }).trace;
const clampOf = (p: Record<string, unknown>) => ({ minMbps: p['trace.minMbps'] as number, maxMbps: p['trace.maxMbps'] as number });

describe('editing a generated trace by hand', () => {
  it('a noisy trace of many samples: opening the editor changes nothing; the note says it would be resampled, and to how many points', () => {
    const { run: preset } = runForPreset(abrLab, 'bba-vs-rate-3g');
    const params = { ...preset.params };
    const before = run(params, preset.seed);
    const trace = traceOf(before);
    expect(trace.timesS.length).toBeGreaterThan(200);
    const durationS = params['trace.durationS'] as number;
    const draft = startHandEdit(trace, durationS);
    expect(draft.exact).toBe(false);
    expect(draft.samples).toBeGreaterThan(200);
    const note = handEditNote('markov', draft);
    expect(note).toContain(`${draft.samples} samples`);
    expect(note).toContain(`${draft.points.length} points`);
    expect(note).toMatch(/resampled/);
    // opened and closed without edits: the params are what they were, so the run is too
    expect(params).toEqual(preset.params);
    expect(run(params, preset.seed).result()).toEqual(before.result());
    // (what opening used to apply would have changed the run)
    const resampled = run({ ...params, ...handEditChanges(trace, durationS, clampOf(params)).changes }, preset.seed);
    expect(resampled.result()).not.toEqual(before.result());
  });

  it('the first edit in a draft commits the whole custom trace (kind, points, duration, no noise)', () => {
    const { run: preset } = runForPreset(abrLab, 'bba-vs-rate-3g');
    const trace = traceOf(run(preset.params, preset.seed));
    const draft = startHandEdit(trace, 300);
    const moved = draft.points.map(([t, v], i) => [t, i === 3 ? v + 1 : v] as [number, number]);
    const changes = draftEditChanges({ 'trace.points': moved }, 300, clampOf(preset.params));
    expect(changes).toMatchObject({ 'trace.kind': 'custom', 'trace.points': moved, 'trace.durationS': 300, 'trace.noise': 0 });
  });

  it('a step trace is kept exactly: committing its draft untouched gives the same trace and the same result', () => {
    const { run: preset } = runForPreset(abrLab, 'the-tunnel');
    const before = run(preset.params, preset.seed);
    const trace = traceOf(before);
    const draft = startHandEdit(trace, 300);
    expect(draft.exact).toBe(true);
    expect(reproducesSamples(draft.points, trace, 300)).toBe(true);
    expect(handEditNote('steps', draft)).toMatch(/exactly/);
    const after = run({ ...preset.params, ...draftEditChanges({ 'trace.points': draft.points }, 300, clampOf(preset.params)) }, preset.seed);
    expect(Array.from(traceOf(after).mbps)).toEqual(Array.from(trace.mbps));
    // the same sessions (only the trace's name says it is hand-drawn now)
    const unnamed = (r: Runner) => (r.result() as { trace: string }[]).map((x) => ({ ...x, trace: '' }));
    expect(unnamed(after)).toEqual(unnamed(before));
  });
});
