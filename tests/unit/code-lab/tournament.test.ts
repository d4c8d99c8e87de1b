/**
 * The learner's ABR algorithm in the tournament (issue 12): the `sandbox` entrant kind of the
 * tournament worker's job, run in Node. The rate template scores exactly like the built-in on
 * every trace; a trace opened as a race replays the tournament's score (same Math.random seed); a
 * failure names the trace and the TypeScript line:col; every sandbox is disposed.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defaults } from '@/simulations/core/params';
import { Runner } from '@/simulations/core/runner';
import { abrLab, ALGORITHM_NAMES, raceParams, YOURS, type AbrParams } from '@/simulations/abr';
import { runTournamentJob } from '@/components/labs/abr/parts/tournament/runTournamentJob';
import type { EntrantSpec, TournamentReply, TournamentRequest } from '@/components/labs/abr/parts/tournament/protocol';
import { compileTypeScript } from '@/code-lab/sandbox/compileNode';
import { loadQuickJs } from '@/code-lab/sandbox/quickjs';
import { recordRace } from '@/code-lab/abr/race';
import { sandboxEntrant } from '@/code-lab/abr/tournamentEntrant';
import { ABR_TEMPLATES } from '@/code-lab/abr/generated';
import type { CompiledProgram } from '@/code-lab/sandbox/program';

const base = { ...(defaults(abrLab.schema) as AbrParams), 'video.chunks': 20 };
const fetchText = async (p: string) => readFileSync(path.join(process.cwd(), 'public', p), 'utf8');

const learner = (program: CompiledProgram): EntrantSpec => ({ kind: 'sandbox', id: YOURS, label: 'Your code', payload: { program } });
const template = (id: string) => compileTypeScript(ABR_TEMPLATES.find((t) => t.id === id)!.source, `${id}.ts`);
const RANDOM = compileTypeScript(
  `import type { Algorithm, AlgorithmEnv } from './abr';
export function createAlgorithm(env: AlgorithmEnv): Algorithm {
  return { startVideo() {}, observe() {}, decide() { return { quality: Math.floor(Math.random() * env.video.bitratesKbps.length), estimateKbps: null }; } };
}`,
  'random.ts',
);

async function job(request: Partial<TournamentRequest>): Promise<TournamentReply[]> {
  const replies: TournamentReply[] = [];
  let clock = 0;
  await runTournamentJob({ type: 'run', runId: 1, sets: ['5gophers'], params: base, seed: 3, extras: [], ...request }, { fetchText, now: () => (clock += 10), post: (r) => replies.push(r) });
  return replies;
}

function done(replies: TournamentReply[]) {
  const last = replies.at(-1)!;
  if (last.type !== 'done') throw new Error(`expected done, got ${JSON.stringify(last).slice(0, 300)}`);
  return last;
}

describe('the learner in the tournament', () => {
  it('races next to the seven built-ins; the rate template scores exactly like rate on every trace', async () => {
    const replies = await job({ extras: [learner(template('rate'))] });
    const result = done(replies);
    expect(result.entrants.map((e) => e.id)).toEqual([...ALGORITHM_NAMES, YOURS]);
    const rate = result.scores.filter((s) => s.entrant === 'rate');
    const yours = result.scores.filter((s) => s.entrant === YOURS);
    expect(yours.length).toBe(19);
    expect(yours.map((s) => ({ ...s, entrant: 'rate' }))).toEqual(rate);
    // the watchdog's first heartbeat comes once loaded, before any trace plays
    expect(replies.find((r) => r.type === 'progress')).toEqual({ type: 'progress', runId: 1, done: 0, total: 19 });
  });

  it('is deterministic, and a trace opened as a race replays the score the tournament gave it', async () => {
    const first = done(await job({ extras: [learner(RANDOM)] })).scores;
    const again = done(await job({ extras: [learner(RANDOM)] })).scores;
    expect(again).toEqual(first);
    const other = done(await job({ seed: 4, extras: [learner(RANDOM)] })).scores;
    expect(other.filter((s) => s.entrant === YOURS).map((s) => s.qoe)).not.toEqual(first.filter((s) => s.entrant === YOURS).map((s) => s.qoe));

    const qjs = await loadQuickJs();
    const score = first.find((s) => s.entrant === YOURS)!;
    const race = raceParams(base, score.trace, YOURS, 'rate');
    expect([race.algorithm, race['race.second'], race['race.third']]).toEqual(['rate', YOURS, 'none']);
    const { record } = recordRace(qjs, RANDOM, race, 3);
    const runner = new Runner(abrLab, { ...race, 'yours.record': record }, 3);
    runner.runToEnd();
    const players = runner.result() as { algorithm: string; qoe: number }[];
    expect(players.map((p) => p.algorithm)).toEqual(['rate', YOURS]);
    expect(players[1].qoe).toBeCloseTo(score.qoe, 9);
  });

  it('a bad decision ends the tournament with the trace and the TypeScript line:col', async () => {
    const bad = compileTypeScript('export function createAlgorithm() {\n  return {\n    decide() { return { quality: 99, estimateKbps: null }; },\n  };\n}\n', 'bad.ts');
    const replies = await job({ extras: [learner(bad)] });
    expect(replies.at(-1)).toMatchObject({ type: 'error', message: expect.stringMatching(/^on trace 5gophers\/[^:]+: bad\.ts:3:5: decide\(\) for chunk 0 returned quality 99/) });
    const malformed = await job({ extras: [{ kind: 'sandbox', id: YOURS, label: 'x', payload: { program: 'export function' } }] });
    expect(malformed).toEqual([{ type: 'error', runId: 1, message: expect.stringContaining('the payload must be { program: CompiledProgram }') }]);
  });

  it('keeps one sandbox alive at a time and disposes the last', async () => {
    const entrant = await sandboxEntrant(YOURS, 'Your code', { program: template('bba') }, 1);
    const setup = (await import('@/simulations/abr')).tournamentSetup(base, 1);
    const a = entrant.create(setup.env) as unknown as { dispose(): void; decide(i: unknown): unknown };
    entrant.create(setup.env);
    // the first was released when the second was made
    expect(() => a.decide({ nextIndex: 0, bufferS: 0, lastQuality: 0, nowMs: 0 })).toThrow(/used after dispose/);
    entrant.dispose();
    expect(entrant.ticks).toBeGreaterThan(0);
  });
});
