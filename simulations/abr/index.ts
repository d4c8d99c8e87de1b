export { abrLab } from './lab/definition';
export { abrAbout } from './lab/about';
export { abrPresets } from './lab/presets';
export { abrSchema, type AbrParams } from './lab/schema';
export type { AbrModel, AbrPlayerModel } from './lab/model';
export { NETWORK_SERIES, PLAYER_SLOTS, seriesName, type AbrEvent, type AbrFrame, type AbrSeriesName, type PlayerSeriesKey, type PlayerSlot, type ThresholdKey } from './lab/series';
export { ALGORITHM_NAMES, YOURS, type AlgorithmName, type RacerName } from './constants';
export { parseTrace, TraceFormatError } from './network/trace';
export { interpolate } from './network/synthetic';
