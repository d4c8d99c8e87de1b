/**
 * The video pipeline lab's work budget (core/budget.ts), from the params alone. Events: the upload
 * and split, a start and an end per encode job (chunks × rungs), three more per crashed attempt, a
 * package and a publish per rung,
 * the press-play steps and the samples. Bytes: the stored events, the jobs and the ladder's curves.
 */
import type { WorkEstimate } from '../../core/budget';
import { FIXED_2015_LADDER } from '../encoding/ladders';
import type { VideoPipelineParams } from './schema';
import { SAMPLES } from './series';
import { crashesUpper } from './model';

/**
 * Events a run may take. LOUD: the view draws one Gantt bar per encode; this limit (about 30,000
 * encodes) keeps a redraw of the whole chart well under a frame's budget on the main thread.
 */
export const VIDEO_PIPELINE_EVENT_LIMIT = 60_000;
const EVENT_BYTES = 220;
const JOB_BYTES = 120;
const BASE_BYTES = 2 << 20;

export function rungsUpper(p: VideoPipelineParams): number {
  return p.ladder === 'fixed-2015' ? FIXED_2015_LADDER.length : p.rungs;
}

export function estimateVideoPipeline(p: VideoPipelineParams): WorkEstimate {
  const chunks = Math.ceil((p.durationMin * 60) / p.chunkS);
  const rungs = rungsUpper(p);
  const jobs = chunks * rungs;
  // a crash adds its crash, the retry, and the retried attempt's start
  const events = 2 + 2 * jobs + 3 * crashesUpper(jobs, p.crashRate) + 2 * rungs + 5 + SAMPLES + 1;
  return { events, bytes: BASE_BYTES + events * EVENT_BYTES + 2 * jobs * JOB_BYTES, drivers: ['chunkS', 'durationMin', 'rungs'] };
}
