/**
 * Measured vs theory rows for the queue's key-numbers panel. Pure, from the lab's result().
 */
import type { QueueResult } from '@/simulations/queue';

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
