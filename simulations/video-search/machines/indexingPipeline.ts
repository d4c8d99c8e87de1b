/**
 * A new upload's way into the index, as an XState machine on the virtual clock:
 *
 *   waiting ──(upload time)──▶ uploaded ──(publish)──▶ published ──(indexing lag)──▶ indexed
 *     ──(until the next refresh tick)──▶ searchable (final)
 *
 * The machine only orchestrates the timers; the numbers come from freshness/pipeline.ts
 * (the delays are read from the timeline it computes, so the machine and the formula cannot
 * disagree) and every step is reported to an injected observer.
 */
import { setup } from 'xstate';
import type { FreshnessTimeline } from '../freshness/pipeline';

export type PipelineStep = 'uploaded' | 'published' | 'indexed' | 'searchable';

export interface PipelineObserver {
  step(step: PipelineStep): void;
}

export interface IndexingPipelineInput {
  timeline: FreshnessTimeline;
  observer: PipelineObserver;
  /** virtual time now (ms) */
  now: () => number;
}

/** Delay from now until an absolute virtual time, never negative. */
function until(context: IndexingPipelineInput, at: number): number {
  return Math.max(0, at - context.now());
}

export const indexingPipelineMachine = setup({
  types: {
    context: {} as IndexingPipelineInput,
    input: {} as IndexingPipelineInput,
  },
  actions: {
    report: ({ context }, step: PipelineStep) => context.observer.step(step),
  },
  delays: {
    untilUpload: ({ context }) => until(context, context.timeline.uploadedAt),
    untilPublished: ({ context }) => until(context, context.timeline.publishedAt),
    untilIndexed: ({ context }) => until(context, context.timeline.indexedAt),
    untilRefresh: ({ context }) => until(context, context.timeline.searchableAt),
  },
}).createMachine({
  id: 'indexingPipeline',
  context: ({ input }) => input,
  initial: 'waiting',
  states: {
    waiting: { after: { untilUpload: 'uploaded' } },
    uploaded: { entry: { type: 'report', params: 'uploaded' }, after: { untilPublished: 'published' } },
    published: { entry: { type: 'report', params: 'published' }, after: { untilIndexed: 'indexed' } },
    indexed: { entry: { type: 'report', params: 'indexed' }, after: { untilRefresh: 'searchable' } },
    searchable: { entry: { type: 'report', params: 'searchable' }, type: 'final' },
  },
});
