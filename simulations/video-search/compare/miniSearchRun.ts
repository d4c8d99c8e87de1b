/**
 * The same catalogue and query through MiniSearch 7.2 (a real library), for comparison. Our analyzer
 * is handed to it (so both see the same terms), and so are k1, b, δ, the field boosts and the
 * popularity multiplier (boostDocument). Where the scoring still differs (say so in the UI):
 * 1. MiniSearch multiplies a video's score by the number of query terms it matched (a coordination
 *    factor); we do not.
 * 2. MiniSearch's field length is the number of DISTINCT tokens of the field; ours (Lucene's) counts
 *    every token.
 * 3. Its IDF uses Math.log, whose last bit differs between engines: its scores are shown, never put
 *    in the event log (which must be identical in Node and Chromium).
 */
import MiniSearch from 'minisearch';
import { analyze, type AnalyzerConfig } from '../analysis/analyzer';
import { FIELDS, type Field, fieldText, type IndexedDoc } from '../index/invertedIndex';
import { popularityMultiplier, type Bm25Config } from '../ranking/bm25';

export interface MiniSearchHit {
  id: number;
  score: number;
  matchedTerms: number;
}

export interface MiniSearchIndex {
  readonly engine: MiniSearch<{ id: number }>;
  readonly analyzer: AnalyzerConfig;
}

export const SCORING_DIFFERENCES = [
  'MiniSearch multiplies a score by the number of query terms the video matched; this index does not.',
  'MiniSearch measures a field’s length in distinct tokens; BM25 here (as in Lucene) counts every token.',
  'MiniSearch’s default is BM25+ with b = 0.7 and δ = 0.5; here it is given this lab’s k1, b and δ.',
] as const;

export function buildMiniSearch(docs: readonly (IndexedDoc & { id: number })[], analyzer: AnalyzerConfig): MiniSearchIndex {
  const engine = new MiniSearch<{ id: number }>({
    fields: [...FIELDS],
    idField: 'id',
    extractField: (doc, field) => (field === 'id' ? (doc as unknown as { id: number }).id : fieldText(doc as unknown as IndexedDoc, field as Field)) as unknown as string,
    tokenize: (text) => analyze(text, analyzer),
    processTerm: (term) => term,
  });
  engine.addAll(docs as unknown as { id: number }[]);
  return { engine, analyzer };
}

export function searchMiniSearch(index: MiniSearchIndex, queryTerms: readonly string[], views: ArrayLike<number>, maxViews: number, cfg: Bm25Config, topK: number): MiniSearchHit[] {
  if (queryTerms.length === 0) return [];
  const results = index.engine.search(queryTerms.join(' '), {
    // LOUD: MiniSearch reads a boost of 0 as 1 (`boost[field] || 1`); a field we weigh 0 is left out instead
    fields: FIELDS.filter((f) => cfg.boosts[f] > 0),
    tokenize: (text) => text.split(' '),
    processTerm: (term) => term,
    boost: { title: cfg.boosts.title, tags: cfg.boosts.tags, description: cfg.boosts.description },
    bm25: { k: cfg.k1, b: cfg.b, d: cfg.delta },
    boostDocument: (id) => popularityMultiplier(views[id as number], maxViews, cfg.popularity),
    combineWith: 'OR',
  });
  return results.slice(0, topK).map((r) => ({ id: r.id as number, score: r.score, matchedTerms: r.queryTerms.length }));
}
