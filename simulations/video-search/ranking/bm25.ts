/**
 * BM25 (Robertson & Zaragoza 2009; Lucene's BM25Similarity), per field, summed with field boosts,
 * times a popularity multiplier (research §4.1):
 *
 *   score(D,Q) = pop(D) · Σ_q Σ_f boost_f · IDF_f(q) · ( δ + tf·(k1+1) / (tf + k1·(1 − b + b·|D|_f/avgdl_f)) )
 *   IDF(q)     = ln(1 + (N − n_q + 0.5)/(n_q + 0.5))      (Lucene form, never negative)
 *   pop(D)     = 1 + w · log10(1 + views) / log10(1 + maxViews)
 *
 * δ = 0 is BM25; δ > 0 is BM25+ (Lv & Zhai 2011), MiniSearch's default (δ = 0.5, b = 0.7).
 * n_q counts the videos with q in THAT field, as MiniSearch and Elasticsearch's per-field scoring do.
 */
import { DetMath } from '../../core/math';
import { FIELDS, type Field, type InvertedIndex } from '../index/invertedIndex';

export interface Bm25Config {
  k1: number;
  b: number;
  /** BM25+ lower bound δ (0 = plain BM25) */
  delta: number;
  boosts: Readonly<Record<Field, number>>;
  /** w of the popularity multiplier (0 = text relevance only) */
  popularity: number;
}

/** Lucene's IDF: ln(1 + (N − n + 0.5)/(n + 0.5)). */
export function idf(docCount: number, docFreq: number): number {
  return DetMath.log(1 + (docCount - docFreq + 0.5) / (docFreq + 0.5));
}

/** The term-frequency part: δ + tf·(k1+1) / (tf + k1·(1 − b + b·len/avgLen)). */
export function tfNorm(tf: number, length: number, avgLength: number, k1: number, b: number, delta = 0): number {
  const norm = avgLength > 0 ? 1 - b + (b * length) / avgLength : 1;
  return delta + (tf * (k1 + 1)) / (tf + k1 * norm);
}

/** One term's BM25 contribution in one field. */
export function bm25Term(tf: number, length: number, avgLength: number, docCount: number, docFreq: number, cfg: Pick<Bm25Config, 'k1' | 'b' | 'delta'>): number {
  return idf(docCount, docFreq) * tfNorm(tf, length, avgLength, cfg.k1, cfg.b, cfg.delta);
}

export function popularityMultiplier(views: number, maxViews: number, weight: number): number {
  if (weight === 0 || maxViews <= 0) return 1;
  return 1 + weight * (DetMath.log10(1 + views) / DetMath.log10(1 + maxViews));
}

/** Collection statistics a score uses: global, or one shard's (local IDF). */
export interface ScoringStats {
  docCount: number;
  docFreq(field: Field, term: string): number;
  avgLength(field: Field): number;
}

export function globalStats(index: InvertedIndex): ScoringStats {
  return {
    docCount: index.docCount,
    docFreq: (field, term) => index.fields[field].terms.get(term)?.docs.length ?? 0,
    avgLength: (field) => index.fields[field].avgLength,
  };
}

export interface TermExplanation {
  term: string;
  field: Field;
  tf: number;
  docFreq: number;
  idf: number;
  tfNorm: number;
  boost: number;
  /** boost · idf · tfNorm */
  score: number;
}

export interface Hit {
  id: number;
  /** final score: text × popularity */
  score: number;
  text: number;
  popularity: number;
  /** distinct query terms matched */
  matchedTerms: number;
}

export interface SearchOutcome {
  hits: Hit[];
  postingsTouched: number;
  /** videos with at least one query term */
  matched: number;
}

export interface SearchOptions {
  topK: number;
  /** only these videos count (a shard's); undefined = all */
  filter?: (id: number) => boolean;
  stats?: ScoringStats;
}

/** Videos ordered by score, ties by id (so every engine gives the same order). */
export function byScore(a: Hit, b: Hit): number {
  return b.score - a.score || a.id - b.id;
}

/** log10(1 + views) / log10(1 + maxViews) per video, computed once per views array (it never changes). */
const normalisedViews = new WeakMap<object, Float64Array>();
function popularityShares(views: ArrayLike<number>, maxViews: number): Float64Array {
  let shares = normalisedViews.get(views as object);
  if (!shares) {
    const top = DetMath.log10(1 + maxViews);
    shares = new Float64Array(views.length);
    for (let i = 0; i < views.length; i++) shares[i] = top > 0 ? DetMath.log10(1 + views[i]) / top : 0;
    normalisedViews.set(views as object, shares);
  }
  return shares;
}

/**
 * Term-at-a-time scoring over the postings of each query term in each field (an accumulator per
 * video in a typed array, the touched videos listed once), then the top k. `views` gives the
 * popularity multiplier.
 */
export function search(index: InvertedIndex, terms: readonly string[], views: ArrayLike<number>, maxViews: number, cfg: Bm25Config, opts: SearchOptions): SearchOutcome {
  const stats = opts.stats ?? globalStats(index);
  const text = new Float64Array(index.docCount);
  const mask = new Int32Array(index.docCount);
  const touched: number[] = [];
  let postingsTouched = 0;
  terms.forEach((term, qi) => {
    const bit = 1 << Math.min(qi, 30);
    for (const field of FIELDS) {
      const boost = cfg.boosts[field];
      const postings = index.fields[field].terms.get(term);
      if (!postings || boost === 0) continue;
      const weight = boost * idf(stats.docCount, stats.docFreq(field, term));
      const avg = stats.avgLength(field);
      const lengths = index.fields[field].lengths;
      const { docs, tfs } = postings;
      postingsTouched += docs.length;
      for (let i = 0; i < docs.length; i++) {
        const id = docs[i];
        if (opts.filter && !opts.filter(id)) continue;
        if (mask[id] === 0) touched.push(id);
        text[id] += weight * tfNorm(tfs[i], lengths[id], avg, cfg.k1, cfg.b, cfg.delta);
        mask[id] |= bit;
      }
    }
  });
  const shares = cfg.popularity === 0 ? null : popularityShares(views, maxViews);
  const hits: Hit[] = new Array(touched.length);
  for (let k = 0; k < touched.length; k++) {
    const id = touched[k];
    const pop = shares ? 1 + cfg.popularity * shares[id] : 1;
    hits[k] = { id, score: text[id] * pop, text: text[id], popularity: pop, matchedTerms: bitCount(mask[id]) };
  }
  return { hits: topK(hits, opts.topK), postingsTouched, matched: hits.length };
}

function bitCount(x: number): number {
  let n = 0;
  for (let v = x; v !== 0; v &= v - 1) n++;
  return n;
}

/** The k best by byScore: a bounded insertion list when k is small, a full sort otherwise. */
export function topK(hits: Hit[], k: number): Hit[] {
  if (k >= hits.length / 4) return hits.sort(byScore).slice(0, k);
  const best: Hit[] = [];
  for (const h of hits) {
    if (best.length === k && byScore(h, best[k - 1]) >= 0) continue;
    let at = best.length === k ? k - 1 : best.length;
    while (at > 0 && byScore(h, best[at - 1]) < 0) at--;
    best.splice(at, 0, h);
    if (best.length > k) best.pop();
  }
  return best;
}

/** Why a video scored what it did: every (term, field) contribution, largest first. */
export function explain(index: InvertedIndex, terms: readonly string[], id: number, cfg: Bm25Config, stats: ScoringStats = globalStats(index)): TermExplanation[] {
  const out: TermExplanation[] = [];
  for (const term of terms) {
    for (const field of FIELDS) {
      const postings = index.fields[field].terms.get(term);
      if (!postings) continue;
      const at = lowerBound(postings.docs, id);
      if (at >= postings.docs.length || postings.docs[at] !== id) continue;
      const n = stats.docFreq(field, term);
      const i = idf(stats.docCount, n);
      const t = tfNorm(postings.tfs[at], index.fields[field].lengths[id], stats.avgLength(field), cfg.k1, cfg.b, cfg.delta);
      const boost = cfg.boosts[field];
      out.push({ term, field, tf: postings.tfs[at], docFreq: n, idf: i, tfNorm: t, boost, score: boost * i * t });
    }
  }
  return out.sort((a, b) => b.score - a.score || a.term.localeCompare(b.term));
}

function lowerBound(sorted: Int32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
