/**
 * QoE per chunk (abr-simulator.md §3): r_i = q(R_i) − rebufferPenalty·rebuffer_i −
 * switchPenalty·|q(R_i) − q(R_{i−1})|.
 *
 * - linear: q(R) = R/1000 (Mbps): the reference's QoE_lin, 4.3 / 1.
 * - log:    q(R) = ln(R/R_min).
 * - hd:     Pensieve's "HD" map [1, 2, 3, 12, 15, 20] over 300…4300 kbps (penalty 8 upstream),
 *           linearly interpolated for other ladders and clamped at the ends.
 *
 * The headline session QoE EXCLUDES chunk 0 (the literature's convention); qoeAll includes it.
 */
import type { PlanObjective } from './algorithms/types';
import { DetMath } from '../core/math';

export const QOE_METRICS = ['linear', 'log', 'hd'] as const;
export type QoeMetric = (typeof QOE_METRICS)[number];

export interface QoeConfig {
  metric: QoeMetric;
  rebufferPenalty: number;
  switchPenalty: number;
}

const HD_KBPS = [300, 750, 1200, 1850, 2850, 4300];
const HD_VALUE = [1, 2, 3, 12, 15, 20];

function hdUtility(kbps: number): number {
  if (kbps <= HD_KBPS[0]) return HD_VALUE[0];
  for (let i = 1; i < HD_KBPS.length; i++) {
    if (kbps <= HD_KBPS[i]) return HD_VALUE[i - 1] + ((HD_VALUE[i] - HD_VALUE[i - 1]) * (kbps - HD_KBPS[i - 1])) / (HD_KBPS[i] - HD_KBPS[i - 1]);
  }
  return HD_VALUE[HD_VALUE.length - 1];
}

/**
 * Utility as raw / scale. LOUD: linear keeps raw = kbps and scale = 1000 so that sums of integers
 * are divided once, exactly as the reference evaluates R/1000 and Σ|ΔR|/1000.
 */
export function objectiveFor(config: QoeConfig, bitratesKbps: readonly number[]): PlanObjective {
  let utilityRaw: number[];
  let utilityScale = 1;
  switch (config.metric) {
    case 'linear':
      utilityRaw = [...bitratesKbps];
      utilityScale = 1000;
      break;
    case 'log':
      utilityRaw = bitratesKbps.map((r) => DetMath.log(r / bitratesKbps[0]));
      break;
    case 'hd':
      utilityRaw = bitratesKbps.map(hdUtility);
      break;
  }
  return { utilityRaw, utilityScale, rebufferPenalty: config.rebufferPenalty, switchPenalty: config.switchPenalty };
}

export interface RewardParts {
  reward: number;
  bitrateTerm: number;
  rebufferTerm: number;
  switchTerm: number;
}

/** LOUD: the expression order reproduces the reference bit for bit: a/1000 − 4.3·b − 1·|Δ|/1000. */
export function chunkReward(o: PlanObjective, quality: number, previous: number, rebufferS: number): RewardParts {
  const bitrateTerm = o.utilityRaw[quality] / o.utilityScale;
  const rebufferTerm = o.rebufferPenalty * rebufferS;
  const switchTerm = (o.switchPenalty * Math.abs(o.utilityRaw[quality] - o.utilityRaw[previous])) / o.utilityScale;
  return { reward: bitrateTerm - rebufferTerm - switchTerm, bitrateTerm, rebufferTerm, switchTerm };
}
