import { extentOf, type Extent } from './scales';
import { formatNumber } from './format';

export interface SummarySeries<D> {
  label: string;
  data: readonly D[];
  y: (d: D) => number;
}

/** "Queue length: 1,204 points, min 0, max 37, last 12 customers." — one sentence per series. */
export function summarizeSeries<D>(s: SummarySeries<D>, unit = '', fmt: (v: number) => string = formatNumber, knownExtent?: Extent | null): string {
  // a caller that already tracks the extent of a live series passes it (no O(n) scan per frame)
  const ext = knownExtent !== undefined ? knownExtent : extentOf(s.data, s.y);
  if (!ext || s.data.length === 0) return `${s.label}: no data yet.`;
  const lastValue = s.y(s.data[s.data.length - 1]);
  const u = unit ? ` ${unit}` : '';
  const n = s.data.length;
  return `${s.label}: ${formatNumber(n)} point${n === 1 ? '' : 's'}, min ${fmt(ext.min)}${u}, max ${fmt(ext.max)}${u}, last ${fmt(lastValue)}${u}.`;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function summarizeChart(title: string, series: SummarySeries<any>[], unit = '', fmt?: (v: number) => string, knownExtents?: (Extent | null)[]): string {
  if (series.length === 0) return `${title}: no series.`;
  return [`${title}.`, ...series.map((s, i) => summarizeSeries(s, unit, fmt, knownExtents?.[i]))].join(' ');
}
