export { e2eeLab } from './lab/definition';
export { e2eeAbout } from './lab/about';
export { e2eePresets } from './lab/presets';
export { e2eeSchema, type E2eeParams } from './lab/schema';
export { SERIES, type E2eeEvent, type E2eeSeriesName, type E2eeFrame, type MessageView, type ServerEntry, type SessionView, type GroupView } from './lab/series';
export type { E2eeResult } from './lab/result';
export { formatSafetyNumber } from './crypto/safetyNumber';
