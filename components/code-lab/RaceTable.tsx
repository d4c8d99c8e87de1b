/**
 * A race of the learner's code against the built-ins as a table: one row per entrant (yours
 * first), the target's columns, and whether your code beats each rival by the target's rule.
 * Each row carries its values as data attributes (the browser tests compare them with Node's race).
 */
import type { ReactNode } from 'react';
import styles from './CodePanel.module.css';

export interface RaceTableRow {
  id: string;
  label: string;
  /** one cell per column; null: the entrant could not run here (`note` says why) */
  cells: readonly ReactNode[] | null;
  note?: string | null;
  /** values for data attributes, e.g. { p99: '812', log: <the run's event-log hash> } */
  data: Record<string, string>;
  /** does your code beat this rival (undefined for your own row, or a rival that did not run) */
  beaten?: boolean;
}

export function RaceTable({ caption, columns, rows }: { caption: string; columns: readonly string[]; rows: readonly RaceTableRow[] }) {
  return (
    <div className={styles.tableWrap}>
      <table className={styles.raceTable} data-testid="code-race">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Entrant</th>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
            <th scope="col">You beat it?</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={row.id} className={i === 0 ? styles.yours : undefined} data-testid="code-race-row" data-entrant={row.id} {...Object.fromEntries(Object.entries(row.data).map(([k, v]) => [`data-${k}`, v]))}>
              <th scope="row">{row.label}</th>
              {row.cells ? row.cells.map((cell, j) => <td key={j}>{cell}</td>) : <td colSpan={columns.length}>{row.note ?? 'did not run'}</td>}
              <td>{i === 0 ? '—' : row.beaten === undefined ? '—' : row.beaten ? 'yes' : 'no'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
