import { defineLab } from '../../core/lab';
import { videoPipelineAbout } from './about';
import { checkVideoPipeline, videoPipelineSchema } from './schema';
import { videoPipelinePresets } from './presets';
import type { VideoPipelineEvent, VideoPipelineFrame, VideoPipelineSeriesName } from './series';
import { createVideoPipeline, horizonMs, isVideoPipelineFinished, videoPipelineFrame, type VideoPipelineModel } from './model';
import { videoPipelineResult, type VideoPipelineResult } from './result';
import { videoPipelineCaption } from './caption';
import { estimateVideoPipeline, VIDEO_PIPELINE_EVENT_LIMIT } from './budget';

export const videoPipelineLab = defineLab<typeof videoPipelineSchema, VideoPipelineModel, VideoPipelineResult, VideoPipelineEvent, VideoPipelineSeriesName, VideoPipelineFrame>({
  ...videoPipelineAbout,
  schema: videoPipelineSchema,
  presets: videoPipelinePresets,
  horizonMs,
  checkParams: checkVideoPipeline,
  create: createVideoPipeline,
  result: (model, ctx) => videoPipelineResult(model, ctx.scheduler.now),
  frame: videoPipelineFrame,
  caption: videoPipelineCaption,
  isFinished: isVideoPipelineFinished,
  budget: { estimate: estimateVideoPipeline, limits: { events: VIDEO_PIPELINE_EVENT_LIMIT } },
});
