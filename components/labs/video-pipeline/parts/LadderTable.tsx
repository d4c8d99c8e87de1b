'use client';
import { memo } from 'react';
import type { RungRow } from '../viewModel';
import { fmtKbps, fmtS } from '../viewModel';
import labView from '../../lab-view.module.css';
import styles from '../VideoPipelineView.module.css';

/** The ladder, lowest rung first: resolution, bitrate, quality, encodes done, when it was published. */
export const LadderTable = memo(function LadderTable({ rows }: { rows: RungRow[] }) {
  return (
    <div className={styles.tableWrap} tabIndex={0} role="region" aria-label="The ladder">
      <table className={`${labView.numbers} ${styles.ladder}`} data-testid="vp-ladder">
        <caption>The ladder (lowest rung first)</caption>
        <thead>
          <tr>
            <th scope="col">Rung</th>
            <th scope="col">Encode</th>
            <th scope="col">Quality</th>
            <th scope="col">Chunks</th>
            <th scope="col">Published</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.rung} data-published={r.publishedS !== null}>
              <th scope="row">{r.rung + 1}</th>
              <td>
                {r.resolution} · {fmtKbps(r.kbps)}
              </td>
              <td>
                {r.quality.toFixed(1)}
                {r.dominated ? <span className={styles.dominated}> dominated</span> : null}
              </td>
              <td>
                {r.done}/{r.chunks}
              </td>
              <td>{fmtS(r.publishedS)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
});
