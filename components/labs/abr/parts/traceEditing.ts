/**
 * The trace editor's pure half: hand-drawn throughput curves as `[seconds, Mbps]` control points
 * (the `trace.points` param, linear between points), moved by pointer or keyboard, simplified from
 * a generated or loaded trace, and kept compact because they travel in share links.
 */
import { checkValue, type ParamSchema } from '@/simulations/core/params';
import { interpolate, parseTrace, TraceFormatError } from '@/simulations/abr';

export type TracePoint = [number, number];

/** A trace as samples (the run's trace after noise and clamping): times in s, throughput in Mbps. */
export interface TraceSamples {
  timesS: ArrayLike<number>;
  mbps: ArrayLike<number>;
}

export interface EditorBounds {
  /** Latest time a point may take (the trace length), s. */
  tMax: number;
  /** Throughput range a point may take (the trace's clamp), Mbps. */
  vMin: number;
  vMax: number;
}

/** Neighbouring points stay at least this far apart in time (the rounding grid). */
export const MIN_GAP_S = 0.1;
/** Points the editor keeps: enough for a detailed trace, few enough for a share link. */
export const MAX_EDITOR_POINTS = 64;
/** Converting a generated trace gives fewer handles: each one should be worth dragging. */
export const HAND_EDIT_POINTS = 32;
/** JSON text budget of `trace.points` in a link (URL-encoded it roughly doubles). */
export const MAX_POINTS_JSON_CHARS = 900;
/** The schema's longest trace (trace.durationS max) and shortest. */
export const MAX_TRACE_S = 1200;
export const MIN_TRACE_S = 10;
/** Files larger than this are refused before parsing (a trace of 1200 s at 0.1 s is ~150 kB). */
export const MAX_TRACE_FILE_BYTES = 5_000_000;

export const KEY_STEP = { mbps: 0.1, mbpsLarge: 1, seconds: 1, secondsLarge: 10 } as const;

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

export function roundTime(t: number): number {
  return Math.round(t * 10) / 10;
}

/** 0.01 Mbps below 10 Mbps, 0.1 above: three significant digits where they matter. */
export function roundMbps(v: number): number {
  return Math.abs(v) >= 10 ? Math.round(v * 10) / 10 : Math.round(v * 100) / 100;
}

/** Where point i may go in time: strictly between its neighbours, within [0, tMax]. */
export function timeRange(points: readonly TracePoint[], i: number, tMax: number): [number, number] {
  const lo = i > 0 ? points[i - 1][0] + MIN_GAP_S : 0;
  const hi = i < points.length - 1 ? points[i + 1][0] - MIN_GAP_S : Math.max(tMax, points[i][0]);
  return [lo, Math.max(lo, hi)];
}

/**
 * Point i moved to (t, v): clamped between its neighbours and to the bounds, rounded to the link
 * grid. The order of points never changes, so the result always passes the schema check.
 */
export function movePoint(points: readonly TracePoint[], i: number, t: number, v: number, bounds: EditorBounds): TracePoint[] {
  if (i < 0 || i >= points.length) return points.slice();
  const [lo, hi] = timeRange(points, i, bounds.tMax);
  const prevT = i > 0 ? points[i - 1][0] : -Infinity;
  const nextT = i < points.length - 1 ? points[i + 1][0] : Infinity;
  let nt = roundTime(clamp(Number.isFinite(t) ? t : points[i][0], lo, hi));
  // rounding may land on a neighbour when they sit off the grid (e.g. from a hand-written link)
  if (!(nt > prevT && nt < nextT) || nt < 0) nt = points[i][0];
  const vLo = Math.max(0, Math.min(bounds.vMin, bounds.vMax));
  const vHi = Math.min(1000, Math.max(bounds.vMin, bounds.vMax));
  const nv = roundMbps(clamp(Number.isFinite(v) ? v : points[i][1], vLo, vHi));
  const out = points.slice();
  out[i] = [nt, nv];
  return out;
}

/**
 * Arrow keys on a focused point: ↑/↓ change the throughput by 0.1 Mbps (1 with Shift), ←/→ move it
 * 1 s in time (10 with Shift). Null for any other key.
 */
export function nudgePoint(points: readonly TracePoint[], i: number, key: string, large: boolean, bounds: EditorBounds): TracePoint[] | null {
  const p = points[i];
  if (!p) return null;
  const dv = large ? KEY_STEP.mbpsLarge : KEY_STEP.mbps;
  const dt = large ? KEY_STEP.secondsLarge : KEY_STEP.seconds;
  switch (key) {
    case 'ArrowUp':
      return movePoint(points, i, p[0], p[1] + dv, bounds);
    case 'ArrowDown':
      return movePoint(points, i, p[0], p[1] - dv, bounds);
    case 'ArrowLeft':
      return movePoint(points, i, p[0] - dt, p[1], bounds);
    case 'ArrowRight':
      return movePoint(points, i, p[0] + dt, p[1], bounds);
    default:
      return null;
  }
}

/** Without point i; null when only two points are left (a trace needs two). */
export function removePoint(points: readonly TracePoint[], i: number): TracePoint[] | null {
  if (points.length <= 2 || i < 0 || i >= points.length) return null;
  return points.filter((_, k) => k !== i);
}

/** Throughput of the piecewise-linear curve at t (held flat before the first and after the last point). */
export function interpolateAt(points: readonly TracePoint[], t: number): number {
  return interpolate(points, t, 0);
}

/**
 * A new point in the middle of the widest gap (including the stretch after the last point up to
 * tMax), on the curve, so adding one changes nothing until it is dragged. Null when full or no gap
 * is wide enough.
 */
export function addPoint(points: readonly TracePoint[], bounds: EditorBounds): { points: TracePoint[]; index: number } | null {
  if (points.length >= MAX_EDITOR_POINTS || points.length === 0) return null;
  let bestGap = 0;
  let at = -1;
  for (let i = 0; i < points.length; i++) {
    const end = i < points.length - 1 ? points[i + 1][0] : bounds.tMax;
    const gap = end - points[i][0];
    if (gap > bestGap) {
      bestGap = gap;
      at = i;
    }
  }
  if (at < 0 || bestGap < 2 * MIN_GAP_S) return null;
  const end = at < points.length - 1 ? points[at + 1][0] : bounds.tMax;
  const t = roundTime((points[at][0] + end) / 2);
  if (!(t > points[at][0] && t < end)) return null;
  const v = roundMbps(interpolateAt(points, t));
  const out = points.slice();
  out.splice(at + 1, 0, [t, v]);
  return { points: out, index: at + 1 };
}

/**
 * Keep at most `maxPoints` of a polyline, greedily: start from the two ends and repeatedly add the
 * point farthest (in throughput) from the current simplification. Returns the points and the largest
 * remaining deviation, Mbps.
 */
export function simplifyToCount(points: readonly TracePoint[], maxPoints: number): { points: TracePoint[]; maxErrorMbps: number } {
  const n = points.length;
  if (n <= Math.max(2, maxPoints)) return { points: points.map((p) => [p[0], p[1]] as TracePoint), maxErrorMbps: 0 };
  interface Segment {
    a: number;
    b: number;
    err: number;
    at: number;
  }
  const measure = (a: number, b: number): Segment => {
    const [ta, va] = points[a];
    const [tb, vb] = points[b];
    let err = 0;
    let at = -1;
    for (let k = a + 1; k < b; k++) {
      const [t, v] = points[k];
      const line = tb === ta ? vb : va + ((vb - va) * (t - ta)) / (tb - ta);
      const e = Math.abs(v - line);
      if (e > err) {
        err = e;
        at = k;
      }
    }
    return { a, b, err, at };
  };
  const segments: Segment[] = [measure(0, n - 1)];
  let kept = 2;
  while (kept < maxPoints) {
    let worst = 0;
    for (let s = 1; s < segments.length; s++) if (segments[s].err > segments[worst].err) worst = s;
    const seg = segments[worst];
    if (seg.at < 0 || seg.err <= 1e-12) break;
    segments.splice(worst, 1, measure(seg.a, seg.at), measure(seg.at, seg.b));
    kept++;
  }
  const keep = new Set<number>([0, n - 1]);
  let maxErrorMbps = 0;
  for (const s of segments) {
    keep.add(s.a);
    keep.add(s.b);
    if (s.err > maxErrorMbps) maxErrorMbps = s.err;
  }
  const out = [...keep].sort((x, y) => x - y).map((k) => [points[k][0], points[k][1]] as TracePoint);
  return { points: out, maxErrorMbps };
}

/** Rounded to the link grid, strictly increasing in time (a point that rounds onto its predecessor is dropped). */
export function roundPoints(points: readonly TracePoint[]): TracePoint[] {
  const out: TracePoint[] = [];
  for (const [t, v] of points) {
    const p: TracePoint = [Math.max(0, roundTime(t)), roundMbps(Math.max(0, v))];
    if (out.length && p[0] <= out[out.length - 1][0]) continue;
    out.push(p);
  }
  return out;
}

/**
 * The value the editor stores in `trace.points`: rounded, at most MAX_EDITOR_POINTS, and short
 * enough for a share link; when the text is still too long, it is simplified further (never below
 * two points).
 */
export function compactPoints(points: readonly TracePoint[]): TracePoint[] {
  let out = roundPoints(points);
  if (out.length > MAX_EDITOR_POINTS) out = roundPoints(simplifyToCount(out, MAX_EDITOR_POINTS).points);
  while (out.length > 2 && JSON.stringify(out).length > MAX_POINTS_JSON_CHARS) {
    out = roundPoints(simplifyToCount(out, Math.max(2, Math.floor(out.length * 0.8))).points);
  }
  return out;
}

/** A trace's samples (up to `maxS`) as editable points. */
export function pointsFromSamples(
  timesS: ArrayLike<number>,
  mbps: ArrayLike<number>,
  maxPoints: number,
  maxS = MAX_TRACE_S,
): { points: TracePoint[]; maxErrorMbps: number; samples: number; truncated: boolean } {
  const raw: TracePoint[] = [];
  let truncated = false;
  for (let k = 0; k < timesS.length; k++) {
    if (timesS[k] > maxS) {
      truncated = true;
      break;
    }
    raw.push([timesS[k], mbps[k]]);
  }
  const simplified = simplifyToCount(raw, maxPoints);
  const points = compactPoints(simplified.points);
  return { points, maxErrorMbps: simplified.maxErrorMbps, samples: raw.length, truncated };
}

export type ParamChanges = Record<string, unknown>;

export interface TraceClamp {
  minMbps: number;
  maxMbps: number;
}

/** Param changes that make the run use these points as its trace (noise off: the points are the trace). */
export function customTraceChanges(points: TracePoint[], durationS: number, clampNow: TraceClamp, peakMbps: number, lowMbps: number): ParamChanges {
  const changes: ParamChanges = {
    'trace.kind': 'custom',
    'trace.points': points,
    'trace.durationS': clamp(durationS, MIN_TRACE_S, MAX_TRACE_S),
    'trace.noise': 0,
  };
  // widen the clamp so the generator does not cut the loaded curve (schema: min 0.01–100, max 0.1–1000)
  if (peakMbps > clampNow.maxMbps) changes['trace.maxMbps'] = clamp(Math.ceil(peakMbps), 0.1, 1000);
  if (lowMbps < clampNow.minMbps) changes['trace.minMbps'] = clamp(roundMbps(lowMbps), 0.01, 100);
  return changes;
}

export type TraceLoad = { ok: true; changes: ParamChanges; message: string } | { ok: false; error: string };

/** A trace file (two columns: seconds, Mbps) → param changes, or an error naming the line. */
export function loadTraceText(text: string, fileName: string, clampNow: TraceClamp): TraceLoad {
  let trace;
  try {
    trace = parseTrace(text, fileName);
  } catch (e) {
    if (e instanceof TraceFormatError) return { ok: false, error: `${e.file}, line ${e.line}: ${e.problem}` };
    return { ok: false, error: `${fileName}: ${e instanceof Error ? e.message : String(e)}` };
  }
  const { points, maxErrorMbps, samples, truncated } = pointsFromSamples(trace.timesS, trace.mbps, MAX_EDITOR_POINTS);
  if (points.length < 2) return { ok: false, error: `${fileName}: needs at least two samples within the first ${MAX_TRACE_S} s` };
  let peak = 0;
  let low = Infinity;
  for (const [, v] of points) {
    peak = Math.max(peak, v);
    low = Math.min(low, v);
  }
  const lastT = points[points.length - 1][0];
  const changes = customTraceChanges(points, Math.ceil(lastT), clampNow, peak, low);
  const simplified = points.length < samples ? ` → ${points.length} editable points (largest deviation ${roundMbps(maxErrorMbps)} Mbps)` : '';
  const message =
    `Loaded ${fileName}: ${samples} samples over ${roundTime(lastT)} s${simplified}.` +
    (truncated ? ` Only the first ${MAX_TRACE_S} s are used.` : '');
  return { ok: true, changes, message };
}

/** The run's current (generated) trace as editable points: "edit this trace by hand". */
export function handEditChanges(trace: TraceSamples, durationS: number, clampNow: TraceClamp): { changes: ParamChanges; points: number } {
  const { points } = pointsFromSamples(trace.timesS, trace.mbps, HAND_EDIT_POINTS, durationS);
  return { changes: customTraceChanges(points, durationS, clampNow, 0, Infinity), points: points.length };
}

/** A round upper bound for the editor's throughput axis. */
export function niceCeiling(v: number): number {
  if (!(v > 0) || !Number.isFinite(v)) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v - 1e-12) return m * p;
  return 10 * p;
}

/** The first problem with a set of param changes (checked as the param panel would), or null. */
export function invalidChange(schema: ParamSchema, changes: Record<string, unknown>): string | null {
  for (const [key, value] of Object.entries(changes)) {
    const spec = schema[key];
    if (!spec) return `unknown parameter ${key}`;
    const problem = checkValue(key, spec, value);
    if (problem) return problem;
  }
  return null;
}

/**
 * "Edit by hand" opens a draft: the generated trace as points you can drag. Nothing changes until a
 * point moves (issue 11: opening the editor used to resample the trace and silently change the
 * result). The draft keeps the trace exactly when its corners fit the editor (a step or constant
 * trace); otherwise it is a simplification, and the editor says how many points it keeps.
 */
export interface HandEditDraft {
  points: TracePoint[];
  /** the trace's samples within its duration */
  samples: number;
  /** the points reproduce every sample: committing them keeps the trace */
  exact: boolean;
  maxErrorMbps: number;
}

/** Whether linear interpolation through `points` gives every sample (to the generator's 1e-6 rounding). */
export function reproducesSamples(points: readonly TracePoint[], trace: TraceSamples, durationS: number): boolean {
  for (let k = 0; k < trace.timesS.length && trace.timesS[k] <= durationS; k++) {
    if (Math.abs(interpolate(points as [number, number][], trace.timesS[k], 0) - trace.mbps[k]) > 5e-7) return false;
  }
  return true;
}

export function startHandEdit(trace: TraceSamples, durationS: number): HandEditDraft {
  const full = pointsFromSamples(trace.timesS, trace.mbps, MAX_EDITOR_POINTS, durationS);
  if (reproducesSamples(full.points, trace, durationS)) return { points: full.points, samples: full.samples, exact: true, maxErrorMbps: 0 };
  const few = pointsFromSamples(trace.timesS, trace.mbps, HAND_EDIT_POINTS, durationS);
  return { points: few.points, samples: few.samples, exact: false, maxErrorMbps: few.maxErrorMbps };
}

/** What the editor says while a draft is open. */
export function handEditNote(kind: string, draft: HandEditDraft): string {
  const n = draft.points.length;
  if (draft.exact) return `Editing the ${kind} trace by hand: its ${n} points reproduce it exactly. Nothing changes until you move a point.`;
  return (
    `Editing the ${kind} trace by hand: its ${draft.samples} samples are shown as ${n} points (largest deviation ${roundMbps(draft.maxErrorMbps)} Mbps). ` +
    `The run keeps its trace until you move a point; from then on it uses these ${n} points, a resampled trace.`
  );
}

/** The param changes of an edit made in a draft: the whole custom trace, not just its points. */
export function draftEditChanges(changes: ParamChanges, durationS: number, clampNow: TraceClamp): ParamChanges {
  const points = changes['trace.points'] as TracePoint[];
  return { ...customTraceChanges(points, durationS, clampNow, 0, Infinity), ...changes };
}
