/**
 * What the video pipeline view shows, from the run's events, frame and result: the Gantt bars
 * (finished encodes and packaging from the log, running ones from the frame), the numbers, the
 * rate–quality curves with the hull and the ladder, the rungs as they publish, and the press-play
 * steps. Pure.
 */
import type { Logged } from '@/simulations/core/recorder';
import type { CurvePoint, Plane, VideoPipelineEvent, VideoPipelineFrame, VideoPipelineResult } from '@/simulations/video-pipeline';
import { groupedNumber } from '@/simulations/core/numberText';

export interface GanttBar {
  worker: number;
  startMs: number;
  endMs: number;
  rung: number;
  kind: 'encode' | 'package' | 'crashed';
}

/** Every bar so far: finished and crashed encodes and packaging from the log, the running ones up to `nowMs`. */
export function ganttBars(events: readonly Logged<VideoPipelineEvent>[], frame: VideoPipelineFrame, nowMs: number): GanttBar[] {
  const bars: GanttBar[] = [];
  for (const e of events) {
    if (e.type === 'encodeDone') bars.push({ worker: e.worker, startMs: e.startMs, endMs: e.t, rung: e.rung, kind: 'encode' });
    else if (e.type === 'packaged') bars.push({ worker: e.worker, startMs: e.startMs, endMs: e.t, rung: e.rung, kind: 'package' });
    else if (e.type === 'encodeCrashed') bars.push({ worker: e.worker, startMs: e.startMs, endMs: e.t, rung: e.rung, kind: 'crashed' });
  }
  for (const r of frame.running) bars.push({ worker: r.worker, startMs: r.startMs, endMs: Math.min(r.endMs, nowMs), rung: r.rung, kind: r.kind });
  return bars;
}

export const fmtS = (s: number | null): string => {
  if (s === null || !Number.isFinite(s)) return '—';
  if (s >= 3600) return `${(s / 3600).toFixed(1)} h`;
  if (s >= 120) return `${(s / 60).toFixed(1)} min`;
  return `${s.toFixed(1)} s`;
};
export const fmtKbps = (k: number) => (k >= 1000 ? `${(k / 1000).toFixed(k >= 10_000 ? 0 : 2)} Mbps` : `${Math.round(k)} kbps`);
const fmtGB = (gb: number) => (gb >= 1000 ? `${(gb / 1000).toFixed(1)} TB` : `${gb.toFixed(gb >= 10 ? 1 : 2)} GB`);
const fmtTB = (tb: number) => (tb >= 1000 ? `${(tb / 1000).toFixed(2)} PB` : `${tb.toFixed(tb >= 10 ? 0 : 2)} TB`);
const fmtUsd = (v: number) => `$${v >= 100 ? groupedNumber(Math.round(v)) : v.toFixed(2)}`;

export interface NumberRow {
  label: string;
  value: string;
}

export function numberRows(r: VideoPipelineResult): NumberRow[] {
  const d = r.delivery;
  return [
    { label: 'Time to first playable (lowest rung published)', value: fmtS(r.timeToFirstPlayableS) },
    { label: 'Time to full ladder', value: fmtS(r.timeToFullLadderS) },
    { label: 'Lowest rung encoded in (formula ceil(ceil(T/c)/W)·t_low)', value: `${fmtS(r.lowestRungEncodeS)} (${fmtS(r.lowestRungFormulaS)})` },
    { label: 'Crashed attempts re-run (worker time lost)', value: `${groupedNumber(r.crashes)} (${fmtS(r.wastedWorkerS)})` },
    { label: 'Jobs (chunks × rungs) on W workers', value: `${groupedNumber(r.jobs)} = ${groupedNumber(r.chunks)} × ${r.ladder.rungs.length} on ${groupedNumber(r.workers)}` },
    { label: 'Ladder: Σ bitrates → storage per hour of content', value: `${groupedNumber(r.ladder.totalKbps)} kbps → ${d.storageGBPerHour.toFixed(2)} GB/h` },
    { label: 'This title stored (per month)', value: `${fmtGB(d.storageGB)} (${fmtUsd(d.storageUsdPerMonth)})` },
    { label: 'Mean streamed bitrate and quality', value: `${fmtKbps(d.meanKbps)}, ${d.meanQuality.toFixed(1)} / 100` },
    { label: 'Views: bytes served (edge / origin)', value: `${fmtTB(d.viewTB)} (${fmtTB(d.edgeTB)} / ${fmtTB(d.originTB)})` },
    { label: 'Egress paid (origin + prefill)', value: fmtUsd(d.egressUsd) },
    { label: 'Appliances for the peak', value: `${groupedNumber(d.appliances)} (${d.peakGbps >= 1000 ? `${(d.peakGbps / 1000).toFixed(2)} Tbit/s` : `${d.peakGbps.toFixed(0)} Gbit/s`})` },
    { label: 'Press play → first frame (cloud + edge)', value: r.pressPlay ? `${Math.round(r.pressPlay.firstFrameMs)} ms (${Math.round(r.pressPlay.controlMs)} + ${Math.round(r.pressPlay.dataMs)})` : '—' },
  ];
}

/** The trial encodes of each resolution as one curve (bitrate ≤ maxKbps), in RESOLUTIONS order. */
export function curvesByResolution(curves: readonly CurvePoint[], maxKbps: number): { resolution: string; points: CurvePoint[] }[] {
  const out = new Map<string, CurvePoint[]>();
  for (const p of curves) {
    if (p.kbps > maxKbps) continue;
    const list = out.get(p.resolution) ?? [];
    list.push(p);
    out.set(p.resolution, list);
  }
  return [...out].map(([resolution, points]) => ({ resolution, points }));
}

/** The bitrate the curves chart spans: past the top rung, at least the fixed ladder's 5.8 Mbps. */
export function curvesMaxKbps(r: VideoPipelineResult): number {
  const top = r.ladder.rungs[r.ladder.rungs.length - 1]?.kbps ?? 0;
  return Math.max(6000, Math.ceil((top * 1.25) / 1000) * 1000);
}

/** Rungs dominated by another (≥ quality for ≤ bits): what a fixed ladder wastes on hard titles. */
export function dominatedRungs(rungs: readonly CurvePoint[]): number[] {
  return rungs.flatMap((a, i) => (rungs.some((b) => b !== a && b.kbps <= a.kbps && b.quality >= a.quality && (b.kbps < a.kbps || b.quality > a.quality)) ? [i] : []));
}

export interface RungRow {
  rung: number;
  resolution: string;
  kbps: number;
  quality: number;
  done: number;
  chunks: number;
  publishedS: number | null;
  dominated: boolean;
}

export function rungRows(r: VideoPipelineResult, f: VideoPipelineFrame): RungRow[] {
  const dominated = new Set(dominatedRungs(r.ladder.rungs));
  return r.ladder.rungs.map((p, i) => ({
    rung: i,
    resolution: p.resolution,
    kbps: p.kbps,
    quality: p.quality,
    done: f.doneByRung[i] ?? 0,
    chunks: f.chunks,
    publishedS: f.publishedAtMs[i] == null ? null : f.publishedAtMs[i]! / 1000,
    dominated: dominated.has(i),
  }));
}

export const PLAY_LABELS = {
  'playback-api': 'Playback service: licence, device, region',
  steering: 'Steering: pick 3 nearby healthy appliances',
  probe: 'Probe the appliances, keep the fastest',
  'first-segment': 'Manifest + first segment (lowest rung)',
  'first-frame': 'Decode and show the first frame',
} as const;

export const PLANE_LABELS: Record<Plane, string> = { control: 'Control plane · cloud', data: 'Data plane · edge' };
