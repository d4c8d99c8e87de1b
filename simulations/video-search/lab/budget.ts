/**
 * The video search lab's work budget (core/budget.ts), from the params alone.
 *
 * Events: the keystrokes, one per shard (built, replies in up to two rounds), the sampled queries,
 * the freshness steps and one re-run per second until a second after the video is searchable.
 * Bytes: the catalogue (~600 bytes a video), the postings (INDEX_BYTES_PER_POSTING each, at most
 * maxPostingsPerVideo a video, edge n-grams included), MiniSearch's index of the same (measured
 * ~45 bytes a posting: a radix tree of maps), and the sampled latencies (two series points and a number each).
 */
import type { WorkEstimate } from '../../core/budget';
import type { VideoSearchParams } from './schema';
import { INDEX_BYTES_PER_POSTING } from './model';
import { RECHECK_MS } from './series';
import { maxPostingsPerVideo } from '../catalogue/generate';

const VIDEO_BYTES = 600;
const MINISEARCH_BYTES_PER_POSTING = 48;
const LATENCY_BYTES = 2 * 40 + 8;
const BASE_BYTES = 4 << 20;

export function postingsUpper(p: VideoSearchParams): number {
  return p.videos * maxPostingsPerVideo(p.edgeNgrams);
}

export function estimateVideoSearch(p: VideoSearchParams): WorkEstimate {
  const rechecks = Math.ceil((p.indexLagS + p.refreshS) * 1000 / RECHECK_MS) + 3;
  const events = 4 + p.query.length + 3 * p.shards + 4 + p.loadQueries + 4 + rechecks;
  const index = postingsUpper(p) * (INDEX_BYTES_PER_POSTING + MINISEARCH_BYTES_PER_POSTING);
  const bytes = BASE_BYTES + p.videos * VIDEO_BYTES + index + p.loadQueries * LATENCY_BYTES;
  return { events, bytes, drivers: ['videos', 'edgeNgrams', 'loadQueries'] };
}
