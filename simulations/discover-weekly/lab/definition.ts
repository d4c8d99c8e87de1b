import { defineLab } from '../../core/lab';
import { discoverWeeklyAbout } from './about';
import { checkDiscoverWeekly, discoverWeeklySchema } from './schema';
import { discoverWeeklyPresets } from './presets';
import { PHASE_MS, type DiscoverWeeklyEvent, type DiscoverWeeklyFrame, type DiscoverWeeklySeriesName } from './series';
import { createDiscoverWeekly, discoverWeeklyFrame, horizonOf, restoreDiscoverWeekly, saveDiscoverWeekly, type DiscoverWeeklyModel } from './model';
import { discoverWeeklyResult, type DiscoverWeeklyResult } from './result';
import { discoverWeeklyCaption } from './caption';
import { estimateDiscoverWeekly } from './budget';

export const discoverWeeklyLab = defineLab<typeof discoverWeeklySchema, DiscoverWeeklyModel, DiscoverWeeklyResult, DiscoverWeeklyEvent, DiscoverWeeklySeriesName, DiscoverWeeklyFrame>({
  ...discoverWeeklyAbout,
  schema: discoverWeeklySchema,
  presets: discoverWeeklyPresets,
  horizonMs: horizonOf,
  checkParams: checkDiscoverWeekly,
  create: createDiscoverWeekly,
  result: (model) => discoverWeeklyResult(model),
  frame: discoverWeeklyFrame,
  caption: discoverWeeklyCaption,
  isFinished: (model) => model.training.finished,
  // one event is one ALS solve or one listener's ranking (≈ 0.05 ms at f = 32 over 1,000 tracks):
  // look at the clock every 16 of them, not every 500, so a worker slice stays near 12 ms
  eventsPerClockCheck: 16,
  budget: { estimate: estimateDiscoverWeekly },
  // one checkpoint per phase: scrubbing back replays at most one phase of solves
  checkpoint: { everyMs: PHASE_MS, save: saveDiscoverWeekly, restore: restoreDiscoverWeekly },
});
