/**
 * The DASH MPD (ISO/IEC 23009-1, DASH-IF IOP live profile) for the stream: a dynamic MPD with a
 * number-based SegmentTemplate, so a player computes which segments exist from the clock. LL-DASH
 * adds availabilityTimeOffset / availabilityTimeComplete="false" (chunked CMAF: a segment can be
 * requested as soon as its first chunk exists) and a ServiceDescription latency target.
 */
import { availabilityOffsetMs } from '../pipeline/liveStream';
import { holdBackMs, isLowLatency, mpdUpdatePeriodMs, segmentDurationMs, STREAM_EPOCH_MS, type StreamConfig } from '../pipeline/stream';
import { playlistWindowSegments } from './hlsPlaylist';

/** xs:duration in seconds: PT6S, PT0.5S. */
export const isoDuration = (ms: number) => `PT${+(ms / 1000).toFixed(3)}S`;
const wallIso = (ms: number) => new Date(STREAM_EPOCH_MS + Math.round(ms)).toISOString();

export const REPRESENTATION_ID = 'video';
export const VIDEO_CODECS = 'avc1.64001f';

/** `nowMs`: virtual time of the snapshot (publishTime, UTCTiming); `targetLatencyMs`: the ServiceDescription target for LL-DASH. */
export function dashMpd(c: StreamConfig, nowMs: number, targetLatencyMs: number): string {
  const seg = segmentDurationMs(c);
  const ll = isLowLatency(c.delivery);
  const template = [
    `timescale="1000"`,
    `duration="${Math.round(seg)}"`,
    `startNumber="0"`,
    `initialization="$RepresentationID$/init.mp4"`,
    `media="$RepresentationID$/$Number$.m4s"`,
    ...(ll ? [`availabilityTimeOffset="${+((seg - c.partMs) / 1000).toFixed(3)}"`, `availabilityTimeComplete="false"`] : []),
  ].join(' ');
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="dynamic" profiles="urn:mpeg:dash:profile:isoff-live:2011" availabilityStartTime="${wallIso(availabilityOffsetMs(c))}" publishTime="${wallIso(nowMs)}" minimumUpdatePeriod="${isoDuration(mpdUpdatePeriodMs(c))}" minBufferTime="${isoDuration(seg)}" timeShiftBufferDepth="${isoDuration(playlistWindowSegments(c) * seg)}" suggestedPresentationDelay="${isoDuration(holdBackMs(c))}" maxSegmentDuration="${isoDuration(seg)}">`,
    ...(ll ? [`  <ServiceDescription id="0">`, `    <Latency referenceId="0" target="${Math.round(targetLatencyMs)}" min="${Math.round(targetLatencyMs * 0.75)}" max="${Math.round(targetLatencyMs * 1.5)}"/>`, `  </ServiceDescription>`] : []),
    `  <Period id="p0" start="PT0S">`,
    `    <AdaptationSet id="0" contentType="video" mimeType="video/mp4" segmentAlignment="true" startWithSAP="1">`,
    `      <SegmentTemplate ${template}/>`,
    `      <Representation id="${REPRESENTATION_ID}" bandwidth="${Math.round(c.bitrateBps)}" codecs="${VIDEO_CODECS}" width="1280" height="720" frameRate="30"/>`,
    `    </AdaptationSet>`,
    `  </Period>`,
    `  <UTCTiming schemeIdUri="urn:mpeg:dash:utc:direct:2014" value="${wallIso(nowMs)}"/>`,
    '</MPD>',
  ];
  return `${lines.join('\n')}\n`;
}
