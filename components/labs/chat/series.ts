/**
 * Memory per gateway for the chart: one series per gateway when there are few, otherwise the
 * fullest gateway and the mean (a chart with 256 lines says nothing).
 */
import type { SeriesPoint } from '@/simulations/core/recorder';

export const MAX_GATEWAY_SERIES = 8;

export interface NamedSeries {
  id: string;
  label: string;
  data: readonly SeriesPoint[];
}

export function memorySeries(series: (name: string) => readonly SeriesPoint[], gateways: number): NamedSeries[] {
  if (gateways <= MAX_GATEWAY_SERIES) {
    return Array.from({ length: gateways }, (_, g) => ({ id: `gateway.${g}.memoryMB`, label: `gateway ${g}`, data: series(`gateway.${g}.memoryMB`) }));
  }
  const all = Array.from({ length: gateways }, (_, g) => series(`gateway.${g}.memoryMB`));
  const n = Math.min(...all.map((s) => s.length));
  const max: SeriesPoint[] = [];
  const mean: SeriesPoint[] = [];
  for (let i = 0; i < n; i++) {
    let hi = -Infinity;
    let sum = 0;
    for (const s of all) {
      hi = Math.max(hi, s[i].v);
      sum += s[i].v;
    }
    max.push({ t: all[0][i].t, v: hi });
    mean.push({ t: all[0][i].t, v: sum / gateways });
  }
  return [
    { id: 'memory.max', label: 'fullest gateway', data: max },
    { id: 'memory.mean', label: `mean of ${gateways}`, data: mean },
  ];
}
