'use client';
import { memo } from 'react';
import type { QueueResult } from '@/simulations/queue';
import { formatCell, formatDifference, isClose, littlesLawNote, numberRows, numbersCaption, relativeDifference, runNote } from '../viewModel';
import styles from '../QueueView.module.css';

/** Key numbers of the run so far against the closed-form results for the same parameters (re-rendered only when the throttled result changes). */
export const QueueNumbers = memo(function QueueNumbers({ result }: { result: QueueResult }) {
  const rows = numberRows(result);
  const littlesLaw = littlesLawNote(result);
  return (
    <div data-testid="queue-numbers">
      <table className={styles.numbers}>
        <caption>{numbersCaption(result)}</caption>
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
                <td>{formatCell(row, row.measured)}</td>
                <td>{formatCell(row, row.theory)}</td>
                <td className={isClose(diff) ? styles.close : undefined}>{formatDifference(diff)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className={styles.note}>
        {runNote(result)}
        {littlesLaw}
      </p>
    </div>
  );
});
