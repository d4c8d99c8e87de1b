/**
 * MPC and robustMPC (Yin et al. SIGCOMM 2015) as the reference's test/mpc.py runs them
 * (abr-simulator.md §4.2–4.3).
 *
 * After each chunk: sample x = bytes / delay_ms / 1000 (MB/s, RTT included); ĥ = harmonic mean of
 * the last ≤5 samples of this video; robust: e = |ĥ_prev − x| / x, C = ĥ / (1 + max of the last ≤5
 * errors); plain MPC: C = ĥ. Decision: the best plan over the next H chunks, scored by
 * Σutility − penalty·Σrebuffer − penalty·Σ|Δutility| with a simple buffer model (no cap).
 *
 * Exact search: a depth-first walk over the plan tree in lexicographic order visits every complete
 * plan in the same order as enumerating all |ladder|^H sequences, accumulating each plan's
 * quantities left to right exactly as the flat enumeration does, so scores are bit-identical while
 * shared prefixes are computed once (9,330 node steps instead of 38,880 for 6 rungs, H = 5).
 *
 * LOUD (reference quirks, see Quirks): plan step j reads size[q][next + j + lookAhead]; on equal
 * scores 'last' keeps the lexicographically last plan (upstream's >=). The error and estimate
 * histories survive startVideo() (upstream keeps them module-level); only the samples reset.
 */
import type { AbrAlgorithm, AlgorithmEnv, ChunkObservation, Decision, DecisionInput } from './types';

export interface MpcKnobs {
  horizon: number;
  samples: number;
  errorWindow: number;
}

/** Upstream's initial best score; a plan must reach it to be chosen. */
const NO_PLAN_SCORE = -100000000;
const PRUNE_MARGIN = 1e-6;


export function createMpc(env: AlgorithmEnv, knobs: MpcKnobs, robust: boolean): AbrAlgorithm {
  const video = env.video;
  const Q = video.bitratesKbps.length;
  const { utilityRaw, utilityScale, rebufferPenalty, switchPenalty } = env.objective;
  const chunkS = video.chunkDurationS;
  const lookAhead = env.quirks.mpcLookAhead;
  const keepLastTie = env.quirks.mpcTieBreak === 'last';
  const planRttS = env.planRttS;

  let samples: number[] = [];
  const pastErrors: number[] = [];
  const pastEstimates: number[] = [];
  let prediction = NaN;

  // search scratch
  const dl = new Float64Array(Q * 8);
  const switchCost = new Float64Array(Q * Q);
  for (let a = 0; a < Q; a++) for (let b = 0; b < Q; b++) switchCost[a * Q + b] = switchPenalty * Math.abs(utilityRaw[b] - utilityRaw[a]);
  let maxUtility = -Infinity;
  for (const u of utilityRaw) maxUtility = Math.max(maxUtility, u);
  let H = 0;
  let bestScore = NO_PLAN_SCORE;
  let bestFirst = -1;

  /**
   * Exact branch and bound. A prefix's completions can gain at most maxUtility per remaining step
   * and only lose to rebuffering and switching, and IEEE rounding is monotone, so
   * bound = (ΣU + m·maxU)/scale − pen·rebuf − ΣS/scale is >= every completion's score. A subtree is
   * skipped only when its bound is below the best score by more than PRUNE_MARGIN, so no plan that
   * could tie or win is ever skipped and the choice (including tie-breaks) is unchanged.
   */
  function walk(depth: number, buffer: number, rebuffer: number, sumU: number, sumS: number, last: number, first: number): void {
    const base = depth * Q;
    const leafNext = depth + 2 === H;
    const remaining = H - depth - 1;
    for (let q = 0; q < Q; q++) {
      const d = dl[base + q];
      let b = buffer;
      let r = rebuffer;
      if (b < d) {
        r += d - b;
        b = 0;
      } else {
        b -= d;
      }
      b += chunkS;
      const u = sumU + utilityRaw[q];
      const s = sumS + switchCost[last * Q + q];
      const f = depth === 0 ? q : first;
      if (remaining === 0) {
        // LOUD: same expression and order as upstream: (Σbitrate/1000) − (4.3·rebuffer) − (Σ|Δ|/1000).
        const score = u / utilityScale - rebufferPenalty * r - s / utilityScale;
        if (keepLastTie ? score >= bestScore : score > bestScore) {
          bestScore = score;
          bestFirst = f;
        }
        continue;
      }
      const bound = (u + remaining * maxUtility) / utilityScale - rebufferPenalty * r - s / utilityScale;
      if (bound + PRUNE_MARGIN < bestScore) continue;
      if (!leafNext) {
        walk(depth + 1, b, r, u, s, q, f);
        continue;
      }
      const leafBase = base + Q;
      for (let q2 = 0; q2 < Q; q2++) {
        const d2 = dl[leafBase + q2];
        let r2 = r;
        if (b < d2) r2 += d2 - b;
        const score = (u + utilityRaw[q2]) / utilityScale - rebufferPenalty * r2 - (s + switchCost[q * Q + q2]) / utilityScale;
        if (keepLastTie ? score >= bestScore : score > bestScore) {
          bestScore = score;
          bestFirst = f;
        }
      }
    }
  }

  /** Score of the constant plan "quality q for all H chunks": a cheap lower bound on the optimum. */
  function constantPlanScore(start: number, last: number, q: number): number {
    let b = start;
    let r = 0;
    let u = 0;
    let s = 0;
    let prev = last;
    for (let j = 0; j < H; j++) {
      const d = dl[j * Q + q];
      if (b < d) {
        r += d - b;
        b = 0;
      } else {
        b -= d;
      }
      b += chunkS;
      u += utilityRaw[q];
      s += switchCost[prev * Q + q];
      prev = q;
    }
    return u / utilityScale - rebufferPenalty * r - s / utilityScale;
  }

  return {
    name: robust ? 'robustmpc' : 'mpc',
    startVideo() {
      samples = [];
      prediction = NaN;
    },
    observe(obs: ChunkObservation) {
      const x = obs.bytes / obs.delayMs / 1000;
      samples.push(x);
      const error = pastEstimates.length > 0 ? Math.abs(pastEstimates[pastEstimates.length - 1] - x) / x : 0;
      pastErrors.push(error);
      const n = Math.min(knobs.samples, samples.length);
      let sum = 0;
      for (let i = samples.length - n; i < samples.length; i++) sum += 1 / samples[i];
      const harmonic = 1.0 / (sum / n);
      let maxError = 0;
      const from = Math.max(0, pastErrors.length - knobs.errorWindow);
      maxError = pastErrors[from];
      for (let i = from + 1; i < pastErrors.length; i++) if (pastErrors[i] > maxError) maxError = pastErrors[i];
      prediction = robust ? harmonic / (1 + maxError) : harmonic;
      pastEstimates.push(harmonic);
    },
    decide(input: DecisionInput): Decision {
      const C = Number.isNaN(prediction) ? env.defaultEstimateKbps / 8000 : prediction;
      const done = input.nextIndex;
      H = Math.min(knobs.horizon, video.chunkCount - done);
      if (H <= 0) return { quality: input.lastQuality, estimateKbps: C * 8000 };
      const maxIndex = video.sizes[0].length - 1;
      for (let j = 0; j < H; j++) {
        const index = Math.min(done + j + lookAhead, maxIndex);
        for (let q = 0; q < Q; q++) {
          const t = video.sizes[q][index] / 1000000 / C;
          dl[j * Q + q] = planRttS > 0 ? t + planRttS : t;
        }
      }
      let floor = NO_PLAN_SCORE;
      for (let q = 0; q < Q; q++) floor = Math.max(floor, constantPlanScore(input.bufferS, input.lastQuality, q) - PRUNE_MARGIN);
      bestScore = floor;
      bestFirst = -1;
      walk(0, input.bufferS, 0, 0, 0, input.lastQuality, -1);
      // Upstream keeps its previous answer when no plan reaches NO_PLAN_SCORE; that is the chunk just played.
      const quality = bestFirst < 0 ? input.lastQuality : bestFirst;
      return { quality, estimateKbps: C * 8000 };
    },
  };
}

