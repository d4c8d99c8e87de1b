import { defineLab } from '../../core/lab';
import { liveLatencyAbout } from './about';
import { checkLiveLatencyParams, liveLatencySchema, type LiveLatencyParams } from './schema';
import { liveLatencyPresets } from './presets';
import type { LiveLatencyEvent, LiveLatencyFrame, LiveLatencySeriesName } from './series';
import { createLiveLatency, liveLatencyFrame, type LiveLatencyModel } from './model';
import { liveLatencyResult, type LiveLatencyResult } from './result';
import { liveLatencyCaption } from './caption';
import { estimateLiveLatency, LIVE_LATENCY_EVENT_LIMIT } from './budget';

export const liveLatencyLab = defineLab<typeof liveLatencySchema, LiveLatencyModel, LiveLatencyResult, LiveLatencyEvent, LiveLatencySeriesName, LiveLatencyFrame>({
  ...liveLatencyAbout,
  schema: liveLatencySchema,
  presets: liveLatencyPresets,
  horizonMs: (p: LiveLatencyParams) => p.durationS * 1000,
  checkParams: checkLiveLatencyParams,
  create: createLiveLatency,
  result: liveLatencyResult,
  frame: liveLatencyFrame,
  caption: liveLatencyCaption,
  budget: { estimate: estimateLiveLatency, limits: { events: LIVE_LATENCY_EVENT_LIMIT } },
});
