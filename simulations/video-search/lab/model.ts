/**
 * The run `create` builds: the catalogue and its index (videoSearchFor, cached), the typed query
 * keystroke by keystroke, its fan-out to the shards, a window of sampled queries for the latency
 * distribution, and a new upload through the indexing pipeline. Maps params onto the parts' configs.
 */
import { createActor } from 'xstate';
import type { SimContext } from '../../core/lab';
import { indexingPipelineMachine } from '../machines/indexingPipeline';
import type { RandomStream } from '../../core/rng';
import type { AnalyzerConfig } from '../analysis/analyzer';
import { FIELDS, type Field } from '../index/invertedIndex';
import { buildIndex, totalPostings, vocabularySize } from '../index/invertedIndex';
import { explain, globalStats, search, type Bm25Config, type Hit, type ScoringStats } from '../ranking/bm25';
import { fanOut, localStats, ownerOfTerm, rankChanges, shardLayout, REQUEST_BYTES, STATS_BYTES_PER_TERM, type FanOut, type ShardLayout } from '../sharding/partition';
import { allShardsWithin, fanOutQuantile, quantileOf, sampleShardLatency, type ShardLatency } from '../sharding/tailLatency';
import { freshnessTimeline } from '../freshness/pipeline';
import { searchMiniSearch, SCORING_DIFFERENCES } from '../compare/miniSearchRun';
import { queryTerms, typeaheadFor, videoSearchFor, type KeystrokeAnswer, type VideoSearch } from '../engine/videoSearch';
import type { VideoSearchParams } from './schema';
import { KEY_MS, LOAD_WINDOW_MS, PUBLISH_MS, RECHECK_MS, TOP_K, type RankedHit, type VideoSearchEvent, type VideoSearchFrame, type VideoSearchSeriesName } from './series';

type VsContext = SimContext<VideoSearchEvent, VideoSearchSeriesName>;

/** Heap bytes per posting in this index (id + tf in typed arrays, Map entry share) and per video stored. */
export const INDEX_BYTES_PER_POSTING = 12;
const TOP_VIEWS = 50_000_000;

export function analyzerConfig(p: VideoSearchParams): AnalyzerConfig {
  return { lowercase: p.lowercase, stopWords: p.stopWords, stemming: p.stemming, edgeNgramMin: p.edgeNgrams };
}

export function bm25Config(p: VideoSearchParams): Bm25Config {
  return { k1: p.k1, b: p.b, delta: p.delta, boosts: { title: p.titleBoost, tags: p.tagsBoost, description: p.descriptionBoost }, popularity: p.popularity };
}

export function shardLatencyOf(p: VideoSearchParams): ShardLatency {
  return { medianMs: p.shardMedianMs, p99Ms: p.shardP99Ms };
}

/** When each phase starts, from the params alone. */
export function timeline(p: VideoSearchParams) {
  const queryAt = KEY_MS * (p.query.length + 1);
  // generous upper bound of the single query's latency: 2 rounds at 20× the shard p99
  const loadAt = queryAt + 2 * 20 * p.shardP99Ms + 500;
  const uploadAt = loadAt + LOAD_WINDOW_MS + 1000;
  const fresh = freshnessTimeline(uploadAt, { publishMs: PUBLISH_MS, indexLagMs: p.indexLagS * 1000, refreshMs: p.refreshS * 1000 });
  const lastRecheck = fresh.searchableAt + RECHECK_MS;
  return { queryAt, loadAt, uploadAt, fresh, lastRecheck, horizon: lastRecheck + 500 };
}

export function horizonOf(p: VideoSearchParams): number {
  return timeline(p).horizon;
}

export interface QueryOutcome {
  terms: string[];
  dropped: string[];
  hits: Hit[];
  matched: number;
  postingsTouched: number;
  fan: FanOut;
  /** local-IDF merged top k (document partitioning, S > 1) */
  localHits: Hit[] | null;
}

export interface VideoSearchModel {
  readonly params: VideoSearchParams;
  readonly vs: VideoSearch;
  readonly layout: ShardLayout;
  readonly outcome: QueryOutcome;
  readonly keystrokes: KeystrokeAnswer[];
  readonly replies: { shard: number; latencyMs: number; round: number }[];
  readonly times: ReturnType<typeof timeline>;
  readonly newVideo: { id: number; title: string; tags: string[]; description: string; views: number };
  state: {
    keystrokes: number;
    answered: number;
    resultsShown: boolean;
    latencies: number[];
    fresh: VideoSearchFrame['freshness']['state'];
    lastRank: number | null;
  };
  miniCache: VideoSearchFrame['miniSearch'] | undefined;
  /** the ranked hits with explanations (fixed once the query ran) and the latencies sorted at a count */
  hitsCache: RankedHit[] | undefined;
  readonly indexStats: VideoSearchFrame['index'];
  sortedCache: { count: number; sorted: number[] };
}

/** The document-partitioned answer with each shard's own statistics: every shard's top k, merged. */
export function localIdfMerge(vs: VideoSearch, layout: ShardLayout, terms: readonly string[], cfg: Bm25Config, k: number): Hit[] {
  const merged: Hit[] = [];
  for (let s = 0; s < layout.shards; s++) {
    const shardHits = search(vs.index, terms, vs.views, vs.maxViews, cfg, { topK: k, filter: (id) => layout.shardOf[id] === s, stats: localStats(vs.index, layout, s) });
    merged.push(...shardHits.hits);
  }
  return merged.sort((a, b) => b.score - a.score || a.id - b.id).slice(0, k);
}

export function runQuery(vs: VideoSearch, layout: ShardLayout, p: VideoSearchParams): QueryOutcome {
  const terms = queryTerms(vs, p.query);
  const surface = p.query.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const dropped = p.stopWords ? surface.filter((w) => !terms.some((t) => w.startsWith(t.toLowerCase()))) : [];
  const cfg = bm25Config(p);
  const { hits, matched, postingsTouched } = search(vs.index, terms, vs.views, vs.maxViews, cfg, { topK: TOP_K });
  const fan = fanOut(vs.index, terms, p.partition, p.shards, p.idf === 'global', TOP_K);
  const localHits = p.partition === 'document' && p.idf === 'local' && p.shards > 1 ? localIdfMerge(vs, layout, terms, cfg, TOP_K) : null;
  return { terms, dropped, hits, matched, postingsTouched, fan, localHits };
}

/** Statistics with one extra document (the new upload) in a searchable segment. */
function statsWithSegment(vs: VideoSearch, segment: ReturnType<typeof buildIndex>): ScoringStats {
  const base = globalStats(vs.index);
  const n = vs.index.docCount;
  return {
    docCount: n + 1,
    docFreq: (field, term) => base.docFreq(field, term) + (segment.fields[field].terms.has(term) ? 1 : 0),
    avgLength: (field) => (base.avgLength(field) * n + segment.fields[field].lengths[0]) / (n + 1),
  };
}

/** Rank the new upload takes for the query once searchable (1-based), or null if it does not match. */
export function rankOfNewVideo(model: VideoSearchModel): number | null {
  const { vs, params: p, newVideo } = model;
  const segment = buildIndex([newVideo], vs.index.analyzer);
  const stats = statsWithSegment(vs, segment);
  const cfg = bm25Config(p);
  const terms = model.outcome.terms;
  const parts = explain(segment, terms, 0, cfg, stats);
  if (parts.length === 0) return null;
  const score = parts.reduce((s, x) => s + x.score, 0); // 0 views: popularity multiplier 1
  const { hits } = search(vs.index, terms, vs.views, vs.maxViews, cfg, { topK: TOP_K * 10, stats });
  return 1 + hits.filter((h) => h.score > score).length;
}

function indexStatsOf(vs: VideoSearch): VideoSearchFrame['index'] {
  const postings = totalPostings(vs.index);
  return { videos: vs.index.docCount, terms: vocabularySize(vs.index), postings, indexBytes: postings * INDEX_BYTES_PER_POSTING, trieNodes: vs.typeahead.nodes + vs.phrases.nodes, titlePhrases: vs.phrases.words };
}

function record(ctx: VsContext, e: VideoSearchEvent): void {
  ctx.recorder.log(e);
}

function titleOf(vs: VideoSearch, id: number): string {
  return vs.videos[id].title;
}

function scheduleLoad(model: VideoSearchModel, ctx: VsContext, rng: RandomStream): void {
  const p = model.params;
  const { fan } = model.outcome;
  const width = Math.max(1, fan.shards.length);
  const lat = shardLatencyOf(p);
  const spacing = LOAD_WINDOW_MS / p.loadQueries;
  const marks = new Set([0.25, 0.5, 0.75].map((f) => Math.round(f * p.loadQueries)));
  for (let q = 1; q <= p.loadQueries; q++) {
    ctx.scheduler.at(model.times.loadAt + q * spacing, () => {
      let total = 0;
      let first = 0;
      for (let r = 0; r < fan.rounds; r++) {
        let slowest = 0;
        for (let s = 0; s < width; s++) {
          const l = sampleShardLatency(lat, rng);
          if (r === 0 && s === 0) first = l;
          slowest = Math.max(slowest, l);
        }
        total += slowest;
      }
      model.state.latencies.push(total);
      ctx.recorder.sample('queryLatency', total);
      ctx.recorder.sample('shardLatency', first);
      if (marks.has(q) || q === p.loadQueries) {
        const sorted = [...model.state.latencies].sort((a, b) => a - b);
        const p50Ms = quantileOf(sorted, 0.5);
        const p99Ms = quantileOf(sorted, 0.99);
        if (q === p.loadQueries) {
          record(ctx, { type: 'tail', queries: q, fanOut: width, p50Ms, p99Ms, theoryP99Ms: fan.rounds === 1 ? fanOutQuantile(lat, 0.99, width) : Number.NaN, shardP99Ms: p.shardP99Ms });
        } else {
          record(ctx, { type: 'load-progress', done: q, total: p.loadQueries, p50Ms, p99Ms });
        }
      }
    });
  }
}

export function createVideoSearch(params: VideoSearchParams, ctx: VsContext): VideoSearchModel {
  const vs = videoSearchFor(ctx.rng.seed, { videos: params.videos, zipf: params.zipf, topViews: TOP_VIEWS }, analyzerConfig(params));
  const layout = shardLayout(vs.index, params.shards);
  const outcome = runQuery(vs, layout, params);
  const keystrokes = Array.from({ length: params.query.length }, (_, k) => typeaheadFor(vs, params.query.slice(0, k + 1)));
  const latencyRng = ctx.rng.stream('shard-latency');
  const lat = shardLatencyOf(params);
  const replies: VideoSearchModel['replies'] = [];
  const times = timeline(params);
  let roundStart = times.queryAt;
  for (let r = 0; r < outcome.fan.rounds; r++) {
    let slowest = 0;
    for (const shard of outcome.fan.shards) {
      const latencyMs = sampleShardLatency(lat, latencyRng);
      replies.push({ shard, latencyMs: roundStart - times.queryAt + latencyMs, round: r });
      slowest = Math.max(slowest, latencyMs);
    }
    roundStart += slowest;
  }
  const title = `${params.query.trim().replace(/(^|\s)(\p{L})/gu, (_, s: string, l: string) => s + l.toUpperCase())} (new upload)`;
  const newVideo = { id: vs.videos.length, title, tags: params.query.trim().toLowerCase().split(/\s+/), description: 'Uploaded just now.', views: 0 };
  const model: VideoSearchModel = {
    params, vs, layout, outcome, keystrokes, replies, times, newVideo,
    state: { keystrokes: 0, answered: 0, resultsShown: false, latencies: [], fresh: 'waiting', lastRank: null },
    miniCache: undefined,
    hitsCache: undefined,
    indexStats: indexStatsOf(vs),
    sortedCache: { count: 0, sorted: [] },
  };

  record(ctx, { type: 'catalogue', ...model.indexStats, topViews: vs.maxViews });
  if (params.partition === 'document') layout.docCount.forEach((videos, shard) => record(ctx, { type: 'shard-built', shard, videos }));

  keystrokes.forEach((k, i) => ctx.scheduler.at(KEY_MS * (i + 1), () => {
    model.state.keystrokes = i + 1;
    record(ctx, { type: 'keystroke', typed: k.typed, prefix: k.prefix, source: k.source, suggestions: k.suggestions.map((s) => s.text), nodesVisited: k.nodesVisited });
  }));

  ctx.scheduler.at(times.queryAt, () => record(ctx, { type: 'query', text: params.query, terms: outcome.terms, dropped: outcome.dropped, fanOut: outcome.fan.shards.length, partition: params.partition, rounds: outcome.fan.rounds }));
  const rounds = outcome.fan.rounds;
  if (rounds === 2) {
    const statsEnd = Math.max(...replies.filter((r) => r.round === 0).map((r) => r.latencyMs));
    ctx.scheduler.at(times.queryAt + statsEnd, () => record(ctx, { type: 'stats-round', shards: outcome.fan.shards.length, bytes: outcome.fan.shards.length * (REQUEST_BYTES + outcome.terms.length * STATS_BYTES_PER_TERM) }));
  }
  const answers = replies.filter((r) => r.round === rounds - 1).sort((a, b) => a.latencyMs - b.latencyMs || a.shard - b.shard);
  const perShardHits = (shard: number) => (params.partition === 'document' ? outcome.hits.filter((h) => model.layout.shardOf[h.id] === shard).length : 0);
  const perShardPostings = (shard: number) => {
    let n = 0;
    for (const t of outcome.terms) {
      for (const f of FIELDS as readonly Field[]) {
        const pl = vs.index.fields[f].terms.get(t);
        if (!pl) continue;
        if (params.partition === 'term') n += (ownerOfTerm(t, params.shards) === shard ? pl.docs.length : 0);
        else for (let i = 0; i < pl.docs.length; i++) if (layout.shardOf[pl.docs[i]] === shard) n++;
      }
    }
    return n;
  };
  const queryLatency = answers.length ? answers[answers.length - 1].latencyMs : 0;
  for (const a of answers) {
    ctx.scheduler.at(times.queryAt + a.latencyMs, () => {
      model.state.answered++;
      record(ctx, { type: 'shard-reply', shard: a.shard, latencyMs: a.latencyMs, hits: perShardHits(a.shard), postings: perShardPostings(a.shard) });
    });
  }
  ctx.scheduler.at(times.queryAt + queryLatency, () => {
    model.state.resultsShown = true;
    const shown = outcome.localHits ?? outcome.hits;
    const reordered = outcome.localHits ? rankChanges(outcome.hits.map((h) => h.id), outcome.localHits.map((h) => h.id)).filter((c) => c.localRank !== c.globalRank).length : 0;
    record(ctx, { type: 'results', matched: outcome.matched, postingsTouched: outcome.postingsTouched, bytesMoved: outcome.fan.bytesMoved, latencyMs: queryLatency, top: shown.slice(0, 3).map((h) => ({ id: h.id, title: titleOf(vs, h.id), score: h.score })), reordered });
  });

  scheduleLoad(model, ctx, ctx.rng.stream('load-latency'));

  const f = times.fresh;
  const pipeline = createActor(indexingPipelineMachine, {
    clock: ctx.clock,
    input: {
      timeline: f,
      now: () => ctx.scheduler.now,
      observer: {
        step(step) {
          model.state.fresh = step;
          record(ctx, step === 'uploaded' ? { type: 'upload', id: newVideo.id, title: newVideo.title } : { type: step, id: newVideo.id });
        },
      },
    },
  });
  pipeline.start();
  let rank: number | null | undefined;
  for (let t = f.uploadedAt + RECHECK_MS; t <= times.lastRecheck; t += RECHECK_MS) {
    ctx.scheduler.at(t, () => {
      const found = t >= f.searchableAt;
      if (found && rank === undefined) rank = rankOfNewVideo(model);
      model.state.lastRank = found ? (rank ?? null) : null;
      record(ctx, { type: 'recheck', found: found && rank !== null, rank: found ? (rank ?? null) : null, sinceUploadMs: t - f.uploadedAt });
    });
  }
  return model;
}

function rankedHit(model: VideoSearchModel, h: Hit, rank: number, stats?: ScoringStats): RankedHit {
  const v = model.vs.videos[h.id];
  const terms = explain(model.vs.index, model.outcome.terms, h.id, bm25Config(model.params), stats);
  return { rank, id: h.id, title: v.title, tags: v.tags, views: v.views, score: h.score, text: h.text, popularity: h.popularity, matchedTerms: h.matchedTerms, terms };
}

export function rankedHits(model: VideoSearchModel): RankedHit[] {
  const { outcome, layout } = model;
  model.hitsCache ??= outcome.localHits
    ? outcome.localHits.map((h, k) => rankedHit(model, h, k + 1, localStats(model.vs.index, layout, layout.shardOf[h.id])))
    : outcome.hits.map((h, k) => rankedHit(model, h, k + 1));
  return model.hitsCache;
}

/** The sampled latencies in ascending order (re-sorted only when more arrived). */
function sortedLatencies(model: VideoSearchModel): number[] {
  const { latencies } = model.state;
  if (model.sortedCache.count !== latencies.length) model.sortedCache = { count: latencies.length, sorted: [...latencies].sort((a, b) => a - b) };
  return model.sortedCache.sorted;
}

export function miniSearchComparison(model: VideoSearchModel): NonNullable<VideoSearchFrame['miniSearch']> {
  if (model.miniCache) return model.miniCache;
  const { vs, outcome, params } = model;
  const ours = outcome.hits.map((h) => h.id);
  const hits = searchMiniSearch(vs.miniSearch(), outcome.terms, vs.views, vs.maxViews, bm25Config(params), TOP_K).map((h) => {
    const at = ours.indexOf(h.id);
    return { ...h, title: vs.videos[h.id].title, ourRank: at < 0 ? null : at + 1 };
  });
  model.miniCache = { hits, overlapAt10: hits.filter((h) => h.ourRank !== null).length, differences: SCORING_DIFFERENCES };
  return model.miniCache;
}

/** Measured and theoretical P(query latency ≤ t) at a few t, for the chart. */
function tailCurve(model: VideoSearchModel, width: number): VideoSearchFrame['tail']['curve'] {
  const sorted = sortedLatencies(model);
  const lat = shardLatencyOf(model.params);
  const hi = Math.max(fanOutQuantile(lat, 0.999, width) * model.outcome.fan.rounds, model.params.shardP99Ms * 1.5);
  const points = 40;
  return Array.from({ length: points + 1 }, (_, k) => {
    const t = (hi * k) / points;
    let lo = 0;
    let up = sorted.length;
    while (lo < up) {
      const mid = (lo + up) >>> 1;
      if (sorted[mid] <= t) lo = mid + 1;
      else up = mid;
    }
    return { t, measured: sorted.length ? lo / sorted.length : 0, theory: model.outcome.fan.rounds === 1 ? allShardsWithin(lat, t, width) : Number.NaN };
  });
}

export function videoSearchFrame(model: VideoSearchModel, ctx: VsContext): VideoSearchFrame {
  const { params: p, vs, outcome, state, times } = model;
  const k = state.keystrokes > 0 ? model.keystrokes[state.keystrokes - 1] : null;
  const width = Math.max(1, outcome.fan.shards.length);
  const lat = shardLatencyOf(p);
  const sorted = sortedLatencies(model);
  const answeredShards = model.replies.filter((r) => r.round === outcome.fan.rounds - 1 && times.queryAt + r.latencyMs <= ctx.scheduler.now).map((r) => r.shard).sort((a, b) => a - b);
  return {
    query: p.query,
    typed: k?.typed ?? '',
    source: k?.source ?? 'none',
    suggestions: k?.suggestions ?? [],
    nodesVisited: k?.nodesVisited ?? 0,
    terms: outcome.terms,
    hits: state.resultsShown ? rankedHits(model) : null,
    matched: outcome.matched,
    postingsTouched: outcome.postingsTouched,
    index: model.indexStats,
    sharding: {
      partition: p.partition,
      shards: p.shards,
      contacted: outcome.fan.shards,
      answered: answeredShards,
      rounds: outcome.fan.rounds,
      bytesMoved: outcome.fan.bytesMoved,
      postingsShipped: outcome.fan.postingsShipped,
      idf: p.idf,
      rankChanges: outcome.localHits ? rankChanges(outcome.hits.map((h) => h.id), outcome.localHits.map((h) => h.id)).map((c) => ({ ...c, title: vs.videos[c.id].title })) : [],
    },
    tail: {
      done: state.latencies.length,
      total: p.loadQueries,
      p50Ms: quantileOf(sorted, 0.5),
      p99Ms: quantileOf(sorted, 0.99),
      theoryP50Ms: outcome.fan.rounds === 1 ? fanOutQuantile(lat, 0.5, width) : Number.NaN,
      theoryP99Ms: outcome.fan.rounds === 1 ? fanOutQuantile(lat, 0.99, width) : Number.NaN,
      shardP99Ms: p.shardP99Ms,
      fanOut: width,
      curve: tailCurve(model, width),
    },
    freshness: { ...times.fresh, state: state.fresh, title: model.newVideo.title, lastRank: state.lastRank },
    miniSearch: state.resultsShown ? miniSearchComparison(model) : null,
  };
}
