'use client';
import { useEffect, useState } from 'react';
import { Runner } from '@/simulations/core/runner';
import type { AnyLab, RunView } from '@/simulations/core/lab';

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
}

const NONE: Companions = Object.freeze({ runs: [], total: 0, error: null });

/**
 * Runs `lab.companions(params)` to the end for the live runner, one run per macrotask so that the
 * page paints between them, and restarts when the runner changes (new params or seed). Views read
 * the result from `LabViewProps.companions`; they never build runners themselves.
 */
export function useCompanions(lab: AnyLab, live: RunView): Companions {
  const [state, setState] = useState<{ live: RunView; value: Companions }>({ live, value: NONE });
  useEffect(() => {
    const specs = lab.companions?.(live.params) ?? [];
    if (specs.length === 0) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const runs: CompanionRun[] = [];
    let error: string | null = null;
    const next = (i: number) => {
      timer = setTimeout(() => {
        if (cancelled) return;
        const spec = specs[i];
        try {
          const runner = new Runner(lab, spec.params, live.seed);
          runner.runToEnd();
          runs.push({ key: spec.key, label: spec.label, run: runner });
        } catch (e) {
          error ??= `${spec.label}: ${e instanceof Error ? e.message : String(e)}`;
        }
        setState({ live, value: { runs: [...runs], total: specs.length, error } });
        if (i + 1 < specs.length) next(i + 1);
      }, 0);
    };
    setState({ live, value: { runs: [], total: specs.length, error: null } });
    next(0);
    return () => {
      cancelled = true;
      if (timer !== null) clearTimeout(timer);
    };
  }, [lab, live]);
  return state.live === live ? state.value : NONE;
}
