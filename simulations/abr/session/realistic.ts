/**
 * Realistic mode: the default model, a corrected version of the reference simulator.
 *
 * How it differs from reference mode (see also ../README.md):
 * - Interval semantics: sample k holds over [T[k], T[k+1]) of player time, and the trace repeats
 *   (network/link.ts). Reference: (T[k−1], T[k]] on a trace clock that drifts from player time.
 * - The RTT is real time: the first byte arrives RTT after the request, and the link keeps moving.
 * - Startup is not rebuffering: playback starts once `startupS` of video is buffered; the wait is
 *   reported as startupDelayS and chunk 0's reward has no rebuffer term. (Reference: chunk 0's
 *   whole download is rebuffering.) The headline QoE still excludes chunk 0; qoeAll includes it.
 * - Buffer cap: the player waits until a whole chunk fits under the cap (no 500 ms quantum) and
 *   the idle time is real time on the same clock as the link.
 * - Every chunk, including chunk 0, is chosen by the algorithm (reference: chunk 0 is quality 1).
 * - MPC plans with size[q][next + j] (no one-ahead index), adds the RTT per planned chunk, keeps
 *   the first of equal plans, and scores plans with the lab's QoE metric and weights.
 * - RTT, payload efficiency, chunk duration, buffer cap, startup threshold and the ladder are
 *   parameters; a single video is played, so no history crosses videos.
 *
 * PlayerCore is the player's state and arithmetic with time passed in. Two drivers call it at the
 * same instants with the same numbers: runRealisticSession (a fast loop, for the CLI, the race and
 * the bench) and machines/player.ts (XState on the virtual clock, for the live lab).
 * LOUD: keep all buffer arithmetic inside PlayerCore, or the two drivers drift apart.
 */
import type { Trace } from '../network/trace';
import { TraceLink } from '../network/link';
import type { Video } from '../video/video';
import type { AbrAlgorithm, Decision, PlanObjective } from '../algorithms/types';
import { chunkReward } from '../qoe';
import { summarize, type ChunkRecord, type SessionResult } from './types';

export interface PlayerConfig {
  bufferCapS: number;
  /** Buffered video (s) needed before playback starts. */
  startupS: number;
  rttMs: number;
  /** Fraction of the link rate that carries payload. */
  efficiency: number;
}

export interface PendingDownload {
  index: number;
  quality: number;
  bytes: number;
  requestMs: number;
  delayMs: number;
  completeMs: number;
  bufferAtRequestS: number;
  /** When playback will stall during this download (null: it won't). */
  stallAtMs: number | null;
  decision: Decision;
  idleBeforeMs: number;
}

export class PlayerCore {
  bufferS = 0;
  private lastMs = 0;
  playing = false;
  nextIndex = 0;
  lastQuality = -1;
  startupDelayMs: number | null = null;
  readonly chunks: ChunkRecord[] = [];
  pending: PendingDownload | null = null;
  private decision: Decision | null = null;
  private lastCompleteMs = 0;
  readonly startThresholdS: number;
  private readonly roomLimitS: number;

  constructor(
    readonly video: Video,
    readonly link: TraceLink,
    readonly algorithm: AbrAlgorithm,
    readonly config: PlayerConfig,
    readonly objective: PlanObjective,
  ) {
    const chunk = video.chunkDurationS;
    this.roomLimitS = Math.max(0, config.bufferCapS - chunk);
    this.startThresholdS = Math.min(config.startupS, Math.max(chunk, this.roomLimitS));
    algorithm.startVideo();
  }

  get allRequested(): boolean {
    return this.nextIndex >= this.video.chunkCount;
  }

  bufferAt(nowMs: number): number {
    if (!this.playing) return this.bufferS;
    return Math.max(0, this.bufferS - (nowMs - this.lastMs) / 1000);
  }

  /** Drain the buffer up to nowMs; returns the stall (s) since the last settle. */
  private settle(nowMs: number): number {
    let stall = 0;
    if (this.playing) {
      const elapsed = (nowMs - this.lastMs) / 1000;
      if (elapsed > this.bufferS) stall = elapsed - this.bufferS;
      this.bufferS = Math.max(0, this.bufferS - elapsed);
    }
    this.lastMs = nowMs;
    return stall;
  }

  /** How long to wait (ms) before there is room under the cap for one more chunk. */
  roomWaitMs(nowMs: number): number {
    if (!this.playing) return 0;
    return Math.max(0, (this.bufferAt(nowMs) - this.roomLimitS) * 1000);
  }

  /** Ask the algorithm for the next chunk's quality. Returns the decision and any extra wait (ms). */
  decide(nowMs: number): { decision: Decision; waitMs: number } {
    this.settle(nowMs);
    const decision = this.algorithm.decide({
      nextIndex: this.nextIndex,
      bufferS: this.bufferS,
      lastQuality: this.lastQuality < 0 ? 0 : this.lastQuality,
      nowMs,
    });
    const top = this.video.bitratesKbps.length - 1;
    if (!(decision.quality >= 0 && decision.quality <= top)) decision.quality = Math.max(0, Math.min(top, Math.round(decision.quality) || 0));
    this.decision = decision;
    const waitMs = this.playing && decision.waitS && decision.waitS > 0 ? decision.waitS * 1000 : 0;
    return { decision, waitMs };
  }

  /** Send the request for the decided chunk. */
  request(nowMs: number): PendingDownload {
    this.settle(nowMs);
    const decision = this.decision;
    if (!decision) throw new Error('PlayerCore.request before decide');
    const quality = decision.quality;
    const bytes = this.video.sizes[quality][this.nextIndex];
    const transferS = this.link.transferSeconds((nowMs + this.config.rttMs) / 1000, bytes, this.config.efficiency);
    const delayMs = this.config.rttMs + transferS * 1000;
    const bufferMs = this.bufferS * 1000;
    this.pending = {
      index: this.nextIndex,
      quality,
      bytes,
      requestMs: nowMs,
      delayMs,
      completeMs: nowMs + delayMs,
      bufferAtRequestS: this.bufferS,
      stallAtMs: this.playing && bufferMs < delayMs ? nowMs + bufferMs : null,
      decision,
      idleBeforeMs: nowMs - this.lastCompleteMs,
    };
    this.decision = null;
    return this.pending;
  }

  /** The last byte of the pending chunk arrived. */
  complete(nowMs: number): ChunkRecord {
    const p = this.pending;
    if (!p) throw new Error('PlayerCore.complete without a pending download');
    const stall = this.settle(nowMs);
    this.bufferS += this.video.chunkDurationS;
    if (stall > 0) this.algorithm.onStall?.();
    const previous = this.lastQuality < 0 ? p.quality : this.lastQuality;
    const parts = chunkReward(this.objective, p.quality, previous, stall);
    const record: ChunkRecord = {
      index: p.index,
      quality: p.quality,
      bitrateKbps: this.video.bitratesKbps[p.quality],
      bytes: p.bytes,
      requestMs: p.requestMs,
      completeMs: nowMs,
      idleBeforeMs: p.idleBeforeMs,
      delayMs: p.delayMs,
      bufferAtRequestS: p.bufferAtRequestS,
      bufferS: this.bufferS,
      rebufferS: stall,
      returnedSleepMs: 0,
      reward: parts.reward,
      bitrateTerm: parts.bitrateTerm,
      rebufferTerm: parts.rebufferTerm,
      switchTerm: parts.switchTerm,
      estimateKbps: p.decision.estimateKbps,
      thresholds: p.decision.thresholds ?? null,
      rule: p.decision.rule ?? null,
    };
    this.chunks.push(record);
    this.algorithm.observe({
      index: p.index,
      quality: p.quality,
      bytes: p.bytes,
      delayMs: p.delayMs,
      bufferS: this.bufferS,
      rebufferS: stall,
      requestMs: p.requestMs,
      completeMs: nowMs,
    });
    this.nextIndex++;
    this.lastQuality = p.quality;
    this.lastCompleteMs = nowMs;
    this.pending = null;
    if (!this.playing && (this.bufferS >= this.startThresholdS || this.allRequested)) {
      this.playing = true;
      this.startupDelayMs = nowMs;
      this.lastMs = nowMs;
    }
    return record;
  }

  /** Forget the buffer and restart from chunk `toIndex` (seek). The algorithm keeps its estimates. */
  seek(nowMs: number, toIndex: number): void {
    this.settle(nowMs);
    this.bufferS = 0;
    this.playing = false;
    this.pending = null;
    this.decision = null;
    this.nextIndex = Math.max(0, Math.min(this.video.chunkCount - 1, toIndex));
    this.lastCompleteMs = nowMs;
    this.lastMs = nowMs;
  }

  /** When the last frame will have played, once every chunk is downloaded. */
  endMs(nowMs: number): number {
    return nowMs + this.bufferAt(nowMs) * 1000;
  }

  result(traceName: string, endMs: number): SessionResult {
    const summary = summarize(this.chunks, (this.startupDelayMs ?? 0) / 1000);
    return { ...summary, trace: traceName, algorithm: this.algorithm.name, mode: 'realistic', chunks: this.chunks, endMs };
  }
}

/** The fast driver: play the whole video as a loop over the same PlayerCore steps the machine takes. */
export function runRealisticSession(trace: Trace | TraceLink, video: Video, algorithm: AbrAlgorithm, config: PlayerConfig, objective: PlanObjective): SessionResult {
  const link = trace instanceof TraceLink ? trace : new TraceLink(trace);
  const core = new PlayerCore(video, link, algorithm, config, objective);
  let t = 0;
  while (!core.allRequested) {
    t = t + core.roomWaitMs(t);
    const { waitMs } = core.decide(t);
    if (waitMs > 0) t = t + waitMs;
    const p = core.request(t);
    t = p.completeMs;
    core.complete(t);
  }
  return core.result(link.trace.name, core.endMs(t));
}
