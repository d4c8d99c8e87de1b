/**
 * The music delivery lab's work budget (core/budget.ts), from the params alone.
 *
 * Plays: each listener plays back to back; a play lasts at least the mean of a full track and a
 * skip (skips land uniformly in 5–168 s), so plays ≤ duration / that mean, with 50 % and 10 plays
 * of margin. Events: a play start, its end, a prefetch and a sample per 30 s. Bytes: the stored
 * events, the time-to-first-audio arrays, and the cache entries (a Map entry ≈ 80 bytes), the edges
 * filled up to their capacity or the catalogue.
 */
import type { WorkEstimate } from '../../core/budget';
import { trackBytes, TRACK_SECONDS } from '../catalogue/tiers';
import type { MusicDeliveryParams } from './schema';
import { LIBRARY_SIZE } from './model';
import { SAMPLE_MS } from './series';

const ENTRY_BYTES = 80;
const EVENT_BYTES = 200;
const STORED_EVENTS_LIMIT = 250_000;
const BASE_BYTES = 2 << 20;
const MEAN_SKIP_S = (5 + 0.8 * TRACK_SECONDS) / 2;

export function playsUpper(p: MusicDeliveryParams): number {
  const meanPlayS = (1 - p.skipShare) * TRACK_SECONDS + p.skipShare * MEAN_SKIP_S;
  return Math.ceil(p.listeners * ((1.5 * p.durationMin * 60) / meanPlayS + 10));
}

export function estimateMusicDelivery(p: MusicDeliveryParams): WorkEstimate {
  const plays = playsUpper(p);
  const events = 3 * plays + Math.ceil((p.durationMin * 60_000) / SAMPLE_MS) + p.listeners + 10;
  const size = trackBytes(p.tier);
  const deviceEntries = p.listeners * Math.min(Math.floor((p.deviceCacheMB * 1e6) / size), LIBRARY_SIZE + plays / p.listeners);
  const edgeEntries = p.edges * Math.min(Math.floor((p.edgeCacheGB * 1e9) / size), p.catalogue);
  const bytes = BASE_BYTES + Math.min(STORED_EVENTS_LIMIT, 2 * plays) * EVENT_BYTES + plays * 16 + (deviceEntries + edgeEntries) * ENTRY_BYTES + p.listeners * (LIBRARY_SIZE * 4 + 200);
  return { events, bytes, drivers: ['listeners', 'durationMin', 'edgeCacheGB', 'edges'] };
}
