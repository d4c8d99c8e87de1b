/**
 * The glass-to-glass budget in closed form: what each stage adds on a link with fixed delays (no
 * jitter), the mean over join times. The simulation must reproduce it exactly in that case (tests).
 *
 *   L = capture + encode + first mile + discovery + CDN fill + hold-back + download + decode
 *
 * Classic HLS with polling: L = t_enc + t_fm + (φ·D + rtt/2) + t_cdn + N·TD + (rtt + B/bw) + t_dec,
 * where φ is the join phase (mean ½): the player starts N target durations before the END of the
 * playlist it read (RFC 8216 §6.3.3), and that playlist's newest segment was already φ·D old.
 * LOUD: segment duration enters twice (N·TD and φ·D), not three times: a segment is published
 * only once complete, but the END of the playlist is its newest frame, so "waiting for the segment"
 * is already the φ·D. (The OvenMediaEngine measurements in the research, 1.93 s for 0.5 s parts
 * with PART-HOLD-BACK 1.5 s, rule out an extra D_part term.)
 */
import { DetMath } from '../../core/math';
import { expectedHolMs, nominalFirstMileMs, packetsOf } from './firstMile';
import { expectedStartUnit, joinEdgeMs, startPositionMs } from './liveStream';
import {
  discoveryOf,
  encodeMs,
  FRAME_MS,
  holdBackMs,
  isLowLatency,
  mediaUnit,
  mpdUpdatePeriodMs,
  partsPerSegment,
  pollIntervalMs,
  publishPeriodMs,
  segmentDurationMs,
  SFU_FORWARD_MS,
  TCP_MSS_BYTES,
  unitBytes,
  unitMs,
  type StreamConfig,
} from './stream';

export type BudgetTermId = 'capture' | 'encode' | 'firstMile' | 'discovery' | 'cdn' | 'holdBack' | 'download' | 'decode';

export interface BudgetTerm {
  id: BudgetTermId;
  label: string;
  ms: number;
  /** how the term is computed, with the numbers put in */
  formula: string;
}

export interface LatencyBudget {
  terms: BudgetTerm[];
  totalMs: number;
  /** the closed form for this protocol, in symbols */
  formula: string;
}

const s = (ms: number) => `${+(ms / 1000).toFixed(3)} s`;

/** Transfer time of the first unit the player downloads. */
const transferMs = (c: StreamConfig) => (unitBytes(c, mediaUnit(c, expectedStartUnit(c))) * 8000) / c.viewerBps;

/**
 * What a cached playlist adds to the newest unit's age, on average over the edge's refresh phase:
 * the edge copy is s ~ U[0, TTL) old, so the player misses the k newest units (k ≥ 1) when s lands
 * k publish periods beyond the join phase. Mean over φ as well: TTL/2 when TTL ≤ the period.
 */
export function cachedPlaylistExtraMs(c: StreamConfig, phase = c.joinPhase): number {
  const mode = discoveryOf(c);
  const ttl = c.playlistTtlMs;
  if ((mode !== 'poll' && mode !== 'blocking') || ttl <= 0) return 0;
  const period = publishPeriodMs(c);
  let extra = 0;
  for (let k = 1; phase * period + (k - 1) * period < ttl; k++) {
    const from = Math.max(0, phase * period + (k - 1) * period);
    const to = Math.min(ttl, phase * period + k * period);
    extra += k * period * Math.max(0, to - from);
  }
  return extra / ttl;
}
const meanStalenessMs = (c: StreamConfig) => cachedPlaylistExtraMs(c);

export function firstMileMs(c: StreamConfig): number {
  const hol = c.ingest === 'rtmp' || c.ingest === 'rtmps' ? expectedHolMs(c, packetsOf(unitBytes(c, mediaUnit(c, 0)), TCP_MSS_BYTES)) : 0;
  return nominalFirstMileMs(c) + hol;
}

/** What the join phase φ adds: how old the newest unit is when the player first reads the playlist. */
export function joinAgeMs(c: StreamConfig, phase = c.joinPhase): number {
  const mode = discoveryOf(c);
  return mode === 'poll' || mode === 'blocking' ? phase * publishPeriodMs(c) : 0;
}

export function latencyBudget(c: StreamConfig): LatencyBudget {
  const mode = discoveryOf(c);
  const vr = c.viewerRttMs;
  const tr = transferMs(c);
  const hb = holdBackMs(c);
  const terms: BudgetTerm[] = [];
  const add = (id: BudgetTermId, label: string, ms: number, formula: string) => terms.push({ id, label, ms, formula });

  if (c.delivery === 'webrtc') add('capture', 'Capture', FRAME_MS, `one frame at 30 fps = ${s(FRAME_MS)}`);
  add('encode', 'Encode', encodeMs(c), `lookahead ${s(c.lookaheadMs)} + one frame ${s(FRAME_MS)}`);
  add('firstMile', `First mile (${c.ingest.toUpperCase()})`, firstMileMs(c), firstMileFormula(c));
  switch (mode) {
    case 'poll':
    case 'blocking':
      add('discovery', 'Discovery', joinAgeMs(c) + meanStalenessMs(c) + vr / 2, `newest unit's age φ·${s(publishPeriodMs(c))}${c.playlistTtlMs > 0 ? ` + cached playlist (TTL ${s(c.playlistTtlMs)}) ${s(meanStalenessMs(c))}` : ''} + rtt/2`);
      break;
    case 'clock':
      add('discovery', 'Discovery', 0, 'none: availability comes from the MPD clock');
      break;
    case 'push':
      add('discovery', 'SFU + last mile', SFU_FORWARD_MS + vr / 2, `SFU ${s(SFU_FORWARD_MS)} + rtt/2`);
      break;
  }
  if (c.delivery !== 'webrtc') add('cdn', 'CDN fill', c.cdnFillMs, 'edge miss → origin shield');
  const edge = joinEdgeMs(c);
  const toBoundary = c.delivery === 'webrtc' ? 0 : edge - hb - startPositionMs(c, edge);
  add('holdBack', holdBackLabel(c), hb + toBoundary, holdBackFormula(c) + (toBoundary > 0.5 ? ` + ${s(toBoundary)} back to the ${isLowLatency(c.delivery) ? 'part' : 'segment'} start` : ''));
  add('download', 'Download', c.delivery === 'webrtc' ? tr : vr + tr, c.delivery === 'webrtc' ? `frame bits / bandwidth` : `rtt + ${isLowLatency(c.delivery) ? 'part' : 'segment'} bits / bandwidth (${s(tr)})`);
  add('decode', 'Decode + render', c.decodeMs, 'player');
  return { terms, totalMs: terms.reduce((sum, t) => sum + t.ms, 0), formula: closedForm(c) };
}

function firstMileFormula(c: StreamConfig): string {
  switch (c.ingest) {
    case 'rtmp':
    case 'rtmps':
      return c.loss > 0 ? 'rtt/2 + rtt × P(a loss in the unit) (head-of-line blocking)' : 'rtt/2 over TCP';
    case 'srt':
      return `SRT latency ${s(c.srtLatencyMs)} (constant, TSBPD)`;
    case 'whip':
      return 'rtt/2 over UDP';
    case 'hls-push':
      return `upload of a ${s(c.ingestSegmentMs)} segment + rtt/2`;
  }
}

function holdBackLabel(c: StreamConfig): string {
  switch (c.delivery) {
    case 'hls':
      return 'Hold-back (HOLD-BACK)';
    case 'dash':
      return 'Live delay';
    case 'll-hls':
      return 'PART-HOLD-BACK';
    case 'll-dash':
      return 'Target behind live edge';
    case 'webrtc':
      return 'Jitter buffer';
  }
}

function holdBackFormula(c: StreamConfig): string {
  switch (c.delivery) {
    case 'hls':
      return `N × TARGETDURATION = ${c.holdBackSegments} × ${Math.round(segmentDurationMs(c) / 1000)} s`;
    case 'dash':
      return `N × segment = ${c.holdBackSegments} × ${s(segmentDurationMs(c))}`;
    case 'll-hls':
    case 'll-dash':
      return `${c.partHoldBackParts} × part ${s(c.partMs)}`;
    case 'webrtc':
      return 'receiver jitter buffer';
  }
}

function closedForm(c: StreamConfig): string {
  switch (c.delivery) {
    case 'hls':
      return 'L = t_enc + t_fm + φ·D + rtt/2 + t_cdn + N·TD + (rtt + B/bw) + t_dec';
    case 'll-hls':
      return 'L = t_enc + t_fm + φ·D_part + rtt/2 + t_cdn + PART-HOLD-BACK + (rtt + B_part/bw) + t_dec';
    case 'dash':
      return 'L = t_enc + t_fm + t_cdn + N·D + (rtt + B/bw) + t_dec';
    case 'll-dash':
      return 'L = t_enc + t_fm + t_cdn + target + (rtt + B_chunk/bw) + t_dec';
    case 'webrtc':
      return 'L = frame + t_enc + t_fm + SFU + rtt/2 + jitter buffer + B_frame/bw + t_dec';
  }
}

/**
 * When a unit arrives in steady state, after the end of its media plus encode and first mile: the
 * path its download takes once the player is running (ms).
 */
function steadyArrivalMs(c: StreamConfig): number {
  const vr = c.viewerRttMs;
  const tr = transferMs(c);
  switch (discoveryOf(c)) {
    case 'poll':
      return joinAgeMs(c) + meanStalenessMs(c) + vr / 2 + c.cdnFillMs + vr + tr;
    case 'blocking':
      return c.preloadHints ? c.cdnFillMs + vr / 2 + tr : c.cdnFillMs + vr / 2 + vr + c.cdnFillMs + tr;
    case 'clock':
      return isLowLatency(c.delivery) ? c.cdnFillMs + vr / 2 + tr : vr + c.cdnFillMs + tr;
    case 'push':
      return SFU_FORWARD_MS + vr / 2 + tr;
  }
}

/**
 * Slack: how late a unit may arrive, in steady state, before the player has nothing to play (ms).
 * Polling HLS: N·TD − D; LL: PART-HOLD-BACK − part + what the join added; WebRTC: the jitter buffer.
 */
export function steadySlackMs(c: StreamConfig): number {
  return latencyBudget(c).totalMs - c.decodeMs - unitMs(c) - encodeMs(c) - firstMileMs(c) - steadyArrivalMs(c);
}

/**
 * P(a unit arrives after its playout time) when each download is late by an exponential delay of
 * mean J: P(X > slack) = e^(−slack/J).
 */
export function lateProbability(c: StreamConfig): number {
  const slack = steadySlackMs(c);
  if (c.jitterMs <= 0) return slack < 0 ? 1 : 0;
  return slack <= 0 ? 1 : DetMath.exp(-slack / c.jitterMs);
}

export interface RequestRates {
  playlist: number;
  media: number;
  total: number;
  formula: string;
}

/** HTTP requests per second per viewer in steady state. */
export function requestRates(c: StreamConfig): RequestRates {
  const seg = segmentDurationMs(c) / 1000;
  switch (c.delivery) {
    case 'hls': {
      const playlist = 1 / (pollIntervalMs(c) / 1000);
      return { playlist, media: 1 / seg, total: playlist + 1 / seg, formula: '1/TD playlist reloads + 1/D segments' };
    }
    case 'll-hls': {
      const parts = partsPerSegment(c) / seg;
      return { playlist: parts, media: parts, total: 2 * parts, formula: c.blockingReload ? '1/D_part parts + 1/D_part blocking playlist reloads' : '1/D_part parts + 1/PART-TARGET playlist polls' };
    }
    case 'dash':
    case 'll-dash': {
      const mpd = 1 / (mpdUpdatePeriodMs(c) / 1000);
      return { playlist: mpd, media: 1 / seg, total: mpd + 1 / seg, formula: c.delivery === 'dash' ? '1/D segments + 1/minimumUpdatePeriod MPD reloads' : '1/D chunked segment requests (chunks stream inside them) + 1/minimumUpdatePeriod MPD reloads' };
    }
    case 'webrtc':
      return { playlist: 0, media: 0, total: 0, formula: 'none: media is pushed over RTP (only RTCP feedback flows back)' };
  }
}
