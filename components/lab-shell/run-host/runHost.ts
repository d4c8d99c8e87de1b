/**
 * Where a lab's run lives, seen from the shell: the player machine's effects become calls on a
 * RunHost, and the view reads `host.run` (a RunView). Two hosts:
 * - WorkerRunHost (the browser): the run lives in a Web Worker; `run` is a mirror fed by updates,
 *   so building a run, playing, stepping and seeking never block the page.
 * - LocalRunHost (server render, tests, no module workers): the run lives on this thread.
 */
import type { RunView } from '@/simulations/core/lab';

export interface RunHostEvents {
  /** the live loop reached the end of the run */
  onLoopFinished(): void;
  /** a seek arrived at its time */
  onSeekDone(): void;
  /** the run ended while not playing (a step onto its last event) */
  onRunOver(): void;
  /** the run could not be built, or a command failed */
  onError(message: string): void;
}

export interface RunHost {
  readonly run: RunView;
  /** false until the run's first state is known (a worker run is still being built) */
  readonly ready: boolean;
  /** every command sent so far has been carried out and its result shown (always true on this thread) */
  readonly synced: boolean;
  /** resolves once every command sent so far has been carried out and shown */
  whenSynced(): Promise<void>;
  /** the speed the live loop actually reaches (NaN when not playing or not yet measured) */
  readonly reachedSpeed: number;
  play(speed: number): void;
  pause(): void;
  setSpeed(speed: number): void;
  /** to the next captioned event (`raw`: the very next event); the caption shows in `caption` */
  step(raw?: boolean): void;
  /** back to the previous captioned event */
  stepBack(): void;
  /** what the last step (forward or back) landed on, for people; null before any step */
  readonly caption: string | null;
  reset(): void;
  /** finish the current millisecond (a stopped run rests on a whole ms, as links carry) */
  settle(): void;
  /** move to time t if that is cheap; false means "use seek(t)", which continues over frames */
  seekAtOnce(t: number): boolean;
  seek(t: number): void;
  /** keep showing the previous run until this one reaches `t` (a keep-time re-creation) */
  holdUntil: number | null;
  stopSeek(): void;
  dispose(): void;
}
