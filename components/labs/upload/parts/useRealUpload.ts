'use client';
/**
 * Real mode's state: the session with this lab's server, the picked file and settings, and the one
 * upload job (the client machine from simulations/upload/machines with real timers, fetch, and
 * localStorage), re-rendered at most once per animation frame while it runs.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { createActor, type Actor } from 'xstate';
import { uploadMachine, uploadUrlKey, type BackoffPolicy, type UploadContext, type UploadMachine } from '@/simulations/upload';
import { createFetchTransport } from './fetchTransport';
import { browserUrlStorage, cellCount, chunkMap, CuttableTransport, fileSourceOf, resumedFrom, type CellState, type RequestLogEntry } from './realMode';

export const ENDPOINT = '/api/uploads';
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

/** What the panel draws of the current job (all zero/empty before the first upload). */
export interface RealUploadView {
  /** a job exists (started once on this page) */
  started: boolean;
  state: string;
  ctx: UploadContext | undefined;
  size: number;
  offset: number;
  finished: boolean;
  running: boolean;
  connected: boolean;
  cells: CellState[];
  log: readonly RequestLogEntry[];
  resumed: number | null;
  savedKey: string | null;
}

export function useRealUpload(initialChunkBytes: number, initialUplink: number | null) {
  const [session, setSession] = useState<Session>(null);
  const [file, setFile] = useState<File | null>(null);
  const [chunkBytes, setChunkBytes] = useState(initialChunkBytes);
  const [uplink, setUplinkState] = useState<number | null>(initialUplink);
  const [, setTick] = useState(0);
  const [current, setJob] = useState<Job | null>(null);
  // the same job, for the unmount cleanup (render reads `current`)
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
    setJob(null);
  };

  const pick = (picked: File | null) => {
    stopJob();
    setFile(picked);
  };

  const userId = session && 'userId' in session ? session.userId : null;

  const start = () => {
    if (!file || userId === null) return;
    stopJob();
    const transport = new CuttableTransport(createFetchTransport(), rerender);
    transport.throttleBytesPerSecond = uplink;
    const ports = {
      transport,
      clock: realClock,
      random: Math.random,
      storage: browserUrlStorage(typeof localStorage === 'undefined' ? null : localStorage),
    };
    const actor = createActor(uploadMachine, {
      input: { file: fileSourceOf(file), userId, endpoint: ENDPOINT, chunkBytes, filename: file.name, backoff: BACKOFF, ports },
    });
    actor.subscribe({ next: rerender, error: rerender, complete: rerender });
    job.current = { actor, transport, file, chunkBytes };
    setJob(job.current);
    actor.start();
    rerender();
  };

  const setUplink = (v: number | null) => {
    setUplinkState(v);
    if (job.current) job.current.transport.throttleBytesPerSecond = v;
  };

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

  const snap = current?.actor.getSnapshot();
  const state = snap ? String(snap.value) : 'idle';
  const togglePause = () => current?.actor.send({ type: state === 'paused' ? 'RESUME' : 'PAUSE' });
  const ctx = snap?.context;
  const size = current?.file.size ?? file?.size ?? 0;
  const offset = ctx?.offset ?? 0;
  const finished = state === 'complete' || state === 'failed' || state === 'expired';
  const inFlight = state === 'uploading' && current ? { from: offset, to: Math.min(size, offset + current.chunkBytes) } : null;
  const log = current?.transport.log ?? [];
  const view: RealUploadView = {
    started: current !== null,
    state,
    ctx,
    size,
    offset,
    finished,
    running: current !== null && !finished,
    connected: current?.transport.connected ?? true,
    cells: current ? chunkMap(size, offset, inFlight, cellCount(size, current.chunkBytes)) : [],
    log,
    resumed: resumedFrom(log),
    savedKey: ctx?.videoId && userId ? uploadUrlKey(ctx.videoId, userId) : null,
  };

  return { session, userId, file, chunkBytes, setChunkBytes, uplink, setUplink, pick, start, togglePause, cut, reconnect, view };
}
