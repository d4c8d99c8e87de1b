export { musicDeliveryLab } from './lab/definition';
export { musicDeliveryAbout } from './lab/about';
export { musicDeliveryPresets } from './lab/presets';
export { musicDeliverySchema, type MusicDeliveryParams } from './lab/schema';
export { SERIES, SAMPLE_MS, type MusicDeliveryEvent, type MusicDeliverySeriesName, type MusicDeliveryFrame } from './lab/series';
export type { MusicDeliveryResult } from './lab/result';
export type { StartSource, Prefetch } from './playback/service';
export { TIERS, type Tier } from './catalogue/tiers';
