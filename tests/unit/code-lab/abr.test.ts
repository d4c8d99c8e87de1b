/**
 * The learner's ABR algorithm end to end in Node (code-lab.md §6): templates race exactly like the
 * built-ins, the recorded race replays to the same event log, a divergence stops loudly, bad
 * decisions and runaway code are reported at the TypeScript line:col, and runs are deterministic.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadQuickJs, type QuickJSWASMModule } from '@/code-lab/sandbox/quickjs';
import { compileTypeScript } from '@/code-lab/sandbox/compileNode';
import { recordRace } from '@/code-lab/abr/race';
import { ABR_TEMPLATES } from '@/code-lab/abr/generated';
import { abrLab, type AbrParams } from '@/simulations/abr';
import { validate } from '@/simulations/core/params';
import { Runner } from '@/simulations/core/runner';
import { hashText, type YoursRecord } from '@/simulations/abr/algorithms/yours';
import { checkAbrParams } from '@/simulations/abr/lab/checks';
import { sandboxFailure } from './support';

let qjs: QuickJSWASMModule;
beforeAll(async () => {
  qjs = await loadQuickJs();
});

const template = (id: string) => compileTypeScript(ABR_TEMPLATES.find((t) => t.id === id)!.source, `${id}.ts`);

function params(input: Record<string, unknown>): AbrParams {
  const v = validate(abrLab.schema, { 'video.chunks': 24, ...input });
  expect(v.errors).toEqual([]);
  return v.params as AbrParams;
}

function finished(p: AbrParams, seed: number) {
  const runner = new Runner(abrLab, p, seed);
  runner.runToEnd();
  return { result: runner.result() as { qoe: number; chunks: unknown[] }[], events: runner.recorder.events };
}


describe('code lab: the learner\'s ABR algorithm', () => {
  // (reference mode pins rate's safety to 1, the template keeps the lab default 0.9: realistic only)
  it.each([
    ['rate', ['realistic']],
    ['bba', ['realistic', 'reference']],
    ['mpc', ['realistic', 'reference']],
    ['robustmpc', ['realistic', 'reference']],
  ] as const)('the %s template races exactly like the built-in (%s)', (id, modes) => {
    for (const mode of modes) {
      const builtIn = finished(params({ mode, 'race.second': id, 'race.third': 'none' }), 3).result[1];
      const yours = params({ mode, 'race.second': 'yours', 'race.third': 'none' });
      const { record } = recordRace(qjs, template(id), yours, 3);
      const replayed = finished({ ...yours, 'yours.record': record }, 3).result[1];
      expect({ ...replayed, algorithm: id }).toEqual(builtIn);
    }
  });

  it('BOLA, EWMA and Dynamic templates run to the end with sane decisions', () => {
    for (const id of ['bola', 'ewma', 'dynamic']) {
      const p = params({ 'race.third': 'yours' });
      const { record } = recordRace(qjs, template(id), p, 1);
      expect(record.slots.p2.length).toBe(24);
    }
  });

  it('the page\'s replay of the recorded race gives the sandbox run\'s event log, event for event', () => {
    const p = params({ 'race.second': 'yours', 'race.third': 'yours' });
    const outcome = recordRace(qjs, template('bola'), p, 5);
    const replay = finished({ ...p, 'yours.record': outcome.record }, 5);
    expect(replay.events.length).toBe(outcome.eventCount);
    expect(hashText(JSON.stringify(replay.events))).toBe(outcome.eventLogHash);
  });

  it('stops loudly when the replay sees another input than the sandbox did', () => {
    const p = params({ 'race.third': 'yours' });
    const { record } = recordRace(qjs, template('rate'), p, 5);
    const tampered: YoursRecord = { ...record, slots: { p2: record.slots.p2.map(([h, d], i) => [i === 7 ? 'deadbeef' : h, d]) } };
    expect(() => finished({ ...p, 'yours.record': tampered }, 5)).toThrow(/diverged from its sandbox run at decision 7 of player p2/);
    // a record made for another seed or other params is refused, not replayed
    expect(() => finished({ ...p, 'yours.record': record }, 6)).toThrow(/other parameters or another seed/);
    expect(() => finished({ ...p, 'rate.safety': 0.5, 'yours.record': record }, 5)).toThrow(/other parameters or another seed/);
  });

  it('refuses "yours" in the line-up without a recorded run, naming the field', () => {
    const errors = checkAbrParams(params({ 'race.third': 'yours' }));
    expect(errors.map((e) => e.field)).toEqual(['race.third']);
  });

  it('is deterministic, and its Math.random follows the lab seed', () => {
    const src = `import type { Algorithm, AlgorithmEnv } from './abr';
export function createAlgorithm(env: AlgorithmEnv): Algorithm {
  return { startVideo() {}, observe() {}, decide() { return { quality: Math.floor(Math.random() * env.video.bitratesKbps.length), estimateKbps: null }; } };
}`;
    const program = compileTypeScript(src, 'random.ts');
    const p = params({ 'race.third': 'yours' });
    const a = recordRace(qjs, program, p, 11);
    const b = recordRace(qjs, program, p, 11);
    const c = recordRace(qjs, program, p, 12);
    expect(b.record).toEqual(a.record);
    expect(b.eventLogHash).toBe(a.eventLogHash);
    const qualities = (r: YoursRecord) => r.slots.p2.map(([, d]) => d.quality);
    expect(qualities(c.record)).not.toEqual(qualities(a.record));
    // built-in players on the same race are untouched by the learner's stream
    expect(finished({ ...p, 'race.third': 'none' }, 11).result[0]).toEqual(finished({ ...p, 'yours.record': a.record }, 11).result[0]);
  });

  const badDecide = (body: string) => `import type { Algorithm, AlgorithmEnv, Decision, DecisionInput } from './abr';
export function createAlgorithm(env: AlgorithmEnv): Algorithm {
  return {
    startVideo() {},
    observe() {},
    decide(input: DecisionInput): Decision {
      ${body}
    },
  };
}`;

  it.each([
    ['quality 99', 'return { quality: 99, estimateKbps: null };', 'contract', /decide\(\) for chunk 0 returned quality 99: it must be a whole rung index from 0 to 5/, 6],
    ['NaN', 'return { quality: 0, estimateKbps: NaN };', 'contract', /estimateKbps NaN/, 6],
    ['a throw', 'if (input.nextIndex === 2) throw new Error("boom");\n      return { quality: 0, estimateKbps: null };', 'runtime', /decide\(\) threw boom/, 7],
    // (QuickJS reports an interrupt at the function it stopped, not at the loop)
    ['while(true)', 'while (true) {}', 'budget', /CPU budget \(200 ticks per call/, 6],
    ['endless recursion', 'const f = (n: number): number => f(n + 1) + 1;\n      return { quality: f(0), estimateKbps: null };', 'stack', /stack overflow/, 7],
  ])('%s in decide() is reported at the TypeScript line', (_what, body, kind, message, line) => {
    const e = sandboxFailure(() => recordRace(qjs, compileTypeScript(badDecide(body), 'mine.ts'), params({ 'race.third': 'yours' }), 1));
    expect(e.kind).toBe(kind);
    expect(e.message).toMatch(message);
    expect(e.location?.line).toBe(line);
    expect(e.message).toMatch(new RegExp(`^mine\\.ts:${line}:\\d+: `));
  });

  it('stops while(true) in the same place with the same message every run, before any decision', () => {
    const program = compileTypeScript(badDecide('while (true) {}'), 'spin.ts');
    const runs = [0, 1, 2].map(() => {
      let decisions = 0;
      const e = sandboxFailure(() => recordRace(qjs, program, params({ 'race.third': 'yours' }), 1, { onDecision: () => decisions++ }));
      return { message: e.message, decisions };
    });
    expect(runs[0].decisions).toBe(0);
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[2]).toEqual(runs[0]);
  });
});

describe('code lab: the tournament entrant', () => {
  it('plays real traces like the built-in it copies, one fresh sandbox per session', async () => {
    const { loadAbrEntrant } = await import('@/code-lab/abr/entrant');
    const { runRealisticSession } = await import('@/simulations/abr/session/realistic');
    const { createAlgorithm, DEFAULT_KNOBS } = await import('@/simulations/abr/algorithms');
    const { envFor, buildVideo, playerConfigFrom } = await import('@/simulations/abr/lab/model');
    const { Rng } = await import('@/simulations/core/rng');
    const { TraceLink } = await import('@/simulations/abr/network/link');
    const p = params({});
    const video = buildVideo(p, new Rng(1));
    const env = envFor('realistic', p, video);
    const factory = await loadAbrEntrant(template('bba'));
    const trace = { name: 'steps', timesS: Float64Array.from([0, 20, 40, 60]), mbps: Float64Array.from([3, 0.4, 2, 5]) };
    for (const k of [0, 1]) {
      const mine = runRealisticSession(new TraceLink(trace), video, factory(env, { slot: `trace${k}`, seed: k }), playerConfigFrom(p), env.objective);
      const builtIn = runRealisticSession(new TraceLink(trace), video, createAlgorithm('bba', env, DEFAULT_KNOBS), playerConfigFrom(p), env.objective);
      expect({ ...mine, algorithm: 'bba' }).toEqual(builtIn);
    }
  });
});
