import { extentOf } from './scales';
import { formatNumber } from './format';

export interface SummarySeries<D> {
  label: string;
  data: readonly D[];
  y: (d: D) => number;
}

/** "Queue length: 1,204 points, min 0, max 37, last 12 customers." — one sentence per series. */
export function summarizeSeries<D>(s: SummarySeries<D>, unit = '', fmt: (v: number) => string = formatNumber): string {
  const ext = extentOf(s.data, s.y);
  if (!ext || s.data.length === 0) return `${s.label}: no data yet.`;
  const lastValue = s.y(s.data[s.data.length - 1]);
  const u = unit ? ` ${unit}` : '';
  const n = s.data.length;
  return `${s.label}: ${formatNumber(n)} point${n === 1 ? '' : 's'}, min ${fmt(ext.min)}${u}, max ${fmt(ext.max)}${u}, last ${fmt(lastValue)}${u}.`;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function summarizeChart(title: string, series: SummarySeries<any>[], unit = '', fmt?: (v: number) => string): string {
  if (series.length === 0) return `${title}: no series.`;
  return [`${title}.`, ...series.map((s) => summarizeSeries(s, unit, fmt))].join(' ');
}
