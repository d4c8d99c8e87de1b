'use client';
import { useCallback, useRef, useSyncExternalStore } from 'react';
import type { RunView } from '@/simulations/core/lab';
import { browserFrameHost, storeFor } from './runnerStore';

/**
 * Read a slice of a runner and re-render only when that slice changes. Updates arrive at most once
 * per animation frame. The selector may be an inline function; `isEqual` decides "changed"
 * (default Object.is), e.g. pass a shallow compare for selectors that build objects.
 */
export function useRunner<T>(runner: RunView, selector: (runner: RunView) => T, isEqual: (a: T, b: T) => boolean = Object.is): T {
  const store = storeFor(runner, browserFrameHost());
  const selectorRef = useRef(selector);
  selectorRef.current = selector;
  const cache = useRef<{ runner: RunView; version: number; value: T } | null>(null);
  const getSnapshot = useCallback((): T => {
    const version = store.getVersion();
    const c = cache.current;
    if (c && c.runner === runner && c.version === version) return c.value;
    const value = selectorRef.current(runner);
    if (c && c.runner === runner && isEqual(c.value, value)) {
      c.version = version;
      return c.value;
    }
    cache.current = { runner, version, value };
    return value;
  }, [store, runner, isEqual]);
  return useSyncExternalStore(store.subscribe, getSnapshot, getSnapshot);
}

/** The runner's version as React knows it (frame-throttled): pass it to views as a render key. */
export function useRunnerVersion(runner: RunView): number {
  const store = storeFor(runner, browserFrameHost());
  return useSyncExternalStore(store.subscribe, store.getVersion, store.getVersion);
}
