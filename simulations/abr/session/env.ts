/** The algorithm environment for each mode. */
import type { Video } from '../video/video';
import { REALISTIC_QUIRKS, type AlgorithmEnv } from '../algorithms/types';
import { objectiveFor, type QoeConfig } from '../qoe';
export { referenceEnv } from './reference';

export function realisticEnv(video: Video, qoe: QoeConfig, rttMs: number, defaultEstimateKbps: number): AlgorithmEnv {
  return { video, quirks: REALISTIC_QUIRKS, defaultEstimateKbps, objective: objectiveFor(qoe, video.bitratesKbps), planRttS: rttMs / 1000 };
}
