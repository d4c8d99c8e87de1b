/**
 * What a ladder costs once published: storage, the bitrate viewers actually stream, egress, and how
 * many Open Connect-style appliances a peak needs (research §6.1, §6.5 outcomes 1 and 4).
 */
import type { CurvePoint } from '../encoding/rateQuality';
import { ladderKbps } from '../encoding/ladders';

/** Storage of a ladder for `seconds` of content: Σ_r b_r · T / 8 bytes (§6.5 outcome 1). */
export function storageBytes(rungs: readonly { kbps: number }[], seconds: number): number {
  return (ladderKbps(rungs) * 1000 * seconds) / 8;
}

/** Appliances a peak needs: ceil(streams × bitrate / appliance throughput) (§6.5 outcome 4). */
export function appliancesNeeded(peakStreams: number, bitrateBps: number, applianceBps: number): number {
  return Math.ceil((peakStreams * bitrateBps) / applianceBps - 1e-9);
}

/**
 * Viewers' downlink classes (MODEL, stated: a plausible mix of mobile, DSL, cable and fibre; edit
 * it and the mean bitrate moves). Each viewer streams the highest rung under SAFETY × bandwidth.
 */
export const VIEWER_MIX: readonly { mbps: number; share: number }[] = [
  { mbps: 1, share: 0.1 },
  { mbps: 2.5, share: 0.15 },
  { mbps: 5, share: 0.2 },
  { mbps: 10, share: 0.25 },
  { mbps: 25, share: 0.3 },
];
/** Players pick a rung at most this share of their measured throughput (headroom for variation). */
export const SAFETY = 0.8;

/** The rung a viewer with this downlink settles on: the highest that fits, else the lowest. */
export function rungFor(rungs: readonly CurvePoint[], mbps: number): CurvePoint {
  let pick = rungs[0];
  for (const r of rungs) if (r.kbps <= SAFETY * mbps * 1000) pick = r;
  return pick;
}

export interface StreamedMix {
  meanKbps: number;
  meanQuality: number;
  byClass: { mbps: number; share: number; kbps: number; quality: number; resolution: string }[];
}

export function streamedMix(rungs: readonly CurvePoint[]): StreamedMix {
  const byClass = VIEWER_MIX.map((c) => {
    const r = rungFor(rungs, c.mbps);
    return { mbps: c.mbps, share: c.share, kbps: r.kbps, quality: r.quality, resolution: r.resolution };
  });
  return {
    meanKbps: byClass.reduce((s, c) => s + c.share * c.kbps, 0),
    meanQuality: byClass.reduce((s, c) => s + c.share * c.quality, 0),
    byClass,
  };
}

export interface DeliveryConfig {
  durationS: number;
  views: number;
  /** share of the video an average view watches */
  watchShare: number;
  peakConcurrent: number;
  applianceGbps: number;
  /** share of view bytes served by appliances that were filled before launch */
  prefillShare: number;
  storageUsdPerGBMonth: number;
  egressUsdPerGB: number;
}

export interface DeliveryTotals {
  storageGB: number;
  storageGBPerHour: number;
  storageUsdPerMonth: number;
  meanKbps: number;
  meanQuality: number;
  viewTB: number;
  edgeTB: number;
  originTB: number;
  fillTB: number;
  egressUsd: number;
  appliances: number;
  peakGbps: number;
}

export function deliveryTotals(rungs: readonly CurvePoint[], cfg: DeliveryConfig): DeliveryTotals {
  const storage = storageBytes(rungs, cfg.durationS);
  const mix = streamedMix(rungs);
  const viewBytes = (cfg.views * cfg.watchShare * cfg.durationS * mix.meanKbps * 1000) / 8;
  const appliances = appliancesNeeded(cfg.peakConcurrent, mix.meanKbps * 1000, cfg.applianceGbps * 1e9);
  // every appliance that serves the title prefilled holds the whole ladder: one copy each, sent off-peak
  const fillBytes = Math.ceil(cfg.prefillShare * appliances) * storage;
  const originBytes = (1 - cfg.prefillShare) * viewBytes;
  return {
    storageGB: storage / 1e9,
    storageGBPerHour: storageBytes(rungs, 3600) / 1e9,
    storageUsdPerMonth: (storage / 1e9) * cfg.storageUsdPerGBMonth,
    meanKbps: mix.meanKbps,
    meanQuality: mix.meanQuality,
    viewTB: viewBytes / 1e12,
    edgeTB: (cfg.prefillShare * viewBytes) / 1e12,
    originTB: originBytes / 1e12,
    fillTB: fillBytes / 1e12,
    egressUsd: ((originBytes + fillBytes) / 1e9) * cfg.egressUsdPerGB,
    appliances,
    peakGbps: (cfg.peakConcurrent * mix.meanKbps) / 1e6,
  };
}
