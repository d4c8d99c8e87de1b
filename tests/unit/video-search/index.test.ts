/**
 * The analyzer, the typeahead tries and the sharding arithmetic (research §4.6, outcomes 3 and 4),
 * with fast-check properties over the seeded catalogue.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { analyze, analyzeQuery, buildTypeahead, buildVideoSearch, complete, fanOut, ownerOfTerm, stem, typeaheadFor } from '@/simulations/video-search';
import { allShardsWithin, fanOutQuantile, normalCdf, normalQuantile, shardCdf } from '@/simulations/video-search/sharding/tailLatency';
import { freshnessTimeline } from '@/simulations/video-search';

const analyzer = { lowercase: true, stopWords: true, stemming: true, edgeNgramMin: 0 };
const vs = buildVideoSearch(7, { videos: 3000, zipf: 1, topViews: 50_000_000 }, analyzer);

describe('analyzer', () => {
  it('lower-cases, drops stop words, stems, and adds edge n-grams when asked', () => {
    expect(analyze('The Best PASTA Recipes for Beginners', analyzer)).toEqual(['best', 'pasta', 'recipe', 'beginner']);
    expect(analyze('The Best', { ...analyzer, lowercase: false, stopWords: false, stemming: false })).toEqual(['The', 'Best']);
    expect(analyze('motor', { ...analyzer, edgeNgramMin: 2 })).toEqual(['motor', 'mo', 'mot', 'moto']);
    expect(['cooking', 'played', 'stories', 'running', 'class', 'bus'].map(stem)).toEqual(['cook', 'play', 'story', 'run', 'class', 'bus']);
  });

  it('a query is analysed like the documents: distinct terms, no n-grams', () => {
    expect(analyzeQuery('Cooking cook COOKING the', analyzer)).toEqual(['cook']);
    expect(analyzeQuery('moto', { ...analyzer, edgeNgramMin: 2 })).toEqual(['moto']);
  });
});

describe('typeahead', () => {
  it('every suggestion starts with the normalised prefix, most popular first, and they are the top 5 of all candidates (property)', () => {
    const words = [...vs.typeahead.root.children.keys()];
    fc.assert(fc.property(fc.constantFrom(...words), fc.string({ minLength: 0, maxLength: 3, unit: fc.constantFrom('a', 'e', 'o', 'r', 'i', 'n', 's', 't') }), (first, rest) => {
      const prefix = first + rest;
      const { suggestions, nodesVisited } = complete(vs.typeahead, prefix);
      for (const s of suggestions) expect(s.word.startsWith(prefix)).toBe(true);
      for (let k = 1; k < suggestions.length; k++) expect(suggestions[k - 1].popularity).toBeGreaterThanOrEqual(suggestions[k].popularity);
      expect(nodesVisited).toBeLessThanOrEqual(prefix.length + 1);
      if (suggestions.length > 0) expect(nodesVisited).toBe(prefix.length + 1);
    }));
    const popularity = new Map([['motorcycle', 50], ['motor', 80], ['mother', 80], ['moon', 10], ['cat', 999]]);
    const trie = buildTypeahead(popularity, 3);
    expect(complete(trie, 'mo').suggestions.map((s) => s.word)).toEqual(['mother', 'motor', 'motorcycle']);
    expect(complete(trie, 'moto').suggestions.map((s) => s.word)).toEqual(['motor', 'motorcycle']);
    expect(complete(trie, 'x').suggestions).toEqual([]);
  });

  it('the box completes to the most-viewed titles that start with it, normalised as the index is', () => {
    const a = typeaheadFor(vs, 'LOFI  hip');
    expect(a.source).toBe('titles');
    for (const s of a.suggestions) expect(s.text.startsWith('lofi hip')).toBe(true);
    for (let k = 1; k < a.suggestions.length; k++) expect(a.suggestions[k - 1].popularity).toBeGreaterThanOrEqual(a.suggestions[k].popularity);
    const words = typeaheadFor(vs, 'dogs chill mus');
    expect(words.source).toBe('words');
    expect(words.suggestions[0].text).toMatch(/^dogs chill mus/);
  });
});

describe('sharding', () => {
  it('document partitioning asks all S shards; term partitioning only the distinct owners, ≤ min(S, |q|) (property)', () => {
    const vocabulary = [...vs.index.fields.title.terms.keys()];
    fc.assert(fc.property(fc.uniqueArray(fc.constantFrom(...vocabulary), { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 32 }), fc.boolean(), (terms, shards, globalIdf) => {
      const doc = fanOut(vs.index, terms, 'document', shards, globalIdf, 10);
      expect(doc.shards).toHaveLength(shards);
      expect(doc.rounds).toBe(globalIdf && shards > 1 ? 2 : 1);
      const term = fanOut(vs.index, terms, 'term', shards, globalIdf, 10);
      expect(term.shards).toEqual([...new Set(terms.map((t) => ownerOfTerm(t, shards)))].sort((a, b) => a - b));
      expect(term.shards.length).toBeLessThanOrEqual(Math.min(shards, terms.length));
      expect(term.postingsShipped).toBeGreaterThan(0);
    }));
  });

  it('P(all S shards within t) = p^S; the fan-out quantile inverts it', () => {
    const lat = { medianMs: 8, p99Ms: 40 };
    expect(shardCdf(lat, 8)).toBeCloseTo(0.5, 6);
    expect(shardCdf(lat, 40)).toBeCloseTo(0.99, 6);
    expect(allShardsWithin(lat, 40, 32)).toBeCloseTo(0.99 ** 32, 5);
    expect(allShardsWithin(lat, fanOutQuantile(lat, 0.99, 32), 32)).toBeCloseTo(0.99, 6);
    expect(fanOutQuantile(lat, 0.99, 1)).toBeCloseTo(40, 4);
    expect(fanOutQuantile(lat, 0.99, 32)).toBeGreaterThan(2 * 40);
    for (const p of [1e-6, 0.01, 0.3, 0.5, 0.9, 0.999]) expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 6);
  });
});

describe('freshness', () => {
  it('searchable at the first refresh tick after upload + publish + lag', () => {
    expect(freshnessTimeline(16_350, { publishMs: 200, indexLagMs: 5000, refreshMs: 1000 })).toEqual({ uploadedAt: 16_350, publishedAt: 16_550, indexedAt: 21_550, searchableAt: 22_000 });
    expect(freshnessTimeline(10_000, { publishMs: 0, indexLagMs: 0, refreshMs: 1000 }).searchableAt).toBe(10_000);
  });
});
