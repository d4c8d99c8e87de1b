/**
 * The video search lab as a lab: determinism, the event sequence and its captions, the preset
 * stories against what their runs show, the budget and the rules spanning params.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { videoSearchLab, type VideoSearchParams, type VideoSearchResult } from '@/simulations/video-search';
import { Runner } from '@/simulations/core/runner';
import { viewOf } from '@/simulations/core/lab';
import { defaults, validate } from '@/simulations/core/params';
import { paramProblems } from '@/simulations/core/budget';
import { DEFAULT_SEED } from '@/components/lab-shell/link';
import { estimateVideoSearch } from '@/simulations/video-search/lab/budget';

const base = defaults(videoSearchLab.schema);
const presetParams = (id: string): VideoSearchParams => {
  const p = videoSearchLab.presets.find((x) => x.id === id);
  if (!p) throw new Error(`no preset ${id}`);
  return { ...base, ...p.params };
};
function finish(params: VideoSearchParams, seed = DEFAULT_SEED) {
  const runner = new Runner(videoSearchLab, params, seed);
  runner.runToEnd();
  return { runner, result: runner.result() as VideoSearchResult, view: viewOf(videoSearchLab, runner) };
}

describe('video-search lab', () => {
  it('same seed and params ⇒ the same event log; another seed ⇒ another', () => {
    const small = { ...base, videos: 300, loadQueries: 200 };
    const a = JSON.stringify(finish(small, 5).runner.recorder.events);
    expect(JSON.stringify(finish(small, 5).runner.recorder.events)).toBe(a);
    expect(JSON.stringify(finish(small, 6).runner.recorder.events)).not.toBe(a);
  });

  it('steps through index → keystrokes → query → shard replies → results → tail → upload → searchable, every event captioned', () => {
    const { view, result } = finish(base);
    const types = view.recorder.events.map((e) => e.type);
    const firstOf = (t: string) => types.indexOf(t as (typeof types)[number]);
    expect(types[0]).toBe('catalogue');
    expect(types.filter((t) => t === 'shard-built')).toHaveLength(base.shards);
    expect(types.filter((t) => t === 'keystroke')).toHaveLength(base.query.length);
    expect(types.filter((t) => t === 'shard-reply')).toHaveLength(base.shards);
    for (const [a, b] of [['keystroke', 'query'], ['query', 'shard-reply'], ['shard-reply', 'results'], ['results', 'tail'], ['tail', 'upload'], ['upload', 'published'], ['published', 'indexed'], ['indexed', 'searchable']]) expect(firstOf(a), `${a} before ${b}`).toBeLessThan(firstOf(b));
    for (const e of view.recorder.events) expect(videoSearchLab.caption!(e), e.type).toMatch(/\w/);
    expect(result.hits).toHaveLength(10);
    expect(result.hits[0].terms.length).toBeGreaterThan(0);
    expect(view.recorder.series('queryLatency')).toHaveLength(base.loadQueries);
    const frame = view.frame();
    expect(frame.hits).toHaveLength(10);
    expect(frame.miniSearch!.hits.length).toBe(10);
    expect(frame.freshness.state).toBe('searchable');
  });

  it('the query is re-run after the upload and finds the new video only once a refresh made it searchable', () => {
    const { view, result } = finish(presetParams('slow-indexer'));
    const rechecks = view.recorder.events.filter((e) => e.type === 'recheck');
    const searchable = view.recorder.events.find((e) => e.type === 'searchable')!;
    for (const r of rechecks) expect(r.found, `at ${r.t}`).toBe(r.t >= searchable.t);
    expect(rechecks.some((r) => r.found)).toBe(true);
    // the pipeline machine's timers land exactly on the timeline's times
    const at = (type: string) => view.recorder.events.find((e) => e.type === type)!.t;
    expect([at('upload'), at('published'), at('indexed'), at('searchable')]).toEqual([result.freshness.uploadedAtMs, result.freshness.uploadedAtMs + 200, result.freshness.uploadedAtMs + 200 + 60_000, result.freshness.searchableAtMs]);
    expect(result.freshness.searchableAtMs % 5000).toBe(0);
    expect(result.freshness.delayS).toBeGreaterThanOrEqual(60.2);
    expect(result.freshness.delayS).toBeLessThanOrEqual(60.2 + 5);
  });

  it('no-analysis preset: without lower-casing and stemming fewer videos match “Cooking recipes”', () => {
    const raw = finish(presetParams('no-analysis')).result;
    const analysed = finish({ ...presetParams('no-analysis'), lowercase: true, stemming: true }).result;
    expect(raw.query.matched).toBeLessThan(analysed.query.matched / 2);
  });

  it('local-idf preset: each shard’s own statistics reorder the merged top 10; global IDF costs a second round', () => {
    const local = finish(presetParams('local-idf')).result;
    expect(local.sharding.reordered).toBeGreaterThan(0);
    expect(local.sharding.rounds).toBe(1);
    const global = finish({ ...presetParams('local-idf'), idf: 'global' }).result;
    expect(global.sharding.reordered).toBe(0);
    expect(global.sharding.rounds).toBe(2);
    expect(global.sharding.bytesMoved).toBeGreaterThan(local.sharding.bytesMoved);
  });

  it('term-partitioned preset: fan-out ≤ min(S, |q|), postings shipped', () => {
    const r = finish(presetParams('term-partitioned')).result;
    expect(r.sharding.fanOut).toBeLessThanOrEqual(Math.min(8, r.query.terms.length));
    expect(r.sharding.postingsShipped).toBeGreaterThan(100);
    expect(r.sharding.bytesMoved).toBeGreaterThanOrEqual(r.sharding.postingsShipped * 8);
  });

  it('tail-at-scale preset: the query p99 of 32 shards is far above one shard’s p99 and near F⁻¹(0.99^(1/32))', () => {
    const r = finish(presetParams('tail-at-scale')).result;
    expect(r.tail.p99Ms).toBeGreaterThan(1.5 * r.tail.shardP99Ms);
    expect(Math.abs(r.tail.p99Ms - r.tail.theoryP99Ms!) / r.tail.theoryP99Ms!).toBeLessThan(0.15);
  });

  it('refuses a p99 at or below the median and all-zero boosts, naming the field', () => {
    expect(paramProblems(videoSearchLab, { ...base, shardMedianMs: 20, shardP99Ms: 20 })[0].field).toBe('shardP99Ms');
    expect(paramProblems(videoSearchLab, { ...base, titleBoost: 0, tagsBoost: 0, descriptionBoost: 0 })[0].field).toBe('titleBoost');
    expect(validate(videoSearchLab.schema, { ...base, query: '' }).ok).toBe(false);
    expect(validate(videoSearchLab.schema, { ...base, query: 'x'.repeat(61) }).ok).toBe(false);
    expect(validate(videoSearchLab.schema, { ...base, query: 42 }).ok).toBe(false);
  });

  it('the budget bounds the events a run executes, and the biggest run fits the limits', () => {
    fc.assert(
      fc.property(fc.integer({ min: 200, max: 600 }), fc.integer({ min: 1, max: 32 }), fc.constantFrom('document', 'term'), fc.integer({ min: 100, max: 400 }), fc.double({ min: 0, max: 30, noNaN: true }), fc.string({ minLength: 1, maxLength: 20, unit: fc.constantFrom('a', 'o', 'l', 'f', 'i', ' ', 'c', 't') }).filter((s) => s.trim().length > 0), (videos, shards, partition, loadQueries, indexLagS, query) => {
        const params = { ...base, videos, shards, partition: partition as 'document' | 'term', loadQueries, indexLagS, query, idf: 'global' as const };
        const runner = new Runner(videoSearchLab, params, 1);
        let events = 0;
        while (!runner.done) {
          runner.stepRaw();
          events++;
        }
        expect(events).toBeLessThanOrEqual(estimateVideoSearch(params).events);
      }),
      { numRuns: 10 },
    );
    const biggest = { ...base, videos: 20_000, loadQueries: 20_000, indexLagS: 120, refreshS: 30, shards: 32, edgeNgrams: 1, query: 'x'.repeat(60) };
    expect(paramProblems(videoSearchLab, biggest)).toEqual([]);
  });
});
