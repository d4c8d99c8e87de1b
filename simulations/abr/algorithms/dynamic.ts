/**
 * dash.js's default "Dynamic" strategy: the throughput rule (dual EWMA, 0.9 safety) while the
 * buffer is low, BOLA once the buffer reaches stableBufferS, and back to throughput when the
 * buffer falls below half of it. The gap between the two thresholds is the hysteresis that keeps
 * it from flapping. BOLA's state is kept up to date by every download even while it is inactive.
 * (dash.js also merges other rules, e.g. InsufficientBuffer; not modelled.)
 */
import type { AbrAlgorithm, AlgorithmEnv, Decision, DecisionInput } from './types';
import { highestRungAtMost } from './types';
import { BolaCore, DASHJS_SAFETY, type BolaKnobs } from './bola';

export function createDynamic(env: AlgorithmEnv, knobs: BolaKnobs): AbrAlgorithm {
  const bola = new BolaCore(env, knobs);
  const onAtS = knobs.stableBufferS;
  const offBelowS = 0.5 * knobs.stableBufferS;
  let useBola = false;
  return {
    name: 'dynamic',
    startVideo() {
      bola.reset();
      useBola = false;
    },
    observe: (obs) => bola.observe(obs),
    onStall: () => bola.onStall(),
    decide(input: DecisionInput): Decision {
      if (!useBola && input.bufferS >= onAtS) useBola = true;
      else if (useBola && input.bufferS < offBelowS) useBola = false;
      if (useBola) return { ...bola.decide(input), rule: 'bola' };
      const estimate = bola.estimateKbps();
      return {
        quality: highestRungAtMost(env.video.bitratesKbps, DASHJS_SAFETY * estimate),
        estimateKbps: estimate,
        thresholds: { bolaTargetS: bola.params.bufferTargetS },
        rule: 'throughput',
      };
    },
  };
}
