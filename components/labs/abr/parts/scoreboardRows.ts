/** The race scoreboard: one row per player, the best value of each column marked. Pure. */
import type { PlayerLine } from '../viewModel';
import { groupedNumber } from '@/simulations/core/numberText';

/** What the scoreboard needs of a player's result (a subset of the lab's JSON result). */
export interface ResultLike {
  qoe: number;
  qoeAll: number;
  meanBitrateKbps: number;
  rebufferS: number;
  switches: number;
  startupDelayS: number;
}

export type ScoreColumn = 'qoe' | 'meanBitrateKbps' | 'rebufferS' | 'switches' | 'startupDelayS';

/** Which way is better for each column. */
export const SCORE_COLUMNS: { key: ScoreColumn; better: 'higher' | 'lower' }[] = [
  { key: 'qoe', better: 'higher' },
  { key: 'meanBitrateKbps', better: 'higher' },
  { key: 'rebufferS', better: 'lower' },
  { key: 'switches', better: 'lower' },
  { key: 'startupDelayS', better: 'lower' },
];

export interface ScoreRow extends ResultLike {
  slot: PlayerLine['slot'];
  label: string;
  color: string;
  /** Cumulative QoE at the playhead (null before the first chunk completes). */
  qoeSoFar: number | null;
  /** Columns in which this row is the best of the race (ties are all best; none with one player). */
  best: ScoreColumn[];
}

/** Values this close are equal (the display rounds to one decimal anyway). */
const TIE = 1e-9;

export function scoreboardRows(lines: readonly PlayerLine[], results: readonly ResultLike[], qoeSoFar: readonly (number | null)[]): ScoreRow[] {
  const rows: ScoreRow[] = lines.map((l, i) => {
    const r = results[i];
    return {
      slot: l.slot,
      label: l.label,
      color: l.color,
      qoe: r?.qoe ?? NaN,
      qoeAll: r?.qoeAll ?? NaN,
      meanBitrateKbps: r?.meanBitrateKbps ?? NaN,
      rebufferS: r?.rebufferS ?? NaN,
      switches: r?.switches ?? NaN,
      startupDelayS: r?.startupDelayS ?? NaN,
      qoeSoFar: qoeSoFar[i] ?? null,
      best: [],
    };
  });
  if (rows.length < 2) return rows;
  for (const { key, better } of SCORE_COLUMNS) {
    const values = rows.map((r) => r[key]).filter(Number.isFinite);
    if (values.length === 0) continue;
    const target = better === 'higher' ? Math.max(...values) : Math.min(...values);
    for (const r of rows) if (Math.abs(r[key] - target) <= TIE) r.best.push(key);
  }
  return rows;
}

/** "robustMPC leads by 12.3 QoE" or "BBA and Rate-based tie" (null with fewer than two players). */
export function raceSummary(rows: readonly ScoreRow[]): string | null {
  const ranked = rows.filter((r) => Number.isFinite(r.qoe)).sort((a, b) => b.qoe - a.qoe);
  if (ranked.length < 2) return null;
  const [first, second] = ranked;
  const margin = first.qoe - second.qoe;
  if (margin < 0.05) return `${first.label} and ${second.label} tie on QoE`;
  return `${first.label} wins by ${margin.toFixed(1)} QoE over ${second.label}`;
}

export function formatQoe(v: number | null): string {
  return v === null || !Number.isFinite(v) ? '—' : v.toFixed(1);
}

export function formatKbps(v: number): string {
  return Number.isFinite(v) ? `${groupedNumber(Math.round(v))} kbps` : '—';
}

export function formatSeconds(v: number): string {
  if (!Number.isFinite(v)) return '—';
  return `${v < 10 ? v.toFixed(2) : v.toFixed(1)} s`;
}

export function formatCount(v: number): string {
  return Number.isFinite(v) ? String(v) : '—';
}
