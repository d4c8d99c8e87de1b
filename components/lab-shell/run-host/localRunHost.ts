/** The run on this thread: a Runner with its live and seek loops (server render, tests, fallback). */
import { LiveLoop, Runner, SeekLoop, SEEK_EVENTS_AT_ONCE, type FrameHost } from '@/simulations/core/runner';
import type { AnyLab } from '@/simulations/core/lab';
import type { RunHost, RunHostEvents } from './runHost';
import { settleOnWholeMs } from '../link';

export class LocalRunHost implements RunHost {
  readonly ready = true;
  readonly synced = true;
  /** (a local run replays synchronously or in visible slices; nothing to hold) */
  holdUntil: number | null = null;
  /** the live loop and the seek loop (public for tests and the keep-time replay) */
  readonly loop: LiveLoop;
  readonly seeker: SeekLoop;

  constructor(
    readonly run: Runner,
    frames: FrameHost,
    private readonly events: RunHostEvents,
    options: { seekEventsPerFrame?: number } = {},
  ) {
    this.loop = new LiveLoop(() => this.run, frames, () => events.onLoopFinished());
    this.seeker = new SeekLoop(() => this.run, frames, () => events.onSeekDone(), options.seekEventsPerFrame);
  }

  static create(lab: AnyLab, params: Record<string, unknown>, seed: number, frames: FrameHost, events: RunHostEvents): LocalRunHost {
    return new LocalRunHost(new Runner(lab, params, seed), frames, events);
  }

  whenSynced(): Promise<void> {
    return Promise.resolve();
  }
  get reachedSpeed(): number {
    return this.loop.playing ? this.loop.reachedSpeed : NaN;
  }
  play(speed: number): void {
    this.loop.speed = speed;
    this.loop.play();
  }
  pause(): void {
    this.loop.pause();
    this.settle();
  }
  setSpeed(speed: number): void {
    this.loop.speed = speed;
  }
  caption: string | null = null;
  step(raw = false): void {
    this.caption = raw ? this.run.stepRaw() : this.run.stepVisible();
    this.settle();
    if (this.run.done) this.events.onRunOver();
  }
  stepBack(): void {
    this.loop.pause();
    this.run.scrubTo(this.run.previousVisibleTime());
    this.caption = this.run.currentCaption();
  }
  reset(): void {
    this.caption = null;
    this.run.reset();
  }
  settle(): void {
    settleOnWholeMs(this.run);
  }
  seekAtOnce(t: number): boolean {
    return this.run.scrubTo(t, SEEK_EVENTS_AT_ONCE);
  }
  seek(t: number): void {
    this.caption = null;
    this.seeker.start(t);
  }
  stopSeek(): void {
    this.seeker.stop();
  }
  dispose(): void {
    this.loop.pause();
    this.seeker.stop();
  }
}

