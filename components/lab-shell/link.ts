/**
 * Share links: the run (params + seed + time + preset) ⇄ a query string, through the core codec.
 */
import { decodeRun, defaults, encodeRun, type DecodedRun, type ParamError } from '@/simulations/core/params';
import { applyParamChecks, type AnyLab } from '@/simulations/core/lab';

export interface RunSpec {
  params: Record<string, unknown>;
  seed: number;
  timeMs?: number;
  preset?: string;
}

export const DEFAULT_SEED = 1;

/**
 * Query string that reproduces `run` exactly. encodeRun writes only the params that differ from what
 * decodeRun will start from (the named preset's params over the schema defaults), so links stay short.
 */
export function shareQuery(lab: AnyLab, run: RunSpec): string {
  return encodeRun(lab.schema, { params: run.params, seed: run.seed, timeMs: run.timeMs, preset: run.preset }, lab.presets);
}

/** Read a run from a query string. Never throws; errors name each bad parameter. */
export function runFromQuery(lab: AnyLab, query: string | URLSearchParams): DecodedRun<Record<string, unknown>> {
  const decoded = decodeRun(lab.schema, query, lab.presets, DEFAULT_SEED) as DecodedRun<Record<string, unknown>>;
  const preset = lab.presets.find((p) => p.id === decoded.preset);
  // an unknown preset name must not be carried on into new share links
  if (!preset) decoded.preset = undefined;
  // rules spanning several params: a link that breaks one falls back, like a bad single value
  const fallback = { ...(defaults(lab.schema) as Record<string, unknown>), ...((preset?.params ?? {}) as Record<string, unknown>) };
  const checked = applyParamChecks(lab, decoded.params, fallback);
  decoded.params = checked.params;
  decoded.errors.push(...checked.errors);
  return decoded;
}

/** The run a preset (or the defaults) describes. */
export function runForPreset(lab: AnyLab, presetId?: string): { run: RunSpec; errors: ParamError[] } {
  const q = presetId ? `preset=${encodeURIComponent(presetId)}` : '';
  const decoded = runFromQuery(lab, q);
  return { run: { params: decoded.params, seed: decoded.seed, preset: decoded.preset }, errors: decoded.errors };
}

/** "arrivalRate = 5 is invalid: …" — one line per wrong parameter, for the banner. */
export function describeErrors(errors: ParamError[]): string[] {
  return errors.map((e) => e.message);
}

/**
 * Links carry whole milliseconds, but a live run or a step stops at fractional times. Advance the
 * run to the next whole millisecond before encoding it, so that opening the link (scrubTo(t))
 * lands on exactly the same events. Returns that time.
 *
 * LOUD: call runTo(t) even when the run already sits on a whole ms. A step (or a live frame that
 * spent its event budget) can stop between events that share one time (XState timers often
 * coincide); opening the link runs every event at t, so the run on screen must too.
 */
export function settleOnWholeMs(runner: { now: number; runTo(t: number): unknown }): number {
  const t = Math.ceil(runner.now);
  runner.runTo(t);
  return t;
}
