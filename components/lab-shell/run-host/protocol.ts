/**
 * Messages between the shell (main thread) and the worker that runs a lab. One worker per shell;
 * every command carries the `runId` it is meant for, and the worker drops commands for a run it has
 * already replaced, so a stale Play never reaches a new run.
 */
import type { RecorderDelta } from '@/simulations/core/recorderSync';

/** Every command carries `seq` (increasing per host); updates echo the last one handled. */
export type RunCommand =
  /** build a run at t = 0, replacing any other (the shell then seeks a link's time) */
  | { type: 'open'; runId: number; seq?: number; labId: string; params: Record<string, unknown>; seed: number }
  | { type: 'play'; runId: number; seq?: number; speed: number }
  | { type: 'pause'; runId: number; seq?: number }
  | { type: 'speed'; runId: number; seq?: number; speed: number }
  | { type: 'step'; runId: number; seq?: number; raw?: boolean }
  | { type: 'step-back'; runId: number; seq?: number }
  | { type: 'seek'; runId: number; seq?: number; t: number }
  | { type: 'stop-seek'; runId: number; seq?: number }
  | { type: 'reset'; runId: number; seq?: number }
  /** finish the current millisecond (a stopped run rests on a whole ms, as links carry) */
  | { type: 'settle'; runId: number; seq?: number }
  /** run `lab.companions(params)` to the end, one after another */
  | { type: 'companions'; runId: number; seq?: number; labId: string; params: Record<string, unknown>; seed: number }
  /** run a preset (or the defaults) headless to its end and answer with its result document (Predict, Challenge) */
  | { type: 'preset-result'; runId: number; seq?: number; labId: string; preset?: string; query?: string };

export interface RunUpdate {
  type: 'update';
  runId: number;
  /** the `seq` of the last command handled before this update (0 before any) */
  seq: number;
  now: number;
  done: boolean;
  finished: boolean;
  delta: RecorderDelta;
  frame: unknown;
  /** present when recomputed (at most a few times per second while playing, always when stopped) */
  result?: { value: unknown } | { error: string };
  /** the speed the live loop reaches (NaN when not playing or not measured yet) */
  reachedSpeed: number;
  /** what the last step landed on (null: no step since the last play, seek or reset) */
  caption: string | null;
  /**
   * Set when this update is the state the live loop ended in or a seek arrived at: the host reports
   * it in the same task as the state, so the page never shows the final time with the old player
   * state (or the other way round).
   */
  reached?: 'loop-finished' | 'seek-done';
}

export type RunReply =
  | RunUpdate
  | { type: 'companion'; runId: number; index: number; total: number; key: string; label: string; params: Record<string, unknown>; horizonMs: number; now: number; delta: RecorderDelta; frame: unknown; result: unknown }
  | { type: 'companion-error'; runId: number; index: number; total: number; label: string; message: string }
  | { type: 'preset-result'; runId: number; params: Record<string, unknown>; seed: number; horizonMs: number; now: number; result: unknown }
  /** the run could not be built or a command failed (the message names the cause) */
  | { type: 'error'; runId: number; message: string };
