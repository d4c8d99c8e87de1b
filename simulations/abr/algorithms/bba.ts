/**
 * Buffer-based (BBA, Huang et al. SIGCOMM 2014) with reservoir r and cushion c.
 *
 * 'quality' map (the reference's test/bb.py): q = 0 below r, top at or above r + c, else
 * floor(top·(B − r)/c): linear in quality INDEX. 'bitrate' map (the reference's browser BB): the
 * target bitrate is linear in buffer from R_min to R_max, then the highest rung at or below it.
 * BBA keeps no state: it decides from the buffer the player reports after the previous chunk.
 */
import type { AbrAlgorithm, AlgorithmEnv, Decision, DecisionInput } from './types';
import { highestRungAtMost } from './types';

export type BbaMap = 'quality' | 'bitrate';

export interface BbaKnobs {
  reservoirS: number;
  cushionS: number;
  map: BbaMap;
}

export function bbaQuality(bitratesKbps: readonly number[], bufferS: number, knobs: BbaKnobs): number {
  const top = bitratesKbps.length - 1;
  const r = knobs.reservoirS;
  const c = knobs.cushionS;
  if (bufferS < r) return 0;
  if (bufferS >= r + c) return top;
  if (knobs.map === 'quality') {
    // LOUD: evaluated as the reference does, (top * (B - r)) / c, then truncated. Keep the order.
    return Math.trunc((top * (bufferS - r)) / c);
  }
  const lo = bitratesKbps[0];
  const hi = bitratesKbps[top];
  return highestRungAtMost(bitratesKbps, lo + ((hi - lo) * (bufferS - r)) / c);
}

export function createBba(env: AlgorithmEnv, knobs: BbaKnobs): AbrAlgorithm {
  const thresholds = { reservoirS: knobs.reservoirS, upperS: knobs.reservoirS + knobs.cushionS };
  return {
    name: 'bba',
    startVideo() {},
    observe() {},
    decide(input: DecisionInput): Decision {
      return { quality: bbaQuality(env.video.bitratesKbps, input.bufferS, knobs), estimateKbps: null, thresholds };
    },
  };
}
