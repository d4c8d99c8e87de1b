/** Every algorithm on small cases computed by hand (numbers in the comments). */
import { describe, expect, it } from 'vitest';
import { bbaQuality, createBba } from '@/simulations/abr/algorithms/bba';
import { createRate, harmonicMeanOfLast } from '@/simulations/abr/algorithms/rate';
import { Ewma, createEwma } from '@/simulations/abr/algorithms/ewma';
import { bolaMaxLevel, bolaMinLevel, bolaParameters, bolaQualityForLevel, createBola } from '@/simulations/abr/algorithms/bola';
import { createDynamic } from '@/simulations/abr/algorithms/dynamic';
import { createMpc } from '@/simulations/abr/algorithms/mpc';
import { REALISTIC_QUIRKS, REFERENCE_QUIRKS, type AlgorithmEnv, type ChunkObservation, type Quirks } from '@/simulations/abr/algorithms/types';
import { chunkReward, objectiveFor } from '@/simulations/abr/qoe';
import { summarize, type ChunkRecord } from '@/simulations/abr/session/types';
import type { Video } from '@/simulations/abr/video/video';

const PENSIEVE = [300, 750, 1200, 1850, 2850, 4300];

function cbrVideo(ladder: number[], chunks = 10): Video {
  return {
    name: 'test',
    bitratesKbps: ladder,
    chunkDurationS: 4,
    chunkCount: chunks,
    sizes: ladder.map((k) => new Float64Array(chunks + 1).fill((k * 1000 * 4) / 8)),
  };
}

function env(video: Video, over: Partial<AlgorithmEnv> = {}, quirks: Quirks = REALISTIC_QUIRKS): AlgorithmEnv {
  return {
    video,
    quirks,
    defaultEstimateKbps: 1000,
    objective: objectiveFor({ metric: 'linear', rebufferPenalty: 4.3, switchPenalty: 1 }, video.bitratesKbps),
    planRttS: 0,
    ...over,
  };
}

function obs(bytes: number, delayMs: number, extra: Partial<ChunkObservation> = {}): ChunkObservation {
  return { index: 0, quality: 0, bytes, delayMs, bufferS: 4, rebufferS: 0, requestMs: 0, completeMs: delayMs, ...extra };
}

const input = (bufferS: number, lastQuality = 0, nextIndex = 1, nowMs = 0) => ({ bufferS, lastQuality, nextIndex, nowMs });

describe('BBA', () => {
  const knobs = { reservoirS: 5, cushionS: 10, map: 'quality' as const };
  it('quality map: 0 below the reservoir, top from reservoir + cushion, floor(5(B-5)/10) between', () => {
    expect(bbaQuality(PENSIEVE, 4.99, knobs)).toBe(0);
    expect(bbaQuality(PENSIEVE, 5, knobs)).toBe(0);
    expect(bbaQuality(PENSIEVE, 7, knobs)).toBe(1); // 5*2/10 = 1
    expect(bbaQuality(PENSIEVE, 8.99, knobs)).toBe(1); // 5*3.99/10 = 1.995
    expect(bbaQuality(PENSIEVE, 9, knobs)).toBe(2);
    expect(bbaQuality(PENSIEVE, 14.99, knobs)).toBe(4);
    expect(bbaQuality(PENSIEVE, 15, knobs)).toBe(5);
  });
  it('bitrate map: linear in bitrate, then the highest rung below', () => {
    // B = 10: 300 + 4000 * 5/10 = 2300 kbps -> 1850 (index 3)
    expect(bbaQuality(PENSIEVE, 10, { ...knobs, map: 'bitrate' })).toBe(3);
    // B = 6: 300 + 4000 * 0.1 = 700 -> 300 (index 0), while the quality map gives floor(0.5) = 0 too
    expect(bbaQuality(PENSIEVE, 6, { ...knobs, map: 'bitrate' })).toBe(0);
    // B = 12: 300 + 2800 = 3100 -> 2850 (index 4); quality map floor(3.5) = 3
    expect(bbaQuality(PENSIEVE, 12, { ...knobs, map: 'bitrate' })).toBe(4);
    expect(bbaQuality(PENSIEVE, 12, knobs)).toBe(3);
  });
  it('reports its thresholds', () => {
    const d = createBba(env(cbrVideo(PENSIEVE)), knobs).decide(input(10));
    expect(d.thresholds).toEqual({ reservoirS: 5, upperS: 15 });
    expect(d.estimateKbps).toBeNull();
  });
});

describe('rate-based', () => {
  const video = cbrVideo([1000, 2000, 3000]);
  it('harmonic mean of the last N samples', () => {
    expect(harmonicMeanOfLast([4000, 2000], 5)).toBeCloseTo(2666.6667, 3); // 2 / (1/4000 + 1/2000)
    expect(harmonicMeanOfLast([9, 4000, 2000], 2)).toBeCloseTo(2666.6667, 3);
  });
  it('picks the highest rung at or below safety × estimate; default estimate before any sample', () => {
    const rate = createRate(env(video), { samples: 5, safety: 0.9 });
    expect(rate.decide(input(0)).quality).toBe(0); // 0.9 * 1000 = 900 < 1000 -> 0
    rate.observe(obs(500000, 1000)); // 500000*8/1000 = 4000 kbps
    rate.observe(obs(500000, 2000)); // 2000 kbps
    const d = rate.decide(input(5));
    expect(d.estimateKbps).toBeCloseTo(2666.6667, 3);
    expect(d.quality).toBe(1); // 0.9 * 2666.7 = 2400 -> 2000
    const one = createRate(env(video), { samples: 1, safety: 0.9 });
    one.observe(obs(500000, 1000));
    one.observe(obs(500000, 2000));
    expect(one.decide(input(5)).quality).toBe(0); // 0.9 * 2000 = 1800 -> 1000
  });
});

describe('dual EWMA', () => {
  it('EWMA with zero-bias correction', () => {
    const e = new Ewma(2);
    e.sample(2, 1000); // alpha^2 = 0.5: est = 500, corrected 500 / (1 - 0.5) = 1000
    expect(e.value).toBeCloseTo(1000, 9);
    e.sample(2, 3000); // est = 3000*0.5 + 0.5*500 = 1750; corrected 1750 / (1 - 0.25) = 2333.33
    expect(e.value).toBeCloseTo(2333.3333, 3);
  });
  const video = cbrVideo([1000, 2000, 3000]);
  const sample = obs(750000, 2000, { quality: 2 }); // 3000 kbps, weight 2 s: one sample -> estimate 3000
  it('dash.js preset: highest rung <= 0.9 x estimate', () => {
    const a = createEwma(env(video), { preset: 'dashjs' });
    a.observe(sample);
    const d = a.decide(input(8, 2));
    expect(d.estimateKbps).toBeCloseTo(3000, 9);
    expect(d.quality).toBe(1); // 2700 -> 2000
  });
  it('hls.js preset: 0.95 to stay or go down, 0.7 to go up; 500 kbps default', () => {
    const fresh = createEwma(env(video), { preset: 'hlsjs' });
    expect(fresh.decide(input(0, 0, 0)).estimateKbps).toBe(500);
    const down = createEwma(env(video), { preset: 'hlsjs' });
    down.observe(sample); // current rung 2
    expect(down.decide(input(8, 2)).quality).toBe(1); // 3000 <= 2850? no; 2000 <= 2850 yes
    const up = createEwma(env(video), { preset: 'hlsjs' });
    up.observe({ ...sample, quality: 0 }); // current rung 0
    expect(up.decide(input(8, 0)).quality).toBe(1); // going up needs R <= 0.7*3000 = 2100: 2000 yes, 3000 no
  });
  it('shaka preset: variant i when estimate in [R_i/0.95, R_{i+1}/0.85]; 16 kB / 128 kB thresholds', () => {
    const a = createEwma(env(video), { preset: 'shaka' });
    expect(a.decide(input(0, 0, 0)).estimateKbps).toBe(1000); // default until 128 kB sampled
    a.observe(obs(10000, 100)); // < 16 kB: ignored
    expect(a.decide(input(0, 0, 1, 0)).estimateKbps).toBe(1000);
    a.observe(sample);
    const d = a.decide(input(8, 2, 2, 10000));
    expect(d.estimateKbps).toBeCloseTo(3000, 9);
    expect(d.quality).toBe(1); // q1 interval [2105.3, 3529.4] holds 3000; q2 needs >= 3157.9
  });
});

describe('BOLA (dash.js BOLA-O)', () => {
  it('parameters for the Pensieve ladder: target 22 s, gp = ln(4300/300)/1.2, Vp = 10/gp', () => {
    const p = bolaParameters(PENSIEVE, 18);
    expect(p.bufferTargetS).toBe(22); // max(18, 10 + 2*6)
    expect(p.utilities[0]).toBe(1);
    expect(p.gp).toBeCloseTo(Math.log(4300 / 300) / 1.2, 12);
    expect(p.Vp).toBeCloseTo(10 / p.gp, 12);
    expect(bolaParameters(PENSIEVE, 30).bufferTargetS).toBe(30);
  });
  it('quality rises with the buffer level and switches exactly at the minimum levels', () => {
    const p = bolaParameters(PENSIEVE, 18);
    expect(bolaQualityForLevel(p, PENSIEVE, 0)).toBe(0);
    expect(bolaQualityForLevel(p, PENSIEVE, 100)).toBe(5);
    for (let q = 1; q < PENSIEVE.length; q++) {
      const level = bolaMinLevel(p, PENSIEVE, q);
      expect(bolaQualityForLevel(p, PENSIEVE, level + 1e-6)).toBeGreaterThanOrEqual(q);
      expect(bolaQualityForLevel(p, PENSIEVE, level - 1e-6)).toBeLessThan(q);
    }
    // Vp (u_0 + gp - 1) = Vp gp = 10: the lowest rung's "stop downloading" level is Vp (1 + gp) = 10 + Vp
    expect(bolaMaxLevel(p, 0)).toBeCloseTo(10 + p.Vp, 9);
  });
  it('BOLA-O caps an unsustainable up-switch and asks to wait when the buffer is high', () => {
    const video = cbrVideo(PENSIEVE);
    const bola = createBola(env(video), { stableBufferS: 18 });
    bola.observe(obs(31250, 500, { quality: 0, bufferS: 30, requestMs: 0, completeMs: 500 })); // 500 kbps
    const startup = bola.decide(input(30, 0, 1, 500));
    expect(startup.rule).toBe('startup');
    expect(startup.quality).toBe(0); // 0.9 * 500 kbps -> 300 kbps rung
    const steady = bola.decide(input(30, 0, 2, 500));
    expect(steady.rule).toBe('steady');
    expect(steady.quality).toBe(0); // BOLA alone would pick the top rung at 30 s; throughput rung is 0, last is 0
    const p = bolaParameters(PENSIEVE, 18);
    expect(steady.waitS).toBeCloseTo(30 - bolaMaxLevel(p, 0), 9); // 30 - Vp (1 + gp)
  });
});

describe('Dynamic (dash.js)', () => {
  it('throughput rule below 18 s, BOLA from 18 s, back below 9 s (hysteresis)', () => {
    const dyn = createDynamic(env(cbrVideo(PENSIEVE)), { stableBufferS: 18 });
    dyn.observe(obs(500000, 1000)); // 4000 kbps
    expect(dyn.decide(input(10)).rule).toBe('throughput');
    expect(dyn.decide(input(10)).quality).toBe(4); // 0.9 * 4000 = 3600 -> 2850
    expect(dyn.decide(input(18)).rule).toBe('bola');
    expect(dyn.decide(input(12)).rule).toBe('bola');
    expect(dyn.decide(input(8.9)).rule).toBe('throughput');
    expect(dyn.decide(input(12)).rule).toBe('throughput');
  });
});

describe('MPC and robustMPC', () => {
  const twoRungs = cbrVideo([1000, 2000], 3); // sizes 0.5 MB and 1 MB
  it('prediction: harmonic mean; robust divides by 1 + max recent error', () => {
    const plain = createMpc(env(twoRungs), { horizon: 2, samples: 5, errorWindow: 5 }, false);
    const robust = createMpc(env(twoRungs), { horizon: 2, samples: 5, errorWindow: 5 }, true);
    for (const a of [plain, robust]) {
      a.observe(obs(1e6, 1000)); // x1 = 1e6/1000/1000 = 1 MB/s; e1 = 0
      a.observe(obs(1e6, 2000)); // x2 = 0.5 MB/s; e2 = |1 - 0.5|/0.5 = 1; h = 2/(1 + 2) = 2/3
    }
    expect(plain.decide(input(100)).estimateKbps).toBeCloseTo((2 / 3) * 8000, 9);
    expect(robust.decide(input(100)).estimateKbps).toBeCloseTo((2 / 3 / 2) * 8000, 9);
  });
  it('tie-break: first of equal plans (realistic) vs lexicographically last (reference)', () => {
    // C = 1 MB/s, buffer 100 s (no rebuffering), switch penalty 2, last rung 0, H = 2:
    // [0,0] = 2; [0,1] = 3 - 2 = 1; [1,0] = 3 - 4 = -1; [1,1] = 4 - 2 = 2 -> tie between [0,0] and [1,1]
    const objective = objectiveFor({ metric: 'linear', rebufferPenalty: 4.3, switchPenalty: 2 }, twoRungs.bitratesKbps);
    const decideWith = (quirks: Quirks) => {
      const a = createMpc(env(twoRungs, { objective }, quirks), { horizon: 2, samples: 5, errorWindow: 5 }, false);
      a.observe(obs(1e6, 1000));
      return a.decide(input(100, 0, 0)).quality;
    };
    expect(decideWith({ mpcLookAhead: 0, mpcTieBreak: 'first' })).toBe(0);
    expect(decideWith({ mpcLookAhead: 0, mpcTieBreak: 'last' })).toBe(1);
  });
  it('reference plans with the one-chunk-ahead size index', () => {
    const video: Video = {
      ...twoRungs,
      sizes: [new Float64Array([5e5, 5e5, 5e5, 5e5]), new Float64Array([1e6, 1e7, 1e5, 1e6])],
    };
    // next chunk 1, H = 1, buffer 0, C = 1 MB/s. Index 1: [0] = 1 - 4.3*0.5 = -1.15, [1] = 2 - 43 - 1 -> 0.
    // Index 2: [1] = 2 - 0.43 - 1 = 0.57 > -1.15 -> 1.
    const decideWith = (quirks: Quirks) => {
      const a = createMpc(env(video, {}, quirks), { horizon: 1, samples: 5, errorWindow: 5 }, false);
      a.observe(obs(1e6, 1000));
      return a.decide(input(0, 0, 1)).quality;
    };
    expect(decideWith(REALISTIC_QUIRKS)).toBe(0);
    expect(decideWith(REFERENCE_QUIRKS)).toBe(1);
  });
});

describe('QoE', () => {
  it('linear, log and HD rewards', () => {
    const lin = objectiveFor({ metric: 'linear', rebufferPenalty: 4.3, switchPenalty: 1 }, PENSIEVE);
    expect(chunkReward(lin, 2, 1, 0.5).reward).toBeCloseTo(1.2 - 2.15 - 0.45, 12);
    const log = objectiveFor({ metric: 'log', rebufferPenalty: 2.66, switchPenalty: 1 }, PENSIEVE);
    expect(chunkReward(log, 2, 1, 0).reward).toBeCloseTo(Math.log(4) - Math.abs(Math.log(4) - Math.log(2.5)), 12);
    const hd = objectiveFor({ metric: 'hd', rebufferPenalty: 8, switchPenalty: 1 }, PENSIEVE);
    expect(hd.utilityRaw).toEqual([1, 2, 3, 12, 15, 20]);
    expect(chunkReward(hd, 3, 2, 1).reward).toBe(12 - 8 - 9);
  });
  it('session QoE excludes chunk 0; qoeAll includes it', () => {
    const rec = (quality: number, reward: number, rebufferS: number) => ({ quality, reward, rebufferS, bitrateKbps: PENSIEVE[quality] }) as ChunkRecord;
    const s = summarize([rec(1, -3, 1), rec(1, 0.75, 0), rec(2, 0.75, 0)], 1);
    expect(s.qoe).toBe(1.5);
    expect(s.qoeAll).toBe(-1.5);
    expect(s.switches).toBe(1);
    expect(s.rebufferS).toBe(1);
    expect(s.meanBitrateKbps).toBe(900);
  });
});
