/** The tournament over real trace sets: scores, the leaderboard, comparisons, the race a row opens, and the worker's job. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Runner } from '@/simulations/core/runner';
import { defaults } from '@/simulations/core/params';
import {
  abrLab,
  ALGORITHM_NAMES,
  builtInEntrants,
  compare,
  leaderboard,
  NETWORK_TYPES,
  raceParams,
  runTournament,
  tournamentSetup,
  tournamentTraces,
  variantEntrant,
  type AbrParams,
  type TraceScore,
} from '@/simulations/abr';
import type { JsonResult } from '@/simulations/abr/session/types';
import { runTournamentJob } from '@/components/labs/abr/parts/tournament/runTournamentJob';
import type { TournamentReply } from '@/components/labs/abr/parts/tournament/protocol';

const base = defaults(abrLab.schema) as AbrParams;

function score(entrant: string, trace: string, qoe: number, network: TraceScore['network'] = '3g'): TraceScore {
  return { entrant, trace, network, qoe, bitrate: qoe + 2, rebuffer: 1.5, smoothness: 0.5, rebufferS: 0.3, meanBitrateKbps: 1000 };
}

describe('tournament aggregation', () => {
  it('the leaderboard ranks by mean QoE, all traces first, then each network present, with intervals', () => {
    const scores = [score('a', 't1', 10), score('b', 't1', 20), score('a', 't2', 30), score('b', 't2', 0), score('a', 'x1', 5, '5g'), score('b', 'x1', 6, '5g')];
    const groups = leaderboard(scores, NETWORK_TYPES);
    expect(groups.map((g) => [g.network, g.traces])).toEqual([
      ['all', 3],
      ['3g', 2],
      ['5g', 1],
    ]);
    expect(groups[0].rows.map((r) => [r.entrant, r.rank, r.qoe.mean])).toEqual([
      ['a', 1, 15],
      ['b', 2, 26 / 3],
    ]);
    expect(groups[2].rows[0]).toMatchObject({ entrant: 'b', rank: 1 });
    expect(groups[2].rows[0].qoe.halfWidth).toBe(Infinity);
    expect(groups[1].rows[0].bitrate.mean).toBe(22);
  });

  it('compare pairs traces, counts wins, losses and ties, and lists the largest each way', () => {
    const scores = [score('a', 't1', 10), score('b', 't1', 20), score('a', 't2', 30), score('b', 't2', 0), score('a', 't3', 5), score('b', 't3', 5), score('a', 't4', 7), score('b', 't4', 6)];
    const c = compare(scores, 'a', 'b', 1);
    expect([c.wins, c.losses, c.ties]).toEqual([2, 1, 1]);
    expect(c.delta.mean).toBeCloseTo((-10 + 30 + 0 + 1) / 4, 12);
    expect(c.bestTraces.map((d) => [d.trace, d.delta])).toEqual([['t2', 30]]);
    expect(c.worstTraces.map((d) => [d.trace, d.delta])).toEqual([['t1', -10]]);
  });
});

describe('tournament on the shipped traces', () => {
  const traces = tournamentTraces('mahimahi-cellular');

  it('each score is the session the lab races on that trace: the race a row opens replays it exactly', () => {
    for (const mode of ['realistic', 'reference'] as const) {
      const params = { ...base, mode } as AbrParams;
      const scores = runTournament(tournamentSetup(params, 5), builtInEntrants(params), traces);
      expect(scores).toHaveLength(traces.length * 7);
      for (const s of scores) expect(s.qoe).toBeCloseTo(s.bitrate - s.rebuffer - s.smoothness, 9);
      const c = compare(scores, 'robustmpc', 'bba', 3);
      const row = c.bestTraces[0] ?? c.worstTraces[0];
      const race = raceParams(params, row.trace, 'robustmpc', 'bba');
      expect(race).toMatchObject({ 'trace.kind': 'real', 'trace.real': row.trace, algorithm: 'robustmpc', 'race.second': 'bba', 'race.third': 'none' });
      const runner = new Runner(abrLab, race, 5);
      runner.runToEnd();
      const results = runner.result() as JsonResult[];
      expect(results.map((r) => r.qoe)).toEqual([row.entrant.qoe, row.baseline.qoe]);
    }
  });

  it('extra entrants are factories: a variant with other knobs plays beside the built-ins, fresh per trace', () => {
    const params = { ...base } as AbrParams;
    let created = 0;
    const tuned = variantEntrant(params, 'bba-10', 'BBA, 10 s reservoir', 'bba', { 'bba.reservoirS': 10 });
    const counting = { ...tuned, create: (env: Parameters<typeof tuned.create>[0]) => (created++, tuned.create(env)) };
    const scores = runTournament(tournamentSetup(params, 1), [...builtInEntrants(params), counting], traces);
    expect(created).toBe(traces.length);
    const board = leaderboard(scores, NETWORK_TYPES);
    expect(board[0].rows.map((r) => r.entrant).sort()).toEqual([...ALGORITHM_NAMES, 'bba-10'].sort());
    const same = runTournament(tournamentSetup(params, 1), [variantEntrant(params, 'bba-5', 'BBA', 'bba', { 'bba.reservoirS': 5 })], traces);
    expect(same.map((s) => s.qoe)).toEqual(scores.filter((s) => s.entrant === 'bba').map((s) => s.qoe));
  });
});

describe('the worker job (in Node)', () => {
  const fetchText = async (p: string) => readFileSync(path.join(process.cwd(), 'public', p), 'utf8');

  async function job(request: Partial<Parameters<typeof runTournamentJob>[0]>) {
    const replies: TournamentReply[] = [];
    let clock = 0;
    await runTournamentJob({ type: 'run', runId: 3, sets: ['5gophers'], params: base, seed: 1, extras: [], ...request }, { fetchText, now: () => (clock += 10), post: (r) => replies.push(r) });
    return replies;
  }

  it('loads the sets, plays 7 built-ins + extras, reports progress and ends with every score', async () => {
    const replies = await job({ sets: ['5gophers', 'mahimahi-cellular'], extras: [{ kind: 'variant', id: 'bola-30', label: 'BOLA 30 s', payload: { base: 'bola', overrides: { 'bola.stableBufferS': 30 } } }] });
    const done = replies.at(-1)!;
    expect(done.type).toBe('done');
    if (done.type !== 'done') return;
    expect(done.entrants.map((e) => e.id)).toEqual([...ALGORITHM_NAMES, 'bola-30']);
    expect(done.scores).toHaveLength((19 + 7) * 8);
    const progress = replies.filter((r) => r.type === 'progress');
    expect(progress.at(-1)).toEqual({ type: 'progress', runId: 3, done: 26, total: 26 });
    expect(progress.every((p, i) => i === 0 || p.done >= progress[i - 1].done)).toBe(true);
  });

  it('bad requests end in one error naming the problem', async () => {
    expect(await job({ sets: ['puffer' as never] })).toEqual([{ type: 'error', runId: 3, message: 'unknown trace set "puffer"' }]);
    expect((await job({ extras: [{ kind: 'python', id: 'x', label: 'x', payload: null }] }))[0]).toMatchObject({ type: 'error', message: expect.stringContaining('unknown kind "python"') });
    expect((await job({ extras: [{ kind: 'variant', id: 'bba', label: 'x', payload: { base: 'bba' } }] }))[0]).toMatchObject({ type: 'error', message: 'two entrants share an id' });
    expect((await job({ params: { ...base, 'video.chunks': 1 } }))[0]).toMatchObject({ type: 'error', message: expect.stringContaining('video.chunks') });
  });
});
