export { queueLab } from './lab/definition';
export { queueAbout } from './lab/about';
export { queuePresets } from './lab/presets';
export { queueSchema, type QueueParams } from './lab/schema';
export { SERIES, type QueueEvent, type QueueSeriesName, type QueueFrame } from './lab/series';
export type { QueueResult } from './lab/result';
export { Station, SAMPLES_PER_RUN, WAIT_WINDOW_CUSTOMERS, RATE_WINDOW_SAMPLES, type StationConfig } from './station';
export * from './theory';
