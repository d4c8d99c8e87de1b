'use client';
import { memo } from 'react';
import { formatBytes, type ScoreRow } from '../viewModel';
import styles from '../UploadView.module.css';

const HOW: Record<string, string> = {
  tus: 'POST, then PATCH chunks; HEAD for the offset after a cut',
  post: 'one request with the whole file; a cut starts over',
  gcs: 'PUT chunks with Content-Range; 308 Resume Incomplete + Range',
};

/** tus vs a single plain POST vs the YouTube/GCS protocol, on identical links with the same outages. */
export const Scoreboard = memo(function Scoreboard({ rows, fileBytes }: { rows: ScoreRow[]; fileBytes: number }) {
  return (
    <div className={styles.tableScroll} tabIndex={0} role="region" aria-label="Protocol scoreboard" data-testid="upload-scoreboard">
      <table className={styles.table}>
        <caption>Same file ({formatBytes(fileBytes)}), same link, same outages</caption>
        <thead>
          <tr>
            <th scope="col">Protocol</th>
            <th scope="col">Finished</th>
            <th scope="col">Requests</th>
            <th scope="col">On the wire</th>
            <th scope="col" title="bytes sent beyond the file size (known once finished)">Re-sent</th>
            <th scope="col">Lost at cuts</th>
            <th scope="col">Worst cut</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.lane} data-lane={r.lane}>
              <th scope="row">
                {r.label}
                <span className={styles.how}>{HOW[r.lane]}</span>
              </th>
              <td className={r.best ? styles.best : undefined}>
                {r.finishedS === null ? 'not yet' : `${r.finishedS.toFixed(1)} s`}
                {r.best && <span className={styles.visuallyHidden}> (fastest)</span>}
              </td>
              <td>{r.requests}</td>
              <td>{formatBytes(r.wireBytes)}</td>
              <td>{r.finishedS === null ? '—' : formatBytes(r.wastedBytes)}</td>
              <td>{r.disconnects ? formatBytes(r.lostBytes) : '—'}</td>
              <td>{r.disconnects ? formatBytes(r.maxLostBytes) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
});
