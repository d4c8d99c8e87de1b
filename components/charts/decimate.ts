/**
 * Decimation for time series: keep, per pixel column, the first, lowest, highest and last point
 * (the "M4" rule). The drawn line is then visually identical to the full series, spikes included,
 * while the path has at most 4 points per column however long the series grows.
 *
 * Assumes points are sorted by x (time series). Points with a non-finite y are never chosen as
 * min/max but still count as first/last, so gaps stay gaps.
 */
export interface DecimateOptions {
  /** x range mapped onto the columns */
  x0: number;
  x1: number;
  /** number of columns, usually the plot width in pixels */
  columns: number;
}

export function decimate<D>(
  data: readonly D[],
  x: (d: D) => number,
  y: (d: D) => number,
  { x0, x1, columns }: DecimateOptions,
): readonly D[] {
  const n = data.length;
  const cols = Math.max(1, Math.floor(columns));
  if (n <= cols * 4 || !(x1 > x0)) return data;
  const scale = cols / (x1 - x0);
  const out: D[] = [];
  let bucket = Number.NaN;
  let first = -1;
  let last = -1;
  let minI = -1;
  let maxI = -1;
  let minV = Infinity;
  let maxV = -Infinity;
  const flush = () => {
    if (first < 0) return;
    // emit the (up to) four chosen indices in data order, each once
    const picks = [first, minI, maxI, last].filter((i) => i >= 0).sort((a, b) => a - b);
    let prev = -1;
    for (const i of picks) {
      if (i !== prev) out.push(data[i]);
      prev = i;
    }
  };
  for (let i = 0; i < n; i++) {
    const d = data[i];
    let b = Math.floor((x(d) - x0) * scale);
    if (b < 0) b = -1;
    else if (b >= cols) b = cols;
    if (b !== bucket) {
      flush();
      bucket = b;
      first = i;
      minI = -1;
      maxI = -1;
      minV = Infinity;
      maxV = -Infinity;
    }
    last = i;
    const v = y(d);
    if (v < minV) {
      minV = v;
      minI = i;
    }
    if (v > maxV) {
      maxV = v;
      maxI = i;
    }
  }
  flush();
  return out;
}
