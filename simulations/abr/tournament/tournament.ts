/**
 * The tournament: every entrant plays the same video on every trace of one or more sets, and the
 * leaderboard ranks them by mean QoE per network type (abr-simulator.md §3: QoE = Σ bitrate utility
 * − rebuffer penalty − smoothness penalty, over chunks 1…n−1 as the literature reports it).
 *
 * An entrant is a FACTORY: `create(env)` returns a fresh algorithm for each trace, so nothing a
 * learner's algorithm remembers leaks from one trace into the next. The seven built-ins are
 * entrants; the code lab adds its sandboxed algorithm the same way (lab/tournament.ts).
 *
 * Pure and synchronous per trace (`playTrace`), so a worker can report progress and stop between
 * traces; `leaderboard` and `extremes` aggregate the scores.
 */
import type { SimulationMode } from '../constants';
import type { AbrAlgorithm, AlgorithmEnv } from '../algorithms/types';
import type { Trace } from '../network/trace';
import type { NetworkType } from '../network/realTraces';
import type { Video } from '../video/video';
import type { PlayerConfig } from '../session/realistic';
import { runRealisticSession } from '../session/realistic';
import { runReferenceSession } from '../session/reference';
import type { SessionResult } from '../session/types';
import { meanInterval, type MeanInterval } from './confidence';

export interface TournamentEntrant {
  /** unique key in the results (a built-in's name, or e.g. "learner") */
  id: string;
  label: string;
  /** a FRESH algorithm for one trace (never share state between calls) */
  create(env: AlgorithmEnv): AbrAlgorithm;
}

/** Everything but the entrants and the traces: the lab's video, player and QoE, in one mode. */
export interface TournamentSetup {
  mode: SimulationMode;
  video: Video;
  env: AlgorithmEnv;
  player: PlayerConfig;
}

export interface TournamentTrace {
  /** what links back to the race (the lab's `trace.real`) */
  id: string;
  network: NetworkType;
  trace: Trace;
}

/** One entrant on one trace. The QoE terms are over chunks 1…n−1: qoe = bitrate − rebuffer − smoothness. */
export interface TraceScore {
  entrant: string;
  trace: string;
  network: NetworkType;
  qoe: number;
  bitrate: number;
  rebuffer: number;
  smoothness: number;
  rebufferS: number;
  meanBitrateKbps: number;
}

export function scoreOf(entrant: string, t: Pick<TournamentTrace, 'id' | 'network'>, session: SessionResult): TraceScore {
  let bitrate = 0;
  let rebuffer = 0;
  let smoothness = 0;
  for (let i = 1; i < session.chunks.length; i++) {
    const c = session.chunks[i];
    bitrate += c.bitrateTerm;
    rebuffer += c.rebufferTerm;
    smoothness += c.switchTerm;
  }
  return { entrant, trace: t.id, network: t.network, qoe: session.qoe, bitrate, rebuffer, smoothness, rebufferS: session.rebufferS, meanBitrateKbps: session.meanBitrateKbps };
}

/** Every entrant on one trace, in entrant order. */
export function playTrace(setup: TournamentSetup, entrants: readonly TournamentEntrant[], t: TournamentTrace): TraceScore[] {
  return entrants.map((e) => {
    const algorithm = e.create(setup.env);
    const session =
      setup.mode === 'reference'
        ? runReferenceSession(t.trace, setup.video, algorithm, setup.env.objective)
        : runRealisticSession(t.trace, setup.video, algorithm, setup.player, setup.env.objective);
    return scoreOf(e.id, t, session);
  });
}

/** The whole tournament in one call (Node: CLI, tests, bench). */
export function runTournament(setup: TournamentSetup, entrants: readonly TournamentEntrant[], traces: readonly TournamentTrace[]): TraceScore[] {
  return traces.flatMap((t) => playTrace(setup, entrants, t));
}

export interface LeaderboardRow {
  entrant: string;
  /** rank by mean QoE within the group, 1 = best */
  rank: number;
  qoe: MeanInterval;
  bitrate: MeanInterval;
  rebuffer: MeanInterval;
  smoothness: MeanInterval;
  rebufferS: MeanInterval;
}

export interface LeaderboardGroup {
  /** 'all' or a network type */
  network: NetworkType | 'all';
  traces: number;
  rows: LeaderboardRow[];
}

/** One group for all traces, then one per network type present (in NETWORK order), rows best first. */
export function leaderboard(scores: readonly TraceScore[], networks: readonly NetworkType[]): LeaderboardGroup[] {
  const groups: LeaderboardGroup[] = [group('all', scores)];
  for (const network of networks) {
    const mine = scores.filter((s) => s.network === network);
    if (mine.length > 0) groups.push(group(network, mine));
  }
  return groups;
}

function group(network: NetworkType | 'all', scores: readonly TraceScore[]): LeaderboardGroup {
  const byEntrant = new Map<string, TraceScore[]>();
  for (const s of scores) {
    const list = byEntrant.get(s.entrant);
    if (list) list.push(s);
    else byEntrant.set(s.entrant, [s]);
  }
  const rows = [...byEntrant].map(([entrant, list]) => ({
    entrant,
    rank: 0,
    qoe: meanInterval(list.map((s) => s.qoe)),
    bitrate: meanInterval(list.map((s) => s.bitrate)),
    rebuffer: meanInterval(list.map((s) => s.rebuffer)),
    smoothness: meanInterval(list.map((s) => s.smoothness)),
    rebufferS: meanInterval(list.map((s) => s.rebufferS)),
  }));
  // stable: equal means keep entrant order
  rows.sort((a, b) => b.qoe.mean - a.qoe.mean);
  rows.forEach((r, i) => (r.rank = i + 1));
  return { network, traces: new Set(scores.map((s) => s.trace)).size, rows };
}

export interface TraceDifference {
  trace: string;
  network: NetworkType;
  entrant: TraceScore;
  baseline: TraceScore;
  /** entrant QoE − baseline QoE on this trace */
  delta: number;
}

export interface Comparison {
  entrant: string;
  baseline: string;
  /** the paired difference over all shared traces, with its 95 % interval */
  delta: MeanInterval;
  wins: number;
  losses: number;
  ties: number;
  /** the traces where the entrant beats the baseline by most (largest delta first) */
  bestTraces: TraceDifference[];
  /** the traces where it loses by most (most negative delta first) */
  worstTraces: TraceDifference[];
}

/** Entrant vs baseline trace by trace; `count` traces each way (only strict wins / losses are listed). */
export function compare(scores: readonly TraceScore[], entrant: string, baseline: string, count = 5): Comparison {
  const base = new Map(scores.filter((s) => s.entrant === baseline).map((s) => [s.trace, s]));
  const diffs: TraceDifference[] = [];
  for (const s of scores) {
    if (s.entrant !== entrant) continue;
    const b = base.get(s.trace);
    if (b) diffs.push({ trace: s.trace, network: s.network, entrant: s, baseline: b, delta: s.qoe - b.qoe });
  }
  const wins = diffs.filter((d) => d.delta > 0);
  const losses = diffs.filter((d) => d.delta < 0);
  return {
    entrant,
    baseline,
    delta: meanInterval(diffs.map((d) => d.delta)),
    wins: wins.length,
    losses: losses.length,
    ties: diffs.length - wins.length - losses.length,
    bestTraces: [...wins].sort((a, b) => b.delta - a.delta).slice(0, count),
    worstTraces: [...losses].sort((a, b) => a.delta - b.delta).slice(0, count),
  };
}
