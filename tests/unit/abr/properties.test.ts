/** Properties of the realistic player over random networks, videos and settings (fast-check). */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ALGORITHM_NAMES, type AlgorithmName } from '@/simulations/abr/constants';
import { createAlgorithm, DEFAULT_KNOBS } from '@/simulations/abr/algorithms';
import { generateTrace, TRACE_KINDS, type SyntheticTraceSpec } from '@/simulations/abr/network/synthetic';
import { runRealisticSession, type PlayerConfig } from '@/simulations/abr/session/realistic';
import { runReferenceSession, referenceEnv } from '@/simulations/abr/session/reference';
import { realisticEnv } from '@/simulations/abr/session/env';
import { LADDERS, syntheticVideo } from '@/simulations/abr/video/video';
import { runMachineSession } from '@/simulations/abr/machines/run';
import { RandomStream } from '@/simulations/core/rng';
import { abrLab } from '@/simulations/abr';
import { Runner } from '@/simulations/core/runner';
import { validate } from '@/simulations/core/params';

const scenario = fc.record({
  seed: fc.integer({ min: 0, max: 1000 }),
  kind: fc.constantFrom(...TRACE_KINDS),
  meanMbps: fc.double({ min: 0.2, max: 8, noNaN: true }),
  noise: fc.double({ min: 0, max: 0.6, noNaN: true }),
  durationS: fc.integer({ min: 20, max: 300 }),
  ladder: fc.constantFrom('pensieve', 'netflix2015', 'threeRung' as const),
  chunkS: fc.constantFrom(1, 2, 4, 6),
  chunks: fc.integer({ min: 5, max: 40 }),
  vbr: fc.double({ min: 0, max: 0.5, noNaN: true }),
  bufferCapS: fc.integer({ min: 4, max: 90 }),
  startupS: fc.integer({ min: 1, max: 20 }),
  rttMs: fc.integer({ min: 0, max: 500 }),
  algorithm: fc.constantFrom(...ALGORITHM_NAMES),
});
type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function build(s: Scenario) {
  const spec: SyntheticTraceSpec = {
    kind: s.kind,
    durationS: s.durationS,
    stepS: 1,
    meanMbps: s.meanMbps,
    amplitudeMbps: s.meanMbps * 0.8,
    periodS: 30,
    minMbps: 0.05,
    maxMbps: 20,
    volatilityMbps: 0.5,
    noise: s.noise,
    steps: [[0, s.meanMbps], [s.durationS / 2, s.meanMbps / 5]],
    markov: { statesMbps: [0.3, s.meanMbps], transitions: [[0.8, 0.2], [0.1, 0.9]] },
    points: [[0, s.meanMbps], [s.durationS, 0.5]],
  };
  const trace = generateTrace(spec, new RandomStream(s.seed, 'trace'));
  const video = syntheticVideo({ bitratesKbps: LADDERS[s.ladder], chunkDurationS: s.chunkS, chunkCount: s.chunks, vbr: s.vbr }, new RandomStream(s.seed, 'video'));
  const config: PlayerConfig = { bufferCapS: s.bufferCapS, startupS: s.startupS, rttMs: s.rttMs, efficiency: 0.95 };
  const env = realisticEnv(video, { metric: 'linear', rebufferPenalty: 4.3, switchPenalty: 1 }, s.rttMs, 1000);
  const run = (algorithm: AlgorithmName = s.algorithm) => runRealisticSession(trace, video, createAlgorithm(algorithm, env, DEFAULT_KNOBS), config, env.objective);
  return { trace, video, config, env, run };
}

describe('realistic player properties', () => {
  it('buffer never negative or above the cap, stalls only when the buffer is empty, quality within the ladder, deterministic', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { video, config, run } = build(s);
        const r = run();
        const again = run();
        expect(again).toEqual(r);
        expect(r.chunks.length).toBe(video.chunkCount);
        const cap = Math.max(config.bufferCapS, video.chunkDurationS);
        let playing = false;
        for (const c of r.chunks) {
          expect(Number.isInteger(c.quality) && c.quality >= 0 && c.quality < video.bitratesKbps.length).toBe(true);
          expect(c.bufferAtRequestS).toBeGreaterThanOrEqual(0);
          expect(c.bufferS).toBeGreaterThanOrEqual(0);
          expect(c.bufferS).toBeLessThanOrEqual(cap + 1e-9);
          expect(c.rebufferS).toBeGreaterThanOrEqual(0);
          // a stall happens only once the buffer that was there at the request has run out
          const expectedStall = playing ? Math.max(0, c.delayMs / 1000 - c.bufferAtRequestS) : 0;
          expect(c.rebufferS).toBeCloseTo(expectedStall, 6);
          expect(c.completeMs).toBeGreaterThanOrEqual(c.requestMs);
          if (c.completeMs >= r.startupDelayS * 1000) playing = true;
        }
        expect(r.endMs).toBeGreaterThanOrEqual(r.chunks[r.chunks.length - 1].completeMs);
      }),
      { numRuns: 60, seed: 20240601 },
    );
  });

  it('the XState machine and the fast loop give identical sessions', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { trace, video, config, env, run } = build(s);
        const viaMachine = runMachineSession(trace, video, createAlgorithm(s.algorithm, env, DEFAULT_KNOBS), config, env.objective).result;
        expect(viaMachine).toEqual(run());
      }),
      { numRuns: 25, seed: 7 },
    );
  });

  it('reference mode on random traces: quality in ladder, buffer within [0, 60], deterministic', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { trace } = build(s);
        const video = syntheticVideo({ bitratesKbps: LADDERS.pensieve, chunkDurationS: 4, chunkCount: 48, vbr: s.vbr }, new RandomStream(s.seed, 'video'));
        const env = referenceEnv(video);
        const r = runReferenceSession(trace, video, createAlgorithm(s.algorithm, env, DEFAULT_KNOBS));
        expect(runReferenceSession(trace, video, createAlgorithm(s.algorithm, env, DEFAULT_KNOBS))).toEqual(r);
        for (const c of r.chunks) {
          expect(c.quality >= 0 && c.quality <= 5).toBe(true);
          expect(c.bufferS >= 0 && c.bufferS <= 60).toBe(true);
          expect(c.rebufferS * 1000).toBeCloseTo(Math.max(0, c.delayMs - c.bufferAtRequestS * 1000), 6);
        }
      }),
      { numRuns: 30, seed: 11 },
    );
  });

  it('lab runs are deterministic: same seed and params give the same event log', () => {
    let stalls = 0;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.constantFrom('realistic', 'reference' as const), (seed, mode) => {
        const params = validate(abrLab.schema, { mode, 'trace.kind': 'randomWalk', 'video.chunks': 20 }).params;
        const a = new Runner(abrLab, params, seed);
        a.runToEnd();
        const b = new Runner(abrLab, params, seed);
        b.runToEnd();
        expect(b.recorder.events).toEqual(a.recorder.events);
        expect(b.result()).toEqual(a.result());
        for (const e of a.recorder.events) {
          if (e.type !== 'stall-start') continue;
          stalls++;
          // A stall starts exactly when the buffer runs dry: the last level recorded BEFORE the stall
          // (the stall itself writes a 0), drained at 1 s/s of playback since, is 0 at the stall.
          // (Checking the series' last value at e.t would only see the 0 the stall wrote.)
          const before = a.recorder.series(`${(e as unknown as { player: string }).player}.bufferS`).filter((p) => p.t < e.t);
          const last = before[before.length - 1];
          expect(last.v - (e.t - last.t) / 1000).toBeCloseTo(0, 6);
        }
      }),
      { numRuns: 6, seed: 3 },
    );
    expect(stalls).toBeGreaterThan(0);
  });
});
