/**
 * The ABR lab's work budget (core/budget.ts): upper bounds from the params alone. A run is small
 * (at most 3 players × 300 chunks), so this mostly documents that every allowed setting fits.
 *
 * Events: each player's chunk is at most a handful of scheduler events (the download, the decision
 * and room waits, a stall; reference mode replays ≤ 4 per chunk). Bytes: the trace (one sample per
 * trace.stepS) and the network series drawn over session.maxS, each player's series (≤ 16 points a
 * chunk) and events (≤ 8 a chunk).
 */
import type { WorkEstimate } from '../../core/budget';
import { REFERENCE } from '../constants';
import { lineUp } from './model';
import { realTraceInfo } from '../network/realTraces';
import type { AbrParams } from './schema';

const EVENTS_PER_CHUNK = 8;
const POINTS_PER_CHUNK = 20;
const LOGGED_PER_CHUNK = 8;
const EVENT_BYTES = 240;
const POINT_BYTES = 40;
/** a trace sample: times and values as Float64 in the trace, the frame's copies as numbers */
const SAMPLE_BYTES = 64;
const BASE_BYTES = 4 * 1024 * 1024;

export function estimateAbr(p: AbrParams): WorkEstimate {
  const players = lineUp(p).length;
  const chunks = p.mode === 'reference' ? REFERENCE.chunkCount : p['video.chunks'];
  const real = p['trace.kind'] === 'real' ? realTraceInfo(p['trace.real']) : undefined;
  const samples = real ? real.samples + 2 : Math.floor(p['trace.durationS'] / p['trace.stepS']) + 2;
  // a real trace repeats (whole) until session.maxS; a synthetic one has one sample per stepS
  const networkPoints = real ? real.samples * (Math.ceil(p['session.maxS'] / Math.max(real.durationS, 1)) + 1) + 2 : Math.ceil(p['session.maxS'] / p['trace.stepS']) + samples + 2;
  const events = players * (chunks * EVENTS_PER_CHUNK + 4) + 10;
  const bytes = BASE_BYTES + samples * SAMPLE_BYTES + networkPoints * POINT_BYTES + players * chunks * (POINTS_PER_CHUNK * POINT_BYTES + LOGGED_PER_CHUNK * EVENT_BYTES);
  return { events, bytes, drivers: real ? ['session.maxS', 'video.chunks', 'trace.real'] : ['session.maxS', 'video.chunks', 'trace.durationS'] };
}
