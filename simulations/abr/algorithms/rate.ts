/**
 * Rate-based: harmonic mean of the last N throughput samples of this video, times a safety factor;
 * pick the highest rung at or below it. With N = 5 and safety 1 this is the reference's
 * `rb_derived` rule (abr-simulator.md §4.4): sample = bytes·8/delay_ms (RTT included).
 */
import type { AbrAlgorithm, AlgorithmEnv, ChunkObservation, Decision, DecisionInput } from './types';
import { highestRungAtMost, sampleKbps } from './types';

export interface RateKnobs {
  samples: number;
  safety: number;
}

export function harmonicMeanOfLast(values: readonly number[], n: number): number {
  const k = Math.min(n, values.length);
  let sum = 0;
  for (let i = values.length - k; i < values.length; i++) sum += 1 / values[i];
  return 1 / (sum / k);
}

export function createRate(env: AlgorithmEnv, knobs: RateKnobs): AbrAlgorithm {
  let samples: number[] = [];
  return {
    name: 'rate',
    startVideo() {
      samples = [];
    },
    observe(obs: ChunkObservation) {
      samples.push(sampleKbps(obs));
    },
    decide(_input: DecisionInput): Decision {
      const estimate = samples.length ? harmonicMeanOfLast(samples, knobs.samples) : env.defaultEstimateKbps;
      return { quality: highestRungAtMost(env.video.bitratesKbps, knobs.safety * estimate), estimateKbps: estimate };
    },
  };
}
