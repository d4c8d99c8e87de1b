/**
 * Selectors from a finished tournament to what the panel draws: leaderboard groups with their
 * labels, formatted intervals, the comparison and the race each listed trace opens.
 */
import { ALGORITHM_NAMES, NETWORK_LABELS, NETWORK_TYPES, abrLab, compare, leaderboard, raceParams, type AbrParams, type Comparison, type LeaderboardGroup, type MeanInterval, type TraceDifference } from '@/simulations/abr';
import { shareQuery } from '@/components/lab-shell/link';
import { ALGORITHM_LABELS } from '../../viewModel';
import type { TournamentResult } from './useTournament';

export function entrantLabel(result: Pick<TournamentResult, 'entrants'>, id: string): string {
  if ((ALGORITHM_NAMES as readonly string[]).includes(id)) return ALGORITHM_LABELS[id as keyof typeof ALGORITHM_LABELS];
  return result.entrants.find((e) => e.id === id)?.label ?? id;
}

export function groupLabel(group: Pick<LeaderboardGroup, 'network' | 'traces'>): string {
  return `${group.network === 'all' ? 'All networks' : NETWORK_LABELS[group.network]} (${group.traces} trace${group.traces === 1 ? '' : 's'})`;
}

export function boardOf(result: TournamentResult): LeaderboardGroup[] {
  return leaderboard(result.scores, NETWORK_TYPES);
}

/** "41.2 ± 3.4": the mean with the half-width of its 95 % interval ("41.2" alone for one trace). */
export function formatInterval(m: MeanInterval, digits = 1): string {
  if (!Number.isFinite(m.mean)) return '—';
  if (!Number.isFinite(m.halfWidth)) return m.mean.toFixed(digits);
  return `${m.mean.toFixed(digits)} ± ${m.halfWidth.toFixed(digits)}`;
}

export function comparisonOf(result: TournamentResult, entrant: string, baseline: string, count = 5): Comparison {
  return compare(result.scores, entrant, baseline, count);
}

export function comparisonSummary(result: TournamentResult, c: Comparison): string {
  const a = entrantLabel(result, c.entrant);
  const b = entrantLabel(result, c.baseline);
  if (c.delta.n === 0) return `${a} and ${b} share no traces.`;
  const verdict = c.delta.low > 0 ? `${a} is better` : c.delta.high < 0 ? `${b} is better` : 'no clear winner';
  return `${a} vs ${b}: higher QoE on ${c.wins} of ${c.delta.n} traces, lower on ${c.losses}; mean difference ${formatInterval(c.delta, 2)} (95 % interval): ${verdict}.`;
}

/** The lab link that replays one trace of the comparison: entrant against baseline, same params and seed. */
export function raceLink(result: TournamentResult, d: Pick<TraceDifference, 'trace'>, entrant: string, baseline: string): { params: AbrParams; href: string } {
  const params = raceParams(result.params, d.trace, entrant, baseline);
  return { params, href: `/labs/${abrLab.id}?${shareQuery(abrLab, { params, seed: result.seed })}` };
}
