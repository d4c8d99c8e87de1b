/**
 * BM25 against a hand-computed fixture (research §4.6, outcomes 1 and 2): Lucene's IDF, k1 = 1.2,
 * b = 0.75; b = 0 removes the length; k1 = 0 leaves the sum of IDFs. Expected values were computed
 * independently (Python, math.log) from the formula, not from this code.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildIndex, explain, idf, search, tfNorm, type Bm25Config } from '@/simulations/video-search';

const analyzer = { lowercase: true, stopWords: false, stemming: false, edgeNgramMin: 0 };
const docs = [
  { title: 'Cat cat dog', tags: [], description: '' },
  { title: 'cat', tags: [], description: '' },
  { title: 'bird dog fish fish', tags: [], description: '' },
];
const index = buildIndex(docs, analyzer);
const views = [1, 1, 1];
const lucene: Bm25Config = { k1: 1.2, b: 0.75, delta: 0, boosts: { title: 1, tags: 0, description: 0 }, popularity: 0 };
const scoreOf = (terms: string[], id: number, cfg = lucene) => search(index, terms, views, 1, cfg, { topK: 10 }).hits.find((h) => h.id === id)?.score;

describe('BM25 (Lucene form) on a three-document fixture', () => {
  it('matches the hand-computed scores to 1e-9', () => {
    expect(index.fields.title.avgLength).toBeCloseTo(8 / 3, 12);
    expect(scoreOf(['cat'], 0)).toBeCloseTo(0.6243067075264112, 9);
    expect(scoreOf(['cat'], 1)).toBeCloseTo(0.6314552576125915, 9);
    expect(scoreOf(['cat', 'dog'], 0)).toBeCloseTo(1.0714452953493812, 9);
    expect(scoreOf(['fish'], 2)).toBeCloseTo(1.1823695104798895, 9);
    expect(scoreOf(['cat'], 2)).toBeUndefined();
  });

  it('explains a score as the sum of boost × IDF × TF per term and field', () => {
    const parts = explain(index, ['cat', 'dog'], 0, lucene);
    expect(parts.map((p) => [p.term, p.field, p.tf, p.docFreq])).toEqual([['cat', 'title', 2, 2], ['dog', 'title', 1, 2]]);
    expect(parts[0].idf).toBeCloseTo(0.47000362924573563, 12);
    expect(parts.reduce((s, p) => s + p.score, 0)).toBeCloseTo(scoreOf(['cat', 'dog'], 0)!, 12);
  });

  it('IDF(N = 10, n = 1) = 1.9924 and IDF falls as n grows, never below 0', () => {
    expect(idf(10, 1)).toBeCloseTo(1.992430164690206, 12);
    expect(Number(idf(10, 1).toFixed(4))).toBe(1.9924);
    for (let n = 1; n < 10; n++) expect(idf(10, n + 1)).toBeLessThan(idf(10, n));
    expect(idf(10, 10)).toBeGreaterThan(0);
  });

  it('b = 0: the score does not depend on |D| (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 500 }), fc.double({ min: 0.1, max: 100, noNaN: true }), fc.double({ min: 0, max: 3, noNaN: true }), (tf, l1, l2, avg, k1) => {
      expect(tfNorm(tf, l1, avg, k1, 0)).toBe(tfNorm(tf, l2, avg, k1, 0));
    }));
  });

  it('k1 = 0: the score is the sum of the IDFs of the matched terms', () => {
    const flat = { ...lucene, k1: 0 };
    expect(scoreOf(['cat', 'dog'], 0, flat)).toBeCloseTo(2 * 0.47000362924573563, 12);
    expect(scoreOf(['fish', 'dog', 'bird'], 2, flat)).toBeCloseTo(0.9808292530117263 + 0.47000362924573563 + 0.9808292530117263, 12);
  });

  it('saturates: more occurrences never lower the TF part and it stays below k1 + 1 (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 300 }), fc.double({ min: 1, max: 100, noNaN: true }), fc.double({ min: 0.01, max: 3, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (tf, len, avg, k1, b) => {
      const a = tfNorm(tf, len, avg, k1, b);
      expect(tfNorm(tf + 1, len, avg, k1, b)).toBeGreaterThanOrEqual(a);
      expect(a).toBeLessThan(k1 + 1);
    }));
  });

  it('field boosts and popularity multiply: a title match beats a tag match; more views rank higher on equal text', () => {
    const two = buildIndex([{ title: 'guitar lesson', tags: ['piano'], description: '' }, { title: 'piano lesson', tags: ['guitar'], description: '' }], analyzer);
    const cfg: Bm25Config = { k1: 1.2, b: 0.75, delta: 0, boosts: { title: 3, tags: 2, description: 1 }, popularity: 0 };
    expect(search(two, ['guitar'], [1, 1], 1, cfg, { topK: 2 }).hits.map((h) => h.id)).toEqual([0, 1]);
    const same = buildIndex([{ title: 'cat video', tags: [], description: '' }, { title: 'cat video', tags: [], description: '' }], analyzer);
    expect(search(same, ['cat'], [10, 1_000_000], 1_000_000, { ...cfg, popularity: 0.5 }, { topK: 2 }).hits.map((h) => h.id)).toEqual([1, 0]);
    expect(search(same, ['cat'], [10, 1_000_000], 1_000_000, cfg, { topK: 2 }).hits.map((h) => h.id)).toEqual([0, 1]);
  });
});

describe('top k', () => {
  it('the bounded selection equals a full sort by score then id (property)', async () => {
    const { topK, byScore } = await import('@/simulations/video-search/ranking/bm25');
    fc.assert(fc.property(fc.array(fc.record({ id: fc.integer({ min: 0, max: 10_000 }), score: fc.constantFrom(0.5, 1, 2, 3.25, 7) }), { maxLength: 300 }), fc.integer({ min: 1, max: 20 }), (raw, k) => {
      const hits = [...new Map(raw.map((h) => [h.id, { ...h, text: h.score, popularity: 1, matchedTerms: 1 }])).values()];
      expect(topK([...hits], k)).toEqual([...hits].sort(byScore).slice(0, k));
    }));
  });
});
