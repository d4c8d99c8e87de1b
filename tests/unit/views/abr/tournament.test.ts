/** The tournament panel's selectors (components/labs/abr/parts/tournament/board.ts). */
import { describe, expect, it } from 'vitest';
import { defaults } from '@/simulations/core/params';
import { runFromQuery } from '@/components/lab-shell/link';
import { abrLab, builtInEntrants, runTournament, tournamentSetup, tournamentTraces, type AbrParams } from '@/simulations/abr';
import { boardOf, comparisonOf, comparisonSummary, entrantLabel, formatInterval, groupLabel, raceLink } from '@/components/labs/abr/parts/tournament/board';
import type { TournamentResult } from '@/components/labs/abr/parts/tournament/useTournament';

const params = { ...(defaults(abrLab.schema) as AbrParams), 'bba.reservoirS': 7 };

function result(): TournamentResult {
  const entrants = builtInEntrants(params);
  const scores = runTournament(tournamentSetup(params, 9), entrants, tournamentTraces('mahimahi-cellular'));
  return { entrants: entrants.map((e) => ({ id: e.id, label: e.label })), scores, sets: ['mahimahi-cellular'], traces: 7, params, seed: 9, wallMs: 1, simulateMs: 1, loadMs: 0 };
}

describe('tournament board', () => {
  const r = result();

  it('labels entrants and groups the way the lab does', () => {
    expect(entrantLabel(r, 'robustmpc')).toBe('robustMPC');
    expect(entrantLabel({ entrants: [{ id: 'learner', label: 'My ABR' }] }, 'learner')).toBe('My ABR');
    expect(boardOf(r).map(groupLabel)).toEqual(['All networks (7 traces)', '3G / HSDPA / UMTS (2 traces)', '4G / LTE (5 traces)']);
  });

  it('formats a mean with its interval, a single trace without one', () => {
    expect(formatInterval({ n: 3, mean: 41.234, sd: 1, halfWidth: 3.41, low: 0, high: 0 })).toBe('41.2 ± 3.4');
    expect(formatInterval({ n: 1, mean: 5, sd: 0, halfWidth: Infinity, low: -Infinity, high: Infinity })).toBe('5.0');
    expect(formatInterval({ n: 0, mean: NaN, sd: NaN, halfWidth: NaN, low: NaN, high: NaN })).toBe('—');
  });

  it('summarises a comparison and links each listed trace to its race, params and seed intact', () => {
    const c = comparisonOf(r, 'robustmpc', 'bba');
    expect(comparisonSummary(r, c)).toMatch(/^robustMPC vs BBA: higher QoE on \d of 7 traces, lower on \d; mean difference -?\d+\.\d\d ± \d+\.\d\d \(95 % interval\): (robustMPC is better|BBA is better|no clear winner)\.$/);
    const d = c.bestTraces[0] ?? c.worstTraces[0];
    const link = raceLink(r, d, 'robustmpc', 'bba');
    expect(link.href.startsWith('/labs/abr?')).toBe(true);
    const decoded = runFromQuery(abrLab, link.href.slice(link.href.indexOf('?') + 1));
    expect(decoded.errors).toEqual([]);
    expect(decoded.seed).toBe(9);
    expect(decoded.params).toEqual(link.params);
    expect(decoded.params).toMatchObject({ 'trace.real': d.trace, algorithm: 'robustmpc', 'race.second': 'bba', 'bba.reservoirS': 7 });
  });
});
