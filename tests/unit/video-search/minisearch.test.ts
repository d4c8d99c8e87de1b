/**
 * Our index against MiniSearch 7.2 on the same catalogue and analyzer. Where the scoring is the same
 * they agree to 1e-9; where it is not (SCORING_DIFFERENCES), the test says which difference it is.
 */
import { describe, expect, it } from 'vitest';
import { buildVideoSearch, search, SCORING_DIFFERENCES, type Bm25Config } from '@/simulations/video-search';
import { searchMiniSearch } from '@/simulations/video-search/compare/miniSearchRun';
import { analyzeQuery } from '@/simulations/video-search';

const analyzer = { lowercase: true, stopWords: true, stemming: true, edgeNgramMin: 0 };
const vs = buildVideoSearch(11, { videos: 1500, zipf: 1, topViews: 50_000_000 }, analyzer);
// stemming folds "relaxing … to relax" into a repeated term: only without it do titles never repeat one
const unstemmed = { ...analyzer, stemming: false };
const plain = buildVideoSearch(11, { videos: 1500, zipf: 1, topViews: 50_000_000 }, unstemmed);
const QUERIES = ['lofi hip hop radio', 'easy pasta recipe', 'tokyo walking tour', 'guitar lessons for beginners', 'cat', 'minecraft speedrun', 'python crash course'];

function ours(terms: string[], cfg: Bm25Config, on = vs) {
  return search(on.index, terms, on.views, on.maxViews, cfg, { topK: on.index.docCount }).hits;
}

describe('MiniSearch side by side', () => {
  it('where the scoring is the same (title and tags, which never repeat a term within a video unstemmed; BM25+ δ = 0.5, b = 0.7): MiniSearch = ours × matched query terms, to 1e-9, and the same top 10', () => {
    const cfg: Bm25Config = { k1: 1.2, b: 0.7, delta: 0.5, boosts: { title: 3, tags: 2, description: 0 }, popularity: 0.5 };
    for (const q of QUERIES) {
      const terms = analyzeQuery(q, unstemmed);
      const mine = ours(terms, cfg, plain);
      const byId = new Map(mine.map((h) => [h.id, h]));
      const theirs = searchMiniSearch(plain.miniSearch(), terms, plain.views, plain.maxViews, cfg, 10);
      expect(theirs.length, q).toBe(10);
      for (const t of theirs) {
        const h = byId.get(t.id)!;
        expect(t.matchedTerms, q).toBe(h.matchedTerms);
        expect(Math.abs(t.score - h.score * h.matchedTerms) / t.score, `${q} #${t.id}`).toBeLessThan(1e-9);
      }
      // the same order once our scores carry MiniSearch's coordination factor
      const coordinated = [...mine].sort((a, b) => b.score * b.matchedTerms - a.score * a.matchedTerms || a.id - b.id).slice(0, 10);
      expect(theirs.map((t) => t.id), q).toEqual(coordinated.map((h) => h.id));
    }
  });

  it('with plain BM25 on every field (the lab’s default) the scores differ by the coordination factor and the distinct-token field length, and the top hits still mostly agree', () => {
    expect(SCORING_DIFFERENCES).toHaveLength(3);
    const cfg: Bm25Config = { k1: 1.2, b: 0.75, delta: 0, boosts: { title: 3, tags: 2, description: 1 }, popularity: 0.5 };
    let overlap = 0;
    let exact = 0;
    for (const q of QUERIES) {
      const terms = analyzeQuery(q, analyzer);
      const mine = ours(terms, cfg).slice(0, 10).map((h) => h.id);
      const theirs = searchMiniSearch(vs.miniSearch(), terms, vs.views, vs.maxViews, cfg, 10).map((t) => t.id);
      overlap += theirs.filter((id) => mine.includes(id)).length;
      if (theirs.join() === mine.join()) exact++;
    }
    expect(overlap / (10 * QUERIES.length)).toBeGreaterThan(0.6);
    // descriptions repeat words ("lofi … lofi"), so MiniSearch's distinct-token length reorders some
    expect(exact).toBeLessThan(QUERIES.length);
  });
});
