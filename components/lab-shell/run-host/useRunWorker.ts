'use client';
import { useEffect, useState } from 'react';

/**
 * A Web Worker running `run.worker.ts` for as long as the component is mounted; null where there is
 * none (server render, tests in Node, a browser without module workers) or it failed to start,
 * and the shell then runs labs on the main thread.
 *
 * LOUD: React's StrictMode (development) unmounts and remounts every effect once; the worker is
 * terminated a task later and only if no mount took it back, so the remount keeps it.
 */
export function useRunWorker(enabled = true): Worker | null {
  const [worker] = useState(() => (enabled ? createRunWorker() : null));
  // a worker whose script cannot load (blocked, failed chunk) reports an error: run on this thread
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!worker) return;
    const onError = (e: Event) => {
      e.preventDefault();
      setFailed(true);
    };
    worker.addEventListener('error', onError);
    return () => worker.removeEventListener('error', onError);
  }, [worker]);
  useEffect(() => {
    if (!worker) return;
    const holder = holders.get(worker) ?? { count: 0 };
    holders.set(worker, holder);
    holder.count++;
    return () => {
      holder.count--;
      setTimeout(() => {
        if (holder.count === 0) worker.terminate();
      }, 0);
    };
  }, [worker]);
  return failed ? null : worker;
}

const holders = new WeakMap<Worker, { count: number }>();

/** A module worker running run.worker.ts; `name` labels it in devtools. */
export function createRunWorker(name = 'lab-run'): Worker | null {
  if (typeof window === 'undefined' || typeof Worker === 'undefined') return null;
  try {
    return new Worker(new URL('./run.worker.ts', import.meta.url), { type: 'module', name });
  } catch {
    return null;
  }
}
