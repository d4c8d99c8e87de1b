/**
 * The run `create` builds: one LiveStream on the params (mapped to ms by streamConfig), and the
 * frame a view draws: the units around the live edge and the manifests the origin serves now.
 */
import type { SimContext } from '../../core/lab';
import { LiveStream } from '../pipeline/liveStream';
import { latencyBudget } from '../pipeline/latencyBudget';
import { holdBackMs, isHls, isLowLatency, isSegmented, mediaUnit, partsPerSegment, segmentDurationMs, targetDurationS, unitMs, type StreamConfig } from '../pipeline/stream';
import { hlsMediaPlaylist } from '../manifests/hlsPlaylist';
import { dashMpd } from '../manifests/dashMpd';
import { checkHlsPlaylist, type ManifestCheck } from '../manifests/validate';
import { streamConfig, type LiveLatencyParams } from './schema';
import type { LiveLatencyEvent, LiveLatencyFrame, LiveLatencySeriesName, TimelineUnit } from './series';

export interface LiveLatencyModel {
  readonly params: LiveLatencyParams;
  readonly config: StreamConfig;
  readonly stream: LiveStream;
}

type LiveContext = SimContext<LiveLatencyEvent, LiveLatencySeriesName>;

/** The most units the timeline shows. */
export const TIMELINE_UNITS = 80;

export function createLiveLatency(params: LiveLatencyParams, ctx: LiveContext): LiveLatencyModel {
  const config = streamConfig(params);
  return { params, config, stream: new LiveStream(config, ctx) };
}

/** The validator rules on the playlist this config generates (the same rules the tests apply to the parsed text). */
export function playlistChecks(c: StreamConfig): ManifestCheck[] {
  if (!isSegmented(c.delivery)) return [];
  const seg = segmentDurationMs(c) / 1000;
  const ll = isLowLatency(c.delivery);
  const parts = ll ? Array.from({ length: partsPerSegment(c) }, (_, i) => mediaUnit(c, i)).map((u) => (u.endMs - u.startMs) / 1000) : undefined;
  return checkHlsPlaylist({
    targetDuration: targetDurationS(c),
    segmentDurations: [seg],
    partTarget: ll ? c.partMs / 1000 : undefined,
    partDurations: parts,
    partHoldBack: ll ? holdBackMs(c) / 1000 : undefined,
    holdBack: c.delivery === 'hls' && c.holdBackSegments !== 3 ? holdBackMs(c) / 1000 : undefined,
  });
}

export function liveLatencyFrame({ config: c, stream }: LiveLatencyModel, ctx: LiveContext): LiveLatencyFrame {
  const now = ctx.scheduler.now;
  const published = stream.publishedBy(now);
  const latencyMs = Number.isNaN(stream.lastLatencyMs) ? null : stream.lastLatencyMs;
  const spanMs = latencyBudget(c).totalMs + 3 * Math.max(unitMs(c), isHls(c.delivery) || c.delivery === 'dash' ? 0 : segmentDurationMs(c) / 2);
  const lastIndex = Math.max(0, Math.min(Math.floor(now / unitMs(c)), stream.publishedAt.length + 2));
  const units: TimelineUnit[] = [];
  for (let i = lastIndex; i >= 0 && units.length < TIMELINE_UNITS; i--) {
    const u = mediaUnit(c, i);
    if (u.startMs > now) continue;
    if (u.endMs < now - spanMs) break;
    const pub = stream.publishedAt[i];
    const done = stream.doneAt[i];
    units.push({ index: i, msn: u.msn, part: u.part, startMs: u.startMs, endMs: u.endMs, publishedMs: pub !== undefined && pub <= now ? pub : null, downloadedMs: done !== undefined && done <= now ? done : null, independent: u.independent });
  }
  units.reverse();
  const position = stream.positionMs();
  const segmented = isSegmented(c.delivery);
  return {
    nowMs: now,
    joinMs: stream.joinMs,
    positionMs: Number.isNaN(position) ? null : position,
    newestPublishedMs: published > 0 ? mediaUnit(c, published - 1).endMs : null,
    latencyMs,
    stalled: stream.stalledOn >= 0,
    units,
    hlsPlaylist: segmented ? hlsMediaPlaylist(c, published) : null,
    dashMpd: segmented && published > 0 ? dashMpd(c, now, latencyBudget(c).totalMs) : null,
    checks: playlistChecks(c),
  };
}
