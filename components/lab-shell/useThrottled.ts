'use client';
import { useEffect, useReducer, useRef } from 'react';
import type { RunView } from '@/simulations/core/lab';

/**
 * `compute(runner)` memoised on the run, recomputed at most every `intervalMs` of wall time while
 * the run moves (for O(n) numbers such as percentiles), and once more shortly after it stops.
 * A change of `key` (compared with Object.is; e.g. a filter the computation reads) recomputes at once.
 */
export function useThrottled<R extends RunView, T>(runner: R, version: number, compute: (runner: R) => T, intervalMs = 250, key?: unknown): T {
  const [, refresh] = useReducer((n: number) => n + 1, 0);
  const cache = useRef<{ runner: R; version: number; key: unknown; value: T; at: number } | null>(null);
  const wall = typeof performance !== 'undefined' ? performance.now() : 0;
  let c = cache.current;
  // a finished run no longer moves: show its final numbers at once
  if (!c || c.runner !== runner || !Object.is(c.key, key) || (c.version !== version && (runner.done || wall - c.at >= intervalMs))) {
    c = { runner, version, key, value: compute(runner), at: wall };
    cache.current = c;
  }
  const stale = c.version !== version;
  useEffect(() => {
    if (!stale) return;
    const id = setTimeout(refresh, intervalMs);
    return () => clearTimeout(id);
  }, [stale, version, intervalMs]);
  return c.value;
}
