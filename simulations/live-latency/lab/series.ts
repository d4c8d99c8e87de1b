/**
 * The live-latency lab's recorder contract: the events and series the stream records, and the
 * frame a view may draw (the units around the live edge, the player's position, the manifests now).
 */
import { LIVE_SERIES, type LiveEvent, type LiveSeriesName } from '../pipeline/liveStream';
import type { ManifestCheck } from '../manifests/validate';

export type LiveLatencyEvent = LiveEvent;
/** latency: glass-to-glass of what is on screen (s); buffer: media downloaded ahead of the playhead (s). */
export const SERIES = LIVE_SERIES;
export type LiveLatencySeriesName = LiveSeriesName;

/** One unit (segment, part / chunk, frame) near the live edge; times in virtual ms, null = not yet. */
export interface TimelineUnit {
  index: number;
  msn: number;
  part: number;
  startMs: number;
  endMs: number;
  publishedMs: number | null;
  downloadedMs: number | null;
  independent: boolean;
}

export interface LiveLatencyFrame {
  nowMs: number;
  joinMs: number;
  /** media time on screen (ms), null before playback starts */
  positionMs: number | null;
  /** the end of the newest published unit (ms of media) */
  newestPublishedMs: number | null;
  latencyMs: number | null;
  stalled: boolean;
  units: TimelineUnit[];
  /** the origin's HLS media playlist and DASH MPD right now (null for WebRTC, or before the first segment) */
  hlsPlaylist: string | null;
  dashMpd: string | null;
  checks: ManifestCheck[];
}
