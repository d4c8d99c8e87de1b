'use client';
import { memo } from 'react';
import type { QueueResult } from '@/simulations/queue';
import { formatNumber } from '@/components/charts/format';
import { numberRows, relativeDifference, type NumberRow } from './numbers';
import styles from './QueueView.module.css';

const CLOSE = 0.05;

function show(row: NumberRow, v: number | null): string {
  if (v === null || !Number.isFinite(v)) return '—';
  if (row.format === 'percent') return `${formatNumber(v * 100)}%`;
  return `${formatNumber(v)}${row.unit ? ` ${row.unit}` : ''}`;
}

/** Key numbers of the run so far against the closed-form results for the same parameters (re-rendered only when the throttled result changes). */
export const QueueNumbers = memo(function QueueNumbers({ result }: { result: QueueResult }) {
  const rows = numberRows(result);
  const t = result.theory;
  return (
    <div data-testid="queue-numbers">
      <table className={styles.numbers}>
        <caption>{`Measured vs theory (${t.model}, ρ = ${formatNumber(t.rho)})`}</caption>
        <thead>
          <tr>
            <th scope="col">Quantity</th>
            <th scope="col">Measured</th>
            <th scope="col">Theory</th>
            <th scope="col">Δ</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const diff = relativeDifference(row);
            return (
              <tr key={row.label}>
                <th scope="row">{row.label}</th>
                <td>{show(row, row.measured)}</td>
                <td>{show(row, row.theory)}</td>
                <td className={diff !== null && Math.abs(diff) <= CLOSE ? styles.close : undefined}>
                  {diff === null ? '—' : `${diff >= 0 ? '+' : '−'}${formatNumber(Math.abs(diff) * 100)}%`}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className={styles.note}>
        {t.stable
          ? `Served ${result.served.toLocaleString('en-US')} customers in ${formatNumber(result.simulatedS)} s` +
            (result.warmupS > 0 ? ` (statistics skip the first ${formatNumber(result.warmupS)} s).` : '.') +
            ' Short runs wander from theory; long ones converge.'
          : 'Arrivals outpace the servers and the queue is unbounded: there is no steady state, so the theory has no means to compare with.'}
        {result.littlesLaw.L !== null && result.littlesLaw.lambdaW !== null && (
          <> Little’s law on this run: L = {formatNumber(result.littlesLaw.L)}, λW = {formatNumber(result.littlesLaw.lambdaW)}.</>
        )}
      </p>
    </div>
  );
});
