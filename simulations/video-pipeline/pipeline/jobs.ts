/**
 * The transcoding DAG of one upload (research §6.1, Netflix's parallel chunk encoding; §6.2,
 * YouTube publishing once SD is ready): split the source at GOP boundaries into chunks → encode
 * every chunk at every rung (independent jobs) → package each rung once all its chunks are done →
 * publish the rung in the manifest.
 *
 * LOUD: chunks must start on a keyframe (a GOP boundary), or a chunk cannot be decoded on its own
 * and encoders in parallel would need each other's reference frames.
 */
import type { RandomStream } from '../../core/rng';
import { pixels, resolutionByName, type CurvePoint } from '../encoding/rateQuality';

export type EncodeOrder = 'lowest-rung-first' | 'chunk-by-chunk';

export interface EncodeJob {
  /** index in dispatch order */
  id: number;
  chunk: number;
  /** rung index, 0 = lowest bitrate */
  rung: number;
  durationMs: number;
}

const PIXELS_1080P = 1920 * 1080;

/**
 * Relative cost of encoding one second at this rung, 1080p = 1. Encode work grows with the pixels
 * (motion search, transforms) plus a fixed share per frame (decode, scaling, entropy coding).
 * MODEL, stated: cost = 0.1 + 0.9 × pixels / 1080p pixels.
 */
export function rungCost(rung: Pick<CurvePoint, 'resolution'>): number {
  return 0.1 + (0.9 * pixels(resolutionByName(rung.resolution))) / PIXELS_1080P;
}

/** Chunk durations (s): full chunks of `chunkS`, the last one shorter when T is not a multiple. */
export function chunkDurations(durationS: number, chunkS: number): number[] {
  const count = Math.ceil(durationS / chunkS - 1e-9);
  return Array.from({ length: count }, (_, i) => Math.min(chunkS, durationS - i * chunkS));
}

export interface JobPlanConfig {
  durationS: number;
  chunkS: number;
  rungs: readonly Pick<CurvePoint, 'resolution'>[];
  /** how many times real time one worker encodes 1080p */
  speed1080: number;
  /** ± share of per-chunk encode time that scene complexity varies (0 = every chunk alike) */
  jitter: number;
  order: EncodeOrder;
}

/** Encode time (ms) of `seconds` of content at a rung, before jitter. */
export function encodeMs(seconds: number, rung: Pick<CurvePoint, 'resolution'>, speed1080: number): number {
  return (seconds * 1000 * rungCost(rung)) / speed1080;
}

/**
 * Every encode job in dispatch order. Lowest rung first: all chunks of rung 0, then of rung 1, …
 * (the first playable rung is done as early as possible). Chunk by chunk: every rung of chunk 0,
 * then chunk 1, … (the naive loop). One jitter factor per chunk, shared by its rungs (a hard scene
 * is hard at every resolution), drawn from `rng` in chunk order.
 */
export function planJobs(cfg: JobPlanConfig, rng: RandomStream): EncodeJob[] {
  const chunks = chunkDurations(cfg.durationS, cfg.chunkS);
  const factor = chunks.map(() => (cfg.jitter > 0 ? 1 + cfg.jitter * rng.uniform(-1, 1) : 1));
  const job = (chunk: number, rung: number) => ({ id: 0, chunk, rung, durationMs: encodeMs(chunks[chunk], cfg.rungs[rung], cfg.speed1080) * factor[chunk] });
  const jobs: EncodeJob[] = [];
  if (cfg.order === 'lowest-rung-first') {
    for (let r = 0; r < cfg.rungs.length; r++) for (let c = 0; c < chunks.length; c++) jobs.push(job(c, r));
  } else {
    for (let c = 0; c < chunks.length; c++) for (let r = 0; r < cfg.rungs.length; r++) jobs.push(job(c, r));
  }
  jobs.forEach((j, i) => (j.id = i));
  return jobs;
}

/** Makespan of J equal jobs of length t on W workers (research §6.5 outcome 2): ceil(J / W) · t. */
export function equalJobsMakespan(jobs: number, workers: number, t: number): number {
  return Math.ceil(jobs / workers) * t;
}
