/**
 * The one interface every ABR algorithm implements.
 *
 * An algorithm is a plain object with no clock, no randomness and no I/O: the player calls
 * `observe` after every chunk download (including the last one) and `decide` when it is about to
 * request the next chunk. Everything an algorithm knows comes through these calls, so the same
 * module runs in the fast pure loops (reference and realistic) and under the XState player machine.
 *
 * Lifecycle: create → startVideo() → [decide → (download) → observe]* → startVideo() → …
 * `startVideo` forgets per-video history; state that upstream keeps across videos (robustMPC's
 * error and estimate histories) survives it. Create a fresh instance for an "isolated" run.
 */
import type { RacerName } from '../constants';
import type { Video } from '../video/video';

export interface ChunkObservation {
  index: number;
  quality: number;
  bytes: number;
  /** Request sent → last byte received, ms. Includes the RTT. */
  delayMs: number;
  /** Buffer (s) right after the chunk was appended (reference mode: after any buffer-cap sleep). */
  bufferS: number;
  /** Stall (s) while this chunk was downloading. */
  rebufferS: number;
  /** Player time (ms) of the request and of the last byte. */
  requestMs: number;
  completeMs: number;
}

export interface DecisionInput {
  /** Index of the chunk to choose a quality for (= chunks downloaded so far in this video). */
  nextIndex: number;
  /** Buffer level now, seconds. */
  bufferS: number;
  /** Quality of the previous chunk; the default quality at the start of a video. */
  lastQuality: number;
  /** Player time, ms. */
  nowMs: number;
}

export interface Thresholds {
  /** BBA: below this buffer, lowest quality. */
  reservoirS?: number;
  /** BBA: at or above this buffer (reservoir + cushion), highest quality. */
  upperS?: number;
  /** BOLA: buffer level at which BOLA reaches the top rung. */
  bolaTargetS?: number;
  /** BOLA: the virtual (placeholder) buffer added to the real one. */
  placeholderS?: number;
}

export interface Decision {
  quality: number;
  /** The throughput estimate behind the decision, kbps (null when the rule uses none, e.g. BBA). */
  estimateKbps: number | null;
  /** Ask the player to wait this long before requesting (BOLA's "don't overfill the buffer"). */
  waitS?: number;
  thresholds?: Thresholds;
  /** Which rule decided (dynamic: 'bola' or 'throughput'; bola: 'startup' or 'steady'). */
  rule?: string;
}

export interface AbrAlgorithm {
  readonly name: RacerName;
  startVideo(): void;
  observe(obs: ChunkObservation): void;
  decide(input: DecisionInput): Decision;
  /** Playback stalled (the buffer ran empty) since the previous call. */
  onStall?(): void;
}

/** Reference-mode artefacts of the literature's simulator that the algorithms must reproduce. */
export interface Quirks {
  /** MPC plans chunk j of the horizon with size[q][next + j + lookAhead] (reference: 1). */
  mpcLookAhead: 0 | 1;
  /** Among equal plan scores: 'last' = lexicographically last wins (reference, ≥), 'first' (>). */
  mpcTieBreak: 'last' | 'first';
}

export const REFERENCE_QUIRKS: Quirks = { mpcLookAhead: 1, mpcTieBreak: 'last' };
export const REALISTIC_QUIRKS: Quirks = { mpcLookAhead: 0, mpcTieBreak: 'first' };

/** How a plan is scored: per-quality utility (raw / scale) and penalties, as in qoe.ts. */
export interface PlanObjective {
  utilityRaw: readonly number[];
  utilityScale: number;
  rebufferPenalty: number;
  switchPenalty: number;
}

export interface AlgorithmEnv {
  video: Video;
  quirks: Quirks;
  /** Throughput assumed before any sample (realistic mode's first decision). */
  defaultEstimateKbps: number;
  objective: PlanObjective;
  /** RTT the MPC planner adds per chunk (0 in reference mode, whose plan model has none). */
  planRttS: number;
}

/** Highest rung with bitrate <= kbps, else 0. */
export function highestRungAtMost(bitratesKbps: readonly number[], kbps: number): number {
  let q = 0;
  for (let i = 0; i < bitratesKbps.length; i++) if (bitratesKbps[i] <= kbps) q = i;
  return q;
}

/** Throughput of one download as the player measures it (bytes over request-to-last-byte), kbps. */
export function sampleKbps(obs: ChunkObservation): number {
  return (obs.bytes * 8) / obs.delayMs;
}
