export { discoverWeeklyLab } from './lab/definition';
export { discoverWeeklyAbout } from './lab/about';
export { discoverWeeklyPresets } from './lab/presets';
export { discoverWeeklySchema, MAX_EXTRA_PLAYS, type DiscoverWeeklyParams, type AddedPlay } from './lab/schema';
export { SERIES, PHASE_MS, START_MS, sweepsAt, type DiscoverWeeklyEvent, type DiscoverWeeklySeriesName, type DiscoverWeeklyFrame, type Recommendation, type TrackRef } from './lab/series';
export type { DiscoverWeeklyResult } from './lab/result';
export { confidence, preference, type ConfidenceConfig, type ConfidenceKind } from './als/confidence';
export { TOP_K } from './ranking/topTracks';
