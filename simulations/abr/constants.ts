/**
 * Constants of the literature's trace-driven ABR simulator (Pensieve, Mao et al. SIGCOMM 2017,
 * `test/fixed_env.py`), see ../../../shared/research/abr-simulator.md §5. Reference mode pins all of
 * these; realistic mode exposes most of them as parameters.
 */
export const REFERENCE = {
  bitratesKbps: [300, 750, 1200, 1850, 2850, 4300] as readonly number[],
  chunkCount: 48,
  chunkDurationMs: 4000,
  bufferCapMs: 60000,
  drainQuantumMs: 500,
  payloadPortion: 0.95,
  linkRttMs: 80,
  rebufferPenalty: 4.3,
  switchPenalty: 1,
  defaultQuality: 1,
  bbaReservoirS: 5,
  bbaCushionS: 10,
  mpcHorizon: 5,
  mpcSamples: 5,
  mpcErrorWindow: 5,
  mpcHistorySlots: 8,
} as const;

export const ALGORITHM_NAMES = ['rate', 'bba', 'bola', 'ewma', 'mpc', 'robustmpc', 'dynamic'] as const;
export type AlgorithmName = (typeof ALGORITHM_NAMES)[number];

/** The learner's own algorithm from the code lab, racing beside the built-ins (algorithms/yours.ts). */
export const YOURS = 'yours';
export type RacerName = AlgorithmName | typeof YOURS;

export function isAlgorithmName(name: string): name is AlgorithmName {
  return (ALGORITHM_NAMES as readonly string[]).includes(name);
}

export type SimulationMode = 'reference' | 'realistic';
