import { defineLab } from '../../core/lab';
import { queueAbout } from './about';
import { queueSchema, type QueueParams } from './schema';
import { queuePresets } from './presets';
import type { QueueEvent, QueueFrame, QueueSeriesName } from './series';
import { createQueue, queueFrame, restoreQueue, saveQueue, type QueueModel } from './model';
import { queueResult, type QueueResult } from './result';
import { queueCaption } from './caption';
import { estimateQueue, QUEUE_EVENT_LIMIT } from './budget';

export const queueLab = defineLab<typeof queueSchema, QueueModel, QueueResult, QueueEvent, QueueSeriesName, QueueFrame>({
  ...queueAbout,
  schema: queueSchema,
  presets: queuePresets,
  horizonMs: (p: QueueParams) => p.durationS * 1000,
  create: createQueue,
  result: (model, ctx) => queueResult(model, ctx.scheduler.now),
  frame: queueFrame,
  caption: queueCaption,
  // under a minute of CLI time at the station's speed (the default 150 M events would take minutes)
  budget: { estimate: estimateQueue, limits: { events: QUEUE_EVENT_LIMIT } },
  checkpoint: {
    // about 100 checkpoints per run, at least 1 s apart: scrubbing replays ≤ 1% of a run
    everyMs: (p: QueueParams) => Math.max(1000, (p.durationS * 1000) / 100),
    save: saveQueue,
    restore: restoreQueue,
  },
});
