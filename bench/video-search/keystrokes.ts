/**
 * The keystroke workload of the video search benchmark, the same code in Node and (bundled by
 * esbuild) in Chromium: over a 20,000-video catalogue, every prefix of a few queries answered
 * 1. by the lab's structures: the title/word tries for suggestions + a BM25 query on the index;
 * 2. by the BASELINE, no index at all: scan every title for the prefix and every video's analysed
 *    fields for the query terms (what a LIKE over the video table does).
 * Returns per-keystroke wall times in ms for both: the median of REPEATS timings of each keystroke, so
 * a keystroke's number is its own cost and not a scheduler pause on a shared machine.
 */
import { buildVideoSearch, queryTerms, typeaheadFor } from '../../simulations/video-search/engine/videoSearch';
import { analyze, surfaceTerms } from '../../simulations/video-search/analysis/analyzer';
import { search, type Bm25Config } from '../../simulations/video-search/ranking/bm25';

export const QUERIES = ['lofi hip hop radio', 'easy pasta recipe', 'minecraft speedrun', 'tokyo walking tour', 'guitar lessons for beginners', 'cat funny moments'];
const ANALYZER = { lowercase: true, stopWords: true, stemming: true, edgeNgramMin: 0 };
const CFG: Bm25Config = { k1: 1.2, b: 0.75, delta: 0, boosts: { title: 3, tags: 2, description: 1 }, popularity: 0.5 };

export const REPEATS = 5;

function medianOf(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[(s.length - 1) >> 1];
}

export interface KeystrokeTimes {
  videos: number;
  buildMs: number;
  keystrokes: number;
  typed: string[];
  indexed: number[];
  scan: number[];
  /** the top hit of each full query, indexed and scanned (they must agree on what matches) */
  matched: { indexed: number; scan: number }[];
}

export function runKeystrokes(videos: number, now: () => number): KeystrokeTimes {
  const t0 = now();
  const vs = buildVideoSearch(1, { videos, zipf: 1, topViews: 50_000_000 }, ANALYZER);
  const buildMs = now() - t0;
  const titles = vs.videos.map((v) => surfaceTerms(v.title, ANALYZER).join(' '));
  const fields = vs.videos.map((v) => [analyze(v.title, ANALYZER), analyze(v.tags.join(' '), ANALYZER), analyze(v.description, ANALYZER)]);
  const indexed: number[] = [];
  const scan: number[] = [];
  const typedAll: string[] = [];
  const matched: KeystrokeTimes['matched'] = [];
  let suggested = 0;
  // one untimed pass first: the JIT compiles the scoring loop on the first query with long postings
  for (const q of QUERIES) search(vs.index, queryTerms(vs, q), vs.views, vs.maxViews, CFG, { topK: 10 });
  for (const q of QUERIES) {
    for (let k = 1; k <= q.length; k++) {
      const typed = q.slice(0, k);
      const ours: number[] = [];
      const theirs: number[] = [];
      let hitsMatched = 0;
      let scanMatched = 0;
      for (let r = 0; r < REPEATS; r++) {
        let a = now();
        suggested += typeaheadFor(vs, typed).suggestions.length;
        hitsMatched = search(vs.index, queryTerms(vs, typed), vs.views, vs.maxViews, CFG, { topK: 10 }).matched;
        ours.push(now() - a);
        a = now();
        const prefix = surfaceTerms(typed, ANALYZER).join(' ');
        suggested += titles.filter((t) => t.startsWith(prefix)).length > 0 ? 1 : 0;
        const terms = queryTerms(vs, typed);
        scanMatched = 0;
        for (const f of fields) if (terms.some((t) => f[0].includes(t) || f[1].includes(t) || f[2].includes(t))) scanMatched++;
        theirs.push(now() - a);
      }
      indexed.push(medianOf(ours));
      scan.push(medianOf(theirs));
      typedAll.push(typed);
      if (k === q.length) matched.push({ indexed: hitsMatched, scan: scanMatched });
    }
  }
  if (suggested === 0) throw new Error('no suggestion at all: the workload is broken');
  return { videos, buildMs, keystrokes: indexed.length, typed: typedAll, indexed, scan, matched };
}
