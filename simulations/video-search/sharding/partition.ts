/**
 * Sharding an index (Manning, Raghavan & Schütze, IIR §20.3; research §4.1):
 * - by DOCUMENT: each shard indexes its own videos; every query goes to all S shards, each returns
 *   its top k, the coordinator merges. IDF from a shard's own counts (local) ranks differently from
 *   the collection's (global); global needs an extra statistics round first (Elasticsearch's
 *   dfs_query_then_fetch).
 * - by TERM: each shard owns whole postings lists; a query goes only to its terms' owners
 *   (≤ min(S, |q|)), which ship the postings to the coordinator to intersect and score.
 */
import { hashString } from '../../core/rng';
import { FIELDS, POSTING_BYTES, type Field, type InvertedIndex } from '../index/invertedIndex';
import type { ScoringStats } from '../ranking/bm25';

export type Partition = 'document' | 'term';

/** Bytes of one hit a shard returns (id + score) and of a request's fixed part. */
export const HIT_BYTES = 16;
export const REQUEST_BYTES = 64;
/** Bytes per term of a statistics reply (n per field + N) in the extra round of global IDF. */
export const STATS_BYTES_PER_TERM = 32;

export function shardOfVideo(id: number, shards: number): number {
  return hashString(`video:${id}`) % shards;
}

export function ownerOfTerm(term: string, shards: number): number {
  return hashString(`term:${term}`) % shards;
}

export interface FanOut {
  /** shards contacted, ascending */
  shards: number[];
  /** request/response rounds (2 for document partitioning with global IDF) */
  rounds: number;
  bytesMoved: number;
  /** postings lists shipped between nodes (term partitioning) */
  postingsShipped: number;
}

export function fanOut(index: InvertedIndex, terms: readonly string[], partition: Partition, shards: number, globalIdf: boolean, topK: number): FanOut {
  if (partition === 'document') {
    const all = Array.from({ length: shards }, (_, s) => s);
    const rounds = globalIdf && shards > 1 ? 2 : 1;
    const statsBytes = rounds === 2 ? shards * (REQUEST_BYTES + terms.length * STATS_BYTES_PER_TERM) : 0;
    return { shards: all, rounds, bytesMoved: shards * (REQUEST_BYTES + topK * HIT_BYTES) + statsBytes, postingsShipped: 0 };
  }
  const owners = [...new Set(terms.map((t) => ownerOfTerm(t, shards)))].sort((a, b) => a - b);
  let postings = 0;
  for (const t of terms) for (const f of FIELDS) postings += index.fields[f].terms.get(t)?.docs.length ?? 0;
  return { shards: owners, rounds: 1, bytesMoved: owners.length * REQUEST_BYTES + postings * POSTING_BYTES, postingsShipped: postings };
}

/** Per-shard document counts and field-length averages (computed once per index and S). */
export interface ShardLayout {
  shards: number;
  shardOf: Int32Array;
  docCount: number[];
  avgLength: Record<Field, number[]>;
}

export function shardLayout(index: InvertedIndex, shards: number): ShardLayout {
  const shardOf = new Int32Array(index.docCount);
  const docCount = new Array<number>(shards).fill(0);
  const sums = Object.fromEntries(FIELDS.map((f) => [f, new Array<number>(shards).fill(0)])) as Record<Field, number[]>;
  for (let id = 0; id < index.docCount; id++) {
    const s = shardOfVideo(id, shards);
    shardOf[id] = s;
    docCount[s]++;
    for (const f of FIELDS) sums[f][s] += index.fields[f].lengths[id];
  }
  const avgLength = Object.fromEntries(FIELDS.map((f) => [f, sums[f].map((sum, s) => (docCount[s] > 0 ? sum / docCount[s] : 0))])) as Record<Field, number[]>;
  return { shards, shardOf, docCount, avgLength };
}

/** One shard's own statistics: what it scores with under local IDF. */
export function localStats(index: InvertedIndex, layout: ShardLayout, shard: number): ScoringStats {
  const cache = new Map<string, number>();
  return {
    docCount: layout.docCount[shard],
    docFreq(field, term) {
      const key = `${field}\u0000${term}`;
      const hit = cache.get(key);
      if (hit !== undefined) return hit;
      const postings = index.fields[field].terms.get(term);
      let n = 0;
      if (postings) for (let i = 0; i < postings.docs.length; i++) if (layout.shardOf[postings.docs[i]] === shard) n++;
      cache.set(key, n);
      return n;
    },
    avgLength: (field) => layout.avgLength[field][shard],
  };
}

export interface RankChange {
  id: number;
  /** 1-based rank with global statistics */
  globalRank: number;
  /** 1-based rank after merging shards scored with local statistics (null: fell out of the top k) */
  localRank: number | null;
}

export function rankChanges(globalIds: readonly number[], localIds: readonly number[]): RankChange[] {
  return globalIds.map((id, k) => {
    const at = localIds.indexOf(id);
    return { id, globalRank: k + 1, localRank: at < 0 ? null : at + 1 };
  });
}
