import { lateProbability, latencyBudget, requestRates, steadySlackMs, type BudgetTermId } from '../pipeline/latencyBudget';
import { mathisRateBps } from '../pipeline/firstMile';
import type { LiveLatencyModel } from './model';
import { liveLatencyFrame, playlistChecks } from './model';
import type { ManifestCheck } from '../manifests/validate';
import type { SimContext } from '../../core/lab';
import type { LiveLatencyEvent, LiveLatencySeriesName } from './series';

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);
const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

/** The CLI's --json document. Seconds and per-second rates. */
export interface LiveLatencyResult {
  delivery: string;
  ingest: string;
  simulatedS: number;
  joinS: number;
  budget: { terms: { id: BudgetTermId; label: string; seconds: number; formula: string }[]; totalS: number; formula: string };
  latency: { startS: number | null; meanS: number | null; lastS: number | null; maxS: number | null };
  stalls: { count: number; seconds: number; lateFraction: number | null; lateProbabilityModel: number; slackS: number };
  requestsPerSecond: { measured: number | null; model: number; playlist: number; media: number; formula: string };
  firstMile: { lostPackets: number; unrecoveredPackets: number; headOfLineEvents: number; backlogS: number; tcpRateLimitMbps: number | null };
  checks: ManifestCheck[];
  hlsPlaylist: string | null;
  dashMpd: string | null;
}

export function liveLatencyResult(model: LiveLatencyModel, ctx: SimContext<LiveLatencyEvent, LiveLatencySeriesName>): LiveLatencyResult {
  const { config: c, stream } = model;
  const now = ctx.scheduler.now;
  const budget = latencyBudget(c);
  const rates = requestRates(c);
  const samples = ctx.recorder.series('latency');
  let sum = 0;
  let max = Number.NaN;
  for (const p of samples) {
    sum += p.v;
    if (!(p.v <= max)) max = p.v;
  }
  const startEvent = ctx.recorder.events.find((e) => e.type === 'start');
  const s = stream.stats;
  const watchedS = (now - stream.joinMs) / 1000;
  const webrtc = c.delivery === 'webrtc';
  const frame = liveLatencyFrame(model, ctx);
  return {
    delivery: c.delivery,
    ingest: c.ingest,
    simulatedS: now / 1000,
    joinS: webrtc ? 0 : stream.joinMs / 1000,
    budget: { terms: budget.terms.map((t) => ({ id: t.id, label: t.label, seconds: round(t.ms / 1000), formula: t.formula })), totalS: round(budget.totalMs / 1000), formula: budget.formula },
    latency: {
      startS: webrtc ? (samples.length > 0 ? samples[0].v : null) : startEvent && startEvent.type === 'start' ? startEvent.latencyS : null,
      meanS: samples.length > 0 ? sum / samples.length : null,
      lastS: Number.isNaN(stream.lastLatencyMs) ? null : stream.lastLatencyMs / 1000,
      maxS: finite(max),
    },
    stalls: {
      count: webrtc ? s.lateFrames : s.stalls,
      seconds: s.stallMs / 1000,
      lateFraction: webrtc ? (s.frames > 0 ? s.lateFrames / s.frames : null) : s.unitsPlayed > 0 ? s.stalls / s.unitsPlayed : null,
      lateProbabilityModel: lateProbability(c),
      slackS: steadySlackMs(c) / 1000,
    },
    requestsPerSecond: { measured: !webrtc && watchedS > 0 ? (s.playlistRequests + s.mediaRequests) / watchedS : webrtc ? 0 : null, model: rates.total, playlist: rates.playlist, media: rates.media, formula: rates.formula },
    firstMile: {
      lostPackets: s.lostPackets,
      unrecoveredPackets: s.unrecoveredPackets,
      headOfLineEvents: s.holEvents,
      backlogS: stream.lastBacklogMs / 1000,
      tcpRateLimitMbps: c.ingest === 'rtmp' || c.ingest === 'rtmps' || c.ingest === 'hls-push' ? finite(Math.min(c.uplinkBps, mathisRateBps(c.rttMs, c.loss)) / 1e6) : null,
    },
    checks: playlistChecks(c),
    hlsPlaylist: frame.hlsPlaylist,
    dashMpd: frame.dashMpd,
  };
}
