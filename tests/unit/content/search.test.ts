import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import type MiniSearch from 'minisearch';
import { buildSearchIndex, lessonDocuments } from '@/components/search/buildIndex';
import { loadSearchIndex, searchIndex, snippet } from '@/components/search/search';
import { processTerm, tokenize, type SearchDocument } from '@/components/search/searchOptions';
import { checkLessons, readLessonSources } from '@/components/lesson/lessonFiles';

let index: MiniSearch<SearchDocument>;
let size = 0;

beforeAll(() => {
  // through JSON, exactly as the browser gets it
  const json = JSON.stringify(buildSearchIndex());
  size = gzipSync(json).length;
  index = loadSearchIndex(JSON.parse(json));
}, 60_000);

describe('full-text search over the real lessons and labs', () => {
  it.each([
    ['ISR', /event-pipelines-kafka#|kafka\?preset=/],
    ['BOLA', /video-streaming#bola/],
    ['tus', /video-uploads#tus/],
    // p99 is taught in two places: percentiles under load (queueing) and fan-out tails (search)
    ['p99', /queueing-basics#|video-search#the-tail-at-scale/],
    ["Little's law", /queueing-basics#littles-law/],
    ['Little’s law', /queueing-basics#littles-law/],
  ])('finds %s, jumping to the heading', (query, href) => {
    const hits = searchIndex(index, query);
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.slice(0, 3).map((h) => h.href).join(' ')).toMatch(href);
  });

  it('tolerates typos in longer words and falls back from all words to any', () => {
    expect(searchIndex(index, 'Litle law')[0].href).toMatch(/queueing-basics#littles-law/);
    expect(searchIndex(index, 'saturaton').length).toBeGreaterThan(0);
    expect(searchIndex(index, 'rebalancing zzqx').length).toBeGreaterThan(0);
  });

  it('restricts results to the kinds a page lists', () => {
    const labsOnly = searchIndex(index, 'ISR', ['lab', 'preset']);
    expect(labsOnly.length).toBeGreaterThan(0);
    expect(labsOnly.every((h) => h.kind === 'lab' || h.kind === 'preset')).toBe(true);
    expect(searchIndex(index, '   ')).toEqual([]);
  });

  it('links every section to a heading id the lesson really has', () => {
    const { lessons } = checkLessons(readLessonSources());
    const ids = new Set(lessons.flatMap((l) => l.headings.map((h) => `/lessons/${l.slug}#${h.id}`)));
    const hits = ['queue', 'kafka', 'upload', 'chat', 'bitrate'].flatMap((q) => searchIndex(index, q));
    const sectionHrefs = hits.filter((h) => h.kind === 'section').map((h) => h.href);
    expect(sectionHrefs.length).toBeGreaterThan(10);
    for (const href of sectionHrefs) expect(ids.has(href), href).toBe(true);
  });

  // fetched once, on the first search (never with the page): 400 kB gzipped is 2 s on Lighthouse's
  // mobile link (1.6 Mbps). Most of it is the section text kept for snippets.
  it('stays small enough to fetch on the first search', () => {
    expect(size).toBeLessThan(400_000);
  });
});

describe('indexing pieces', () => {
  it('splits a lesson into sections with the text inside components, and bold words into key terms', () => {
    const docs = lessonDocuments('t', 'Test lesson', 'A summary.', "Intro **Head-of-line blocking** here.\n\n## Little’s law\n\nBody text.\n\n<KeyNumbers rows={[{ label: 'Peak rate', value: 5 }]} />\n");
    expect(docs.map((d) => [d.kind, d.title, d.href])).toEqual([
      ['lesson', 'Test lesson', '/lessons/t'],
      ['section', 'Little’s law', '/lessons/t#littles-law'],
      ['term', 'Head-of-line blocking', '/lessons/t'],
    ]);
    expect(docs[1].text).toContain('Peak rate');
  });

  it('normalises terms: case, accents, possessives, apostrophes', () => {
    expect(tokenize("Little’s law, acks=1; p99!")).toEqual(['Little’s', 'law', 'acks', '1', 'p99']);
    expect(processTerm('Little’s')).toBe('little');
    expect(processTerm("Little's")).toBe('little');
    expect(processTerm('Résumé')).toBe('resume');
  });

  it('cuts a snippet around the first match and marks matched words', () => {
    const text = `${'filler '.repeat(40)}the queue grows when ρ nears one ${'tail '.repeat(40)}`;
    const pieces = snippet(text, ['queue']);
    expect(pieces.find((p) => p.match)?.text).toBe('queue');
    expect(pieces[0].text).toBe('… ');
    expect(pieces.map((p) => p.text).join('').length).toBeLessThan(220);
  });
});
