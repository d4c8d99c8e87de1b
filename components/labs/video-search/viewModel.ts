/** Selectors and prose: the video search run → what the view draws. */
import type { VideoSearchFrame, RankedHit, TermLine } from '@/simulations/video-search';
import { groupedNumber } from '@/simulations/core/numberText';

export const formatMs = (v: number) => (Number.isFinite(v) ? (v < 10 ? `${v.toFixed(1)} ms` : `${groupedNumber(Math.round(v))} ms`) : '—');
export const formatCount = (n: number) => groupedNumber(Math.round(n));
export function formatBytes(n: number): string {
  if (n >= 1 << 20) return `${(n / (1 << 20)).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} kB`;
  return `${Math.round(n)} B`;
}
export const formatScore = (v: number) => v.toFixed(3);

/** One line under the query box: what the trie did for the text typed so far. */
export function typeaheadLine(f: VideoSearchFrame): string {
  if (f.typed === '') return 'Typing starts in a moment…';
  const from = f.source === 'titles' ? 'most-viewed titles starting with it' : f.source === 'words' ? 'no title starts with it: completions of the last word' : 'nothing starts with it';
  return `“${f.typed}”: ${f.nodesVisited} trie node${f.nodesVisited === 1 ? '' : 's'} visited; ${from}.`;
}

/** A hit's score as a sentence: Σ boost × IDF × TF, then × popularity. */
export function scoreFormula(hit: RankedHit): string {
  return `${hit.terms.map((t) => `${t.boost}×${t.idf.toFixed(2)}×${t.tfNorm.toFixed(2)}`).join(' + ')} = ${hit.text.toFixed(3)}; × popularity ${hit.popularity.toFixed(3)} = ${hit.score.toFixed(3)}`;
}

export function termRowLabel(t: TermLine): string {
  return `“${t.term}” in ${t.field}`;
}

export function shardingSummary(f: VideoSearchFrame): string {
  const s = f.sharding;
  if (s.partition === 'document') {
    return `Document-partitioned: all ${s.shards} shard${s.shards === 1 ? '' : 's'} asked${s.rounds === 2 ? ' twice (a statistics round for the global IDF, then the query)' : ''}; each returns its top 10 (${formatBytes(s.bytesMoved)} moved).`;
  }
  return `Term-partitioned: only the owners of the ${f.terms.length} query term${f.terms.length === 1 ? '' : 's'} are asked (${s.contacted.length} of ${s.shards}); they ship ${formatCount(s.postingsShipped)} postings (${formatBytes(s.bytesMoved)}) to be merged.`;
}

/** Under the hits when they were merged from shards scored with their own statistics. */
export function mergedNote(f: VideoSearchFrame): string | null {
  const s = f.sharding;
  if (s.partition !== 'document' || s.idf !== 'local' || s.shards === 1) return null;
  return `Merged from ${s.shards} shards, each scoring with its own IDF (n below is the shard’s count). MiniSearch, one index, is compared with the single-index ranking.`;
}

export function rankChangeText(f: VideoSearchFrame): string | null {
  if (f.sharding.partition !== 'document' || f.sharding.idf !== 'local' || f.sharding.shards === 1) return null;
  const moved = f.sharding.rankChanges.filter((c) => c.localRank !== c.globalRank).length;
  return moved === 0 ? 'Local IDF kept the global top 10 in order.' : `Local IDF moved ${moved} of the global top 10 (a term rare on one shard weighs more there).`;
}

export function tailVerdict(f: VideoSearchFrame): string {
  const t = f.tail;
  if (t.done === 0) return `${formatCount(t.total)} queries will be sampled after the first one answers.`;
  const theory = Number.isFinite(t.theoryP99Ms) ? ` (p^S predicts ${formatMs(t.theoryP99Ms)})` : ' (two rounds: no closed form)';
  return `${formatCount(t.done)} queries waiting for ${t.fanOut} shard${t.fanOut === 1 ? '' : 's'}: p50 ${formatMs(t.p50Ms)}, p99 ${formatMs(t.p99Ms)}${theory}; one shard’s p99 is ${formatMs(t.shardP99Ms)}.`;
}

export const FRESHNESS_STEPS = [
  { id: 'uploaded', label: 'Uploaded', at: (f: VideoSearchFrame['freshness']) => f.uploadedAt },
  { id: 'published', label: 'Event on the bus', at: (f: VideoSearchFrame['freshness']) => f.publishedAt },
  { id: 'indexed', label: 'In the indexer', at: (f: VideoSearchFrame['freshness']) => f.indexedAt },
  { id: 'searchable', label: 'Searchable (refresh)', at: (f: VideoSearchFrame['freshness']) => f.searchableAt },
] as const;

export function freshnessLine(f: VideoSearchFrame['freshness'], now: number): string {
  if (f.state === 'waiting') return `“${f.title}” will be uploaded at ${(f.uploadedAt / 1000).toFixed(1)} s.`;
  const delay = ((f.searchableAt - f.uploadedAt) / 1000).toFixed(1);
  if (f.state !== 'searchable') return `Uploaded ${((now - f.uploadedAt) / 1000).toFixed(1)} s ago; searches miss it until ${(f.searchableAt / 1000).toFixed(1)} s (${delay} s after upload).`;
  return `Searchable ${delay} s after upload${f.lastRank !== null ? `; the query now finds it at rank ${f.lastRank}` : ''}.`;
}
