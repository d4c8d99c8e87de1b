/**
 * The video pipeline lab's recorder contract: one event per pipeline step (upload, split, each
 * encode's start and end, each rung packaged and published, each press-play step), the series
 * sampled SAMPLES times over the run, and the frame (what every worker is doing now).
 */
import type { Plane, PlayStep } from '../delivery/pressPlay';

export type VideoPipelineEvent =
  | { type: 'uploaded'; durationS: number; chunks: number; rungs: number; jobs: number }
  | { type: 'split'; chunks: number; chunkS: number }
  | { type: 'encodeStart'; job: number; chunk: number; rung: number; worker: number; kbps: number; resolution: string }
  | { type: 'encodeDone'; job: number; chunk: number; rung: number; worker: number; startMs: number; kbps: number; resolution: string }
  | { type: 'encodeCrashed'; job: number; chunk: number; rung: number; worker: number; startMs: number; leaseS: number }
  | { type: 'retry'; job: number; chunk: number; rung: number; attempt: number }
  | { type: 'packaged'; rung: number; worker: number; startMs: number; kbps: number }
  | { type: 'published'; rung: number; kbps: number; resolution: string; published: number; rungs: number }
  | { type: 'play'; step: PlayStep['step']; plane: Plane; durationMs: number; hit?: boolean; probesMs?: number[]; segmentKbps?: number };

/** Samples per run, evenly spaced over the planned horizon. */
export const SAMPLES = 200;

export const SERIES = ['busyWorkers', 'encodesDone', 'rungsPublished'] as const;
export type VideoPipelineSeriesName = (typeof SERIES)[number];

/** The upload machine's state (machines/upload.ts). */
export type Stage = 'splitting' | 'encoding' | 'playing' | 'played';

export interface RunningBar {
  worker: number;
  kind: 'encode' | 'package';
  chunk: number;
  rung: number;
  startMs: number;
  endMs: number;
}

export interface VideoPipelineFrame {
  stage: Stage;
  workers: number;
  chunks: number;
  rungs: number;
  jobs: number;
  encodesDone: number;
  crashes: number;
  retries: number;
  /** encodes done per rung */
  doneByRung: number[];
  /** virtual ms each rung was published, null while not yet */
  publishedAtMs: (number | null)[];
  running: RunningBar[];
  /** the press-play steps so far: plane, step, when it ended (ms after play was pressed) */
  play: { step: PlayStep['step']; plane: Plane; endMs: number; durationMs: number }[];
}
