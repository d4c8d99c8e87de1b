/**
 * What the queue view shows, from the run's result and frame: the measured-vs-theory rows of the
 * key-numbers panel, their formatting, the sentences under them and the picture's label. Pure.
 */
import { formatNumber } from '@/components/charts/format';
import type { QueueFrame, QueueResult } from '@/simulations/queue';
import { groupedNumber } from '@/simulations/core/numberText';

export interface NumberRow {
  label: string;
  unit: string;
  measured: number | null;
  theory: number | null;
  /** 'percent' values are fractions shown ×100 */
  format: 'number' | 'percent';
}

export function numberRows(r: QueueResult): NumberRow[] {
  const t = r.theory;
  const rows: NumberRow[] = [
    { label: 'Utilisation ρ', unit: '', measured: r.utilisation, theory: t.utilisation, format: 'percent' },
    { label: 'Mean time in system W', unit: 's', measured: r.meanTimeInSystem, theory: t.W, format: 'number' },
    { label: 'Mean wait in queue Wq', unit: 's', measured: r.meanWait, theory: t.Wq, format: 'number' },
    { label: 'Wait p50', unit: 's', measured: r.waitP50, theory: t.waitP50, format: 'number' },
    { label: 'Wait p95', unit: 's', measured: r.waitP95, theory: t.waitP95, format: 'number' },
    { label: 'Wait p99', unit: 's', measured: r.waitP99, theory: t.waitP99, format: 'number' },
    { label: 'Mean in system L', unit: '', measured: r.meanInSystem, theory: t.L, format: 'number' },
    { label: 'Mean waiting Lq', unit: '', measured: r.meanQueueLength, theory: t.Lq, format: 'number' },
    { label: 'Throughput', unit: '/s', measured: r.throughput, theory: t.throughput, format: 'number' },
  ];
  if (r.drops > 0 || t.dropProbability > 0) {
    rows.push({ label: 'Dropped', unit: '', measured: r.dropRate, theory: t.dropProbability, format: 'percent' });
  }
  return rows;
}

/** Relative difference of measured from theory, or null when either is missing or theory is 0. */
export function relativeDifference(row: NumberRow): number | null {
  if (row.measured === null || row.theory === null || !Number.isFinite(row.measured) || !Number.isFinite(row.theory)) return null;
  if (row.theory === 0) return row.measured === 0 ? 0 : null;
  return (row.measured - row.theory) / Math.abs(row.theory);
}

/** A measured or theory value within this relative difference of the other is highlighted. */
const CLOSE = 0.05;

export function isClose(diff: number | null): boolean {
  return diff !== null && Math.abs(diff) <= CLOSE;
}

export function formatCell(row: NumberRow, v: number | null): string {
  if (v === null || !Number.isFinite(v)) return '—';
  if (row.format === 'percent') return `${formatNumber(v * 100)}%`;
  return `${formatNumber(v)}${row.unit ? ` ${row.unit}` : ''}`;
}

export function formatDifference(diff: number | null): string {
  return diff === null ? '—' : `${diff >= 0 ? '+' : '−'}${formatNumber(Math.abs(diff) * 100)}%`;
}

export function numbersCaption(r: QueueResult): string {
  return `Measured vs theory (${r.theory.model}, ρ = ${formatNumber(r.theory.rho)})`;
}

/** The sentence under the numbers: how much was measured, or why theory has nothing to compare. */
export function runNote(r: QueueResult): string {
  return r.theory.stable
    ? `Served ${groupedNumber(r.served)} customers in ${formatNumber(r.simulatedS)} s` +
        (r.warmupS > 0 ? ` (statistics skip the first ${formatNumber(r.warmupS)} s).` : '.') +
        ' Short runs wander from theory; long ones converge.'
    : 'Arrivals outpace the servers and the queue is unbounded: there is no steady state, so the theory has no means to compare with.';
}

/** Little’s law on this run, when both sides are known. */
export function littlesLawNote(r: QueueResult): string | null {
  const { L, lambdaW } = r.littlesLaw;
  return L !== null && lambdaW !== null ? ` Little’s law on this run: L = ${formatNumber(L)}, λW = ${formatNumber(lambdaW)}.` : null;
}

/** The picture's caption and accessible label. */
export function pictureLabel(f: QueueFrame, capacity: number): string {
  return (
    `${f.busy} of ${f.servers} server${f.servers === 1 ? '' : 's'} busy, ${f.waiting} waiting` +
    (capacity > 0 ? ` (room for ${capacity})` : '') +
    `, ${f.drops} dropped so far`
  );
}

/** A theory value for a chart guide label, to 3 significant figures. */
export function formatShort(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return '—';
  return String(Number(v.toPrecision(3)));
}

export const percent = (v: number) => `${Math.round(v * 100)}%`;
