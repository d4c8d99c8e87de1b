/**
 * The tournament (tournament/tournament.ts) set up from the lab's params: the video, player and QoE
 * of the race the learner is looking at, the seven built-ins with the lab's knobs, extra entrants,
 * and the race a leaderboard row opens (same params and seed, that trace, entrant vs baseline).
 *
 * Extension point for extra entrants (the code lab): any `TournamentEntrant`, i.e.
 * `{ id, label, create(env) => AbrAlgorithm }` with a fresh algorithm per call. `variantEntrant`
 * builds one from a built-in with other knobs.
 */
import { Rng } from '../../core/rng';
import { ALGORITHM_NAMES, YOURS, isAlgorithmName, type AlgorithmName } from '../constants';
import { createAlgorithm, referenceKnobs, type AlgorithmKnobs } from '../algorithms';
import { loadTraceSet, type TraceSetId } from '../network/realTraces';
import type { TournamentEntrant, TournamentSetup, TournamentTrace } from '../tournament/tournament';
import { buildVideo, envFor, knobsFrom, playerConfigFrom } from './model';
import type { AbrParams } from './schema';

export function tournamentSetup(params: AbrParams, seed: number): TournamentSetup {
  // the same named stream the lab's run draws its video from, so a race opened from the board replays it
  const video = buildVideo(params, new Rng(seed));
  return { mode: params.mode, video, env: envFor(params.mode, params, video), player: playerConfigFrom(params) };
}

function knobsFor(params: AbrParams): AlgorithmKnobs {
  return params.mode === 'reference' ? referenceKnobs(knobsFrom(params)) : knobsFrom(params);
}

/** The seven built-ins, with the lab's knobs (reference mode pins the literature's). */
export function builtInEntrants(params: AbrParams): TournamentEntrant[] {
  const knobs = knobsFor(params);
  return ALGORITHM_NAMES.map((name) => ({ id: name, label: name, create: (env) => createAlgorithm(name, env, knobs) }));
}

/** A built-in with other knobs (e.g. BBA with a 10 s reservoir) as an extra entrant. */
export function variantEntrant(params: AbrParams, id: string, label: string, base: AlgorithmName, overrides: Partial<AbrParams>): TournamentEntrant {
  const knobs = knobsFor({ ...params, ...overrides });
  return { id, label, create: (env) => createAlgorithm(base, env, knobs) };
}

/** A shipped set as tournament traces; each trace's id is the lab's `trace.real` value. */
export function tournamentTraces(set: TraceSetId): TournamentTrace[] {
  return loadTraceSet(set).map((t) => {
    const id = `${set}/${t.name}`;
    return { id, network: t.network, trace: { ...t.trace, name: id } };
  });
}

/**
 * The lab params of the race a board row opens: this trace, the entrant against the baseline (a
 * built-in that is not one, like a learner's algorithm, is left to its own param), seed unchanged.
 */
export function raceParams(params: AbrParams, traceId: string, entrant: string, baseline: string): AbrParams {
  const race: AbrParams = { ...params, 'trace.kind': 'real', 'trace.real': traceId, 'race.third': 'none' };
  // the learner's code races as the second player against the baseline (its record is made by the code panel)
  if (entrant === YOURS || baseline === YOURS) {
    const other = entrant === YOURS ? baseline : entrant;
    if (isAlgorithmName(other)) race.algorithm = other;
    race['race.second'] = YOURS;
    return race;
  }
  if (isAlgorithmName(entrant)) race.algorithm = entrant;
  race['race.second'] = isAlgorithmName(baseline) && baseline !== race.algorithm ? baseline : 'none';
  return race;
}
