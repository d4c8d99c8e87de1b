'use client';
import type { UploadContext } from '@/simulations/upload';
import { RequestLog } from './RequestLog';
import type { RealUploadView } from './useRealUpload';
import { formatBytes } from '../viewModel';
import styles from '../UploadView.module.css';
import { groupedNumber } from '@/simulations/core/numberText';

const STATE_TEXT: Record<string, string> = {
  hashing: 'hashing the file (SHA-256 = video id)',
  restoring: 'looking for a saved upload URL',
  lookingUp: 'asking the server for an upload of this video (videoId, you)',
  creating: 'creating the upload (POST)',
  resuming: 'asking the server for its offset (HEAD)',
  uploading: 'uploading (PATCH)',
  offline: 'offline: waiting to retry',
  retrying: 'retrying',
  paused: 'paused',
  verifying: 'verifying the server’s SHA-256',
  complete: 'complete',
  failed: 'failed',
  expired: 'expired on the server: start over',
};

/** A real upload in progress: state, hashing and committed bytes, the chunk map, resume and verification notes, the request log. */
export function RealStatus({ view, ctx }: { view: RealUploadView; ctx: UploadContext }) {
  const { state, size, offset, connected, cells, resumed, savedKey, log } = view;
  return (
    <div className={styles.realStatus} aria-live="polite">
      <p data-testid="real-state">
        <strong>{STATE_TEXT[state] ?? state}</strong>
        {state === 'offline' && ` (attempt ${ctx.attempt}, next try in about ${(ctx.retryDelayMs / 1000).toFixed(1)} s${connected ? '' : '; the connection is cut'})`}
        {state === 'failed' && ctx.error && `: ${ctx.error}`}
      </p>
      {state === 'hashing' && (
        <label className={styles.progressRow}>
          <span>Hashed</span>
          <progress max={size || 1} value={ctx.hashedBytes} data-testid="real-hash-progress" />
          <span>
            {formatBytes(ctx.hashedBytes)} / {formatBytes(size)}
          </span>
        </label>
      )}
      <label className={styles.progressRow}>
        <span>Committed</span>
        <progress max={size || 1} value={offset} data-testid="real-progress" />
        <span data-testid="real-offset">
          offset {groupedNumber(offset)} of {groupedNumber(size)} bytes ({size ? Math.floor((offset / size) * 100) : 0}%)
        </span>
      </label>
      <div className={styles.chunkMap} role="img" aria-label={`Chunk map: ${cells.filter((c) => c === 'committed').length} of ${cells.length} cells committed`} data-testid="real-chunk-map">
        {cells.map((c, i) => (
          <span key={i} className={`${styles.cell} ${styles[c]}`} title={c} />
        ))}
      </div>
      <p className={styles.legendRow} aria-hidden="true">
        <span><span className={`${styles.cellKey} ${styles.committed}`} />committed on the server</span>
        <span><span className={`${styles.cellKey} ${styles.partial}`} />partly committed (a cut kept what arrived)</span>
        <span><span className={`${styles.cellKey} ${styles.sending}`} />PATCH in flight</span>
      </p>
      {resumed !== null && (
        <p data-testid="real-resumed-from" data-offset={resumed}>
          Resumed: the server said its offset is <strong>{groupedNumber(resumed)}</strong> bytes, so the upload continued from there{resumed === 0 ? '' : ', not from 0'}.
        </p>
      )}
      {ctx.videoId && (
        <p className={styles.note}>
          Video id (SHA-256 of the file): <code className={styles.hash}>{ctx.videoId}</code>
          {savedKey && ctx.uploadUrl && state !== 'complete' && (
            <>
              {' '}
              · upload URL saved in localStorage under <code>{savedKey.slice(0, 28)}…</code>: reload the page, pick the same file and it resumes.
            </>
          )}
        </p>
      )}
      {state === 'complete' && (
        <p className={styles.verified} data-testid="real-verified">
          ✓ SHA-256 verified: the server’s copy hashes to <code className={styles.hash}>{ctx.serverSha256}</code>, the same as your file.
        </p>
      )}
      <RequestLog log={log} />
    </div>
  );
}
