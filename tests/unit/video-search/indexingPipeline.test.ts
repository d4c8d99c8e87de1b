/** The indexing pipeline machine on the virtual clock: each step at its time, zero delays included. */
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import fc from 'fast-check';
import { Scheduler } from '@/simulations/core/scheduler';
import { VirtualClock } from '@/simulations/core/clock';
import { indexingPipelineMachine, type PipelineStep } from '@/simulations/video-search/machines/indexingPipeline';
import { freshnessTimeline } from '@/simulations/video-search';

function run(uploadedAt: number, publishMs: number, indexLagMs: number, refreshMs: number) {
  const scheduler = new Scheduler();
  const clock = new VirtualClock(scheduler);
  const timeline = freshnessTimeline(uploadedAt, { publishMs, indexLagMs, refreshMs });
  const steps: [PipelineStep, number][] = [];
  const actor = createActor(indexingPipelineMachine, { clock, input: { timeline, now: () => scheduler.now, observer: { step: (s) => steps.push([s, scheduler.now]) } } });
  actor.start();
  scheduler.runUntil(timeline.searchableAt + 1);
  return { timeline, steps, status: actor.getSnapshot().status };
}

describe('indexing pipeline machine', () => {
  it('uploaded → published → indexed → searchable at the timeline’s times, then done (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 50_000 }), fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 120_000 }), fc.integer({ min: 100, max: 30_000 }), (up, pub, lag, refresh) => {
      const { timeline, steps, status } = run(up, pub, lag, refresh);
      expect(steps).toEqual([['uploaded', timeline.uploadedAt], ['published', timeline.publishedAt], ['indexed', timeline.indexedAt], ['searchable', timeline.searchableAt]]);
      expect(status).toBe('done');
    }), { numRuns: 50 });
  });
});
