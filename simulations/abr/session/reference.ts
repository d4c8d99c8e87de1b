/**
 * Reference mode: the literature's deterministic trace-driven simulator (Pensieve test/fixed_env.py
 * as specified in abr-simulator.md §2 and §6), as one fast pure loop.
 *
 * Every quirk is deliberate; do not "fix" any of them here (realistic mode is the corrected model):
 * 1. Line k's throughput covers (T[k−1], T[k]]; line 0 is never used; past the end, wrap to
 *    ptr = 1 with clock 0. Payload factor 0.95.
 * 2. The 80 ms RTT goes into the delay but does NOT advance the trace clock.
 * 3. Chunk 0 starts with an empty buffer, so its whole download counts as rebuffering.
 * 4. QoE excludes chunk 0 (summarize()).
 * 5–7. MPC quirks live in algorithms/mpc.ts (Quirks) and in runReferenceBatch's history option.
 * 8. The sleep the environment returns is the decremented remainder (returnedSleepMs).
 * Every chunk 0 is quality 1; the quality resets to 1 at every new video.
 *
 * LOUD: the arithmetic is written in the reference's order (rate·dur·0.95, (S − sent)/rate/0.95,
 * d·1000 + 80, …). Reordering any of it breaks bit-for-bit parity.
 */
import { REFERENCE, type AlgorithmName } from '../constants';
import type { Trace } from '../network/trace';
import type { Video } from '../video/video';
import { createAlgorithm, referenceKnobs, DEFAULT_KNOBS, type AlgorithmKnobs } from '../algorithms';
import { REFERENCE_QUIRKS, type AbrAlgorithm, type AlgorithmEnv, type PlanObjective } from '../algorithms/types';
import { chunkReward, objectiveFor } from '../qoe';
import { summarize, type ChunkRecord, type SessionResult } from './types';

export function referenceObjective(video: Video): PlanObjective {
  return objectiveFor({ metric: 'linear', rebufferPenalty: REFERENCE.rebufferPenalty, switchPenalty: REFERENCE.switchPenalty }, video.bitratesKbps);
}

export function referenceEnv(video: Video): AlgorithmEnv {
  return { video, quirks: REFERENCE_QUIRKS, defaultEstimateKbps: video.bitratesKbps[REFERENCE.defaultQuality], objective: referenceObjective(video), planRttS: 0 };
}

/** Play one video over one trace. The algorithm's startVideo() is called first. */
export function runReferenceSession(trace: Trace, video: Video, algorithm: AbrAlgorithm, objective: PlanObjective = referenceObjective(video)): SessionResult {
  const T = trace.timesS;
  const BW = trace.mbps;
  const L = T.length;
  const R = video.bitratesKbps;
  const sizes = video.sizes;
  const N = video.chunkCount;
  const chunkMs = video.chunkDurationS * 1000;
  const { bufferCapMs, drainQuantumMs, payloadPortion, linkRttMs, defaultQuality } = REFERENCE;

  let ptr = 1;
  let tlast = T[0];
  let buf = 0;
  let playerMs = 0;
  let idleMs = 0;
  let quality: number = defaultQuality;
  let lastQuality: number = defaultQuality;
  let estimateKbps: number | null = null;
  let thresholds: ChunkRecord['thresholds'] = null;
  let rule: string | null = null;
  const chunks: ChunkRecord[] = [];
  algorithm.startVideo();

  for (let n = 0; n < N; n++) {
    const S = sizes[quality][n];
    let sent = 0;
    let d = 0;
    for (;;) {
      const rate = (BW[ptr] * 1000000) / 8;
      const dur = T[ptr] - tlast;
      const pay = rate * dur * payloadPortion;
      if (sent + pay > S) {
        const frac = (S - sent) / rate / payloadPortion;
        d += frac;
        tlast += frac;
        break;
      }
      sent += pay;
      d += dur;
      tlast = T[ptr];
      ptr += 1;
      if (ptr >= L) {
        ptr = 1;
        tlast = 0;
      }
    }
    let delay = d * 1000;
    delay += linkRttMs;
    const bufferAtRequest = buf;
    const rebuf = Math.max(delay - buf, 0);
    buf = Math.max(buf - delay, 0);
    buf += chunkMs;

    let sleep = 0;
    let fullSleep = 0;
    if (buf > bufferCapMs) {
      const drain = buf - bufferCapMs;
      sleep = Math.ceil(drain / drainQuantumMs) * drainQuantumMs;
      fullSleep = sleep;
      buf -= sleep;
      for (;;) {
        const dur = T[ptr] - tlast;
        if (dur > sleep / 1000) {
          tlast += sleep / 1000;
          break;
        }
        sleep -= dur * 1000;
        tlast = T[ptr];
        ptr += 1;
        if (ptr >= L) {
          ptr = 1;
          tlast = 0;
        }
      }
    }

    const requestMs = playerMs;
    playerMs += delay;
    const completeMs = playerMs;
    const bufferS = buf / 1000;
    const rebufferS = rebuf / 1000;
    const parts = chunkReward(objective, quality, lastQuality, rebufferS);
    chunks.push({
      index: n,
      quality,
      bitrateKbps: R[quality],
      bytes: S,
      requestMs,
      completeMs,
      idleBeforeMs: idleMs,
      delayMs: delay,
      bufferAtRequestS: bufferAtRequest / 1000,
      bufferS,
      rebufferS,
      returnedSleepMs: sleep,
      reward: parts.reward,
      bitrateTerm: parts.bitrateTerm,
      rebufferTerm: parts.rebufferTerm,
      switchTerm: parts.switchTerm,
      estimateKbps,
      thresholds,
      rule,
    });
    algorithm.observe({ index: n, quality, bytes: S, delayMs: delay, bufferS, rebufferS, requestMs, completeMs });
    // The player idles for the full sleep; the next request goes out after it.
    playerMs += fullSleep;
    idleMs = fullSleep;
    lastQuality = quality;
    if (n + 1 < N) {
      // decision.waitS (BOLA's "wait before the next request") is ignored: the reference environment
      // only ever pauses for its buffer-cap sleep (README, reference mode).
      const decision = algorithm.decide({ nextIndex: n + 1, bufferS, lastQuality: quality, nowMs: playerMs });
      quality = decision.quality;
      estimateKbps = decision.estimateKbps;
      thresholds = decision.thresholds ?? null;
      rule = decision.rule ?? null;
    }
  }
  const summary = summarize(chunks, chunks.length ? chunks[0].rebufferS : 0);
  return { ...summary, trace: trace.name, algorithm: algorithm.name, mode: 'reference', chunks, endMs: playerMs };
}

/**
 * The trace as the reference simulator reads it, as step points from trace-clock 0 (for charts):
 * line k's throughput over (T[k−1], T[k]] (line 0 never shown, it is never used), the first pass
 * starting at T[0], every later pass re-entering at (0, T[1]] with period T[L−1] (quirk 1).
 * Reference player time runs 80 ms per chunk ahead of this clock (quirk 2), so on player time the
 * picture is approximate by that drift; the intervals themselves are the ones the downloads used.
 */
export function referenceStepPoints(trace: Trace, untilS: number): { tS: number; mbps: number }[] {
  const T = trace.timesS;
  const BW = trace.mbps;
  const L = T.length;
  const out: { tS: number; mbps: number }[] = [];
  // first pass: player time 0 is trace time T[0]
  for (let k = 1; k < L; k++) {
    const start = T[k - 1] - T[0];
    if (start > untilS) return out;
    out.push({ tS: start, mbps: BW[k] });
  }
  const period = T[L - 1];
  for (let base = T[L - 1] - T[0]; base <= untilS; base += period) {
    for (let k = 1; k < L; k++) {
      const start = base + (k === 1 ? 0 : T[k - 1]);
      if (start > untilS) return out;
      out.push({ tS: start, mbps: BW[k] });
    }
  }
  return out;
}

export type HistoryVariant = 'isolated' | 'carry';

/**
 * Play every trace in the given order. 'isolated' starts each trace with a fresh algorithm (the
 * literature's single-trace behaviour); 'carry' reuses one instance, so robustMPC's error and
 * estimate histories leak from one video into the next exactly as upstream's run over a folder.
 */
export function runReferenceBatch(
  traces: readonly Trace[],
  video: Video,
  name: AlgorithmName,
  knobs: AlgorithmKnobs = DEFAULT_KNOBS,
  history: HistoryVariant = 'isolated',
): SessionResult[] {
  const env = referenceEnv(video);
  const pinned = referenceKnobs(knobs);
  let shared: AbrAlgorithm | null = null;
  return traces.map((trace) => {
    const algorithm = history === 'carry' ? (shared ??= createAlgorithm(name, env, pinned)) : createAlgorithm(name, env, pinned);
    return runReferenceSession(trace, video, algorithm, env.objective);
  });
}
