import { describe, expect, it } from 'vitest';
import { Runner } from '@/simulations/core/runner';
import type { AbrParams } from '@/simulations/abr';
import { runForPreset } from '@/components/lab-shell/link';
import { abrLab, type AbrModel } from '@/simulations/abr';
import { viewOf } from '@/simulations/core/lab';
import { playerLines } from '@/components/labs/abr/viewModel';
import { formatKbps, formatQoe, formatSeconds, raceSummary, scoreboardRows, type ResultLike } from '@/components/labs/abr/parts/scoreboardRows';

/** The `finished` companion of a live run, run to the end as the shell does (same params, same seed). */
function finishedCompanion(live: Runner) {
  const specs = abrLab.companions!(live.params as AbrParams);
  expect(specs.map((s) => s.key)).toEqual(['finished']);
  const runner = new Runner(abrLab, specs[0].params, live.seed);
  runner.runToEnd();
  const run = viewOf(abrLab, runner);
  return { results: run.result(), endedAtMs: run.frame().endedAtMs };
}

const abrRunner = (params: Record<string, unknown>, seed: number) => new Runner(abrLab, params as AbrParams, seed);

const lines = playerLines([
  { slot: 'p0', algorithm: 'rate' },
  { slot: 'p1', algorithm: 'bba' },
  { slot: 'p2', algorithm: 'robustmpc' },
]);

const result = (qoe: number, meanBitrateKbps: number, rebufferS: number, switches: number, startupDelayS: number): ResultLike => ({
  qoe,
  qoeAll: qoe - 1,
  meanBitrateKbps,
  rebufferS,
  switches,
  startupDelayS,
});

describe('scoreboard rows', () => {
  it('marks the best of each column: higher QoE and bitrate, lower rebuffer, switches and startup; ties share it', () => {
    const rows = scoreboardRows(lines, [result(60, 1500, 0, 6, 1), result(64, 2100, 5.7, 17, 0.5), result(30, 2400, 16, 6, 0.5)], [12, null, 3]);
    expect(rows.map((r) => r.best)).toEqual([['rebufferS', 'switches'], ['qoe', 'startupDelayS'], ['meanBitrateKbps', 'switches', 'startupDelayS']]);
    expect(rows.map((r) => r.qoeSoFar)).toEqual([12, null, 3]);
    expect(rows.map((r) => r.label)).toEqual(['Rate-based', 'BBA', 'robustMPC']);
  });

  it('a single player has no "best", and a missing result shows as not-a-number rather than crashing', () => {
    expect(scoreboardRows(lines.slice(0, 1), [result(1, 1, 1, 1, 1)], [])[0].best).toEqual([]);
    const rows = scoreboardRows(lines.slice(0, 2), [result(5, 300, 0, 0, 1)], []);
    expect(rows[1].qoe).toBeNaN();
    expect(rows[0].best).toContain('qoe');
    expect(formatQoe(rows[1].qoe)).toBe('—');
  });

  it('summarises the race', () => {
    const rows = scoreboardRows(lines, [result(60, 1, 1, 1, 1), result(72.34, 1, 1, 1, 1), result(30, 1, 1, 1, 1)], []);
    expect(raceSummary(rows)).toBe('BBA wins by 12.3 QoE over Rate-based');
    expect(raceSummary(scoreboardRows(lines.slice(0, 2), [result(5, 1, 1, 1, 1), result(5.01, 1, 1, 1, 1)], []))).toBe('BBA and Rate-based tie on QoE');
    expect(raceSummary(rows.slice(0, 1))).toBeNull();
  });

  it('formats for the table', () => {
    expect(formatQoe(-3.14159)).toBe('-3.1');
    expect(formatQoe(null)).toBe('—');
    expect(formatKbps(2119.4)).toBe('2,119 kbps');
    expect(formatSeconds(0.456)).toBe('0.46 s');
    expect(formatSeconds(16.71)).toBe('16.7 s');
  });

  it('the finished run behind the scoreboard is the live run’s end, and leaves the live run alone', () => {
    const { run } = runForPreset(abrLab, 'robustmpc-discount');
    const live = abrRunner(run.params, run.seed);
    live.runTo(20_000);
    const before = { now: live.now, events: live.recorder.events.length };
    const finished = finishedCompanion(live);
    expect({ now: live.now, events: live.recorder.events.length }).toEqual(before);
    live.runToEnd();
    expect(finished.results).toEqual(live.result());
    const model = live.model as AbrModel;
    expect(finished.endedAtMs).toEqual(model.players.map((p) => p.endedAtMs));
    const rows = scoreboardRows(playerLines(model.players), finished.results, []);
    expect(rows.map((r) => r.qoe)).toEqual(finished.results.map((r) => r.qoe));
    // the preset's story: robustMPC beats plain MPC
    expect(rows[1].best).toContain('qoe');
  });

  it('a run that cannot be built throws (the shell reports it as the companion error and the view shows it)', () => {
    const { run } = runForPreset(abrLab);
    const broken = { ...run.params, 'trace.kind': 'custom', 'trace.points': [[0, 0], [10, 0]], 'trace.minMbps': 0, 'trace.noise': 0 } as AbrParams;
    const [spec] = abrLab.companions!(broken);
    expect(() => new Runner(abrLab, spec.params, 1).runToEnd()).toThrow();
  });
});
