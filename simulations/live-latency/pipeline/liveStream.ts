/**
 * One live stream and one viewer on virtual time: the encoder cuts units (segments, parts / CMAF
 * chunks, or frames), the first mile delivers them to the origin (publication), the viewer joins,
 * learns about new units by its protocol's rule (polling, blocking reload + preload hints, the MPD
 * clock, or RTP push), downloads them through a CDN edge and plays them, stalling when one is late.
 *
 * Glass-to-glass latency of a media instant x (captured at wall time x) is the wall time it is
 * shown minus x. Times are virtual ms.
 */
import type { SimContext } from '../../core/lab';
import type { RandomStream } from '../../core/rng';
import { FirstMile, nominalFirstMileMs } from './firstMile';
import {
  discoveryOf,
  encodeMs,
  holdBackMs,
  isLowLatency,
  mediaUnit,
  mpdUpdatePeriodMs,
  partsPerSegment,
  pollIntervalMs,
  publishPeriodMs,
  segmentDurationMs,
  SFU_FORWARD_MS,
  unitAt,
  unitBytes,
  unitMs,
  type MediaUnit,
  type StreamConfig,
} from './stream';

export type LiveEvent =
  | { type: 'published'; unit: number; msn: number; part: number; durationS: number; pipelineS: number; lost: number; unrecovered: number; holMs: number; backlogS: number }
  | { type: 'join'; holdBackS: number }
  | { type: 'playlist'; kind: 'initial' | 'poll' | 'blocking'; newestMsn: number; newestPart: number; changed: boolean; nextInS: number }
  | { type: 'mpd'; initial: boolean }
  | { type: 'download'; unit: number; msn: number; part: number; sinceCaptureS: number; jitterMs: number }
  | { type: 'start'; latencyS: number; behindEdgeS: number }
  | { type: 'stall'; unit: number; msn: number; part: number; durationS: number; latencyS: number }
  | { type: 'frame'; unit: number; latencyMs: number; late: boolean; lostPackets: number; concealed: boolean };

export const LIVE_SERIES = ['latency', 'buffer'] as const;
export type LiveSeriesName = (typeof LIVE_SERIES)[number];

/** WebRTC samples the latency series once per this many frames (every late frame is sampled too). */
const FRAME_SAMPLE_EVERY = 10;

/** The newest unit's end when the viewer joins (fixed delays): enough published to hold back fully, plus a margin. */
export function joinEdgeMs(c: StreamConfig): number {
  const period = publishPeriodMs(c);
  const k0 = unitAt(c, holdBackMs(c) + 2 * period + c.playlistTtlMs + (c.ingest === 'hls-push' ? c.ingestSegmentMs : 0));
  const edge = mediaUnit(c, k0).endMs;
  return c.ingest === 'hls-push' ? Math.ceil(edge / c.ingestSegmentMs - 1e-9) * c.ingestSegmentMs : edge;
}

/** When the viewer presses play: the join phase × one publish period after the newest unit reaches the edge. */
export function joinTimeMs(c: StreamConfig): number {
  if (c.delivery === 'webrtc') return 1000;
  return joinEdgeMs(c) + encodeMs(c) + nominalFirstMileMs(c) + c.joinPhase * publishPeriodMs(c) - c.viewerRttMs / 2;
}

/**
 * Where the player starts, given the live edge it sees. HLS (RFC 8216 §6.3.3): at the start of the
 * segment (LL-HLS: part) that begins at least the hold-back before the end of the playlist, so the
 * start sits on a boundary. DASH computes the position from the clock and seeks to it exactly.
 */
export function startPositionMs(c: StreamConfig, edgeMs: number): number {
  const target = Math.max(0, edgeMs - holdBackMs(c));
  const mode = discoveryOf(c);
  return mode === 'poll' || mode === 'blocking' ? mediaUnit(c, unitAt(c, target)).startMs : target;
}

/** The unit a viewer joining with fixed delays starts at: what the budget's download term transfers. */
export function expectedStartUnit(c: StreamConfig): number {
  if (c.delivery === 'webrtc') return 0;
  const edge = joinEdgeMs(c);
  const mode = discoveryOf(c);
  const clockEdge = edge + c.joinPhase * publishPeriodMs(c) + c.viewerRttMs / 2;
  return unitAt(c, startPositionMs(c, mode === 'clock' ? clockEdge : edge));
}

/** The origin's clock offset for DASH: a segment ending at media time e is available at e + this (availabilityStartTime). */
export const availabilityOffsetMs = (c: StreamConfig) => encodeMs(c) + nominalFirstMileMs(c);

export interface LiveStreamStats {
  playlistRequests: number;
  mediaRequests: number;
  stalls: number;
  stallMs: number;
  lateFrames: number;
  frames: number;
  unitsPlayed: number;
  lostPackets: number;
  unrecoveredPackets: number;
  holEvents: number;
}

export class LiveStream {
  readonly unitMs: number;
  readonly joinMs: number;
  /** origin publication time of each unit (ms), in unit order */
  readonly publishedAt: number[] = [];
  /** when each unit finished downloading at the viewer (NaN: not yet) */
  readonly doneAt: number[] = [];
  readonly stats: LiveStreamStats = { playlistRequests: 0, mediaRequests: 0, stalls: 0, stallMs: 0, lateFrames: 0, frames: 0, unitsPlayed: 0, lostPackets: 0, unrecoveredPackets: 0, holEvents: 0 };
  /** the player: media position S it started at, and when (P0); total stall time since */
  startPosMs = Number.NaN;
  startWallMs = Number.NaN;
  stallTotalMs = 0;
  /** unit the player waits for while stalled (-1: playing) */
  stalledOn = -1;
  stalledSinceMs = 0;
  lastLatencyMs = Number.NaN;
  lastBacklogMs = 0;

  private readonly firstMile: FirstMile;
  private readonly jitter: RandomStream;
  /** the edge refreshes its cached playlist every TTL, from this phase (many viewers keep it warm) */
  private readonly edgeRefreshPhaseMs: number;
  private readonly waiters = new Map<number, ((publishedMs: number) => void)[]>();
  private startUnit = -1;
  private knownUpTo = -1;
  private nextFetch = -1;
  private fetchBusy = false;
  /** blocking reload with preload hints: units from here on come through the hint chain */
  private hintFrom = Number.POSITIVE_INFINITY;
  private readonly lastUnit: number;

  constructor(
    readonly c: StreamConfig,
    private readonly ctx: SimContext<LiveEvent, LiveSeriesName>,
  ) {
    this.unitMs = unitMs(c);
    this.joinMs = joinTimeMs(c);
    this.firstMile = new FirstMile(c, ctx.rng.stream('first-mile-loss'));
    this.jitter = ctx.rng.stream('viewer-jitter');
    this.edgeRefreshPhaseMs = c.playlistTtlMs > 0 ? ctx.rng.stream('edge-refresh').uniform(0, c.playlistTtlMs) : 0;
    this.lastUnit = unitAt(c, c.durationMs - 1e-6);
    this.produce(0);
    if (c.delivery !== 'webrtc') ctx.scheduler.at(this.joinMs, () => this.join());
  }

  private get now(): number {
    return this.ctx.scheduler.now;
  }

  private log(e: LiveEvent): void {
    this.ctx.recorder.log(e);
  }

  private jitterMs(): number {
    return this.c.jitterMs > 0 ? this.jitter.exponential(1 / this.c.jitterMs) : 0;
  }

  private transferMs(u: MediaUnit): number {
    return (unitBytes(this.c, u) * 8000) / this.c.viewerBps;
  }

  // ---- encoder, first mile, origin ------------------------------------------------------------

  private produce(index: number): void {
    if (index > this.lastUnit) return;
    const u = mediaUnit(this.c, index);
    const d = this.firstMile.deliver(u.endMs, unitBytes(this.c, u));
    this.stats.lostPackets += d.lost;
    this.stats.unrecoveredPackets += d.unrecovered;
    if (d.holMs > 0) this.stats.holEvents++;
    if (this.c.delivery === 'webrtc') {
      this.publishedAt[index] = d.deliveredMs;
      const nominal = u.endMs + encodeMs(this.c) + nominalFirstMileMs(this.c) + SFU_FORWARD_MS + this.c.viewerRttMs / 2 + this.transferMs(u);
      const arrival = d.deliveredMs + SFU_FORWARD_MS + this.c.viewerRttMs / 2 + this.transferMs(u) + this.jitterMs();
      const playout = nominal + this.c.jitterBufferMs;
      this.ctx.scheduler.at(playout + this.c.decodeMs, () => this.showFrame(u, arrival > playout, d.lost, d.unrecovered));
      return;
    }
    this.ctx.scheduler.at(d.deliveredMs, () => {
      this.publishedAt[index] = this.now;
      this.lastBacklogMs = d.backlogMs;
      this.log({ type: 'published', unit: index, msn: u.msn, part: u.part, durationS: (u.endMs - u.startMs) / 1000, pipelineS: (this.now - u.endMs) / 1000, lost: d.lost, unrecovered: d.unrecovered, holMs: d.holMs, backlogS: d.backlogMs / 1000 });
      const waiting = this.waiters.get(index);
      if (waiting) {
        this.waiters.delete(index);
        for (const w of waiting) w(this.now);
      }
      this.produce(index + 1);
    });
  }

  private showFrame(u: MediaUnit, late: boolean, lost: number, unrecovered: number): void {
    const latencyMs = this.now - u.startMs;
    this.stats.frames++;
    if (late) this.stats.lateFrames++;
    this.doneAt[u.index] = this.now;
    this.lastLatencyMs = latencyMs;
    this.log({ type: 'frame', unit: u.index, latencyMs, late, lostPackets: lost, concealed: late || unrecovered > 0 });
    if (late || u.index % FRAME_SAMPLE_EVERY === 0) this.ctx.recorder.sample('latency', latencyMs / 1000);
    this.produce(u.index + 1);
  }

  /** Run `fn` with the unit's publication time, now if published, else when it is. */
  private onPublished(index: number, fn: (publishedMs: number) => void): void {
    const at = this.publishedAt[index];
    if (at !== undefined) fn(at);
    else {
      const list = this.waiters.get(index);
      if (list) list.push(fn);
      else this.waiters.set(index, [fn]);
    }
  }

  /** Units the origin had published by `t` (publication is in order). */
  publishedBy(t: number): number {
    let lo = 0;
    let hi = this.publishedAt.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.publishedAt[mid] <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  // ---- the viewer -------------------------------------------------------------------------

  private join(): void {
    this.log({ type: 'join', holdBackS: holdBackMs(this.c) / 1000 });
    const mode = discoveryOf(this.c);
    if (mode === 'clock') this.mpdRequest(true);
    else this.playlistPoll('initial');
  }

  /** A plain playlist GET, served by the edge from a copy at most one TTL old. */
  private playlistPoll(kind: 'initial' | 'poll'): void {
    const requestAt = this.now;
    this.stats.playlistRequests++;
    this.ctx.scheduler.at(requestAt + this.c.viewerRttMs, () => {
      const edgeAt = requestAt + this.c.viewerRttMs / 2;
      const ttl = this.c.playlistTtlMs;
      const copyOf = ttl > 0 ? Math.floor((edgeAt - this.edgeRefreshPhaseMs) / ttl) * ttl + this.edgeRefreshPhaseMs : edgeAt;
      const newest = this.publishedBy(copyOf) - 1;
      const changed = newest > this.knownUpTo;
      if (changed) this.knownUpTo = newest;
      const interval = pollIntervalMs(this.c);
      const blocking = kind === 'initial' && discoveryOf(this.c) === 'blocking';
      const nextAt = requestAt + (changed ? interval : interval / 2);
      const u = mediaUnit(this.c, Math.max(0, newest));
      this.log({ type: 'playlist', kind, newestMsn: u.msn, newestPart: u.part, changed, nextInS: blocking ? 0 : Math.max(0, nextAt - this.now) / 1000 });
      if (kind === 'initial') this.choosePosition(u.endMs);
      if (blocking) {
        this.hintFrom = this.c.preloadHints ? newest + 1 : Number.POSITIVE_INFINITY;
        this.blockingReload(newest + 1);
      } else this.ctx.scheduler.at(nextAt, () => this.playlistPoll('poll'));
      this.fetchNext();
    });
  }

  /**
   * LL-HLS blocking reload (rfc8216bis §6.2.5.2): ask for _HLS_msn/_HLS_part of `index`; the origin
   * answers when it exists. With a preload hint the part's own request leaves at the same moment
   * and its bytes flow as they are produced.
   */
  private blockingReload(index: number): void {
    if (index > this.lastUnit) return;
    const requestAt = this.now;
    const c = this.c;
    this.stats.playlistRequests++;
    if (index >= this.hintFrom) {
      this.stats.mediaRequests++;
      this.onPublished(index, (pub) => this.scheduleDone(index, Math.max(requestAt + c.viewerRttMs / 2, pub) + c.cdnFillMs + c.viewerRttMs / 2));
    }
    this.onPublished(index, (pub) => {
      const respondAt = Math.max(requestAt + c.viewerRttMs / 2, pub) + c.cdnFillMs + c.viewerRttMs / 2;
      this.ctx.scheduler.at(respondAt, () => {
        const u = mediaUnit(c, index);
        this.knownUpTo = Math.max(this.knownUpTo, index);
        this.log({ type: 'playlist', kind: 'blocking', newestMsn: u.msn, newestPart: u.part, changed: true, nextInS: 0 });
        this.blockingReload(index + 1);
        this.fetchNext();
      });
    });
  }

  private mpdRequest(initial: boolean): void {
    const requestAt = this.now;
    this.stats.playlistRequests++;
    this.ctx.scheduler.at(requestAt + this.c.viewerRttMs, () => {
      this.log({ type: 'mpd', initial });
      if (initial) {
        // the player's clock (UTCTiming) puts the live edge at now − availabilityStartTime
        this.choosePosition(this.now - availabilityOffsetMs(this.c));
        if (isLowLatency(this.c.delivery)) this.requestChunkedSegment(mediaUnit(this.c, this.startUnit).msn, this.now);
        else this.fetchNext();
      }
      this.ctx.scheduler.at(requestAt + mpdUpdatePeriodMs(this.c), () => this.mpdRequest(false));
    });
  }

  /** LL-DASH: one request per segment; its CMAF chunks stream in as they are produced (HTTP chunked transfer). */
  private requestChunkedSegment(msn: number, requestAt: number): void {
    const c = this.c;
    const pps = partsPerSegment(c);
    const first = msn * pps;
    if (first > this.lastUnit) return;
    this.stats.mediaRequests++;
    for (let i = Math.max(first, this.startUnit); i < first + pps && i <= this.lastUnit; i++) {
      const index = i;
      this.onPublished(index, (pub) => this.scheduleDone(index, Math.max(requestAt + c.viewerRttMs / 2, pub) + c.cdnFillMs + c.viewerRttMs / 2));
    }
    // the next segment is requestable once its first chunk is (availabilityTimeOffset = D − chunk)
    const next = mediaUnit(c, first + pps);
    const at = Math.max(this.now, next.startMs + c.partMs + availabilityOffsetMs(c));
    this.ctx.scheduler.at(at, () => this.requestChunkedSegment(msn + 1, this.now));
  }

  private choosePosition(edgeMs: number): void {
    this.startPosMs = startPositionMs(this.c, edgeMs);
    this.startUnit = unitAt(this.c, this.startPosMs);
    this.nextFetch = this.startUnit;
  }

  /** Sequential request/response downloads: one unit at a time, each once the player knows it exists. */
  private fetchNext(): void {
    const c = this.c;
    if (this.fetchBusy || this.nextFetch < 0 || this.nextFetch > this.lastUnit || this.nextFetch >= this.hintFrom) return;
    if (isLowLatency(c.delivery) && discoveryOf(c) === 'clock') return;
    const index = this.nextFetch;
    if (discoveryOf(c) === 'clock') {
      const availableAt = mediaUnit(c, index).endMs + availabilityOffsetMs(c);
      if (availableAt > this.now) {
        this.fetchBusy = true;
        this.ctx.scheduler.at(availableAt, () => {
          this.fetchBusy = false;
          this.fetchNext();
        });
        return;
      }
    } else if (index > this.knownUpTo) return;
    this.fetchBusy = true;
    this.nextFetch++;
    this.stats.mediaRequests++;
    const requestAt = this.now;
    this.onPublished(index, (pub) => this.scheduleDone(index, Math.max(requestAt + c.viewerRttMs / 2, pub) + c.cdnFillMs + c.viewerRttMs / 2, true));
  }

  /** The response starts at `servedAt`; the unit is in the player after its transfer and any jitter. */
  private scheduleDone(index: number, servedAt: number, sequential = false): void {
    const u = mediaUnit(this.c, index);
    const jitter = this.jitterMs();
    this.ctx.scheduler.at(servedAt + this.transferMs(u) + jitter, () => {
      this.doneAt[index] = this.now;
      this.log({ type: 'download', unit: index, msn: u.msn, part: u.part, sinceCaptureS: (this.now - u.startMs) / 1000, jitterMs: jitter });
      if (sequential) {
        this.fetchBusy = false;
        this.fetchNext();
      }
      if (index === this.startUnit && Number.isNaN(this.startWallMs)) this.ctx.scheduler.at(this.now + this.c.decodeMs, () => this.start());
      if (this.stalledOn === index) this.ctx.scheduler.at(this.now + this.c.decodeMs, () => this.resume(index));
    });
  }

  private start(): void {
    this.startWallMs = this.now;
    const latencyMs = this.now - this.startPosMs;
    this.lastLatencyMs = latencyMs;
    const newestEnd = this.publishedAt.length > 0 ? mediaUnit(this.c, this.publishedAt.length - 1).endMs : 0;
    this.log({ type: 'start', latencyS: latencyMs / 1000, behindEdgeS: (newestEnd - this.startPosMs) / 1000 });
    this.ctx.recorder.sample('latency', latencyMs / 1000);
    this.stats.unitsPlayed++;
    this.schedulePlay(this.startUnit + 1);
  }

  /** Wall time the start of unit `index` is due on screen, given the stalls so far. */
  private dueMs(index: number): number {
    return this.startWallMs + (mediaUnit(this.c, index).startMs - this.startPosMs) + this.stallTotalMs;
  }

  private schedulePlay(index: number): void {
    if (index > this.lastUnit) return;
    this.ctx.scheduler.at(this.dueMs(index), () => this.play(index));
  }

  private play(index: number): void {
    const done = this.doneAt[index];
    if (done !== undefined && done + this.c.decodeMs <= this.now) {
      this.played(index);
      return;
    }
    this.stalledOn = index;
    this.stalledSinceMs = this.now;
    const arrived = this.doneAt[index];
    if (arrived !== undefined) this.ctx.scheduler.at(arrived + this.c.decodeMs, () => this.resume(index));
  }

  private resume(index: number): void {
    if (this.stalledOn !== index) return;
    const stallMs = this.now - this.stalledSinceMs;
    this.stalledOn = -1;
    this.stallTotalMs += stallMs;
    this.stats.stalls++;
    this.stats.stallMs += stallMs;
    const u = mediaUnit(this.c, index);
    this.log({ type: 'stall', unit: index, msn: u.msn, part: u.part, durationS: stallMs / 1000, latencyS: (this.now - u.startMs) / 1000 });
    this.played(index);
  }

  private played(index: number): void {
    const u = mediaUnit(this.c, index);
    this.lastLatencyMs = this.now - u.startMs;
    this.stats.unitsPlayed++;
    this.ctx.recorder.sample('latency', this.lastLatencyMs / 1000);
    this.ctx.recorder.sample('buffer', this.bufferAheadMs(index) / 1000);
    this.schedulePlay(index + 1);
  }

  /** Media downloaded ahead of the start of unit `index`. */
  private bufferAheadMs(index: number): number {
    let i = index;
    while (this.doneAt[i] !== undefined) i++;
    return mediaUnit(this.c, i).startMs - mediaUnit(this.c, index).startMs;
  }

  /** The media position on screen now (ms), or NaN before playback starts. */
  positionMs(): number {
    if (this.c.delivery === 'webrtc') return Number.isNaN(this.lastLatencyMs) ? Number.NaN : this.now - this.lastLatencyMs;
    if (Number.isNaN(this.startWallMs)) return Number.NaN;
    if (this.stalledOn >= 0) return mediaUnit(this.c, this.stalledOn).startMs;
    return this.startPosMs + (this.now - this.startWallMs) - this.stallTotalMs;
  }

  /** Units published at the origin so far. */
  get publishedCount(): number {
    return this.publishedAt.length;
  }

  get segmentMs(): number {
    return segmentDurationMs(this.c);
  }
}
