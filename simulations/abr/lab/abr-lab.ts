/**
 * The ABR lab: up to three players race on one synthetic trace. Realistic mode runs the XState
 * player machine per player on ctx.clock; reference mode computes each session with the fast
 * reference loop and replays its events on the scheduler at their player times, so the view
 * reads the same series either way (see recording.ts).
 */
import { defineLab, type SimContext } from '../../core/lab';
import type { AlgorithmName, SimulationMode } from '../constants';
import { createAlgorithm, referenceKnobs } from '../algorithms';
import { TraceLink } from '../network/link';
import type { Trace } from '../network/trace';
import type { Video } from '../video/video';
import { PlayerCore } from '../session/realistic';
import { referenceStepPoints, runReferenceSession } from '../session/reference';
import { summarize, toJsonResult, type ChunkRecord, type JsonResult, type SessionResult } from '../session/types';
import { startPlayer } from '../machines/run';
import type { PlayerActor, PlayerObserver } from '../machines/player';
import { abrSchema, type AbrParams } from './schema';
import { abrPresets } from './presets';
import { PLAYER_SLOTS, buildTrace, buildVideo, envFor, knobsFrom, lineUp, playerConfigFrom, type PlayerSlot } from './build';
import { NETWORK_SERIES, PlayerRecording, type AbrEvent } from './recording';
import { abrCli } from './cli';

export interface AbrPlayerModel {
  slot: PlayerSlot;
  algorithm: AlgorithmName;
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
}

function createModel(params: AbrParams, ctx: SimContext<AbrEvent>): AbrModel {
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

  const players = lineUp(params).map((algorithm, i): AbrPlayerModel => {
    const slot = PLAYER_SLOTS[i];
    const recording = new PlayerRecording(ctx.recorder, slot, now);
    const player: AbrPlayerModel = { slot, algorithm, core: null, actor: null, reference: null, endedAtMs: null };
    if (mode === 'reference') {
      player.reference = runReferenceSession(trace, video, createAlgorithm(algorithm, env, knobs), env.objective);
      scheduleReplay(ctx, player, player.reference.chunks, recording);
      return player;
    }
    const core = new PlayerCore(video, new TraceLink(trace), createAlgorithm(algorithm, env, knobs), playerConfigFrom(params), env.objective);
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
  return { params, mode, trace, video, players };
}

/** Reference mode: put each recorded step of a finished session back on the timeline. */
function scheduleReplay(ctx: SimContext<AbrEvent>, player: AbrPlayerModel, chunks: readonly ChunkRecord[], recording: PlayerRecording): void {
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

/** Per-player results from what has happened so far (complete once every player has ended). */
function resultOf(model: AbrModel, ctx: SimContext<AbrEvent>): JsonResult[] {
  const now = ctx.scheduler.now;
  return model.players.map((p) => {
    let chunks: ChunkRecord[];
    let startupS: number;
    if (p.reference) {
      chunks = p.reference.chunks.filter((c) => c.completeMs <= now);
      startupS = chunks.length ? chunks[0].rebufferS : 0;
    } else {
      chunks = p.core!.chunks;
      startupS = (p.core!.startupDelayMs ?? 0) / 1000;
    }
    const summary = summarize(chunks, startupS);
    return toJsonResult({ ...summary, trace: model.trace.name, algorithm: p.algorithm, mode: model.mode, chunks, endMs: p.endedAtMs ?? NaN });
  });
}

export const abrLab = defineLab<typeof abrSchema, AbrModel, JsonResult[], AbrEvent>({
  id: 'abr',
  title: 'Adaptive bitrate streaming',
  summary: 'Race ABR algorithms (rate-based, BBA, BOLA, dual EWMA, MPC, robustMPC, dash.js Dynamic) chunk by chunk over a fluctuating network, with a literature-exact reference mode.',
  topic: 'Video streaming',
  schema: abrSchema,
  presets: abrPresets,
  horizonMs: (params) => params['session.maxS'] * 1000,
  // The run ends when the last racer has played its whole video, not at session.maxS.
  isFinished: (model) => model.players.every((p) => p.endedAtMs !== null),
  create: createModel,
  result: resultOf,
  cli: abrCli,
});
