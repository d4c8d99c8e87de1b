import { defineLab } from '../../core/lab';
import { liveEdgeAbout } from './about';
import { checkLiveEdgeParams, liveEdgeSchema } from './schema';
import { liveEdgePresets } from './presets';
import type { LiveEdgeEvent, LiveEdgeFrame, LiveEdgeSeriesName } from './series';
import { createLiveEdge, liveEdgeFrame, liveEdgeHorizonMs, type LiveEdgeModel } from './model';
import { liveEdgeResult, type LiveEdgeResult } from './result';
import { liveEdgeCaption } from './caption';
import { estimateLiveEdge } from './budget';

export const liveEdgeLab = defineLab<typeof liveEdgeSchema, LiveEdgeModel, LiveEdgeResult, LiveEdgeEvent, LiveEdgeSeriesName, LiveEdgeFrame>({
  ...liveEdgeAbout,
  schema: liveEdgeSchema,
  presets: liveEdgePresets,
  horizonMs: liveEdgeHorizonMs,
  checkParams: checkLiveEdgeParams,
  create: createLiveEdge,
  result: (model) => liveEdgeResult(model),
  frame: liveEdgeFrame,
  caption: liveEdgeCaption,
  budget: { estimate: estimateLiveEdge },
});
