/**
 * The HLS media playlist the origin serves at a moment of the run (RFC 8216 §4.3; LL-HLS tags from
 * draft-pantos-hls-rfc8216bis §4.4.3–4.4.5), generated from what has been published so far.
 */
import { holdBackMs, isLowLatency, mediaUnit, partsPerSegment, segmentDurationMs, STREAM_EPOCH_MS, targetDurationS, type StreamConfig } from '../pipeline/stream';

/** Segments a sliding-window playlist keeps: at least 6, and enough for the player's hold-back plus two. */
export const playlistWindowSegments = (c: StreamConfig) => Math.max(6, Math.ceil(holdBackMs(c) / segmentDurationMs(c)) + 2);

/** Seconds as the playlist writes them (up to 3 decimals, no trailing zeros beyond one). */
export function decimal(s: number): string {
  const t = (Math.round(s * 1000) / 1000).toFixed(3).replace(/0+$/, '');
  return t.endsWith('.') ? `${t}0` : t;
}

export const isoTime = (mediaMs: number) => new Date(STREAM_EPOCH_MS + Math.round(mediaMs)).toISOString();

export const segmentUri = (msn: number) => `seg${msn}.m4s`;
export const partUri = (msn: number, part: number) => `seg${msn}.part${part}.m4s`;

/**
 * `published`: how many units (segments, or parts for LL) the origin has published. Returns null
 * before the first segment exists (the origin answers 404 then).
 */
export function hlsMediaPlaylist(c: StreamConfig, published: number): string | null {
  const ll = isLowLatency(c.delivery);
  const pps = ll ? partsPerSegment(c) : 1;
  const completeSegments = Math.floor(published / pps);
  const trailingParts = ll ? published % pps : 0;
  if (completeSegments === 0) return null;
  const seg = segmentDurationMs(c);
  const td = targetDurationS(c);
  const first = Math.max(0, completeSegments - playlistWindowSegments(c));
  const lines = ['#EXTM3U', `#EXT-X-VERSION:${ll ? 9 : 7}`, `#EXT-X-TARGETDURATION:${td}`];
  const holdBackS = holdBackMs(c) / 1000;
  if (ll) lines.push(`#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=${decimal(holdBackS)}`, `#EXT-X-PART-INF:PART-TARGET=${decimal(c.partMs / 1000)}`);
  else if (c.delivery === 'hls' && c.holdBackSegments !== 3) lines.push(`#EXT-X-SERVER-CONTROL:HOLD-BACK=${decimal(holdBackS)}`);
  lines.push(`#EXT-X-MEDIA-SEQUENCE:${first}`, '#EXT-X-INDEPENDENT-SEGMENTS', '#EXT-X-MAP:URI="init.mp4"');
  // parts stay listed for segments within three target durations of the end (rfc8216bis §6.2.2)
  const partsFromMs = completeSegments * seg + trailingParts * c.partMs - 3 * td * 1000;
  for (let msn = first; msn < completeSegments; msn++) {
    lines.push(`#EXT-X-PROGRAM-DATE-TIME:${isoTime(msn * seg)}`);
    if (ll && (msn + 1) * seg > partsFromMs) for (let p = 0; p < pps; p++) lines.push(partLine(c, msn * pps + p));
    lines.push(`#EXTINF:${decimal(seg / 1000)},`, segmentUri(msn));
  }
  if (ll) {
    if (trailingParts > 0) lines.push(`#EXT-X-PROGRAM-DATE-TIME:${isoTime(completeSegments * seg)}`);
    for (let p = 0; p < trailingParts; p++) lines.push(partLine(c, completeSegments * pps + p));
    if (c.preloadHints) {
      const next = mediaUnit(c, published);
      lines.push(`#EXT-X-PRELOAD-HINT:TYPE=PART,URI="${partUri(next.msn, next.part)}"`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function partLine(c: StreamConfig, index: number): string {
  const u = mediaUnit(c, index);
  return `#EXT-X-PART:DURATION=${decimal((u.endMs - u.startMs) / 1000)},URI="${partUri(u.msn, u.part)}"${u.independent ? ',INDEPENDENT=YES' : ''}`;
}
