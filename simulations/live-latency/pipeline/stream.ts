/**
 * The stream's shape: what the encoder, packager and player agree on. Everything here is a pure
 * function of the config (virtual milliseconds), so the simulation, the latency budget and the
 * manifest generators derive the same numbers from one place.
 */

export const DELIVERIES = ['hls', 'll-hls', 'dash', 'll-dash', 'webrtc'] as const;
export const INGESTS = ['rtmp', 'rtmps', 'srt', 'whip', 'hls-push'] as const;
export type Delivery = (typeof DELIVERIES)[number];
export type Ingest = (typeof INGESTS)[number];

/** The pipeline in its own units (ms, bit/s, fractions); lab/model.ts maps the params onto it. */
export interface StreamConfig {
  delivery: Delivery;
  ingest: Ingest;
  segmentMs: number;
  partMs: number;
  gopMs: number;
  lookaheadMs: number;
  bitrateBps: number;
  rttMs: number;
  /** first-mile packet loss, 0–1 */
  loss: number;
  uplinkBps: number;
  srtLatencyMs: number;
  ingestSegmentMs: number;
  cdnFillMs: number;
  playlistTtlMs: number;
  holdBackSegments: number;
  partHoldBackParts: number;
  blockingReload: boolean;
  preloadHints: boolean;
  jitterBufferMs: number;
  viewerRttMs: number;
  viewerBps: number;
  /** mean of the exponential extra delay per download (or per frame) */
  jitterMs: number;
  decodeMs: number;
  /** 0–1: when in the publishing cycle the viewer joins */
  joinPhase: number;
  durationMs: number;
}

export const FRAME_RATE = 30;
export const FRAME_MS = 1000 / FRAME_RATE;
/** What a WebRTC SFU adds to forward a frame (receive, route, send). */
export const SFU_FORWARD_MS = 5;
/** TCP segment payload (Ethernet MTU) and SRT / RTP payload per packet. */
export const TCP_MSS_BYTES = 1460;
export const SRT_PAYLOAD_BYTES = 1316;
export const RTP_PAYLOAD_BYTES = 1200;
/** The wall-clock instant the simulated stream starts: PROGRAM-DATE-TIME and availabilityStartTime count from it. */
export const STREAM_EPOCH_MS = 1_767_268_800_000; // 2026-01-01T12:00:00Z (a constant: simulations never read the wall clock)

const EPS = 1e-9;

export const isLowLatency = (d: Delivery) => d === 'll-hls' || d === 'll-dash';
export const isSegmented = (d: Delivery) => d !== 'webrtc';
export const isHls = (d: Delivery) => d === 'hls' || d === 'll-hls';

/** The encoder holds `lookahead` of frames and needs one frame to encode. */
export const encodeMs = (c: StreamConfig) => c.lookaheadMs + FRAME_MS;

/** Segments start on keyframes: the packager cuts at the first IDR at or after the target (Apple: IDR every 2 s). */
export function segmentDurationMs(c: StreamConfig): number {
  return Math.max(1, Math.ceil(c.segmentMs / c.gopMs - EPS)) * c.gopMs;
}

/**
 * EXT-X-TARGETDURATION: every EXTINF rounded to the nearest integer must be ≤ it (RFC 8216 §4.3.3.1).
 * All live segments here have the same duration.
 */
export function targetDurationS(c: StreamConfig): number {
  return Math.max(1, Math.round(segmentDurationMs(c) / 1000));
}

export function partsPerSegment(c: StreamConfig): number {
  return Math.ceil(segmentDurationMs(c) / c.partMs - EPS);
}

/** The unit a player downloads and plays: a segment, a part / CMAF chunk, or a frame (WebRTC). */
export function unitMs(c: StreamConfig): number {
  if (c.delivery === 'webrtc') return FRAME_MS;
  return isLowLatency(c.delivery) ? c.partMs : segmentDurationMs(c);
}

export interface MediaUnit {
  index: number;
  /** media sequence number of the segment it belongs to (the frame number for WebRTC) */
  msn: number;
  /** part / chunk within its segment; -1 for a whole segment or a frame */
  part: number;
  startMs: number;
  endMs: number;
  /** contains a keyframe (EXT-X-PART INDEPENDENT=YES) */
  independent: boolean;
}

function containsKeyframe(c: StreamConfig, startMs: number, endMs: number): boolean {
  const k = Math.ceil(startMs / c.gopMs - EPS) * c.gopMs;
  return k < endMs - EPS;
}

export function mediaUnit(c: StreamConfig, index: number): MediaUnit {
  if (c.delivery === 'webrtc') {
    const startMs = index * FRAME_MS;
    return { index, msn: index, part: -1, startMs, endMs: startMs + FRAME_MS, independent: containsKeyframe(c, startMs, startMs + FRAME_MS) };
  }
  const seg = segmentDurationMs(c);
  if (!isLowLatency(c.delivery)) return { index, msn: index, part: -1, startMs: index * seg, endMs: (index + 1) * seg, independent: true };
  const pps = partsPerSegment(c);
  const msn = Math.floor(index / pps);
  const part = index % pps;
  const startMs = msn * seg + part * c.partMs;
  const endMs = Math.min(startMs + c.partMs, (msn + 1) * seg);
  return { index, msn, part, startMs, endMs, independent: containsKeyframe(c, startMs, endMs) };
}

/** The unit whose media covers `mediaMs`. */
export function unitAt(c: StreamConfig, mediaMs: number): number {
  if (mediaMs <= 0) return 0;
  if (c.delivery === 'webrtc') return Math.floor(mediaMs / FRAME_MS + EPS);
  const seg = segmentDurationMs(c);
  if (!isLowLatency(c.delivery)) return Math.floor(mediaMs / seg + EPS);
  const msn = Math.floor(mediaMs / seg + EPS);
  const part = Math.min(partsPerSegment(c) - 1, Math.floor((mediaMs - msn * seg) / c.partMs + EPS));
  return msn * partsPerSegment(c) + part;
}

export const unitBytes = (c: StreamConfig, u: MediaUnit) => (c.bitrateBps * (u.endMs - u.startMs)) / 8000;

/** How far behind the live edge the player starts (ms), by the rule of its protocol. */
export function holdBackMs(c: StreamConfig): number {
  switch (c.delivery) {
    case 'hls':
      return c.holdBackSegments * targetDurationS(c) * 1000; // HOLD-BACK = N × TARGETDURATION (default 3)
    case 'dash':
      return c.holdBackSegments * segmentDurationMs(c); // dash.js: liveDelay = N × segment duration (default 4)
    case 'll-hls':
    case 'll-dash':
      return c.partHoldBackParts * c.partMs; // PART-HOLD-BACK (rfc8216bis §4.4.3.8) / LL-DASH target
    case 'webrtc':
      return c.jitterBufferMs;
  }
}

/** How the player learns that a new unit exists. */
export type Discovery = 'poll' | 'blocking' | 'clock' | 'push';

export function discoveryOf(c: StreamConfig): Discovery {
  switch (c.delivery) {
    case 'hls':
      return 'poll';
    case 'll-hls':
      return c.blockingReload ? 'blocking' : 'poll';
    case 'dash':
    case 'll-dash':
      return 'clock';
    case 'webrtc':
      return 'push';
  }
}

/** The interval between polls when the last reload changed (RFC 8216 §6.3.4: the target duration; LL-HLS: the part target). */
export function pollIntervalMs(c: StreamConfig): number {
  return c.delivery === 'll-hls' ? c.partMs : targetDurationS(c) * 1000;
}

/** DASH MPD@minimumUpdatePeriod: one segment. */
export const mpdUpdatePeriodMs = (c: StreamConfig) => segmentDurationMs(c);

/** How often the origin publishes something new: what a viewer's join phase is a fraction of. */
export function publishPeriodMs(c: StreamConfig): number {
  return c.ingest === 'hls-push' && c.delivery !== 'webrtc' ? Math.max(unitMs(c), c.ingestSegmentMs) : unitMs(c);
}
