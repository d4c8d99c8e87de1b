'use client';
import { startTransition, useEffect, useMemo, useState } from 'react';
import { Runner } from '@/simulations/core/runner';
import type { AnyLab, RunView } from '@/simulations/core/lab';
import type { RunReply } from './run-host/protocol';
import { RemoteRun } from './run-host/remoteRun';

/** One finished companion run (`lab.companions`): a RunView at its end. */
export interface CompanionRun {
  key: string;
  label: string;
  run: RunView;
}

/** The companions of one live run: those finished so far (in the lab's order) out of `total`. */
export interface Companions {
  runs: readonly CompanionRun[];
  total: number;
  /** the first error a companion run threw, if any (shown by the view; the rest still run) */
  error: string | null;
  /**
   * When a companion has the live run's own params (ABR's finished race), it IS the live run played
   * to its end: the time it ended, so the time slider can end there instead of at the horizon.
   */
  liveEndMs: number | null;
  /**
   * A companion has the live run's own params and has not arrived yet (nor failed): the shell holds
   * a fresh run's first picture until it is there, so the view is laid out once, with it.
   */
  livePending?: boolean;
}

const NONE: Companions = Object.freeze({ runs: [], total: 0, error: null, liveEndMs: null });
const NONE_YET: Companions = Object.freeze({ ...NONE, livePending: true });

/** The key of the companion that has the live run's own params (it IS the live run, played to its end). */
export function liveCompanionKey(lab: AnyLab, params: Record<string, unknown>): string | undefined {
  const same = JSON.stringify(params);
  return lab.companions?.(params).find((s) => JSON.stringify(s.params) === same)?.key;
}

let nextRequest = 1;

/**
 * Runs `lab.companions(params)` to the end for these params and seed, and restarts when they
 * change. In a worker of their own when there is one (they never wait behind the live run, nor
 * block the page); else one run per macrotask on this thread. Views read the result from
 * `LabViewProps.companions`; they never build runners themselves.
 */
export function useCompanions(lab: AnyLab, params: Record<string, unknown>, seed: number, worker: Worker | null): Companions {
  const [state, setState] = useState<{ params: unknown; seed: number; value: Companions }>(() => ({ params, seed, value: liveCompanionKey(lab, params) ? NONE_YET : NONE }));
  useEffect(() => {
    const specs = lab.companions?.(params) ?? [];
    if (specs.length === 0) return;
    const runs: CompanionRun[] = [];
    let error: string | null = null;
    const liveKey = liveCompanionKey(lab, params);
    const publish = () => {
      const live = runs.find((r) => r.key === liveKey)?.run;
      const value = { runs: [...runs], total: specs.length, error, liveEndMs: live ? live.now : null, livePending: liveKey !== undefined && !live && error === null };
      // a transition: the (large) render of the finished runs is time-sliced, never one long task
      startTransition(() => setState({ params, seed, value }));
    };
    publish();
    if (worker) {
      const runId = nextRequest++;
      const onReply = (e: MessageEvent<RunReply>) => {
        const r = e.data;
        if (r.runId !== runId) return;
        if (r.type === 'companion') {
          const run = new RemoteRun(lab, r.params, seed);
          run.apply({ now: r.now, done: true, finished: r.now < r.horizonMs, frame: r.frame, result: { value: r.result }, delta: r.delta });
          runs.push({ key: r.key, label: r.label, run });
        } else if (r.type === 'companion-error') error ??= `${r.label}: ${r.message}`;
        else return;
        publish();
      };
      worker.addEventListener('message', onReply);
      worker.postMessage({ type: 'companions', runId, labId: lab.id, params, seed });
      return () => worker.removeEventListener('message', onReply);
    }
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const next = (i: number) => {
      timer = setTimeout(() => {
        if (cancelled) return;
        const spec = specs[i];
        try {
          const runner = new Runner(lab, spec.params, seed);
          runner.runToEnd();
          runs.push({ key: spec.key, label: spec.label, run: runner });
        } catch (e) {
          error ??= `${spec.label}: ${e instanceof Error ? e.message : String(e)}`;
        }
        publish();
        if (i + 1 < specs.length) next(i + 1);
      }, 0);
    };
    next(0);
    return () => {
      cancelled = true;
      if (timer !== null) clearTimeout(timer);
    };
  }, [lab, params, seed, worker]);
  const liveExpected = useMemo(() => liveCompanionKey(lab, params) !== undefined, [lab, params]);
  if (state.params === params && state.seed === seed) return state.value;
  return liveExpected ? NONE_YET : NONE;
}
