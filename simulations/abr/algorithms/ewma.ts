/**
 * Dual-EWMA throughput rule (fast and slow exponentially weighted moving averages, estimate =
 * min(fast, slow)), with the defaults of three production players as presets
 * (abr-simulator.md §8):
 *
 * | preset | half-lives (s of download time) | default estimate | level choice                                   |
 * |--------|--------------------------------|------------------|------------------------------------------------|
 * | hlsjs  | 3 / 9                          | 500 kbps         | ≤ 0.95·est to stay or go down, ≤ 0.7·est to go up |
 * | shaka  | 2 / 5                          | 1000 kbps        | variant i if est ∈ [R_i/0.95, R_{i+1}/0.85]; no switch within 8 s |
 * | dashjs | 2 / 5.33 (3 and 8 in units of 1.5·s) | player default | ≤ 0.9·est                             |
 *
 * hls.js floors a sample's weight at 50 ms; shaka ignores samples under 16 kB and keeps the
 * default until 128 kB have been sampled. Weight = download time (request to last byte), value =
 * bytes·8/time.
 */
import type { AbrAlgorithm, AlgorithmEnv, ChunkObservation, Decision, DecisionInput } from './types';
import { highestRungAtMost, sampleKbps } from './types';
import { DetMath } from '../../core/math';

export class Ewma {
  private readonly alpha: number;
  private estimate = 0;
  private totalWeight = 0;
  constructor(readonly halfLife: number) {
    this.alpha = DetMath.exp(DetMath.log(0.5) / halfLife);
  }
  sample(weight: number, value: number): void {
    const a = DetMath.pow(this.alpha, weight);
    this.estimate = value * (1 - a) + a * this.estimate;
    this.totalWeight += weight;
  }
  /** Zero-bias corrected estimate; NaN before any sample. */
  get value(): number {
    if (this.totalWeight === 0) return NaN;
    return this.estimate / (1 - DetMath.pow(this.alpha, this.totalWeight));
  }
}

export const EWMA_PRESETS = ['hlsjs', 'shaka', 'dashjs'] as const;
export type EwmaPreset = (typeof EWMA_PRESETS)[number];

interface PresetSpec {
  fastHalfLifeS: number;
  slowHalfLifeS: number;
  defaultEstimateKbps: number | null;
  minSampleBytes: number;
  minTotalBytes: number;
  minWeightS: number;
}

export const EWMA_PRESET_SPECS: Record<EwmaPreset, PresetSpec> = {
  hlsjs: { fastHalfLifeS: 3, slowHalfLifeS: 9, defaultEstimateKbps: 500, minSampleBytes: 0, minTotalBytes: 0, minWeightS: 0.05 },
  shaka: { fastHalfLifeS: 2, slowHalfLifeS: 5, defaultEstimateKbps: 1000, minSampleBytes: 16000, minTotalBytes: 128000, minWeightS: 0 },
  dashjs: { fastHalfLifeS: 3 / 1.5, slowHalfLifeS: 8 / 1.5, defaultEstimateKbps: null, minSampleBytes: 0, minTotalBytes: 0, minWeightS: 0 },
};

/** The dual-EWMA bandwidth estimator shared by ewma, bola and dynamic. */
export class DualEwmaEstimator {
  private fast: Ewma;
  private slow: Ewma;
  private bytesSampled = 0;
  constructor(private readonly spec: PresetSpec) {
    this.fast = new Ewma(spec.fastHalfLifeS);
    this.slow = new Ewma(spec.slowHalfLifeS);
  }
  reset(): void {
    this.fast = new Ewma(this.spec.fastHalfLifeS);
    this.slow = new Ewma(this.spec.slowHalfLifeS);
    this.bytesSampled = 0;
  }
  observe(obs: ChunkObservation): void {
    if (obs.bytes < this.spec.minSampleBytes) return;
    const weight = Math.max(obs.delayMs / 1000, this.spec.minWeightS);
    const kbps = sampleKbps(obs);
    this.fast.sample(weight, kbps);
    this.slow.sample(weight, kbps);
    this.bytesSampled += obs.bytes;
  }
  /** min(fast, slow), or NaN while there is not enough data. */
  get kbps(): number {
    if (this.bytesSampled === 0 || this.bytesSampled < this.spec.minTotalBytes) return NaN;
    return Math.min(this.fast.value, this.slow.value);
  }
}

export interface EwmaKnobs {
  preset: EwmaPreset;
}

const SHAKA_SWITCH_INTERVAL_MS = 8000;

export function createEwma(env: AlgorithmEnv, knobs: EwmaKnobs): AbrAlgorithm {
  const spec = EWMA_PRESET_SPECS[knobs.preset];
  const estimator = new DualEwmaEstimator(spec);
  const R = env.video.bitratesKbps;
  let lastSwitchMs = -Infinity;
  let current = -1;
  return {
    name: 'ewma',
    startVideo() {
      estimator.reset();
      lastSwitchMs = -Infinity;
      current = -1;
    },
    observe(obs) {
      estimator.observe(obs);
      current = obs.quality;
    },
    decide(input: DecisionInput): Decision {
      const measured = estimator.kbps;
      const est = Number.isNaN(measured) ? (spec.defaultEstimateKbps ?? env.defaultEstimateKbps) : measured;
      const last = current < 0 ? input.lastQuality : current;
      let quality: number;
      switch (knobs.preset) {
        case 'hlsjs': {
          quality = 0;
          for (let i = 0; i < R.length; i++) if (R[i] <= est * (i > last ? 0.7 : 0.95)) quality = i;
          break;
        }
        case 'shaka': {
          quality = 0;
          for (let i = 0; i < R.length; i++) {
            const min = R[i] / 0.95;
            const max = i + 1 < R.length ? R[i + 1] / 0.85 : Infinity;
            if (est >= min && est <= max) quality = i;
          }
          if (current >= 0 && quality !== last && input.nowMs - lastSwitchMs < SHAKA_SWITCH_INTERVAL_MS) quality = last;
          if (quality !== last) lastSwitchMs = input.nowMs;
          break;
        }
        case 'dashjs':
          quality = highestRungAtMost(R, 0.9 * est);
          break;
      }
      return { quality, estimateKbps: est };
    },
  };
}
