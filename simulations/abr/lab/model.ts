/**
 * The run `create` builds: up to three players race on one synthetic trace. Realistic mode runs the
 * XState player machine per player on ctx.clock; reference mode computes each session with the fast
 * reference loop and replays its events on the scheduler at their player times, so the view reads
 * the same series either way (see recording.ts).
 *
 * The first half maps lab params onto the parts' own configs; the CLI and the bench use it too.
 */
import type { SimContext } from '../../core/lab';
import { pluginGuard } from '../../core/pluginFailure';
import type { Rng } from '../../core/rng';
import { REFERENCE, YOURS, type RacerName, type SimulationMode } from '../constants';
import { generateTrace, type SyntheticTraceSpec } from '../network/synthetic';
import { realTrace } from '../network/realTraces';
import type { Trace } from '../network/trace';
import { TraceLink } from '../network/link';
import { LADDERS, syntheticVideo, type Video } from '../video/video';
import { createAlgorithm, referenceKnobs, type AlgorithmKnobs } from '../algorithms';
import type { AbrAlgorithm, AlgorithmEnv } from '../algorithms/types';
import { raceFingerprint, replayFactory, type YoursFactory } from '../algorithms/yours';
import { referenceEnv, referenceStepPoints, runReferenceSession } from '../session/reference';
import { realisticEnv } from '../session/env';
import { PlayerCore, type PlayerConfig } from '../session/realistic';
import type { ChunkRecord, SessionResult } from '../session/types';
import type { QoeConfig } from '../qoe';
import { startPlayer } from '../machines/run';
import type { PlayerActor, PlayerObserver } from '../machines/player';
import type { AbrParams } from './schema';
import { NETWORK_SERIES, PLAYER_SLOTS, type AbrEvent, type AbrFrame, type AbrPlayer, type AbrSeriesName, type AbrTraceData, type PlayerSlot } from './series';
import { PlayerRecording } from './recording';

export function traceSpec(p: AbrParams): SyntheticTraceSpec {
  const kind = p['trace.kind'];
  if (kind === 'real') throw new Error('trace.kind real has no synthetic spec (buildTrace reads trace.real)');
  return {
    kind,
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

/** The measured trace `trace.real` names, or the seeded synthetic one (its own rng stream, so the video's draws do not depend on the choice). */
export function buildTrace(p: AbrParams, rng: Rng): Trace {
  if (p['trace.kind'] === 'real') return realTrace(p['trace.real']);
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
export function lineUp(p: AbrParams): RacerName[] {
  const out: RacerName[] = [p.algorithm];
  for (const extra of [p['race.second'], p['race.third']]) if (extra !== 'none') out.push(extra);
  return out;
}

export interface AbrPlayerModel {
  slot: PlayerSlot;
  algorithm: RacerName;
  /** Realistic mode: the live player state and its machine. */
  core: PlayerCore | null;
  actor: PlayerActor | null;
  /** Reference mode: the whole session, computed up front and replayed. */
  reference: SessionResult | null;
  endedAtMs: number | null;
}

export interface AbrModel {
  params: AbrParams;
  mode: SimulationMode;
  trace: Trace;
  video: Video;
  players: AbrPlayerModel[];
  /** the frame's fixed part, built once per run */
  shown: Pick<AbrFrame, 'trace' | 'video' | 'players'>;
}

type AbrContext = SimContext<AbrEvent, AbrSeriesName>;

/**
 * `yours` builds the learner's algorithm for a "yours" slot: by default the replay of the race the
 * code panel recorded (params['yours.record']); the code lab's sandbox passes the sandboxed one.
 */
export function createModel(params: AbrParams, ctx: AbrContext, yours?: YoursFactory): AbrModel {
  const mode = params.mode;
  const trace = buildTrace(params, ctx.rng);
  const video = buildVideo(params, ctx.rng);
  const env = envFor(mode, params, video);
  const knobs = mode === 'reference' ? referenceKnobs(knobsFrom(params)) : knobsFrom(params);
  const horizonS = params['session.maxS'];
  // Each mode draws the trace with its own interval rule: realistic [T[k], T[k+1]), reference (T[k−1], T[k]].
  const networkPoints = mode === 'reference' ? referenceStepPoints(trace, horizonS) : new TraceLink(trace).stepPoints(horizonS);
  for (const point of networkPoints) ctx.recorder.sample(NETWORK_SERIES, point.mbps, point.tS * 1000);
  const now = () => ctx.scheduler.now;

  const buildYours: YoursFactory = yours ?? ((e, player) => replayFactory(params['yours.record'], raceFingerprint(params, ctx.rng.seed))(e, player));
  const algorithmFor = (algorithm: RacerName, slot: PlayerSlot): AbrAlgorithm =>
    // LOUD: the learner's Math.random seed comes from its own named stream, drawn only for a "yours"
    // slot, so the built-ins' streams (trace, video) and results are untouched (issue 12)
    algorithm === YOURS ? failingLoudly(buildYours(env, { slot, seed: ctx.rng.stream(`yours.${slot}`).nextUint32() }), ctx) : createAlgorithm(algorithm, env, knobs);
  const players = lineUp(params).map((algorithm, i): AbrPlayerModel => {
    const slot = PLAYER_SLOTS[i];
    const recording = new PlayerRecording(ctx.recorder, slot, now);
    const player: AbrPlayerModel = { slot, algorithm, core: null, actor: null, reference: null, endedAtMs: null };
    if (mode === 'reference') {
      player.reference = runReferenceSession(trace, video, algorithmFor(algorithm, slot), env.objective);
      scheduleReplay(ctx, player, player.reference.chunks, recording);
      return player;
    }
    const core = new PlayerCore(video, new TraceLink(trace), algorithmFor(algorithm, slot), playerConfigFrom(params), env.objective);
    const observer: PlayerObserver = {
      request: (p) =>
        recording.request({
          index: p.index,
          quality: p.quality,
          bitrateKbps: video.bitratesKbps[p.quality],
          bufferS: p.bufferAtRequestS,
          estimateKbps: p.decision.estimateKbps,
          thresholds: p.decision.thresholds ?? null,
          rule: p.decision.rule ?? null,
        }),
      complete: (c) => recording.complete(c, Math.max(0, c.bufferS - video.chunkDurationS)),
      playbackStart: () => recording.playbackStart((core.startupDelayMs ?? 0) / 1000),
      stallStart: () => recording.stallStart(core.pending?.index ?? core.nextIndex),
      stallEnd: () => recording.stallEnd(),
      idleStart: (reason) => recording.idleStart(reason, core.bufferAt(now())),
      idleEnd: () => recording.idleEnd(core.bufferAt(now())),
      ended: () => {
        player.endedAtMs = now();
        recording.ended();
      },
      seek: (to) => recording.seek(to),
    };
    player.core = core;
    player.actor = startPlayer(ctx.scheduler, ctx.clock, core, observer);
    return player;
  });
  const shown = {
    trace: traceData(trace),
    video: { bitratesKbps: [...video.bitratesKbps], chunkCount: video.chunkCount, chunkDurationS: video.chunkDurationS },
    players: players.map((p): AbrPlayer => ({ slot: p.slot, algorithm: p.algorithm })),
  };
  return { params, mode, trace, video, players, shown };
}

/** The learner's algorithm behind the plug-in guard (core/pluginFailure.ts): its first failure stops the run; until then the lowest rung. */
function failingLoudly(inner: AbrAlgorithm, ctx: AbrContext): AbrAlgorithm {
  const guard = pluginGuard(ctx.scheduler);
  return {
    name: inner.name,
    startVideo: () => guard(() => inner.startVideo(), undefined),
    observe: (obs) => guard(() => inner.observe(obs), undefined),
    onStall: () => guard(() => inner.onStall?.(), undefined),
    decide: (input) => guard(() => inner.decide(input), { quality: 0, estimateKbps: null }),
  };
}

function traceData(trace: Trace): AbrTraceData {
  return { name: trace.name, timesS: Array.from(trace.timesS), mbps: Array.from(trace.mbps) };
}

/** The run ends when the last racer has played its whole video, not at session.maxS. */
export function allEnded(model: AbrModel): boolean {
  return model.players.every((p) => p.endedAtMs !== null);
}

export function abrFrame(model: AbrModel): AbrFrame {
  return { ...model.shown, endedAtMs: model.players.map((p) => p.endedAtMs) };
}

/** Reference mode: put each recorded step of a finished session back on the timeline. */
function scheduleReplay(ctx: AbrContext, player: AbrPlayerModel, chunks: readonly ChunkRecord[], recording: PlayerRecording): void {
  const at = (t: number, fn: () => void) => ctx.scheduler.at(t, fn);
  chunks.forEach((c, i) => {
    const next = chunks[i + 1];
    const sleepS = next ? next.idleBeforeMs / 1000 : 0;
    at(c.requestMs, () => {
      if (c.idleBeforeMs > 0) recording.idleEnd(c.bufferAtRequestS);
      recording.request({ index: c.index, quality: c.quality, bitrateKbps: c.bitrateKbps, bufferS: c.bufferAtRequestS, estimateKbps: c.estimateKbps, thresholds: c.thresholds, rule: c.rule });
    });
    if (c.index > 0 && c.rebufferS > 0) {
      at(c.completeMs - c.rebufferS * 1000, () => recording.stallStart(c.index));
      at(c.completeMs, () => recording.stallEnd());
    }
    at(c.completeMs, () => {
      // The reference subtracts the cap sleep from the buffer it reports; show the level before the sleep.
      recording.complete({ ...c, bufferS: c.bufferS + sleepS }, Math.max(0, c.bufferAtRequestS - c.delayMs / 1000));
      if (c.index === 0) recording.playbackStart(c.rebufferS);
      if (sleepS > 0) recording.idleStart('buffer-full', c.bufferS + sleepS);
    });
  });
  const last = chunks[chunks.length - 1];
  if (last) {
    at(last.completeMs + last.bufferS * 1000, () => {
      player.endedAtMs = ctx.scheduler.now;
      recording.ended();
    });
  }
}
