// Model answer of the video-streaming lesson's "Write your own ABR" exercise: the rate rule's
// harmonic mean, with a safety factor that follows the buffer (careful when it is low, bolder when
// it is full). tests/unit/code-lab/exercise.test.ts checks the lesson's claim about it.
import type { Algorithm, AlgorithmEnv, ChunkObservation, Decision, DecisionInput } from '../templates/abr';
export function createAlgorithm(env: AlgorithmEnv): Algorithm {
  const ladder = env.video.bitratesKbps;
  let samples: number[] = [];
  return {
    startVideo() {
      samples = [];
    },
    observe(obs: ChunkObservation) {
      samples.push((obs.bytes * 8) / obs.delayMs);
    },
    decide(input: DecisionInput): Decision {
      const recent = samples.slice(-5);
      const estimate = recent.length ? recent.length / recent.reduce((s, x) => s + 1 / x, 0) : env.defaultEstimateKbps;
      const safety = input.bufferS < 8 ? 0.6 : input.bufferS < 20 ? 0.9 : 1.2;
      let quality = 0;
      for (let q = 0; q < ladder.length; q++) if (ladder[q] <= safety * estimate) quality = q;
      return { quality, estimateKbps: estimate };
    },
  };
}
