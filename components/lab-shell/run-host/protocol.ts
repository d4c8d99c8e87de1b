/**
 * Messages between the shell (main thread) and the worker that runs a lab. One worker per shell;
 * every command carries the `runId` it is meant for, and the worker drops commands for a run it has
 * already replaced, so a stale Play never reaches a new run.
 */
import type { RecorderDelta } from '@/simulations/core/recorderSync';

export type RunCommand =
  /** build a run (replacing any other) and, if `timeMs` is set, replay it to that time in slices */
  | { type: 'open'; runId: number; labId: string; params: Record<string, unknown>; seed: number; timeMs?: number }
  | { type: 'play'; runId: number; speed: number }
  | { type: 'pause'; runId: number }
  | { type: 'speed'; runId: number; speed: number }
  | { type: 'step'; runId: number }
  | { type: 'seek'; runId: number; t: number }
  | { type: 'stop-seek'; runId: number }
  | { type: 'reset'; runId: number }
  /** finish the current millisecond (a stopped run rests on a whole ms, as links carry) */
  | { type: 'settle'; runId: number }
  /** run `lab.companions(params)` to the end, one after another */
  | { type: 'companions'; runId: number; labId: string; params: Record<string, unknown>; seed: number };

export interface RunUpdate {
  type: 'update';
  runId: number;
  now: number;
  done: boolean;
  finished: boolean;
  delta: RecorderDelta;
  frame: unknown;
  /** present when recomputed (at most a few times per second while playing, always when stopped) */
  result?: { value: unknown } | { error: string };
  /** the speed the live loop reaches (NaN when not playing or not measured yet) */
  reachedSpeed: number;
}

export type RunReply =
  | RunUpdate
  /** the live loop reached the end of the run */
  | { type: 'loop-finished'; runId: number }
  /** a seek arrived at its time */
  | { type: 'seek-done'; runId: number }
  | { type: 'companion'; runId: number; index: number; total: number; key: string; label: string; params: Record<string, unknown>; horizonMs: number; now: number; delta: RecorderDelta; frame: unknown; result: unknown }
  | { type: 'companion-error'; runId: number; index: number; total: number; label: string; message: string }
  /** the run could not be built or a command failed (the message names the cause) */
  | { type: 'error'; runId: number; message: string };
