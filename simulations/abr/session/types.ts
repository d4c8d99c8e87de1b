/** What one playback session (one trace × one algorithm) produces, in both modes. */
import type { RacerName, SimulationMode } from '../constants';
import type { Thresholds } from '../algorithms/types';

export interface ChunkRecord {
  index: number;
  quality: number;
  bitrateKbps: number;
  bytes: number;
  /** Player time (ms) when the request was sent and when the last byte arrived. */
  requestMs: number;
  completeMs: number;
  /** Idle time (ms) spent before this request (buffer full, BOLA's wait; reference: the full sleep). */
  idleBeforeMs: number;
  delayMs: number;
  /** Buffer (s) at the request and right after this chunk was appended (and after any sleep). */
  bufferAtRequestS: number;
  bufferS: number;
  rebufferS: number;
  /** Reference mode only: the sleep the reference environment returns (the decremented remainder). */
  returnedSleepMs: number;
  reward: number;
  bitrateTerm: number;
  rebufferTerm: number;
  switchTerm: number;
  /** The algorithm's throughput estimate when it chose this chunk (null: none, or a fixed first chunk). */
  estimateKbps: number | null;
  thresholds: Thresholds | null;
  rule: string | null;
}

export interface SessionSummary {
  /** Σ rewards of chunks 1..n−1 (the literature's headline; excludes the startup chunk). */
  qoe: number;
  /** Σ rewards of all chunks. */
  qoeAll: number;
  meanBitrateKbps: number;
  /** Total stall time, s (reference mode: includes the startup delay, counted as rebuffering). */
  rebufferS: number;
  switches: number;
  startupDelayS: number;
}

export interface SessionResult extends SessionSummary {
  trace: string;
  algorithm: RacerName;
  mode: SimulationMode;
  chunks: ChunkRecord[];
  /** Player time (ms) when the last frame was shown (realistic) or the last chunk arrived (reference). */
  endMs: number;
}

export function summarize(chunks: readonly ChunkRecord[], startupDelayS: number): SessionSummary {
  let qoeAll = 0;
  let qoe = 0;
  let bitrate = 0;
  let rebuffer = 0;
  let switches = 0;
  for (let i = 0; i < chunks.length; i++) {
    const c = chunks[i];
    qoeAll += c.reward;
    if (i > 0) qoe += c.reward;
    bitrate += c.bitrateKbps;
    rebuffer += c.rebufferS;
    if (i > 0 && c.quality !== chunks[i - 1].quality) switches++;
  }
  return {
    qoe,
    qoeAll,
    meanBitrateKbps: chunks.length ? bitrate / chunks.length : 0,
    rebufferS: rebuffer,
    switches,
    startupDelayS,
  };
}

/** The CLI's --json object for one (trace, algorithm). */
export function toJsonResult(r: SessionResult) {
  return {
    trace: r.trace,
    algorithm: r.algorithm,
    qoe: r.qoe,
    qoeAll: r.qoeAll,
    meanBitrateKbps: r.meanBitrateKbps,
    rebufferS: r.rebufferS,
    switches: r.switches,
    startupDelayS: r.startupDelayS,
    chunks: r.chunks.map((c) => ({
      index: c.index,
      quality: c.quality,
      bitrateKbps: c.bitrateKbps,
      rebufferS: c.rebufferS,
      bufferS: c.bufferS,
      delayMs: c.delayMs,
      reward: c.reward,
    })),
  };
}
export type JsonResult = ReturnType<typeof toJsonResult>;
