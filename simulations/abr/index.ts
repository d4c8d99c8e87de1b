export { abrLab, type AbrModel, type AbrPlayerModel } from './lab/abr-lab';
export { abrSchema, type AbrParams } from './lab/schema';
export { NETWORK_SERIES, seriesName, type AbrEvent } from './lab/recording';
export { PLAYER_SLOTS, type PlayerSlot } from './lab/build';
export { ALGORITHM_NAMES, type AlgorithmName } from './constants';
