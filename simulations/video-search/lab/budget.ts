/**
 * The video search lab's work budget (core/budget.ts), from the params alone.
 *
 * Events: the keystrokes, one per shard (built, replies in up to two rounds), the sampled queries,
 * the freshness steps and one re-run per second until a second after the video is searchable.
 * Bytes: the catalogue (~600 bytes a video), the postings (INDEX_BYTES_PER_POSTING each, at most
 * 48 distinct terms a video, times the edge n-grams' prefixes), MiniSearch's index of the same
 * (~4× ours: a radix tree of maps), and the sampled latencies (two series points and a number each).
 */
import type { WorkEstimate } from '../../core/budget';
import type { VideoSearchParams } from './schema';
import { INDEX_BYTES_PER_POSTING } from './model';
import { RECHECK_MS } from './series';

const VIDEO_BYTES = 600;
/** Title ≤ 10 words, tags ≤ 11 (with the channel), description ≤ 26: distinct terms a video can add to the three fields. */
export const MAX_TERMS_PER_VIDEO = 48;
/** Longest vocabulary word: bounds the edge n-grams a term adds. */
const MAX_WORD_LENGTH = 14;
const MINISEARCH_FACTOR = 4;
const LATENCY_BYTES = 2 * 40 + 8;
const BASE_BYTES = 4 << 20;

export function postingsUpper(p: VideoSearchParams): number {
  const grams = p.edgeNgrams > 0 ? 1 + Math.max(0, MAX_WORD_LENGTH - p.edgeNgrams) : 1;
  return p.videos * MAX_TERMS_PER_VIDEO * grams;
}

export function estimateVideoSearch(p: VideoSearchParams): WorkEstimate {
  const rechecks = Math.ceil((p.indexLagS + p.refreshS) * 1000 / RECHECK_MS) + 3;
  const events = 4 + p.query.length + 3 * p.shards + 4 + p.loadQueries + 4 + rechecks;
  const index = postingsUpper(p) * INDEX_BYTES_PER_POSTING * (1 + MINISEARCH_FACTOR);
  const bytes = BASE_BYTES + p.videos * VIDEO_BYTES + index + p.loadQueries * LATENCY_BYTES;
  return { events, bytes, drivers: ['videos', 'edgeNgrams', 'loadQueries'] };
}
