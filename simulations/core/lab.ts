/**
 * The one contract every lab implements. The shell, the CLI, the URL codec, the content check,
 * the tests and the benchmarks only ever talk to a lab through this type.
 *
 * Times inside simulations are virtual MILLISECONDS (XState's clock unit). Schemas may expose
 * seconds to the user (unit: 's'); convert at the lab boundary.
 */
import type { Scheduler } from './scheduler';
import type { VirtualClock } from './clock';
import type { Rng } from './rng';
import type { Recorder, SimEvent } from './recorder';
import type { ParamError, ParamSchema, ParamsOf } from './params';

export interface SimContext<E extends SimEvent = SimEvent> {
  scheduler: Scheduler;
  /** XState-compatible clock on the scheduler: pass as `createActor(machine, { clock })`. */
  clock: VirtualClock;
  /** Seeded randomness. Take a named stream per consumer: `ctx.rng.stream('arrivals')`. */
  rng: Rng;
  recorder: Recorder<E>;
}

export interface Preset<P> {
  id: string;
  title: string;
  /** One or two sentences: what the learner should notice. */
  story: string;
  /** Overrides on top of the schema defaults. */
  params: Partial<P>;
  seed?: number;
}

export interface LabDefinition<S extends ParamSchema = ParamSchema, M = unknown, R = unknown, E extends SimEvent = SimEvent> {
  id: string;
  title: string;
  summary: string;
  topic: string;
  schema: S;
  presets: Preset<ParamsOf<S>>[];
  /** Virtual time (ms) at which a run with these params is complete. */
  horizonMs(params: ParamsOf<S>): number;
  /**
   * Optional: rules spanning several params that per-field ranges cannot say (e.g. p99 >= median,
   * a total that must fit in memory). Each error names the field to fix. Links, the param panel
   * and the CLI refuse such a run instead of starting it.
   */
  checkParams?(params: ParamsOf<S>): ParamError[];
  /**
   * Optional: true once the run has nothing left to show (e.g. every player finished its video)
   * before the horizon. Checked after every event, so the run stops exactly at the finishing event,
   * whatever steps it was advanced in (a shared link lands on the same state). Keep it O(1).
   */
  isFinished?(model: M): boolean;
  /** Build the model and schedule its first events on ctx.scheduler. Must not run it. */
  create(params: ParamsOf<S>, ctx: SimContext<E>): M;
  /** The CLI's --json document, computed from the model (and its recorder) at the current time. */
  result(model: M, ctx: SimContext<E>): R;
  /**
   * Optional: plain-data snapshots so the runner can scrub back by restoring the nearest checkpoint
   * and replaying. Without it the runner re-creates the run from the seed and replays from t = 0
   * (always exact, because runs are deterministic; just slower).
   */
  /**
   * Optional: a lab-specific command line (e.g. ABR's --trace/--video). Without it, the generic CLI
   * handles `--config file.json` (nested or dotted keys), `--set key=value`, `--seed N` and `--json`.
   * Return the process exit code (2 for bad input).
   */
  cli?: {
    usage: string;
    run(args: string[], io: CliIO): Promise<number> | number;
  };
  checkpoint?: {
    /** Virtual ms between checkpoints; a function of the params lets long runs keep their count bounded. */
    everyMs: number | ((params: ParamsOf<S>) => number);
    save(model: M, ctx: SimContext<E>): unknown;
    restore(snapshot: unknown, params: ParamsOf<S>, ctx: SimContext<E>): M;
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyLab = LabDefinition<any, any, any, any>;

export function defineLab<S extends ParamSchema, M, R, E extends SimEvent = SimEvent>(
  lab: LabDefinition<S, M, R, E>,
): LabDefinition<S, M, R, E> {
  return lab;
}

/** What a lab's CLI may touch: no process globals inside simulations/. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  readFile(path: string): string;
  /** Lists file names (not paths) in a folder, sorted; throws if it is not a folder. */
  readDir(path: string): string[];
  isDirectory(path: string): boolean;
  /** A progress indicator on stderr for long runs; fraction in [0, 1]. */
  progress(fraction: number, label?: string): void;
}

/**
 * Params that pass the lab's cross-field rules: each field an error names goes back to `fallback`'s
 * value (the preset's, else the default); if the rules still fail, all of `fallback` is used.
 * Returns the errors found, to show.
 */
export function applyParamChecks(lab: AnyLab, params: Record<string, unknown>, fallback: Record<string, unknown>): { params: Record<string, unknown>; errors: ParamError[] } {
  const errors: ParamError[] = lab.checkParams?.(params) ?? [];
  if (errors.length === 0) return { params, errors };
  const repaired = { ...params };
  for (const e of errors) if (Object.hasOwn(fallback, e.field)) repaired[e.field] = fallback[e.field];
  return { params: (lab.checkParams?.(repaired) ?? []).length === 0 ? repaired : { ...fallback }, errors };
}
