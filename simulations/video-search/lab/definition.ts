import { defineLab } from '../../core/lab';
import { videoSearchAbout } from './about';
import { checkVideoSearch, videoSearchSchema } from './schema';
import { videoSearchPresets } from './presets';
import type { VideoSearchEvent, VideoSearchFrame, VideoSearchSeriesName } from './series';
import { createVideoSearch, horizonOf, videoSearchFrame, type VideoSearchModel } from './model';
import { videoSearchResult, type VideoSearchResult } from './result';
import { videoSearchCaption } from './caption';
import { estimateVideoSearch } from './budget';

export const videoSearchLab = defineLab<typeof videoSearchSchema, VideoSearchModel, VideoSearchResult, VideoSearchEvent, VideoSearchSeriesName, VideoSearchFrame>({
  ...videoSearchAbout,
  schema: videoSearchSchema,
  presets: videoSearchPresets,
  horizonMs: horizonOf,
  checkParams: checkVideoSearch,
  // the index is built once in create (cached per catalogue and analyzer); every event after it is light
  create: createVideoSearch,
  result: videoSearchResult,
  frame: videoSearchFrame,
  caption: videoSearchCaption,
  budget: { estimate: estimateVideoSearch },
});
