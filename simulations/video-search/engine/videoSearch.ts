/**
 * Everything a query needs, built once per (seed, catalogue, analyzer): the catalogue, the inverted
 * index, the typeahead trie, and (on first use) the MiniSearch index to compare against. Immutable
 * once built, so a small cache lets a new run with only a new query (each keystroke in the lab)
 * skip the build.
 */
import { RandomStream } from '../../core/rng';
import { surfaceTerms, analyzeQuery, type AnalyzerConfig } from '../analysis/analyzer';
import { generateCatalogue, type CatalogueConfig, type Video } from '../catalogue/generate';
import { buildIndex, type InvertedIndex } from '../index/invertedIndex';
import { buildTypeahead, complete, wordPopularity, type Typeahead } from '../typeahead/trie';
import { buildMiniSearch, type MiniSearchIndex } from '../compare/miniSearchRun';

export const SUGGESTIONS = 5;

export interface VideoSearch {
  readonly videos: readonly Video[];
  readonly views: Float64Array;
  readonly maxViews: number;
  readonly index: InvertedIndex;
  /** whole titles people would type (a stand-in for a query log), by views */
  readonly phrases: Typeahead;
  /** single words, by views: completes the last word when no title starts with the box */
  readonly typeahead: Typeahead;
  miniSearch(): MiniSearchIndex;
}

export function buildVideoSearch(seed: number, catalogue: CatalogueConfig, analyzer: AnalyzerConfig): VideoSearch {
  const videos = generateCatalogue(catalogue, new RandomStream(seed, 'catalogue'));
  const views = Float64Array.from(videos, (v) => v.views);
  let maxViews = 0;
  for (const v of views) maxViews = Math.max(maxViews, v);
  const index = buildIndex(videos, analyzer);
  const typeahead = buildTypeahead(wordPopularity(videos, (text) => surfaceTerms(text, analyzer)), SUGGESTIONS);
  const titleViews = new Map<string, number>();
  for (const v of videos) {
    const phrase = surfaceTerms(v.title, analyzer).join(' ');
    titleViews.set(phrase, (titleViews.get(phrase) ?? 0) + v.views);
  }
  const phrases = buildTypeahead(titleViews, SUGGESTIONS);
  let mini: MiniSearchIndex | null = null;
  return { videos, views, maxViews, index, phrases, typeahead, miniSearch: () => (mini ??= buildMiniSearch(videos, analyzer)) };
}

const CACHE_SIZE = 2;
const cache: { key: string; value: VideoSearch }[] = [];

/** buildVideoSearch, remembered for the last two keys (a pure function of its arguments). */
export function videoSearchFor(seed: number, catalogue: CatalogueConfig, analyzer: AnalyzerConfig): VideoSearch {
  const key = JSON.stringify([seed, catalogue, analyzer]);
  const found = cache.find((c) => c.key === key);
  if (found) return found.value;
  const value = buildVideoSearch(seed, catalogue, analyzer);
  cache.unshift({ key, value });
  cache.length = Math.min(cache.length, CACHE_SIZE);
  return value;
}

export interface KeystrokeAnswer {
  /** what the box holds */
  typed: string;
  /** the normalised text looked up: the whole box in the title trie, else its last word */
  prefix: string;
  source: 'titles' | 'words' | 'none';
  /** full suggested queries: the words typed so far + a completion of the last */
  suggestions: { text: string; popularity: number }[];
  nodesVisited: number;
}

/**
 * Typeahead for the text in the box: the most-viewed titles that start with it (normalised as the
 * index normalises), else completions of its last word.
 */
export function typeaheadFor(vs: VideoSearch, typed: string): KeystrokeAnswer {
  const words = surfaceTerms(typed, vs.index.analyzer);
  if (words.length === 0) return { typed, prefix: '', source: 'none', suggestions: [], nodesVisited: 0 };
  const endsWithSpace = /[^\p{L}\p{N}]$/u.test(typed);
  const normalised = words.join(' ') + (endsWithSpace ? ' ' : '');
  const titles = complete(vs.phrases, normalised);
  if (titles.suggestions.length > 0) {
    return { typed, prefix: normalised, source: 'titles', suggestions: titles.suggestions.map((s) => ({ text: s.word, popularity: s.popularity })), nodesVisited: titles.nodesVisited };
  }
  if (endsWithSpace) return { typed, prefix: normalised, source: 'none', suggestions: [], nodesVisited: titles.nodesVisited };
  const last = words[words.length - 1];
  const head = words.slice(0, -1).join(' ');
  const lookup = complete(vs.typeahead, last);
  const suggestions = lookup.suggestions.map((s) => ({ text: head ? `${head} ${s.word}` : s.word, popularity: s.popularity }));
  return { typed, prefix: last, source: suggestions.length ? 'words' : 'none', suggestions, nodesVisited: titles.nodesVisited + lookup.nodesVisited };
}

export function queryTerms(vs: VideoSearch, text: string): string[] {
  return analyzeQuery(text, vs.index.analyzer);
}
