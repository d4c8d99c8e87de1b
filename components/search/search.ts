/**
 * Searching the loaded index: ranked results with a snippet around the first match. Pure (the tests
 * run it on the real index in Node).
 */
import MiniSearch, { type SearchResult } from 'minisearch';
import { indexOptions, processTerm, searchOptions, tokenize, type SearchDocument, type SearchIndexFile, type SearchKind } from './searchOptions';

export interface SearchHit {
  id: string;
  kind: SearchKind;
  title: string;
  context: string;
  href: string;
  score: number;
  /** text around the first match, split so matched words can be marked */
  snippet: { text: string; match: boolean }[];
}

export function loadSearchIndex(file: SearchIndexFile): MiniSearch<SearchDocument> {
  return MiniSearch.loadJS(file.index as never, indexOptions);
}

export const MAX_HITS = 30;

/** AND over the words first; when that finds nothing (a typo in one word), any word. */
export function searchIndex(index: MiniSearch<SearchDocument>, query: string, kinds?: readonly SearchKind[]): SearchHit[] {
  const q = query.trim();
  if (!q) return [];
  const filter = kinds ? (r: SearchResult) => kinds.includes(r.kind as SearchKind) : undefined;
  let results = index.search(q, { ...searchOptions, filter });
  if (results.length === 0) results = index.search(q, { ...searchOptions, combineWith: 'OR', filter });
  return results.slice(0, MAX_HITS).map((r) => ({
    id: String(r.id),
    kind: r.kind as SearchKind,
    title: r.title as string,
    context: r.context as string,
    href: r.href as string,
    score: r.score,
    snippet: snippet(String(r.text ?? ''), r.terms),
  }));
}

/** About `radius` characters either side of the first word that matched, matched words marked. */
export function snippet(text: string, matchedTerms: readonly string[], radius = 90): { text: string; match: boolean }[] {
  if (!text) return [];
  const wanted = new Set(matchedTerms);
  const words = [...text.matchAll(/[\p{L}\p{N}'’‘]+/gu)];
  const isMatch = (word: string) => {
    const t = processTerm(word);
    return t !== null && wanted.has(t);
  };
  const first = words.find((w) => isMatch(w[0]));
  const centre = first?.index ?? 0;
  let start = Math.max(0, centre - radius);
  let end = Math.min(text.length, centre + radius);
  // cut at spaces, not inside words
  if (start > 0) start = text.indexOf(' ', start) + 1 || start;
  if (end < text.length) end = text.lastIndexOf(' ', end) > centre ? text.lastIndexOf(' ', end) : end;
  const pieces: { text: string; match: boolean }[] = [];
  let at = start;
  for (const w of words) {
    const i = w.index ?? 0;
    if (i < start || i + w[0].length > end) continue;
    if (!isMatch(w[0])) continue;
    if (i > at) pieces.push({ text: text.slice(at, i), match: false });
    pieces.push({ text: w[0], match: true });
    at = i + w[0].length;
  }
  if (at < end) pieces.push({ text: text.slice(at, end), match: false });
  if (start > 0) pieces.unshift({ text: '… ', match: false });
  if (end < text.length) pieces.push({ text: ' …', match: false });
  return pieces;
}

export { tokenize };
