'use client';
import { memo } from 'react';
import type { CostRow } from '@/simulations/conferencing';
import { costTable, TOPOLOGY_LABELS } from '../viewModel';
import labView from '../../lab-view.module.css';
import styles from '../ConferencingView.module.css';

/** Each topology's cost at the current call size; a cell over its limit is marked (in text, not only colour). */
export const CostTable = memo(function CostTable({ costs, participants }: { costs: CostRow[]; participants: number }) {
  const rows = costTable(costs);
  return (
    <div className={styles.tableWrap}>
      <table className={labView.numbers} data-testid="cost-table">
        <caption>Cost at {Math.max(2, participants)} participants</caption>
        <thead>
          <tr>
            <th scope="col">Per call</th>
            {costs.map((c) => (
              <th scope="col" key={c.topology}>
                {TOPOLOGY_LABELS[c.topology]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.label}>
              <th scope="row">{row.label}</th>
              {row.cells.map((cell, i) => (
                <td key={i} className={cell.over ? styles.over : undefined}>
                  {cell.text}
                  {cell.over ? ' ✕ over' : ''}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
});
