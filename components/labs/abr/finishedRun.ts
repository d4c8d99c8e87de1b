/**
 * The whole run, computed once per runner (~20 ms for a three-player race): the scoreboard shows
 * the final race result the moment a parameter changes, and before the live run has started the
 * charts show this run as a preview. Same lab, params and seed, so it is exactly where the live run
 * will end up (runs are deterministic). The live runner itself is never touched.
 */
import { Runner } from '@/simulations/core/runner';
import { checkValue, type ParamSchema } from '@/simulations/core/params';
import type { AbrModel } from '@/simulations/abr';
import type { JsonResult } from '@/simulations/abr/session/types';

export interface FinishedRun {
  runner: Runner;
  results: JsonResult[];
  /** Per player: when playback ended (null: still streaming at the horizon). */
  endedAtMs: (number | null)[];
}

export function finishRun(live: Runner): FinishedRun | { error: string } {
  try {
    const runner = new Runner(live.lab, live.params, live.seed);
    runner.runToEnd();
    const model = runner.model as AbrModel;
    return { runner, results: runner.result() as JsonResult[], endedAtMs: model.players.map((p) => p.endedAtMs) };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

/** The first problem with a set of param changes (checked as the param panel would), or null. */
export function invalidChange(schema: ParamSchema, changes: Record<string, unknown>): string | null {
  for (const [key, value] of Object.entries(changes)) {
    const spec = schema[key];
    if (!spec) return `unknown parameter ${key}`;
    const problem = checkValue(key, spec, value);
    if (problem) return problem;
  }
  return null;
}
