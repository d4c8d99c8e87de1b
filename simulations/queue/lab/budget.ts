/**
 * The queue lab's work budget (core/budget.ts): upper bounds, from the params alone, of the events
 * a run executes to its horizon and the bytes it holds at its largest.
 *
 * Events: one per arrival, one per departure (at most one per arrival), one per sample. Arrivals
 * are Poisson(λT): bounded by λT + 6√(λT) + 10 (six standard deviations: never exceeded in practice).
 * Bytes: the waiting line (16 bytes a customer in shared typed-array chunks, see waitingLine.ts),
 * the checkpoints (≤ MAX_CHECKPOINTS + 1, each a fixed-size copy of the statistics plus at most one
 * chunk of the line), the stored events and the series points.
 */
import type { WorkEstimate } from '../../core/budget';
import { MAX_CHECKPOINTS } from '../../core/runner';
import { SAMPLES_PER_RUN, STATION_SERIES } from '../station';
import { CHUNK_BYTES, CHUNK_ENTRIES } from '../waitingLine';
import type { QueueParams } from './schema';

/** Events a queue run may take: under a minute of CLI time at the station's speed (about 2 M events/s in the CLI, 25 s at the limit). */
export const QUEUE_EVENT_LIMIT = 48_000_000;

/** The recorder's default `eventLimit`: events past it are counted, not stored. */
const STORED_EVENTS_LIMIT = 250_000;
/** One stored event in the heap: an object of 4–5 small fields (its JSON is under 90 characters). */
export const EVENT_BYTES = 160;
/** One series point {t, v} in the heap. */
export const POINT_BYTES = 40;
/** A checkpoint's fixed part: two log histograms, the recent-waits ring, counters, server slots. */
const SNAPSHOT_FIXED_BYTES = 64 * 1024;
const SERVER_SLOT_BYTES = 96;
/** The scheduler, the station object and small change. */
const BASE_BYTES = 1 << 20;

/** Upper bound of a Poisson count with mean m (six standard deviations above it). */
export function poissonUpper(m: number): number {
  return Math.ceil(m + 6 * Math.sqrt(m) + 10);
}

/**
 * Upper bound of the longest the waiting line gets: the arrivals in excess of what c servers can
 * serve ((λ − cμ)T when overloaded), plus six standard deviations of the arrival and service
 * fluctuations (a random walk with variance (λ + cμ) per second), capped by the arrivals and K.
 */
export function waitingUpper(p: QueueParams): number {
  const arrivals = poissonUpper(p.arrivalRate * p.durationS);
  const serve = p.servers * p.serviceRate;
  const drift = Math.max(0, p.arrivalRate - serve) * p.durationS;
  const fluctuation = 6 * Math.sqrt((p.arrivalRate + serve) * p.durationS) + 10;
  const bound = Math.min(arrivals, Math.ceil(drift + fluctuation));
  return p.capacity > 0 ? Math.min(bound, p.capacity) : bound;
}

export function estimateQueue(p: QueueParams): WorkEstimate {
  const arrivals = poissonUpper(p.arrivalRate * p.durationS);
  const events = 2 * arrivals + SAMPLES_PER_RUN + 1;
  const checkpoints = MAX_CHECKPOINTS + 1;
  // chunks alive: every chunk ever made, or those the live line and each checkpoint can reach
  const madeChunks = Math.ceil(arrivals / CHUNK_ENTRIES) + 1;
  const reachable = (checkpoints + 1) * (Math.ceil(waitingUpper(p) / CHUNK_ENTRIES) + 2);
  const line = Math.min(madeChunks, reachable) * CHUNK_BYTES + checkpoints * CHUNK_BYTES;
  const snapshots = checkpoints * (SNAPSHOT_FIXED_BYTES + p.servers * SERVER_SLOT_BYTES);
  const stored = Math.min(STORED_EVENTS_LIMIT, 3 * arrivals) * EVENT_BYTES;
  const series = STATION_SERIES.length * (SAMPLES_PER_RUN + 1) * POINT_BYTES;
  return { events, bytes: BASE_BYTES + line + snapshots + stored + series, drivers: ['arrivalRate', 'durationS'] };
}
