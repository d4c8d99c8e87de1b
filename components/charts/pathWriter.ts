/**
 * SVG path text for a live series, built incrementally: the text of the points that can no longer
 * change is kept, and a frame only writes the points after it. The output matches d3-shape's
 * line() with digits(1) (linear and step-after curves, gaps where `defined` is false); an area is
 * its top line closed along a flat baseline.
 */
export type PathCurve = 'linear' | 'step';
export type PathMode = 'line' | 'area';

export interface PathGeometry<D> {
  px(d: D): number;
  py(d: D): number;
  defined(d: D): boolean;
  /** y pixel of an area's baseline (ignored for lines) */
  baseline: number;
}

interface PathState {
  /** text of the finished segments (areas already closed) */
  done: string;
  /** text of the segment being drawn */
  open: string;
  openPoints: number;
  startX: number;
  lastX: number;
  lastY: number;
  /** sum of |Δy| in pixels between consecutive drawn points (how jagged the line is) */
  travel: number;
}

const round = (v: number) => Math.round(v * 10) / 10;

function emptyState(): PathState {
  return { done: '', open: '', openPoints: 0, startX: 0, lastX: 0, lastY: 0, travel: 0 };
}

function closing(s: PathState, mode: PathMode, baseline: number): string {
  if (s.openPoints === 0) return '';
  if (mode === 'area') return `L${round(s.lastX)},${round(baseline)}L${round(s.startX)},${round(baseline)}Z`;
  // d3 closes a lone point so that round caps can draw it as a dot
  return s.openPoints === 1 ? 'Z' : '';
}

function feed<D>(s: PathState, d: D, curve: PathCurve, mode: PathMode, g: PathGeometry<D>): void {
  if (!g.defined(d)) {
    if (s.openPoints > 0) {
      s.done += s.open + closing(s, mode, g.baseline);
      s.open = '';
      s.openPoints = 0;
    }
    return;
  }
  const x = g.px(d);
  const y = g.py(d);
  if (s.openPoints === 0) {
    s.open = `M${round(x)},${round(y)}`;
    s.startX = x;
  } else {
    s.open += curve === 'step' ? `L${round(x)},${round(s.lastY)}L${round(x)},${round(y)}` : `L${round(x)},${round(y)}`;
    s.travel += Math.abs(y - s.lastY);
  }
  s.openPoints++;
  s.lastX = x;
  s.lastY = y;
}

export class IncrementalPath<D> {
  private committed = emptyState();
  private committedCount = 0;
  private generation: unknown = undefined;
  /** points written since construction (a measure of the work done, for tests) */
  written = 0;
  /** vertical travel (px) of the path returned by the last build() */
  travel = 0;

  constructor(
    readonly curve: PathCurve,
    readonly mode: PathMode,
  ) {}

  /**
   * Path text for `points`. LOUD: `points[0, stable)` must be exactly the points given for that
   * range on the previous call with the same `generation` (pass a new generation otherwise).
   */
  build(points: readonly D[], stable: number, generation: unknown, g: PathGeometry<D>): string {
    const keep = Math.max(0, Math.min(stable, points.length));
    if (generation !== this.generation || keep < this.committedCount) {
      this.committed = emptyState();
      this.committedCount = 0;
      this.generation = generation;
    }
    for (let i = this.committedCount; i < keep; i++) feed(this.committed, points[i], this.curve, this.mode, g);
    this.written += keep - this.committedCount;
    this.committedCount = keep;
    const tail = { ...this.committed };
    for (let i = keep; i < points.length; i++) feed(tail, points[i], this.curve, this.mode, g);
    this.written += points.length - keep;
    this.travel = tail.travel;
    return tail.done + tail.open + closing(tail, this.mode, g.baseline);
  }
}
