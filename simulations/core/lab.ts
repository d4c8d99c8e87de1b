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
import type { Logged, Recorder, RecorderView, SimEvent } from './recorder';
import type { ParamError, ParamSchema, ParamsOf } from './params';
import { paramProblems, type WorkEstimate, type WorkLimits } from './budget';

export interface SimContext<E extends SimEvent = SimEvent, N extends string = string> {
  scheduler: Scheduler;
  /** XState-compatible clock on the scheduler: pass as `createActor(machine, { clock })`. */
  clock: VirtualClock;
  /** Seeded randomness. Take a named stream per consumer: `ctx.rng.stream('arrivals')`. */
  rng: Rng;
  recorder: Recorder<E, N>;
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

/**
 * One lab. Type parameters: S the param schema, M the model `create` builds (only the lab itself
 * and its tests see it), R the result document, E the event union, N the series names, F the frame
 * (what a view may draw of the model's current state). Views never see M: they read a `RunView`
 * (the recorder, the frame, the result), so a run can live in another thread.
 */
export interface LabDefinition<
  S extends ParamSchema = ParamSchema,
  M = unknown,
  R = unknown,
  E extends SimEvent = SimEvent,
  N extends string = string,
  F = undefined,
> {
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
   * Optional but expected of every lab: one line a learner can read for an event ("Chunk 12 at
   * 1.2 Mbps (BBA), buffer 8.1 s"), or null for bookkeeping a learner cannot see (timer ticks,
   * samples). Step moves to the next event with a caption and shows it; the event log shows
   * captioned events unless "all events" is on. Plain function of the event: no model access.
   */
  caption?(event: Logged<E>): string | null;
  /**
   * Optional but expected of every lab: what a run of these params will cost, estimated before it
   * starts (core/budget.ts). A run over the limits is refused everywhere (panel, link, CLI) with a
   * message naming `drivers`. `limits` overrides DEFAULT_WORK_LIMITS for this lab.
   */
  budget?: {
    estimate(params: ParamsOf<S>): WorkEstimate;
    limits?: Partial<WorkLimits>;
  };
  /**
   * Optional: true once the run has nothing left to show (e.g. every player finished its video)
   * before the horizon. Checked after every event, so the run stops exactly at the finishing event,
   * whatever steps it was advanced in (a shared link lands on the same state). Keep it O(1).
   */
  isFinished?(model: M): boolean;
  /**
   * Optional: events the live and seek loops run between two looks at the wall clock (default 500).
   * A lab whose single events do real work (one ALS solve each) lowers it, so that a frame's slice
   * of a worker stays near its target instead of running 500 heavy events.
   */
  eventsPerClockCheck?: number;
  /** Build the model and schedule its first events on ctx.scheduler. Must not run it. */
  create(params: ParamsOf<S>, ctx: SimContext<E, N>): M;
  /** The CLI's --json document, computed from the model (and its recorder) at the current time. */
  result(model: M, ctx: SimContext<E, N>): R;
  /**
   * Optional: the model's current state as plain data (structured-cloneable, no class instances,
   * no functions), for views that draw state the recorder does not hold (who is connected, which
   * replica leads). Keep it small: it is computed at most once per frame. Views read it through
   * `RunView.frame()`, never the model.
   */
  frame?(model: M, ctx: SimContext<E, N>): F;
  /**
   * Optional: extra headless runs a view shows beside the live one (ABR's finished race, the uploads
   * lab's chunk-size sweep), as variants of the live params. The SHELL runs them to the end, off
   * the live run, and hands the view each one's result, frame and recorder (`LabViewProps.companions`);
   * views never build runners themselves.
   */
  companions?(params: ParamsOf<S>): CompanionSpec<ParamsOf<S>>[];
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
    /** `extras`: capabilities the CLI host lends a lab (e.g. ABR's sandbox for --algorithm-file, scripts/sim.ts) */
    run(args: string[], io: CliIO, extras?: Readonly<Record<string, unknown>>): Promise<number> | number;
  };
  checkpoint?: {
    /** Virtual ms between checkpoints; a function of the params lets long runs keep their count bounded. */
    everyMs: number | ((params: ParamsOf<S>) => number);
    save(model: M, ctx: SimContext<E, N>): unknown;
    restore(snapshot: unknown, params: ParamsOf<S>, ctx: SimContext<E, N>): M;
  };
}

/** One extra headless run: `key` names it for the view, `label` for people. */
export interface CompanionSpec<P> {
  key: string;
  label: string;
  params: P;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyLab = LabDefinition<any, any, any, any, any, any>;

export function defineLab<S extends ParamSchema, M, R, E extends SimEvent = SimEvent, N extends string = string, F = undefined>(
  lab: LabDefinition<S, M, R, E, N, F>,
): LabDefinition<S, M, R, E, N, F> {
  return lab;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type LabTypes<L> = L extends LabDefinition<infer S, any, infer R, infer E, infer N, infer F> ? { P: ParamsOf<S>; R: R; E: E; N: N; F: F } : never;

/**
 * What a view may read of a run: never the model. `Runner` implements it; so can a mirror of a run
 * that lives in a worker. Typed per lab with `RunViewOf<typeof myLab>` (see `viewOf`).
 */
export interface RunView<P = Record<string, unknown>, R = unknown, E extends SimEvent = SimEvent, N extends string = string, F = unknown> {
  readonly lab: AnyLab;
  readonly params: P;
  readonly seed: number;
  readonly horizonMs: number;
  /** virtual time, ms */
  readonly now: number;
  /** the run reached its horizon or finished early */
  readonly done: boolean;
  readonly finished: boolean;
  readonly version: number;
  readonly recorder: RecorderView<E, N>;
  /** `lab.frame` of the current state (memoised per version); undefined for labs without one */
  frame(): F;
  result(): R;
  /** called on every change of the run (the shell throttles it to one render per frame) */
  subscribe(listener: () => void): () => void;
}

export type RunViewOf<L> = RunView<LabTypes<L>['P'], LabTypes<L>['R'], LabTypes<L>['E'], LabTypes<L>['N'], LabTypes<L>['F']>;

/** The run seen with a lab's own types (a view's one typed entry point; `lab` only carries the types). */
export function viewOf<L extends AnyLab>(_lab: L, run: RunView): RunViewOf<L> {
  return run as unknown as RunViewOf<L>;
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
  const errors: ParamError[] = paramProblems(lab, params);
  if (errors.length === 0) return { params, errors };
  const repaired = { ...params };
  for (const e of errors) if (Object.hasOwn(fallback, e.field)) repaired[e.field] = fallback[e.field];
  return { params: paramProblems(lab, repaired).length === 0 ? repaired : { ...fallback }, errors };
}
