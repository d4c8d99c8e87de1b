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
  budget: { estimate: estimateDiscoverWeekly },
  // one checkpoint per phase: scrubbing back replays at most one phase of solves
  checkpoint: { everyMs: PHASE_MS, save: saveDiscoverWeekly, restore: restoreDiscoverWeekly },
});
