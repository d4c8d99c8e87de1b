import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { Runner } from '@/simulations/core/runner';
import { viewOf } from '@/simulations/core/lab';
import { defaults } from '@/simulations/core/params';
import { videoSearchLab } from '@/simulations/video-search';
import { freshnessLine, mergedNote, rankChangeText, scoreFormula, shardingSummary, tailVerdict, typeaheadLine } from '@/components/labs/video-search/viewModel';
import { VideoSearchView } from '@/components/labs/video-search/VideoSearchView';

const base = { ...defaults(videoSearchLab.schema), videos: 500, loadQueries: 300 };

describe('video-search view model', () => {
  it('before the query: typing prose, no hits, the sampled queries announced', () => {
    const runner = new Runner(videoSearchLab, base, 1);
    runner.runTo(160);
    const f = viewOf(videoSearchLab, runner).frame();
    expect(f.typed).toBe('l');
    expect(typeaheadLine(f)).toMatch(/^“l”: 2 trie nodes visited; most-viewed titles starting with it\.$/);
    expect(f.hits).toBeNull();
    expect(tailVerdict(f)).toBe('300 queries will be sampled after the first one answers.');
    expect(freshnessLine(f.freshness, runner.now)).toMatch(/will be uploaded at/);
  });

  it('after the run: the formula sums the table, sharding and tail prose carry the numbers', () => {
    const runner = new Runner(videoSearchLab, { ...base, shards: 8 }, 1);
    runner.runToEnd();
    const f = viewOf(videoSearchLab, runner).frame();
    const hit = f.hits![0];
    expect(hit.terms.reduce((s, t) => s + t.score, 0)).toBeCloseTo(hit.text, 9);
    expect(scoreFormula(hit)).toMatch(new RegExp(`= ${hit.score.toFixed(3)}$`));
    expect(shardingSummary(f)).toMatch(/^Document-partitioned: all 8 shards asked; each returns its top 10/);
    expect(rankChangeText(f)).toMatch(/Local IDF/);
    expect(mergedNote(f)).toMatch(/^Merged from 8 shards, each scoring with its own IDF/);
    expect(tailVerdict(f)).toMatch(/^300 queries waiting for 8 shards: p50 .* p99 .*\(p\^S predicts .*\); one shard’s p99 is 50 ms\.$/);
    expect(freshnessLine(f.freshness, runner.now)).toMatch(/^Searchable \d+\.\d s after upload/);
    const term = viewOf(videoSearchLab, (() => { const r = new Runner(videoSearchLab, { ...base, partition: 'term' }, 1); r.runTo(5000); return r; })()).frame();
    expect(shardingSummary(term)).toMatch(/^Term-partitioned: only the owners of the 4 query terms are asked \(\d of 4\)/);
    expect(rankChangeText(term)).toBeNull();
    expect(mergedNote(term)).toBeNull();
  });

  it('renders the query box, hits, MiniSearch and shards on the server', () => {
    const runner = new Runner(videoSearchLab, base, 1);
    runner.runTo(8000);
    const html = renderToString(createElement(VideoSearchView, { runner, version: 1, presenter: false, setParams: () => {} }));
    expect(html).toContain('data-testid="vs-query"');
    expect((html.match(/data-testid="vs-hit"/g) ?? []).length).toBe(10);
    expect(html).toContain('MiniSearch 7.2, same query');
    expect(html).toContain('data-fan-out="4"');
  });
});
