/**
 * The inverted index: for each field (title, tags, description), term → postings (video id, term
 * frequency), plus each video's field length in terms (Lucene counts tokens: |D| of BM25). Built
 * once per catalogue and analyzer; never mutated after (runs and checkpoints share it).
 */
import { analyze, type AnalyzerConfig } from '../analysis/analyzer';

export const FIELDS = ['title', 'tags', 'description'] as const;
export type Field = (typeof FIELDS)[number];

export interface IndexedDoc {
  title: string;
  tags: string[];
  description: string;
}

export interface Postings {
  /** ascending video ids */
  readonly docs: Int32Array;
  /** term frequency in that video's field, aligned with docs */
  readonly tfs: Uint16Array;
}

export interface FieldIndex {
  readonly terms: ReadonlyMap<string, Postings>;
  /** |D| per video, in analysed terms */
  readonly lengths: Uint16Array;
  readonly avgLength: number;
  readonly postingCount: number;
}

export interface InvertedIndex {
  readonly docCount: number;
  readonly fields: Readonly<Record<Field, FieldIndex>>;
  readonly analyzer: AnalyzerConfig;
}

/** Bytes one posting takes in a compact on-disk form (4-byte id delta + 2-byte tf + overhead), for "bytes moved". */
export const POSTING_BYTES = 8;

export function fieldText(doc: IndexedDoc, field: Field): string {
  return field === 'tags' ? doc.tags.join(' ') : doc[field];
}

export function buildIndex(docs: readonly IndexedDoc[], analyzer: AnalyzerConfig): InvertedIndex {
  const fields = {} as Record<Field, FieldIndex>;
  for (const field of FIELDS) {
    const building = new Map<string, { docs: number[]; tfs: number[] }>();
    const lengths = new Uint16Array(docs.length);
    let total = 0;
    let postingCount = 0;
    docs.forEach((doc, id) => {
      const terms = analyze(fieldText(doc, field), analyzer);
      lengths[id] = Math.min(terms.length, 65535);
      total += terms.length;
      const counts = new Map<string, number>();
      for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
      for (const [t, tf] of counts) {
        let p = building.get(t);
        if (!p) building.set(t, (p = { docs: [], tfs: [] }));
        p.docs.push(id);
        p.tfs.push(tf);
        postingCount++;
      }
    });
    const terms = new Map<string, Postings>();
    for (const [t, p] of building) terms.set(t, { docs: Int32Array.from(p.docs), tfs: Uint16Array.from(p.tfs) });
    fields[field] = { terms, lengths, avgLength: docs.length > 0 ? total / docs.length : 0, postingCount };
  }
  return { docCount: docs.length, fields, analyzer };
}

export function totalPostings(index: InvertedIndex): number {
  return FIELDS.reduce((s, f) => s + index.fields[f].postingCount, 0);
}

export function vocabularySize(index: InvertedIndex): number {
  const all = new Set<string>();
  for (const f of FIELDS) for (const t of index.fields[f].terms.keys()) all.add(t);
  return all.size;
}
