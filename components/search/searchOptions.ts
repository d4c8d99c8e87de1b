/**
 * One definition of how lessons, labs, presets and key terms are indexed and searched, shared by the
 * build (which writes the index) and the browser (which loads it): MiniSearch needs the same options
 * on both sides. Pure and client-safe.
 */
import type { Options, SearchOptions } from 'minisearch';

export type SearchKind = 'section' | 'lesson' | 'lab' | 'preset' | 'term';

export interface SearchDocument {
  id: string;
  kind: SearchKind;
  /** a heading, a lab or preset title, a key term */
  title: string;
  /** where it lives: the lesson or lab title */
  context: string;
  /** the page, with the heading's #id for sections and terms */
  href: string;
  /** searchable body text (also used for the snippet) */
  text: string;
}

/** Lower-case, accents, possessive ’s and apostrophes dropped: "Little’s" and "Little's" both become "little". */
export function processTerm(term: string): string | null {
  const t = term
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’‘]s$/, '')
    .replace(/['’‘]/g, '');
  return t.length > 0 ? t : null;
}

export function tokenize(text: string): string[] {
  return text.split(/[^\p{L}\p{N}'’‘]+/u).filter(Boolean);
}

export const indexOptions: Options<SearchDocument> = {
  idField: 'id',
  fields: ['title', 'context', 'text'],
  storeFields: ['kind', 'title', 'context', 'href', 'text'],
  tokenize,
  processTerm,
};

export const searchOptions: SearchOptions = {
  boost: { title: 4, context: 1.5 },
  combineWith: 'AND',
  // typo tolerance: one edit in words of 5–9 letters, two in 10–14…; short terms (ISR, tus, p99) stay exact
  fuzzy: (term) => (term.length >= 5 ? 0.2 : 0),
  // the word being typed (the last one) also matches as a prefix
  prefix: (term, index, terms) => index === terms.length - 1 && term.length >= 3,
};

/** The index file the build writes and the search box fetches. */
export const SEARCH_INDEX_PATH = '/search-index.json';

export interface SearchIndexFile {
  v: 1;
  /** MiniSearch.toJSON() of the documents, loaded with `indexOptions` */
  index: unknown;
  documents: number;
}
