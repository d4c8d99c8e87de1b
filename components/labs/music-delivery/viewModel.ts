/**
 * What the music delivery view shows, from the run's events, frame and result: the
 * time-to-first-audio distribution (a CDF per start source), the byte split, the cost line and the
 * comparison with Spotify's 2010 numbers. Pure.
 */
import type { Logged } from '@/simulations/core/recorder';
import type { MusicDeliveryEvent, MusicDeliveryFrame, MusicDeliveryResult, StartSource } from '@/simulations/music-delivery';
import { groupedNumber } from '@/simulations/core/numberText';

export const SOURCE_LABELS: Record<StartSource, string> = { device: 'device cache', prefetch: 'prefetched', edge: 'edge hit', origin: 'edge miss → origin' };
export const SOURCE_COLORS: Record<StartSource, string> = { device: 'var(--series-3)', prefetch: 'var(--series-6)', edge: 'var(--series-1)', origin: 'var(--series-2)' };
export const SOURCES: StartSource[] = ['device', 'prefetch', 'edge', 'origin'];

export interface CdfPoint {
  ms: number;
  share: number;
}

/** Most points a CDF keeps (evenly spaced ranks): the chart needs no more. */
const CDF_POINTS = 200;

/** The empirical CDF of time to first audio for all plays, thinned to CDF_POINTS. */
export function ttfaCdf(events: readonly Logged<MusicDeliveryEvent>[], source?: StartSource): CdfPoint[] {
  const values: number[] = [];
  for (const e of events) if (e.type === 'play' && (!source || e.source === source)) values.push(e.ttfaMs);
  values.sort((a, b) => a - b);
  if (values.length === 0) return [];
  const step = Math.max(1, Math.ceil(values.length / CDF_POINTS));
  const out: CdfPoint[] = [{ ms: 0, share: 0 }];
  for (let k = step - 1; k < values.length; k += step) out.push({ ms: values[k], share: (k + 1) / values.length });
  if (out[out.length - 1].share < 1) out.push({ ms: values[values.length - 1], share: 1 });
  return out;
}

export function bytesRows(f: MusicDeliveryFrame): { label: string; gb: number; share: number; color: string }[] {
  const total = f.bytes.cache + f.bytes.peer + f.bytes.server;
  const row = (label: string, bytes: number, color: string) => ({ label, gb: bytes / 1e9, share: total > 0 ? bytes / total : 0, color });
  return [row('device cache', f.bytes.cache, 'var(--series-3)'), row('peers', f.bytes.peer, 'var(--series-4)'), row('servers (egress)', f.bytes.server, 'var(--series-2)')];
}

export const fmtMs = (v: number | null) => (v === null ? '—' : `${Math.round(v)} ms`);
export const fmtPct = (v: number | null) => (v === null || !Number.isFinite(v) ? '—' : `${(v * 100).toFixed(1)}%`);
export const fmtUsd = (v: number | null) => (v === null ? '—' : `$${v < 10 ? v.toFixed(2) : groupedNumber(Math.round(v))}`);

export interface NumberRow {
  label: string;
  value: string;
}

export function numberRows(r: MusicDeliveryResult): NumberRow[] {
  return [
    { label: 'Plays measured', value: groupedNumber(r.plays) },
    { label: 'Time to first audio p50 / p90 / p99', value: `${fmtMs(r.ttfa.p50)} / ${fmtMs(r.ttfa.p90)} / ${fmtMs(r.ttfa.p99)}` },
    { label: 'Device cache hit ratio', value: fmtPct(r.deviceHitRatio) },
    { label: 'Edge hit ratio (Che, independent requests)', value: `${fmtPct(r.edgeHitRatio)} (${fmtPct(r.cheEdgeHitRatio)})` },
    { label: 'Track size', value: `${r.trackMB.toFixed(1)} MB at ${groupedNumber(r.kbps)} kbit/s` },
    { label: 'Caches hold', value: `${groupedNumber(r.deviceCacheTracks)} tracks per device, ${groupedNumber(r.edgeCacheTracks)} per edge` },
    { label: 'Prefetches used / made', value: `${groupedNumber(r.prefetchesUsed)} / ${groupedNumber(r.prefetches)} (${r.bytes.wastedPrefetchGB.toFixed(2)} GB wasted)` },
    { label: 'Egress cost (per 1,000 listening hours)', value: `${fmtUsd(r.egressUsd)} (${fmtUsd(r.egressUsdPer1000Hours)})` },
  ];
}

/** Spotify 2010 (Kreitz & Niemelä): 55.4 % cache, 35.8 % peers, 8.8 % servers. */
export const SPOTIFY_2010 = { cache: 0.554, peer: 0.358, server: 0.088 } as const;

export function comparison2010(r: MusicDeliveryResult, peerAssist: boolean): string {
  const s = r.byteShares;
  const now = `Bytes here: ${fmtPct(s.cache)} cache, ${fmtPct(s.peer)} peers, ${fmtPct(s.server)} servers.`;
  return peerAssist ? `${now} Spotify 2010 measured 55.4 %, 35.8 % and 8.8 %.` : `${now} Turn on peer assistance to compare with Spotify 2010 (55.4 %, 35.8 %, 8.8 %).`;
}
