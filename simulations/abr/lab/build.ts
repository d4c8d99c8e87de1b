/** From lab params to the simulation's parts; shared by the lab's create(), the CLI and the bench. */
import type { Rng } from '../../core/rng';
import { ALGORITHM_NAMES, REFERENCE, type AlgorithmName, type SimulationMode } from '../constants';
import { generateTrace, type SyntheticTraceSpec } from '../network/synthetic';
import type { Trace } from '../network/trace';
import { LADDERS, syntheticVideo, type Video } from '../video/video';
import type { AlgorithmKnobs } from '../algorithms';
import type { AlgorithmEnv } from '../algorithms/types';
import { referenceEnv } from '../session/reference';
import { realisticEnv } from '../session/env';
import type { PlayerConfig } from '../session/realistic';
import type { QoeConfig } from '../qoe';
import type { AbrParams } from './schema';

export function traceSpec(p: AbrParams): SyntheticTraceSpec {
  return {
    kind: p['trace.kind'],
    durationS: p['trace.durationS'],
    stepS: p['trace.stepS'],
    meanMbps: p['trace.meanMbps'],
    amplitudeMbps: p['trace.amplitudeMbps'],
    periodS: p['trace.periodS'],
    minMbps: Math.min(p['trace.minMbps'], p['trace.maxMbps']),
    maxMbps: Math.max(p['trace.minMbps'], p['trace.maxMbps']),
    volatilityMbps: p['trace.volatilityMbps'],
    noise: p['trace.noise'],
    steps: p['trace.steps'],
    markov: p['trace.markov'],
    points: p['trace.points'],
  };
}

export function buildTrace(p: AbrParams, rng: Rng): Trace {
  return generateTrace(traceSpec(p), rng.stream('trace'));
}

/** Reference mode pins the video's shape to the reference's (ladder, 4 s chunks, 48 chunks). */
export function buildVideo(p: AbrParams, rng: Rng): Video {
  const reference = p.mode === 'reference';
  return syntheticVideo(
    {
      bitratesKbps: reference ? REFERENCE.bitratesKbps : LADDERS[p['video.ladder']],
      chunkDurationS: reference ? REFERENCE.chunkDurationMs / 1000 : p['video.chunkS'],
      chunkCount: reference ? REFERENCE.chunkCount : p['video.chunks'],
      vbr: p['video.vbr'],
    },
    rng.stream('video'),
  );
}

export function knobsFrom(p: AbrParams): AlgorithmKnobs {
  return {
    rate: { samples: p['rate.samples'], safety: p['rate.safety'] },
    bba: { reservoirS: p['bba.reservoirS'], cushionS: p['bba.cushionS'], map: p['bba.map'] },
    bola: { stableBufferS: p['bola.stableBufferS'] },
    ewma: { preset: p['ewma.preset'] },
    mpc: { horizon: p['mpc.horizon'], samples: p['mpc.samples'], errorWindow: p['mpc.errorWindow'] },
  };
}

export function qoeFrom(p: AbrParams): QoeConfig {
  return { metric: p['qoe.metric'], rebufferPenalty: p['qoe.rebufferPenalty'], switchPenalty: p['qoe.switchPenalty'] };
}

export function playerConfigFrom(p: AbrParams): PlayerConfig {
  return { bufferCapS: p['player.bufferCapS'], startupS: p['player.startupS'], rttMs: p['net.rttMs'], efficiency: p['net.efficiency'] };
}

export function envFor(mode: SimulationMode, p: AbrParams, video: Video): AlgorithmEnv {
  return mode === 'reference' ? referenceEnv(video) : realisticEnv(video, qoeFrom(p), p['net.rttMs'], p['player.defaultEstimateKbps']);
}

/** The race line-up: first algorithm plus the optional second and third. */
export function lineUp(p: AbrParams): AlgorithmName[] {
  const out: AlgorithmName[] = [p.algorithm];
  for (const extra of [p['race.second'], p['race.third']]) if (extra !== 'none') out.push(extra);
  return out;
}

export const PLAYER_SLOTS = ['p0', 'p1', 'p2'] as const;
export type PlayerSlot = (typeof PLAYER_SLOTS)[number];

export function parseAlgorithmList(text: string): AlgorithmName[] | string {
  if (text.trim() === 'all') return [...ALGORITHM_NAMES];
  const names = text.split(',').map((s) => s.trim()).filter(Boolean);
  if (names.length === 0) return 'no algorithm given';
  for (const n of names) {
    if (!(ALGORITHM_NAMES as readonly string[]).includes(n)) return `unknown algorithm ${JSON.stringify(n)}; known: ${ALGORITHM_NAMES.join(', ')}, or all`;
  }
  return names as AlgorithmName[];
}
