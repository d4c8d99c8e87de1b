'use client';
/**
 * Real mode: upload a file from disk to this lab's own server (/api/uploads, the same tus core the
 * simulation runs, with the file store; see servers/uploads/) using the client machine from
 * simulations/upload/machines with real timers and fetch. Same-origin only: the HttpOnly session
 * cookie identifies the user. State lives in `useRealUpload`; this is the panel's layout.
 */
import { formatRate } from './realMode';
import { RealStatus } from './RealStatus';
import { ENDPOINT, useRealUpload } from './useRealUpload';
import { formatBytes } from '../viewModel';
import styles from '../UploadView.module.css';

const KiB = 1024;
const MiB = 1024 * KiB;
const CHUNK_CHOICES = [256 * KiB, MiB, 4 * MiB];
/** bytes per second; null = as fast as the loopback goes */
const UPLINK_CHOICES: (number | null)[] = [null, 2_000_000, 1_000_000, 250_000, 125_000];

export function RealUpload() {
  const { session, userId, file, chunkBytes, setChunkBytes, uplink, setUplink, pick, start, togglePause, cut, reconnect, view } = useRealUpload(MiB, 1_000_000);
  const { state, offset, size, started, finished, running, connected, ctx } = view;

  return (
    <section className={styles.real} data-testid="real-upload" data-state={state} data-offset={offset} data-size={size} data-hydrated={session !== null ? 'true' : undefined}>
      <p className={styles.note}>
        Uploads go to this lab’s own server at <code>{ENDPOINT}</code> (tus 1.0.0, stored in its data folder), never elsewhere. Your browser gets an anonymous session
        cookie{userId ? <> (user <code>{userId.slice(0, 8)}…</code>)</> : null}; only that session can see or resume the upload.
      </p>
      {session && 'error' in session && (
        <p className={styles.error} role="alert">
          {session.error}
        </p>
      )}
      <div className={styles.realControls}>
        <label className={styles.field}>
          <span>Video file</span>
          <input type="file" onChange={(e) => pick(e.target.files?.[0] ?? null)} data-testid="real-file" />
        </label>
        <label className={styles.field}>
          <span>Chunk size</span>
          <select value={chunkBytes} onChange={(e) => setChunkBytes(Number(e.target.value))} disabled={running} data-testid="real-chunk">
            {CHUNK_CHOICES.map((c) => (
              <option key={c} value={c}>
                {formatBytes(c)}
              </option>
            ))}
          </select>
        </label>
        <label className={styles.field}>
          <span>Uplink (server reads at most)</span>
          <select value={uplink ?? ''} onChange={(e) => setUplink(e.target.value === '' ? null : Number(e.target.value))} data-testid="real-uplink">
            {UPLINK_CHOICES.map((c) => (
              <option key={c ?? 'none'} value={c ?? ''}>
                {c === null ? 'unlimited (loopback)' : formatRate(c)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className={styles.realButtons}>
        <button type="button" className={styles.primary} onClick={start} disabled={!file || !userId || running} data-testid="real-start">
          {started && finished ? 'Upload again' : 'Start upload'}
        </button>
        <button type="button" onClick={togglePause} disabled={!running || state === 'hashing' || state === 'verifying'} data-testid="real-pause">
          {state === 'paused' ? 'Resume' : 'Pause'}
        </button>
        {connected ? (
          <button type="button" className={styles.danger} onClick={cut} disabled={!running} data-testid="real-cut">
            Cut the connection
          </button>
        ) : (
          <button type="button" onClick={reconnect} data-testid="real-reconnect">
            Reconnect
          </button>
        )}
      </div>
      {started && ctx && <RealStatus view={view} ctx={ctx} />}
    </section>
  );
}
