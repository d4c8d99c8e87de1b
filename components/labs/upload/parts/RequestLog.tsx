'use client';
import type { RequestLogEntry } from './realMode';
import { formatBytes } from '../viewModel';
import styles from '../UploadView.module.css';
import { groupedNumber } from '@/simulations/core/numberText';

/** The last requests of a real upload, newest first. */
export function RequestLog({ log }: { log: readonly RequestLogEntry[] }) {
  const last = log.slice(-10).reverse();
  if (!last.length) return null;
  return (
    <div className={styles.tableScroll} tabIndex={0} role="region" aria-label="Requests sent">
      <table className={styles.table} data-testid="real-requests">
        <caption>Last requests (newest first)</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Request</th>
            <th scope="col">Answer</th>
            <th scope="col">Upload-Offset</th>
          </tr>
        </thead>
        <tbody>
          {last.map((e) => (
            <tr key={e.n}>
              <td>{e.n}</td>
              <td>
                {e.method} {e.url.replace(/^\/api\/uploads\/?/, '…/').slice(0, 24)}
                {e.bodyBytes ? ` (${formatBytes(e.bodyBytes)} from ${e.offset == null ? '' : groupedNumber(e.offset)})` : ''}
              </td>
              <td className={e.error ? styles.errorText : undefined}>{e.error ?? (e.done ? e.status : 'in flight…')}</td>
              <td>{e.responseOffset == null ? '' : groupedNumber(e.responseOffset)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
