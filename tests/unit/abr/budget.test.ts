/** The ABR lab's work budget, captions and cross-field rules (issue 11). */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Runner } from '@/simulations/core/runner';
import { viewOf } from '@/simulations/core/lab';
import { defaults } from '@/simulations/core/params';
import { paramProblems } from '@/simulations/core/budget';
import { abrLab, type AbrParams } from '@/simulations/abr';
import { main } from '@/scripts/sim';

const base = defaults(abrLab.schema) as AbrParams;
const WORDS = /\b(null|undefined|NaN|Infinity)\b/;

function measuredBytes(r: Runner): number {
  let bytes = 0;
  for (const e of r.recorder.events) bytes += JSON.stringify(e).length;
  for (const name of r.recorder.seriesNames()) bytes += r.recorder.series(name).length * 40;
  return bytes;
}

function checkRun(params: AbrParams, seed: number): Runner {
  const estimate = abrLab.budget!.estimate(params);
  const r = new Runner(abrLab, params, seed);
  r.runToEnd();
  expect(r.ctx.scheduler.executed).toBeLessThanOrEqual(estimate.events);
  expect(measuredBytes(r)).toBeLessThanOrEqual(estimate.bytes);
  return r;
}

describe('ABR lab: work budget', () => {
  it.each(abrLab.presets.map((p) => [p.id, p] as const))('preset %s: within budget, and the estimate bounds the run', (_id, preset) => {
    const params = { ...base, ...preset.params } as AbrParams;
    expect(paramProblems(abrLab, params)).toEqual([]);
    checkRun(params, preset.seed ?? 1);
  });

  it('property: for random valid params the estimate bounds events executed and bytes held', () => {
    const algorithms = ['bba', 'rate', 'bola', 'mpc', 'robustmpc', 'dynamic', 'ewma'] as const;
    fc.assert(
      fc.property(
        fc.record({
          mode: fc.constantFrom('realistic', 'reference'),
          algorithm: fc.constantFrom(...algorithms),
          'race.second': fc.constantFrom('none', ...algorithms),
          'race.third': fc.constantFrom('none', ...algorithms),
          'video.chunks': fc.integer({ min: 5, max: 120 }),
          'video.chunkS': fc.constantFrom(1, 4, 10),
          'video.ladder': fc.constantFrom('pensieve', 'netflix2015', 'threeRung'),
          'trace.kind': fc.constantFrom('constant', 'sine', 'markov', 'randomWalk', 'steps'),
          'trace.stepS': fc.constantFrom(0.1, 1, 5),
          'trace.durationS': fc.constantFrom(10, 300, 1200),
          'trace.noise': fc.constantFrom(0, 0.3),
          'session.maxS': fc.constantFrom(30, 600, 3600),
        }),
        fc.integer({ min: 0, max: 1000 }),
        (p, seed) => {
          const params = { ...base, ...p } as AbrParams;
          if (paramProblems(abrLab, params).length > 0) return;
          checkRun(params, seed);
        },
      ),
      { numRuns: 15 },
    );
  });

  it('the heaviest allowed settings are within budget', () => {
    const heavy = { ...base, 'video.chunks': 300, 'video.chunkS': 10, 'video.ladder': 'netflix2015', 'session.maxS': 3600, 'trace.stepS': 0.1, 'trace.durationS': 1200, algorithm: 'mpc', 'race.second': 'robustmpc', 'race.third': 'dynamic' } as AbrParams;
    expect(paramProblems(abrLab, heavy)).toEqual([]);
    checkRun(heavy, 1);
  });
});

describe('ABR lab: contradictory settings are refused, naming the field', () => {
  it('trace.minMbps above trace.maxMbps', () => {
    const problems = paramProblems(abrLab, { ...base, 'trace.minMbps': 30, 'trace.maxMbps': 5 });
    expect(problems.map((e) => e.field)).toEqual(['trace.minMbps']);
    expect(problems[0].message).toMatch(/trace\.minMbps.*trace\.maxMbps/);
  });

  it('player.startupS above player.bufferCapS', () => {
    const problems = paramProblems(abrLab, { ...base, 'player.startupS': 30, 'player.bufferCapS': 10 });
    expect(problems.map((e) => e.field)).toEqual(['player.startupS']);
  });

  it('a level outside the clamp for traces that start from it, not for those that do not', () => {
    expect(paramProblems(abrLab, { ...base, 'trace.kind': 'constant', 'trace.meanMbps': 50, 'trace.maxMbps': 20 }).map((e) => e.field)).toEqual(['trace.meanMbps']);
    expect(paramProblems(abrLab, { ...base, 'trace.kind': 'markov', 'trace.meanMbps': 50, 'trace.maxMbps': 20 })).toEqual([]);
  });

  it('the CLI exits 2 with the message, and accepts a trace file whatever the synthetic trace settings', async () => {
    const err: string[] = [];
    const io = { stdout: () => undefined, stderr: (t: string) => void err.push(t), readFile: () => '0 1\n1 2\n2 3\n', readDir: () => [], isDirectory: () => false, progress: () => undefined };
    expect(await main(['abr', '--set', 'trace.minMbps=30', '--set', 'trace.maxMbps=5'], io)).toBe(2);
    expect(err.join('')).toMatch(/trace\.minMbps/);
    expect(await main(['abr', '--set', 'player.startupS=30', '--set', 'player.bufferCapS=10'], io)).toBe(2);
    expect(await main(['abr', '--trace', 'one.txt', '--set', 'trace.minMbps=30', '--set', 'trace.maxMbps=5', '--set', 'video.chunks=5'], io)).toBe(0);
  });
});

describe('ABR lab: captions', () => {
  it.each(abrLab.presets.map((p) => [p.id, p] as const))('preset %s: every event captions to a readable line (null only for idle-end)', (_id, preset) => {
    const r = new Runner(abrLab, { ...base, ...preset.params } as AbrParams, preset.seed ?? 1);
    r.runToEnd();
    const types = new Set<string>();
    for (const e of viewOf(abrLab, r).recorder.events) {
      const text = abrLab.caption!(e);
      if (text === null) {
        expect(e.type).toBe('idle-end');
        continue;
      }
      expect(text).not.toMatch(WORDS);
      types.add(e.type);
    }
    for (const t of ['request', 'complete', 'playback-start', 'ended']) expect(types.has(t)).toBe(true);
  });

  it('says what happened', () => {
    expect(abrLab.caption!({ type: 'switch', player: 'p1', chunk: 11, from: 1, to: 3, t: 0 })).toBe('Player 2 switches up from rung 2 to rung 4 at chunk 12');
    expect(abrLab.caption!({ type: 'request', player: 'p0', chunk: 0, quality: 0, bitrateKbps: 300, estimateKbps: null, rule: null, t: 0 })).toBe('Player 1 asks for chunk 1 at 300 kbps');
    expect(abrLab.caption!({ type: 'stall-end', player: 'p2', chunk: 4, durationS: 2.345, t: 0 })).toBe('Player 3 plays again after a 2.35 s stall');
  });
});
