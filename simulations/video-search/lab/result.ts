import type { SimContext } from '../../core/lab';
import type { VideoSearchModel } from './model';
import { miniSearchComparison, rankedHits, timeline, videoSearchFrame } from './model';
import type { VideoSearchEvent, VideoSearchFrame, VideoSearchSeriesName } from './series';

/** The CLI's --json document: the index, the query's answer with its explanation, sharding, tail latency, freshness, MiniSearch. */
export interface VideoSearchResult {
  index: VideoSearchFrame['index'];
  query: { text: string; terms: string[]; matched: number; postingsTouched: number };
  typeahead: { typed: string; suggestions: string[]; nodesVisited: number }[];
  hits: { rank: number; id: number; title: string; views: number; score: number; terms: { term: string; field: string; idf: number; tfNorm: number; boost: number; score: number }[] }[];
  sharding: { partition: string; shards: number; fanOut: number; rounds: number; bytesMoved: number; postingsShipped: number; idf: string; reordered: number };
  tail: { queries: number; p50Ms: number; p99Ms: number; theoryP99Ms: number | null; shardP99Ms: number };
  freshness: { uploadedAtMs: number; searchableAtMs: number; delayS: number; rank: number | null };
  miniSearch: { top: { id: number; title: string; ourRank: number | null }[]; overlapAt10: number; differences: readonly string[] };
}

const round = (v: number, digits = 6) => (Number.isFinite(v) ? Number(v.toFixed(digits)) : null);

export function videoSearchResult(model: VideoSearchModel, ctx: SimContext<VideoSearchEvent, VideoSearchSeriesName>): VideoSearchResult {
  const frame = videoSearchFrame(model, ctx);
  const mini = miniSearchComparison(model);
  const f = timeline(model.params).fresh;
  return {
    index: frame.index,
    query: { text: model.params.query, terms: model.outcome.terms, matched: model.outcome.matched, postingsTouched: model.outcome.postingsTouched },
    typeahead: model.keystrokes.map((k) => ({ typed: k.typed, suggestions: k.suggestions.map((s) => s.text), nodesVisited: k.nodesVisited })),
    hits: rankedHits(model).map((h) => ({ rank: h.rank, id: h.id, title: h.title, views: h.views, score: round(h.score)!, terms: h.terms.map((t) => ({ term: t.term, field: t.field, idf: round(t.idf)!, tfNorm: round(t.tfNorm)!, boost: t.boost, score: round(t.score)! })) })),
    sharding: { partition: frame.sharding.partition, shards: frame.sharding.shards, fanOut: frame.sharding.contacted.length, rounds: frame.sharding.rounds, bytesMoved: frame.sharding.bytesMoved, postingsShipped: frame.sharding.postingsShipped, idf: frame.sharding.idf, reordered: frame.sharding.rankChanges.filter((c) => c.localRank !== c.globalRank).length },
    tail: { queries: frame.tail.done, p50Ms: round(frame.tail.p50Ms, 3)!, p99Ms: round(frame.tail.p99Ms, 3)!, theoryP99Ms: round(frame.tail.theoryP99Ms, 3), shardP99Ms: frame.tail.shardP99Ms },
    freshness: { uploadedAtMs: f.uploadedAt, searchableAtMs: f.searchableAt, delayS: (f.searchableAt - f.uploadedAt) / 1000, rank: model.state.lastRank },
    miniSearch: { top: mini.hits.map((h) => ({ id: h.id, title: h.title, ourRank: h.ourRank })), overlapAt10: mini.overlapAt10, differences: mini.differences },
  };
}
