/**
 * The video search lab's recorder contract: the events a learner steps through, the series, the
 * layout of virtual time, and the frame a view may draw.
 *
 * Virtual time: keystrokes every KEY_MS from KEY_MS, then the query fans out to the shards, then
 * LOAD_WINDOW_MS of sampled queries measure the latency distribution, then a new upload goes
 * through the indexing pipeline while the query is re-run every RECHECK_MS.
 */
import type { Field } from '../index/invertedIndex';

export const KEY_MS = 150;
export const LOAD_WINDOW_MS = 10_000;
export const RECHECK_MS = 1000;
export const PUBLISH_MS = 200;
export const TOP_K = 10;

export interface HitRef {
  id: number;
  title: string;
  score: number;
}

export type VideoSearchEvent =
  | { type: 'catalogue'; videos: number; terms: number; postings: number; indexBytes: number; trieNodes: number; titlePhrases: number; topViews: number }
  | { type: 'shard-built'; shard: number; videos: number }
  | { type: 'keystroke'; typed: string; prefix: string; source: 'titles' | 'words' | 'none'; suggestions: string[]; nodesVisited: number }
  | { type: 'query'; text: string; terms: string[]; dropped: string[]; fanOut: number; partition: 'document' | 'term'; rounds: number }
  | { type: 'stats-round'; shards: number; bytes: number }
  | { type: 'shard-reply'; shard: number; latencyMs: number; hits: number; postings: number }
  | { type: 'results'; matched: number; postingsTouched: number; bytesMoved: number; latencyMs: number; top: HitRef[]; reordered: number }
  | { type: 'load-progress'; done: number; total: number; p50Ms: number; p99Ms: number }
  | { type: 'tail'; queries: number; fanOut: number; p50Ms: number; p99Ms: number; theoryP99Ms: number; shardP99Ms: number }
  | { type: 'upload'; id: number; title: string }
  | { type: 'published'; id: number }
  | { type: 'indexed'; id: number }
  | { type: 'searchable'; id: number }
  | { type: 'recheck'; found: boolean; rank: number | null; sinceUploadMs: number };

export const SERIES = ['queryLatency', 'shardLatency'] as const;
export type VideoSearchSeriesName = (typeof SERIES)[number];

export interface TermLine {
  term: string;
  field: Field;
  tf: number;
  docFreq: number;
  idf: number;
  tfNorm: number;
  boost: number;
  score: number;
}

export interface RankedHit {
  rank: number;
  id: number;
  title: string;
  tags: string[];
  views: number;
  score: number;
  text: number;
  popularity: number;
  matchedTerms: number;
  terms: TermLine[];
}

export interface VideoSearchFrame {
  query: string;
  /** the box as typed so far, with its suggestions */
  typed: string;
  source: 'titles' | 'words' | 'none';
  suggestions: { text: string; popularity: number }[];
  nodesVisited: number;
  terms: string[];
  /** ranked hits, once the query answered */
  hits: RankedHit[] | null;
  matched: number;
  postingsTouched: number;
  index: { videos: number; terms: number; postings: number; indexBytes: number; trieNodes: number; titlePhrases: number };
  sharding: {
    partition: 'document' | 'term';
    shards: number;
    contacted: number[];
    answered: number[];
    rounds: number;
    bytesMoved: number;
    postingsShipped: number;
    idf: 'global' | 'local';
    /** global rank → local-IDF rank (document partitioning) */
    rankChanges: { id: number; title: string; globalRank: number; localRank: number | null }[];
  };
  tail: { done: number; total: number; p50Ms: number; p99Ms: number; theoryP50Ms: number; theoryP99Ms: number; shardP99Ms: number; fanOut: number; curve: { t: number; measured: number; theory: number }[] };
  freshness: { uploadedAt: number; publishedAt: number; indexedAt: number; searchableAt: number; state: 'waiting' | 'uploaded' | 'published' | 'indexed' | 'searchable'; title: string; lastRank: number | null };
  miniSearch: { hits: { id: number; title: string; score: number; matchedTerms: number; ourRank: number | null }[]; overlapAt10: number; differences: readonly string[] } | null;
}
