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

export function decimate<D>(data: readonly D[], x: (d: D) => number, y: (d: D) => number, options: DecimateOptions): readonly D[] {
  const cols = Math.max(1, Math.floor(options.columns));
  if (data.length <= cols * 4 || !(options.x1 > options.x0)) return data;
  const out: D[] = [];
  decimateFrom(data, x, y, options, 0, out);
  return out;
}

interface Resume {
  /** data index where the last (possibly still growing) column starts */
  dataIndex: number;
  /** out index where that column's picks start */
  outIndex: number;
}

/** Appends the picks for data[from..] to `out`; returns where the last column started. */
function decimateFrom<D>(
  data: readonly D[],
  x: (d: D) => number,
  y: (d: D) => number,
  { x0, x1, columns }: DecimateOptions,
  from: number,
  out: D[],
): Resume {
  const n = data.length;
  const cols = Math.max(1, Math.floor(columns));
  const scale = cols / (x1 - x0);
  let bucket = Number.NaN;
  let first = -1;
  let last = -1;
  let minI = -1;
  let maxI = -1;
  let minV = Infinity;
  let maxV = -Infinity;
  const resume: Resume = { dataIndex: from, outIndex: out.length };
  const flush = () => {
    if (first < 0) return;
    resume.dataIndex = first;
    resume.outIndex = out.length;
    // emit the (up to) four chosen indices in data order, each once
    const picks = [first, minI, maxI, last].filter((i) => i >= 0).sort((a, b) => a - b);
    let prev = -1;
    for (const i of picks) {
      if (i !== prev) out.push(data[i]);
      prev = i;
    }
  };
  for (let i = from; i < n; i++) {
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
  return resume;
}

/**
 * Decimation of a live series that grows at the end: columns already complete are kept and only
 * the last column and the new points are scanned, so a frame costs O(new points), not O(n).
 * Anything else (new array, shorter array after a scrub back, other x range or width) starts over.
 */
export class IncrementalDecimator<D> {
  private data: readonly D[] | null = null;
  private length = 0;
  private key = '';
  private out: D[] = [];
  private resume: Resume = { dataIndex: 0, outIndex: 0 };
  private passthrough: readonly D[] | null = null;
  private passthroughLength = 0;
  /**
   * After decimate(): the first `stable` points of its result stay exactly as they are on later
   * calls until `generation` changes (completed columns, or every point of an undecimated series).
   */
  stable = 0;
  generation = 0;

  decimate(data: readonly D[], x: (d: D) => number, y: (d: D) => number, options: DecimateOptions): readonly D[] {
    const cols = Math.max(1, Math.floor(options.columns));
    if (data.length <= cols * 4 || !(options.x1 > options.x0)) {
      if (this.data !== null || this.passthrough !== data || data.length < this.passthroughLength) this.generation++;
      this.data = null;
      this.passthrough = data;
      this.passthroughLength = data.length;
      this.stable = data.length;
      return data;
    }
    this.passthrough = null;
    const key = `${options.x0}|${options.x1}|${cols}`;
    if (this.data !== data || data.length < this.length || this.key !== key) {
      this.generation++;
      this.out = [];
      this.resume = decimateFrom(data, x, y, options, 0, this.out);
    } else if (data.length > this.length) {
      // LOUD: truncate in place (no copy per frame); points before resume.outIndex never change
      this.out.length = this.resume.outIndex;
      this.resume = decimateFrom(data, x, y, options, this.resume.dataIndex, this.out);
    }
    this.data = data;
    this.length = data.length;
    this.key = key;
    this.stable = this.resume.outIndex;
    return this.out;
  }
}
