/**
 * BOLA as dash.js implements it ("BOLA-O" with a placeholder buffer; Spiteri et al., and dash.js
 * src/streaming/rules/abr/BolaRule.js). Semantics re-implemented from the description:
 *
 * - utilities u_i = ln(R_i) − ln(R_0) + 1; buffer target T = max(stableBufferS, 10 + 2·levels);
 *   gp = (u_top − 1)/(T/10 − 1), Vp = 10/gp.
 * - choice: argmax_i (Vp·(u_i + gp) − Q)/R_i, ties to the higher rung, Q = buffer + placeholder.
 *   (abr-simulator.md §8 writes u_i − 1 + gp; dash.js's code uses u_i + gp, which we follow.)
 * - startup state: the highest rung at or below the safe throughput (0.9 × estimate); the
 *   placeholder is set so that BOLA would pick that rung; steady once buffer ≥ one chunk.
 * - steady state: the placeholder grows by idle (non-download) time; BOLA-O caps an up-switch to an
 *   unsustainable rung at max(last, throughput rung); if buffer + placeholder exceeds the level at
 *   which the chosen rung stops being worth downloading, shrink the placeholder first, then ask the
 *   player to wait (except at the top rung).
 * - on every downloaded chunk the placeholder decays by 0.99 and is capped; on a stall it is reset.
 */
import type { AbrAlgorithm, AlgorithmEnv, ChunkObservation, Decision, DecisionInput } from './types';
import { highestRungAtMost } from './types';
import { DualEwmaEstimator, EWMA_PRESET_SPECS } from './ewma';
import { DetMath } from '../../core/math';

export const BOLA_MINIMUM_BUFFER_S = 10;
export const BOLA_BUFFER_PER_LEVEL_S = 2;
export const BOLA_PLACEHOLDER_DECAY = 0.99;
export const DASHJS_SAFETY = 0.9;

export interface BolaKnobs {
  /** dash.js stableBufferTime / bufferTimeDefault. */
  stableBufferS: number;
}

export interface BolaParameters {
  utilities: number[];
  bufferTargetS: number;
  gp: number;
  Vp: number;
}

export function bolaParameters(bitratesKbps: readonly number[], stableBufferS: number): BolaParameters {
  const logs = bitratesKbps.map((b) => DetMath.log(b));
  const utilities = logs.map((u) => u - logs[0] + 1);
  const bufferTargetS = Math.max(stableBufferS, BOLA_MINIMUM_BUFFER_S + BOLA_BUFFER_PER_LEVEL_S * bitratesKbps.length);
  const top = utilities[utilities.length - 1];
  const gp = (top - 1) / (bufferTargetS / BOLA_MINIMUM_BUFFER_S - 1);
  return { utilities, bufferTargetS, gp, Vp: BOLA_MINIMUM_BUFFER_S / gp };
}

export function bolaQualityForLevel(p: BolaParameters, bitratesKbps: readonly number[], levelS: number): number {
  let quality = 0;
  let best = NaN;
  for (let i = 0; i < bitratesKbps.length; i++) {
    const s = (p.Vp * (p.utilities[i] + p.gp) - levelS) / bitratesKbps[i];
    if (Number.isNaN(best) || s >= best) {
      best = s;
      quality = i;
    }
  }
  return quality;
}

/** Above this effective buffer BOLA prefers waiting to downloading at `quality`. */
export function bolaMaxLevel(p: BolaParameters, quality: number): number {
  return p.Vp * (p.utilities[quality] + p.gp);
}

/** The smallest effective buffer at which BOLA picks `quality` over every lower rung. */
export function bolaMinLevel(p: BolaParameters, bitratesKbps: readonly number[], quality: number): number {
  const qR = bitratesKbps[quality];
  const qU = p.utilities[quality];
  let min = 0;
  for (let i = quality - 1; i >= 0; i--) {
    if (p.utilities[i] < qU) {
      const iR = bitratesKbps[i];
      const iU = p.utilities[i];
      min = Math.max(min, p.Vp * (p.gp + (qR * iU - iR * qU) / (qR - iR)));
    }
  }
  return min;
}

/** BOLA's state machine as a reusable object (dynamic embeds one). */
export class BolaCore {
  readonly params: BolaParameters;
  private readonly R: readonly number[];
  readonly throughput = new DualEwmaEstimator(EWMA_PRESET_SPECS.dashjs);
  private steady = false;
  placeholderS = 0;
  private lastQuality = 0;
  private lastChunkDurationS = NaN;
  private lastFinishMs = NaN;
  private lastCallMs = NaN;

  constructor(
    private readonly env: AlgorithmEnv,
    knobs: BolaKnobs,
  ) {
    this.R = env.video.bitratesKbps;
    this.params = bolaParameters(this.R, knobs.stableBufferS);
  }

  reset(): void {
    this.throughput.reset();
    this.steady = false;
    this.placeholderS = 0;
    this.lastQuality = 0;
    this.lastChunkDurationS = NaN;
    this.lastFinishMs = NaN;
    this.lastCallMs = NaN;
  }

  observe(obs: ChunkObservation): void {
    this.throughput.observe(obs);
    this.lastQuality = obs.quality;
    this.lastChunkDurationS = this.env.video.chunkDurationS;
    this.lastFinishMs = obs.completeMs;
    this.placeholderS *= BOLA_PLACEHOLDER_DECAY;
    const bufferBeforeAppend = Math.max(0, obs.bufferS - this.env.video.chunkDurationS);
    const bufferAtRequest = bufferBeforeAppend + 0.001 * (obs.completeMs - obs.requestMs);
    this.placeholderS = Math.min(Math.max(0, bolaMaxLevel(this.params, obs.quality) - bufferAtRequest), this.placeholderS);
  }

  onStall(): void {
    if (this.steady) this.placeholderS = 0;
  }

  estimateKbps(): number {
    const m = this.throughput.kbps;
    return Number.isNaN(m) ? this.env.defaultEstimateKbps : m;
  }

  decide(input: DecisionInput): Decision {
    const p = this.params;
    const estimate = this.estimateKbps();
    const throughputQuality = highestRungAtMost(this.R, DASHJS_SAFETY * estimate);
    const thresholds = () => ({ bolaTargetS: p.bufferTargetS, placeholderS: this.placeholderS });
    if (!this.steady) {
      const quality = throughputQuality;
      this.placeholderS = Math.max(0, bolaMinLevel(p, this.R, quality) - input.bufferS);
      this.lastQuality = quality;
      if (!Number.isNaN(this.lastChunkDurationS) && input.bufferS >= this.lastChunkDurationS) this.steady = true;
      return { quality, estimateKbps: estimate, thresholds: thresholds(), rule: 'startup' };
    }
    if (!Number.isNaN(this.lastFinishMs)) this.placeholderS += Math.max(0, 0.001 * (input.nowMs - this.lastFinishMs));
    else if (!Number.isNaN(this.lastCallMs)) this.placeholderS += Math.max(0, 0.001 * (input.nowMs - this.lastCallMs));
    this.lastCallMs = input.nowMs;
    this.lastFinishMs = NaN;

    let quality = bolaQualityForLevel(p, this.R, input.bufferS + this.placeholderS);
    if (quality > this.lastQuality && quality > throughputQuality) quality = Math.max(throughputQuality, this.lastQuality);
    let waitS = Math.max(0, input.bufferS + this.placeholderS - bolaMaxLevel(p, quality));
    if (waitS <= this.placeholderS) {
      this.placeholderS -= waitS;
      waitS = 0;
    } else {
      waitS -= this.placeholderS;
      this.placeholderS = 0;
      if (quality === this.R.length - 1) waitS = 0;
    }
    this.lastQuality = quality;
    return { quality, estimateKbps: estimate, waitS, thresholds: thresholds(), rule: 'steady' };
  }
}

export function createBola(env: AlgorithmEnv, knobs: BolaKnobs): AbrAlgorithm {
  const core = new BolaCore(env, knobs);
  return {
    name: 'bola',
    startVideo: () => core.reset(),
    observe: (obs) => core.observe(obs),
    decide: (input) => core.decide(input),
    onStall: () => core.onStall(),
  };
}
