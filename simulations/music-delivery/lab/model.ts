/**
 * The run `create` builds: one DeliveryService (playback/service.ts) on the params, its plays
 * and prefetches logged, its totals sampled every SAMPLE_MS. Maps the params (MB, GB, minutes)
 * onto the service's config (tracks, ms).
 */
import type { SimContext } from '../../core/lab';
import { DeliveryService, RECENT_TTFA, type DeliveryConfig } from '../playback/service';
import { trackBytes } from '../catalogue/tiers';
import { cheHitRatio, zipfProbabilities } from '../cache/che';
import type { MusicDeliveryParams } from './schema';
import { SAMPLE_MS, type MusicDeliveryEvent, type MusicDeliveryFrame, type MusicDeliverySeriesName } from './series';

type DeliveryContext = SimContext<MusicDeliveryEvent, MusicDeliverySeriesName>;

/** Favourites per listener. */
export const LIBRARY_SIZE = 150;

export interface MusicDeliveryModel {
  readonly params: MusicDeliveryParams;
  readonly service: DeliveryService;
  /** Che's approximation for one edge under independent Zipf requests (computed once, lazily) */
  che: number | null;
}

export function deliveryConfig(p: MusicDeliveryParams): DeliveryConfig {
  const size = trackBytes(p.tier);
  return {
    listeners: p.listeners,
    durationMs: p.durationMin * 60_000,
    catalogue: p.catalogue,
    zipfExponent: p.zipfExponent,
    libraryShare: p.libraryShare,
    librarySize: LIBRARY_SIZE,
    predictableShare: p.predictableShare,
    skipShare: p.skipShare,
    tier: p.tier,
    deviceCacheTracks: Math.floor((p.deviceCacheMB * 1e6) / size),
    edgeCacheTracks: Math.floor((p.edgeCacheGB * 1e9) / size),
    edges: p.edges,
    prefetch: p.prefetch,
    peerAssist: p.peerAssist,
    peerAvailability: p.peerAvailability,
    edgeRttMs: p.edgeRttMs,
    originRttMs: p.originRttMs,
    bandwidthMbps: p.bandwidthMbps,
    warmCaches: p.warmCaches,
    warmupMs: p.warmupMin * 60_000,
  };
}

/** The q-quantile of values (nearest rank on a sorted copy); NaN when empty. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export function shares(model: MusicDeliveryModel): { cache: number; peer: number; server: number } {
  const t = model.service.totals;
  const total = t.bytesCache + t.bytesPeer + t.bytesServer;
  return total > 0 ? { cache: t.bytesCache / total, peer: t.bytesPeer / total, server: t.bytesServer / total } : { cache: 0, peer: 0, server: 0 };
}

export function egressUsd(model: MusicDeliveryModel): number {
  return (model.service.totals.bytesServer / 1e9) * model.params.egressUsdPerGB;
}

function sample(model: MusicDeliveryModel, ctx: DeliveryContext): void {
  const t = model.service.totals;
  const rec = ctx.recorder;
  if (t.plays > 0) {
    const recent = Array.from(t.recentTtfa.subarray(0, Math.min(t.plays, RECENT_TTFA)));
    rec.sample('ttfaP50', quantile(recent, 0.5));
    rec.sample('ttfaP95', quantile(recent, 0.95));
    rec.sample('deviceHitRatio', t.deviceLookups ? t.deviceHits / t.deviceLookups : 0);
    if (t.edgeRequests) rec.sample('edgeHitRatio', t.edgeHits / t.edgeRequests);
    const s = shares(model);
    rec.sample('cacheShare', s.cache);
    rec.sample('peerShare', s.peer);
    rec.sample('serverShare', s.server);
    rec.sample('egressUsd', egressUsd(model));
  }
  const next = ctx.scheduler.now + SAMPLE_MS;
  if (next <= model.service.cfg.durationMs) ctx.scheduler.at(next, () => sample(model, ctx));
}

export function createMusicDelivery(params: MusicDeliveryParams, ctx: DeliveryContext): MusicDeliveryModel {
  const service = new DeliveryService(deliveryConfig(params), ctx.scheduler, ctx.rng, {
    onPlay: (p) => ctx.recorder.log({ type: 'play', listener: p.listener, track: p.track, source: p.source, ttfaMs: p.ttfaMs, peer: p.peer, skipped: p.skipped }),
    onPrefetch: (p) => ctx.recorder.log({ type: 'prefetch', ...p }),
  });
  const model: MusicDeliveryModel = { params, service, che: null };
  ctx.scheduler.at(SAMPLE_MS, () => sample(model, ctx));
  return model;
}

export function cheOf(model: MusicDeliveryModel): number {
  if (model.che === null) {
    const cfg = model.service.cfg;
    model.che = cheHitRatio(zipfProbabilities(cfg.catalogue, cfg.zipfExponent), cfg.edgeCacheTracks);
  }
  return model.che;
}

export function musicDeliveryFrame({ service }: MusicDeliveryModel): MusicDeliveryFrame {
  const t = service.totals;
  return {
    plays: t.plays,
    bySource: { ...t.bySource },
    bytes: { cache: t.bytesCache, peer: t.bytesPeer, server: t.bytesServer, originFill: t.bytesOriginFill, wasted: t.bytesWasted },
  };
}
