/** Build any of the seven algorithms by name. */
import type { AlgorithmName } from '../constants';
import { REFERENCE } from '../constants';
import type { AbrAlgorithm, AlgorithmEnv } from './types';
import { createRate, type RateKnobs } from './rate';
import { createBba, type BbaKnobs } from './bba';
import { createBola, type BolaKnobs } from './bola';
import { createEwma, type EwmaKnobs } from './ewma';
import { createMpc, type MpcKnobs } from './mpc';
import { createDynamic } from './dynamic';

export interface AlgorithmKnobs {
  rate: RateKnobs;
  bba: BbaKnobs;
  bola: BolaKnobs;
  ewma: EwmaKnobs;
  mpc: MpcKnobs;
}

export const DEFAULT_KNOBS: AlgorithmKnobs = {
  rate: { samples: 5, safety: 0.9 },
  bba: { reservoirS: 5, cushionS: 10, map: 'quality' },
  bola: { stableBufferS: 18 },
  ewma: { preset: 'dashjs' },
  mpc: { horizon: 5, samples: 5, errorWindow: 5 },
};

/**
 * Reference mode pins the baselines to the literature's constants (rb_derived, test/bb.py,
 * test/mpc.py); BOLA, EWMA and Dynamic have no reference implementation and keep their knobs.
 */
export function referenceKnobs(knobs: AlgorithmKnobs): AlgorithmKnobs {
  return {
    ...knobs,
    rate: { samples: 5, safety: 1 },
    bba: { reservoirS: REFERENCE.bbaReservoirS, cushionS: REFERENCE.bbaCushionS, map: 'quality' },
    mpc: { horizon: REFERENCE.mpcHorizon, samples: REFERENCE.mpcSamples, errorWindow: REFERENCE.mpcErrorWindow },
  };
}

export function createAlgorithm(name: AlgorithmName, env: AlgorithmEnv, knobs: AlgorithmKnobs): AbrAlgorithm {
  switch (name) {
    case 'rate':
      return createRate(env, knobs.rate);
    case 'bba':
      return createBba(env, knobs.bba);
    case 'bola':
      return createBola(env, knobs.bola);
    case 'ewma':
      return createEwma(env, knobs.ewma);
    case 'mpc':
      return createMpc(env, knobs.mpc, false);
    case 'robustmpc':
      return createMpc(env, knobs.mpc, true);
    case 'dynamic':
      return createDynamic(env, knobs.bola);
  }
}

export type { AbrAlgorithm, AlgorithmEnv, Decision, DecisionInput, ChunkObservation, Quirks } from './types';
