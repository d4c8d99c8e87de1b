/**
 * `npm run sim -- video-search …` through the one CLI entry (scripts/sim): a preset and a query from
 * the command line give the --json document, same seed ⇒ same document; bad input exits 2 naming the
 * field, before any run.
 */
import { describe, expect, it } from 'vitest';
import { sim } from '../support/simCli';
import type { VideoSearchResult } from '@/simulations/video-search';


describe('video-search CLI', () => {
  it('--preset and --set query=… give the JSON document; the same seed gives the same one', async () => {
    const args = ['video-search', '--preset', 'term-partitioned', '--set', 'query=cat funny moments', '--set', 'videos=600', '--set', 'loadQueries=200', '--seed', '9', '--json'];
    const a = await sim(args);
    expect(a.code, a.stderr).toBe(0);
    const doc = JSON.parse(a.stdout) as VideoSearchResult;
    expect(doc.query.terms).toEqual(['cat', 'funny', 'moment']);
    expect(doc.index.videos).toBe(600);
    expect(doc.sharding.partition).toBe('term');
    expect(doc.sharding.fanOut).toBeLessThanOrEqual(3);
    expect(doc.hits).toHaveLength(10);
    expect(doc.hits[0].terms[0]).toEqual(expect.objectContaining({ term: expect.any(String), field: expect.any(String), idf: expect.any(Number) }));
    expect(doc.tail.queries).toBe(200);
    expect(doc.miniSearch.top).toHaveLength(10);
    expect((await sim(args)).stdout).toBe(a.stdout);
  });

  it('bad input: exit 2 and a message naming the field', async () => {
    for (const [args, pattern] of [
      [['--set', 'videos=100'], /videos = 100 is invalid: expected an integer from 200 to 20000/],
      [['--set', `query=${'x'.repeat(61)}`], /query is invalid: at most 60 characters/],
      [['--set', 'query=42'], /query is invalid: expected text/],
      [['--set', 'partition=hash'], /partition = "hash" is invalid/],
      [['--set', 'shardMedianMs=30', '--set', 'shardP99Ms=30'], /shardP99Ms = 30 is invalid: the p99 must exceed the median/],
    ] as const) {
      const r = await sim(['video-search', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(pattern);
      expect(r.stdout).toBe('');
    }
  });
});
