import type { StartSource } from '../playback/service';
import { TIERS, trackBytes } from '../catalogue/tiers';
import { cheOf, egressUsd, shares, type MusicDeliveryModel } from './model';

const SOURCES: StartSource[] = ['device', 'prefetch', 'edge', 'origin'];
const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** The CLI's --json document (times in ms, bytes in GB, money in US$); statistics skip the warm-up. */
export interface MusicDeliveryResult {
  simulatedMin: number;
  plays: number;
  trackMB: number;
  kbps: number;
  deviceCacheTracks: number;
  edgeCacheTracks: number;
  ttfa: { p50: number | null; p90: number | null; p99: number | null };
  /** share of plays started from each source, and their median time to first audio */
  sources: Record<StartSource, { share: number; p50: number | null }>;
  deviceHitRatio: number | null;
  edgeHitRatio: number | null;
  /** Che's approximation of one edge's hit ratio for independent Zipf requests */
  cheEdgeHitRatio: number;
  bytes: { cacheGB: number; peerGB: number; serverGB: number; originFillGB: number; wastedPrefetchGB: number };
  byteShares: { cache: number; peer: number; server: number };
  prefetches: number;
  prefetchesUsed: number;
  peerHitRatio: number | null;
  egressUsd: number;
  /** egress per 1,000 listening hours */
  egressUsdPer1000Hours: number | null;
}

export function musicDeliveryResult(model: MusicDeliveryModel, nowMs: number): MusicDeliveryResult {
  const { service, params } = model;
  const t = service.totals;
  const measuredMs = Math.max(0, Math.min(nowMs, service.cfg.durationMs) - service.cfg.warmupMs);
  const hours = (measuredMs / 3_600_000) * params.listeners;
  const cost = egressUsd(model);
  const sources = Object.fromEntries(SOURCES.map((s) => [s, { share: t.plays ? t.bySource[s] / t.plays : 0, p50: finite(t.ttfaBySource[s].quantile(0.5)) }])) as MusicDeliveryResult['sources'];
  return {
    simulatedMin: nowMs / 60_000,
    plays: t.plays,
    trackMB: trackBytes(params.tier) / 1e6,
    kbps: TIERS[params.tier].kbps,
    deviceCacheTracks: service.cfg.deviceCacheTracks,
    edgeCacheTracks: service.cfg.edgeCacheTracks,
    ttfa: { p50: finite(t.ttfa.quantile(0.5)), p90: finite(t.ttfa.quantile(0.9)), p99: finite(t.ttfa.quantile(0.99)) },
    sources,
    deviceHitRatio: t.deviceLookups ? t.deviceHits / t.deviceLookups : null,
    edgeHitRatio: t.edgeRequests ? t.edgeHits / t.edgeRequests : null,
    cheEdgeHitRatio: cheOf(model),
    bytes: { cacheGB: t.bytesCache / 1e9, peerGB: t.bytesPeer / 1e9, serverGB: t.bytesServer / 1e9, originFillGB: t.bytesOriginFill / 1e9, wastedPrefetchGB: t.bytesWasted / 1e9 },
    byteShares: shares(model),
    prefetches: t.prefetches,
    prefetchesUsed: t.prefetchesUsed,
    peerHitRatio: t.peerLookups ? t.peerHits / t.peerLookups : null,
    egressUsd: cost,
    egressUsdPer1000Hours: hours > 0 ? (cost / hours) * 1000 : null,
  };
}
