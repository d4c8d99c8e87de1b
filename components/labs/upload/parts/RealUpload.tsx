'use client';
/**
 * Real mode: upload a file from disk to this lab's own server (/api/uploads, the same tus core the
 * simulation runs, with the file store) using the client machine from simulations/upload/client
 * with real timers and fetch. Same-origin only: the HttpOnly session cookie identifies the user.
 */
import { useCallback, useEffect, useRef, useState, type ChangeEvent } from 'react';
import { createActor, type Actor } from 'xstate';
import { createUploadMachine, type UploadMachine } from '@/simulations/upload/machines/uploadMachine';
import { createFetchTransport } from '@/components/labs/upload/parts/fetchTransport';
import { uploadUrlKey } from '@/simulations/upload/client/transport';
import type { BackoffPolicy } from '@/simulations/upload/client/backoff';
import { browserUrlStorage, cellCount, chunkMap, CuttableTransport, fileSourceOf, formatRate, resumedFrom, type RequestLogEntry } from './realMode';
import { formatBytes } from '../viewModel';
import styles from '../UploadView.module.css';

const ENDPOINT = '/api/uploads';
const KiB = 1024;
const MiB = 1024 * KiB;
const CHUNK_CHOICES = [256 * KiB, MiB, 4 * MiB];
/** bytes per second; null = as fast as the loopback goes */
const UPLINK_CHOICES: (number | null)[] = [null, 2_000_000, 1_000_000, 250_000, 125_000];
const BACKOFF: BackoffPolicy = { baseMs: 500, maxMs: 8_000, maxAttempts: 40 };

const realClock = {
  setTimeout: (fn: () => void, ms: number) => window.setTimeout(fn, ms),
  clearTimeout: (h: unknown) => window.clearTimeout(h as number),
};

type Session = { userId: string } | { error: string } | null;

interface Job {
  actor: Actor<UploadMachine>;
  transport: CuttableTransport;
  file: File;
  chunkBytes: number;
}

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

export function RealUpload() {
  const [session, setSession] = useState<Session>(null);
  const [file, setFile] = useState<File | null>(null);
  const [chunkBytes, setChunkBytes] = useState(MiB);
  const [uplink, setUplink] = useState<number | null>(1_000_000);
  const [, setTick] = useState(0);
  const job = useRef<Job | null>(null);
  const frame = useRef<number | null>(null);

  const rerender = useCallback(() => {
    if (frame.current !== null) return;
    frame.current = window.requestAnimationFrame(() => {
      frame.current = null;
      setTick((n) => n + 1);
    });
  }, []);

  useEffect(() => {
    let cancelled = false;
    fetch(ENDPOINT, { credentials: 'same-origin', cache: 'no-store' })
      .then(async (res) => {
        const body = (await res.json()) as { userId?: unknown };
        if (cancelled) return;
        setSession(typeof body.userId === 'string' ? { userId: body.userId } : { error: `HTTP ${res.status}: no session` });
      })
      .catch((e: unknown) => !cancelled && setSession({ error: `the upload server does not answer (${String(e)})` }));
    return () => {
      cancelled = true;
      job.current?.actor.stop();
      job.current = null;
      if (frame.current !== null) window.cancelAnimationFrame(frame.current);
    };
  }, []);

  const stopJob = () => {
    job.current?.actor.stop();
    job.current = null;
  };

  const onPick = (e: ChangeEvent<HTMLInputElement>) => {
    stopJob();
    setFile(e.target.files?.[0] ?? null);
  };

  const start = () => {
    if (!file || !session || !('userId' in session)) return;
    stopJob();
    const transport = new CuttableTransport(createFetchTransport(), rerender);
    transport.throttleBytesPerSecond = uplink;
    const machine = createUploadMachine({
      transport,
      clock: realClock,
      random: Math.random,
      storage: browserUrlStorage(typeof localStorage === 'undefined' ? null : localStorage),
    });
    const actor = createActor(machine, {
      input: { file: fileSourceOf(file), userId: session.userId, endpoint: ENDPOINT, chunkBytes, filename: file.name, backoff: BACKOFF },
    });
    actor.subscribe({ next: rerender, error: rerender, complete: rerender });
    job.current = { actor, transport, file, chunkBytes };
    actor.start();
    rerender();
  };

  const current = job.current;
  const snap = current?.actor.getSnapshot();
  const state = snap ? String(snap.value) : 'idle';
  const ctx = snap?.context;
  const size = current?.file.size ?? file?.size ?? 0;
  const offset = ctx?.offset ?? 0;
  const finished = state === 'complete' || state === 'failed' || state === 'expired';
  const running = current !== null && !finished;
  const connected = current?.transport.connected ?? true;
  const inFlight = state === 'uploading' && current ? { from: offset, to: Math.min(size, offset + current.chunkBytes) } : null;
  const cells = current ? chunkMap(size, offset, inFlight, cellCount(size, current.chunkBytes)) : [];
  const log = current?.transport.log ?? [];
  const resumed = resumedFrom(log);
  const userId = session && 'userId' in session ? session.userId : null;
  const savedKey = ctx?.videoId && userId ? uploadUrlKey(ctx.videoId, userId) : null;

  const cut = () => {
    current?.transport.cut();
  };
  const reconnect = () => {
    if (!current) return;
    current.transport.reconnect();
    // like a page reacting to the browser's "online" event: retry now instead of after the backoff
    if (String(current.actor.getSnapshot().value) === 'offline') {
      current.actor.send({ type: 'PAUSE' });
      current.actor.send({ type: 'RESUME' });
    }
  };

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
          <input type="file" onChange={onPick} data-testid="real-file" />
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
          <select
            value={uplink ?? ''}
            onChange={(e) => {
              const v = e.target.value === '' ? null : Number(e.target.value);
              setUplink(v);
              if (current) current.transport.throttleBytesPerSecond = v;
            }}
            data-testid="real-uplink"
          >
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
          {current && finished ? 'Upload again' : 'Start upload'}
        </button>
        <button type="button" onClick={() => current?.actor.send({ type: state === 'paused' ? 'RESUME' : 'PAUSE' })} disabled={!running || state === 'hashing' || state === 'verifying'} data-testid="real-pause">
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

      {current && ctx && (
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
              offset {offset.toLocaleString('en')} of {size.toLocaleString('en')} bytes ({size ? Math.floor((offset / size) * 100) : 0}%)
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
              Resumed: the server said its offset is <strong>{resumed.toLocaleString('en')}</strong> bytes, so the upload continued from there{resumed === 0 ? '' : ', not from 0'}.
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
      )}
    </section>
  );
}

function RequestLog({ log }: { log: readonly RequestLogEntry[] }) {
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
                {e.bodyBytes ? ` (${formatBytes(e.bodyBytes)} from ${e.offset?.toLocaleString('en')})` : ''}
              </td>
              <td className={e.error ? styles.errorText : undefined}>{e.error ?? (e.done ? e.status : 'in flight…')}</td>
              <td>{e.responseOffset?.toLocaleString('en') ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
