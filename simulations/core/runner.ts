/**
 * Runs one lab: headless (as fast as possible) or live (an animation-frame loop that maps
 * wall time × speed to virtual time), with pause, step-to-next-event, scrub and reset.
 *
 * The runner never reads the wall clock itself: the live loop is driven by frame timestamps handed
 * in by the host (requestAnimationFrame in the browser, a fake in tests).
 */
import { Scheduler } from './scheduler';
import { VirtualClock } from './clock';
import { Rng, type RandomState } from './rng';
import { Recorder, type RecorderMark, type SimEvent } from './recorder';
import type { AnyLab, RunView, SimContext } from './lab';
import type { ParamsOf } from './params';

/**
 * Checkpoints a run keeps at most (each may hold a copy of the model's state): past this, every
 * other one is dropped and the rest are spaced twice as far apart. Scrubbing back then replays at
 * most a few intervals, and memory held stays bounded however long the run.
 */
export const MAX_CHECKPOINTS = 48;

export interface RunnerOptions {
  eventLimit?: number;
}

interface Checkpoint {
  t: number;
  snapshot: unknown;
  rng: Record<string, RandomState>;
  mark: RecorderMark;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ModelOf<L> = L extends { create(...args: any[]): infer M } ? M : never;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ResultOf<L> = L extends { result(...args: any[]): infer R } ? R : never;

export class Runner<L extends AnyLab = AnyLab> implements RunView<ParamsOf<L['schema']>, ResultOf<L>> {
  ctx!: SimContext;
  model!: ModelOf<L>;
  readonly horizonMs: number;
  private checkpoints: Checkpoint[] = [];
  private listeners = new Set<() => void>();
  private _version = 0;
  private frameCache: { version: number; value: unknown } | null = null;

  constructor(
    readonly lab: L,
    readonly params: ParamsOf<L['schema']>,
    readonly seed: number,
    private readonly options: RunnerOptions = {},
  ) {
    this.horizonMs = lab.horizonMs(params);
    this.reset();
  }

  private get checkpointEveryMs(): number {
    const every = this.lab.checkpoint?.everyMs ?? Infinity;
    const ms = typeof every === 'function' ? every(this.params) : every;
    return ms > 0 ? ms * this.checkpointSpacing : Infinity;
  }
  /** doubles each time the checkpoints are thinned (MAX_CHECKPOINTS) */
  private checkpointSpacing = 1;

  /** Build a fresh run at t = 0 from seed + params. */
  reset(): void {
    // LOUD: the recorder outlives checkpoint restores (which swap in a new scheduler), so it must
    // read the runner's *current* scheduler, never capture one.
    const recorder = new Recorder<SimEvent>(() => this.ctx.scheduler.now, { eventLimit: this.options.eventLimit });
    this.ctx = freshContext(this.seed, 0, recorder);
    this.model = this.lab.create(this.params, this.ctx) as ModelOf<L>;
    this.checkpoints = [];
    this.checkpointSpacing = 1;
    this.saveCheckpoint();
    this.changed();
  }

  get now(): number {
    return this.ctx.scheduler.now;
  }
  /** The model reports it has finished before the horizon (lab.isFinished). */
  get finished(): boolean {
    return this.lab.isFinished ? this.lab.isFinished(this.model) : false;
  }
  get done(): boolean {
    return this.now >= this.horizonMs || this.finished;
  }
  /** Bumped on every change of the run; use with subscribe() as an external store. */
  get version(): number {
    return this._version;
  }
  get recorder(): Recorder {
    return this.ctx.recorder;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /**
   * Advance to virtual time `t` (capped at the horizon). With an event budget, stops early when the
   * budget is spent and returns false (the live loop uses this to stay responsive).
   */
  runTo(t: number, maxEvents = Infinity): boolean {
    const target = Math.min(t, this.horizonMs);
    const every = this.checkpointEveryMs;
    let budget = maxEvents;
    let finished = true;
    if (this.finished) {
      this.changed();
      return true;
    }
    const stopAfter = this.lab.isFinished ? () => this.lab.isFinished!(this.model) : undefined;
    while (this.now < target || (this.now === target && this.ctx.scheduler.peekTime() <= target)) {
      const lastCp = this.checkpoints[this.checkpoints.length - 1]?.t ?? 0;
      const nextCp = lastCp + every;
      const stop = Math.min(target, nextCp);
      const before = this.ctx.scheduler.executed;
      const complete = this.ctx.scheduler.runUntil(stop, budget, stopAfter);
      budget -= this.ctx.scheduler.executed - before;
      if (!complete) {
        finished = false;
        break;
      }
      if (stopAfter?.()) break;
      if (stop === nextCp && this.now >= nextCp) this.saveCheckpoint();
      if (stop === target) break;
    }
    this.changed();
    return finished;
  }

  /** Run to the horizon. `onProgress(fraction)` is called about every 2% of virtual time. */
  runToEnd(onProgress?: (fraction: number) => void): void {
    if (!onProgress) {
      this.runTo(this.horizonMs);
      return;
    }
    const slice = this.horizonMs / 50;
    while (!this.done) {
      this.runTo(this.now + slice);
      onProgress(Math.min(1, this.now / this.horizonMs));
    }
  }

  /** Execute the next pending event (jumping virtual time to it). Returns false at the end. */
  stepEvent(): boolean {
    if (this.finished) return false;
    const next = this.ctx.scheduler.peekTime();
    if (next > this.horizonMs) {
      if (this.now < this.horizonMs) this.runTo(this.horizonMs);
      return false;
    }
    this.ctx.scheduler.step();
    this.changed();
    return true;
  }

  /**
   * Step to the next event a learner can see (`lab.caption` not null), executing the bookkeeping
   * events before it, and return its caption; at most `maxEvents` events (then null, and the run
   * rests where it got to). Without `lab.caption` every event counts.
   */
  stepVisible(maxEvents = 1_000_000): string | null {
    const caption = this.lab.caption;
    for (let n = 0; n < maxEvents; n++) {
      const events = this.recorder.events;
      const before = events.length;
      if (!this.stepEvent()) return null;
      const now = this.recorder.events;
      // (a rewind never happens inside a step, so the new events are the tail)
      for (let i = before; i < now.length; i++) {
        const text = caption ? caption(now[i]) : now[i].type;
        if (text !== null) return text;
      }
    }
    return null;
  }

  /**
   * One raw step (timers and samples too), described: the lab's caption of what it logged, else the
   * type of the event it logged, else a note that nothing was recorded. Null at the end.
   */
  stepRaw(): string | null {
    const before = this.recorder.events.length;
    if (!this.stepEvent()) return null;
    const added = this.recorder.events.slice(before);
    for (const e of added) {
      const text = this.lab.caption?.(e);
      if (text) return text;
    }
    return added.length > 0 ? `${added[added.length - 1].type} (bookkeeping)` : 'a timer or a sample (nothing logged)';
  }

  /** The caption of the latest captioned event at or before now (null when there is none). */
  currentCaption(): string | null {
    const caption = this.lab.caption;
    const events = this.recorder.events;
    for (let i = events.length - 1; i >= 0; i--) {
      if (events[i].t > this.now) continue;
      const text = caption ? caption(events[i]) : events[i].type;
      if (text !== null) return text;
    }
    return null;
  }

  /**
   * The time to go back to for "step back": the time of the last captioned event strictly before
   * the latest captioned event at or before now (scrubbing there lands just after it). 0 when there
   * is none. Reads the stored events only.
   */
  previousVisibleTime(): number {
    const caption = this.lab.caption;
    const events = this.recorder.events;
    let seen = 0;
    let current = -1;
    for (let i = events.length - 1; i >= 0; i--) {
      const e = events[i];
      if (e.t > this.now) continue;
      if (caption && caption(e) === null) continue;
      if (seen === 0) {
        current = e.t;
        seen = 1;
      } else if (e.t < current) return e.t;
    }
    return 0;
  }

  /**
   * Move to virtual time `t`, backwards or forwards. Backwards restores the nearest checkpoint.
   * With an event budget it may stop short and return false; calling it again with the same `t`
   * continues from there (the shell replays a long way in slices, one per frame, so a link or a
   * scrubber drag never freezes the page).
   */
  scrubTo(t: number, maxEvents = Infinity): boolean {
    const target = Math.max(0, Math.min(t, this.horizonMs));
    if (target < this.now) {
      const cp = this.lab.checkpoint ? this.nearestCheckpoint(target) : undefined;
      if (cp && cp.t > 0) this.restore(cp);
      else this.reset();
    }
    return this.runTo(target, maxEvents);
  }

  result(): ResultOf<L> {
    return this.lab.result(this.model, this.ctx) as ResultOf<L>;
  }

  /** The lab's frame of the current state, computed at most once per version. */
  frame(): unknown {
    if (!this.lab.frame) return undefined;
    const c = this.frameCache;
    if (c && c.version === this._version) return c.value;
    const value = this.lab.frame(this.model, this.ctx);
    this.frameCache = { version: this._version, value };
    return value;
  }

  private nearestCheckpoint(t: number): Checkpoint | undefined {
    let best: Checkpoint | undefined;
    for (const cp of this.checkpoints) if (cp.t <= t) best = cp;
    return best;
  }

  private saveCheckpoint(): void {
    const cpDef = this.lab.checkpoint;
    if (!cpDef) return;
    this.checkpoints.push({
      t: this.now,
      snapshot: cpDef.save(this.model, this.ctx),
      rng: this.ctx.rng.state(),
      mark: this.ctx.recorder.mark(),
    });
    // memory held by checkpoints stays bounded on any run length: thin them, space the rest wider
    if (this.checkpoints.length > MAX_CHECKPOINTS) {
      this.checkpoints = this.checkpoints.filter((_, i) => i % 2 === 0);
      this.checkpointSpacing *= 2;
    }
  }

  private restore(cp: Checkpoint): void {
    const recorder = this.ctx.recorder;
    recorder.rewind(cp.mark);
    const ctx = freshContext(this.seed, cp.t, recorder);
    ctx.rng.setState(cp.rng);
    this.ctx = ctx;
    this.model = this.lab.checkpoint!.restore(cp.snapshot, this.params, ctx) as ModelOf<L>;
    this.checkpoints = this.checkpoints.filter((c) => c.t <= cp.t);
    this.changed();
  }

  private changed(): void {
    this._version++;
    for (const l of this.listeners) l();
  }
}

function freshContext(seed: number, startMs: number, recorder: Recorder): SimContext {
  const scheduler = new Scheduler();
  if (startMs > 0) scheduler.runUntil(startMs);
  return { scheduler, clock: new VirtualClock(scheduler), rng: new Rng(seed), recorder };
}

/** Run a lab headless from params to its horizon and return its result. */
export function runHeadless<L extends AnyLab>(lab: L, params: ParamsOf<L['schema']>, seed: number, onProgress?: (f: number) => void) {
  const runner = new Runner(lab, params, seed);
  runner.runToEnd(onProgress);
  return { runner, result: runner.result() };
}

// ---- live loop ---------------------------------------------------------------------------------

export interface FrameHost {
  requestFrame(cb: (wallMs: number) => void): number;
  cancelFrame(id: number): void;
  /**
   * Optional wall clock (ms, e.g. performance.now) that lets a loop spend a slice of WALL time per
   * frame instead of a fixed number of events. The runner itself never reads a clock; the host
   * lends it one. Without it, loops fall back to EVENTS_PER_FRAME.
   */
  now?(): number;
  /** wall ms a loop may spend per frame with `now` (default FRAME_SLICE_MS; more off the main thread) */
  sliceMs?: number;
}

/**
 * Wall time a loop may spend on the run per frame (of a 16.7 ms frame at 60 Hz): the rest is left
 * for React, the charts and the browser. A run too heavy to keep up plays slower, at the speed it
 * reaches (`LiveLoop.reachedSpeed`), instead of blocking every frame.
 */
export const FRAME_SLICE_MS = 8;
/** Events between two looks at the wall clock inside a slice. */
const EVENTS_PER_CLOCK_CHECK = 500;

/**
 * Run `runner` toward `target` for at most one frame's slice: FRAME_SLICE_MS of wall time when the
 * host has a clock, else EVENTS_PER_FRAME events. Returns true once the target is reached.
 */
function runSlice(host: FrameHost, advance: (maxEvents: number) => boolean, eventsPerCheck = EVENTS_PER_CLOCK_CHECK): boolean {
  if (!host.now) return advance(EVENTS_PER_FRAME);
  const start = host.now();
  const slice = host.sliceMs ?? FRAME_SLICE_MS;
  for (;;) {
    if (advance(eventsPerCheck)) return true;
    if (host.now() - start >= slice) return false;
  }
}

/** Wall-clock gaps longer than this (tab in background, debugger) are not turned into virtual time. */
const MAX_FRAME_GAP_MS = 250;
/** Events per frame before the loop yields, for hosts without a clock (tests, headless). */
const EVENTS_PER_FRAME = 200_000;

export class LiveLoop {
  speed = 1;
  private frameId: number | null = null;
  private lastWall: number | null = null;
  private virtualTarget = 0;
  private reached = { wallMs: 0, virtualMs: 0 };

  constructor(
    private getRunner: () => Runner,
    private host: FrameHost,
    private onStop?: () => void,
  ) {}

  get playing(): boolean {
    return this.frameId !== null;
  }

  /**
   * The speed the run actually reached over the last second or so of play (virtual ms per wall ms);
   * below `speed` when the run is too heavy to keep up. NaN until a few frames have passed.
   */
  get reachedSpeed(): number {
    return this.reached.wallMs >= 250 ? this.reached.virtualMs / this.reached.wallMs : NaN;
  }

  play(): void {
    if (this.playing) return;
    const runner = this.getRunner();
    if (runner.done) return;
    this.reached = { wallMs: 0, virtualMs: 0 };
    this.lastWall = null;
    this.virtualTarget = runner.now;
    this.frameId = this.host.requestFrame(this.tick);
  }

  pause(): void {
    if (this.frameId !== null) this.host.cancelFrame(this.frameId);
    this.frameId = null;
    this.lastWall = null;
  }

  private tick = (wallMs: number): void => {
    const runner = this.getRunner();
    const delta = this.lastWall === null ? 0 : Math.min(MAX_FRAME_GAP_MS, Math.max(0, wallMs - this.lastWall));
    this.lastWall = wallMs;
    this.virtualTarget = Math.max(this.virtualTarget, runner.now) + delta * this.speed;
    const before = runner.now;
    const target = this.virtualTarget;
    const caughtUp = runSlice(this.host, (maxEvents) => runner.runTo(target, maxEvents), runner.lab.eventsPerClockCheck);
    if (!caughtUp) this.virtualTarget = runner.now; // heavy run: slow down rather than freeze
    // a decaying window (about a second) of wall time vs virtual time actually played
    const decay = Math.max(0, 1 - delta / 1000);
    this.reached = { wallMs: this.reached.wallMs * decay + delta, virtualMs: this.reached.virtualMs * decay + (runner.now - before) };
    if (runner.done) {
      this.frameId = null;
      this.onStop?.();
      return;
    }
    this.frameId = this.host.requestFrame(this.tick);
  };
}

/**
 * Events a seek may run at once (opening a link, a scrubber drag) before it continues in
 * SeekLoop slices; cheap seeks finish within it, so they still land in the same call.
 */
export const SEEK_EVENTS_AT_ONCE = 2 * EVENTS_PER_FRAME;

/**
 * Replays a run to a target time one slice per frame (a long link or scrubber drag would
 * otherwise freeze the page for as long as the replay takes). `onDone` fires once it arrives.
 */
export class SeekLoop {
  private frameId: number | null = null;
  private target = 0;

  constructor(
    private getRunner: () => Runner,
    private host: FrameHost,
    private onDone?: () => void,
    private eventsPerFrame = EVENTS_PER_FRAME,
  ) {}

  get seeking(): boolean {
    return this.frameId !== null;
  }

  get targetMs(): number {
    return this.target;
  }

  start(targetMs: number): void {
    this.stop();
    this.target = targetMs;
    this.frameId = this.host.requestFrame(this.tick);
  }

  stop(): void {
    if (this.frameId !== null) this.host.cancelFrame(this.frameId);
    this.frameId = null;
  }

  private tick = (): void => {
    this.frameId = null;
    const runner = this.getRunner();
    const arrived = this.eventsPerFrame === EVENTS_PER_FRAME ? runSlice(this.host, (maxEvents) => runner.scrubTo(this.target, maxEvents), runner.lab.eventsPerClockCheck) : runner.scrubTo(this.target, this.eventsPerFrame);
    if (arrived) {
      this.onDone?.();
      return;
    }
    this.frameId = this.host.requestFrame(this.tick);
  };
}
