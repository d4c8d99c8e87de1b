/**
 * Seeded synthetic throughput traces, so the lab ships its own networks. Every generator samples
 * the throughput every `stepS` seconds from 0 to `durationS`, then applies optional multiplicative
 * noise and clamps to [minMbps, maxMbps]. Randomness comes only from the stream passed in.
 */
import type { RandomStream } from '../../core/rng';
import { traceFromSamples, type Trace } from './trace';
import { DetMath } from '../../core/math';

export const TRACE_KINDS = ['constant', 'steps', 'sine', 'markov', 'randomWalk', 'custom'] as const;
export type TraceKind = (typeof TRACE_KINDS)[number];

export interface MarkovSpec {
  /** Throughput of each state, Mbps. */
  statesMbps: number[];
  /** transitions[i][j] = probability of moving from state i to j at each sample step (rows sum to 1). */
  transitions: number[][];
}

export interface SyntheticTraceSpec {
  kind: TraceKind;
  durationS: number;
  stepS: number;
  /** constant level; sine mean; random walk start. */
  meanMbps: number;
  /** sine amplitude. */
  amplitudeMbps: number;
  /** sine period. */
  periodS: number;
  minMbps: number;
  maxMbps: number;
  /** random walk: standard deviation of one step, Mbps. */
  volatilityMbps: number;
  /** relative standard deviation of multiplicative noise on every sample (0 = none). */
  noise: number;
  /** steps: [startS, Mbps] pairs, sorted by start. */
  steps: [number, number][];
  markov: MarkovSpec;
  /** custom (hand-drawn): [tS, Mbps] control points, linearly interpolated. */
  points: [number, number][];
}

export function generateTrace(spec: SyntheticTraceSpec, rng: RandomStream, name = describeTrace(spec)): Trace {
  const n = Math.max(2, Math.floor(spec.durationS / spec.stepS + 1e-9) + 1);
  const times = new Float64Array(n);
  const values = new Float64Array(n);
  for (let k = 0; k < n; k++) times[k] = round6(k * spec.stepS);
  switch (spec.kind) {
    case 'constant':
      values.fill(spec.meanMbps);
      break;
    case 'steps':
      for (let k = 0; k < n; k++) values[k] = stepValue(spec.steps, times[k], spec.meanMbps);
      break;
    case 'sine':
      for (let k = 0; k < n; k++) values[k] = spec.meanMbps + spec.amplitudeMbps * DetMath.sin((2 * Math.PI * times[k]) / spec.periodS);
      break;
    case 'markov': {
      const { statesMbps, transitions } = spec.markov;
      let state = 0;
      for (let k = 0; k < n; k++) {
        values[k] = statesMbps[state];
        state = nextState(transitions[state], rng.next());
      }
      break;
    }
    case 'randomWalk': {
      let v = clamp(spec.meanMbps, spec.minMbps, spec.maxMbps);
      for (let k = 0; k < n; k++) {
        values[k] = v;
        v = reflect(v + rng.normal(0, spec.volatilityMbps), spec.minMbps, spec.maxMbps);
      }
      break;
    }
    case 'custom':
      for (let k = 0; k < n; k++) values[k] = interpolate(spec.points, times[k], spec.meanMbps);
      break;
  }
  for (let k = 0; k < n; k++) {
    let v = values[k];
    if (spec.noise > 0) v *= Math.max(0, 1 + rng.normal(0, spec.noise));
    values[k] = round6(clamp(v, spec.minMbps, spec.maxMbps));
  }
  return traceFromSamples(name, times, values);
}

export function describeTrace(spec: SyntheticTraceSpec): string {
  return `synthetic-${spec.kind}`;
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

/** Keep a random walk inside [lo, hi] by mirroring at the bounds. */
function reflect(x: number, lo: number, hi: number): number {
  if (hi <= lo) return lo;
  const span = hi - lo;
  let y = (x - lo) % (2 * span);
  if (y < 0) y += 2 * span;
  return lo + (y <= span ? y : 2 * span - y);
}

function stepValue(steps: [number, number][], t: number, fallback: number): number {
  let v = steps.length ? steps[0][1] : fallback;
  for (const [start, mbps] of steps) if (start <= t) v = mbps;
  return v;
}

/**
 * Throughput of a hand-drawn trace at t: piecewise linear between points, held flat before the first
 * and after the last; `fallback` when there are no points. The trace editor draws the same curve.
 */
export function interpolate(points: readonly (readonly [number, number])[], t: number, fallback: number): number {
  if (points.length === 0) return fallback;
  if (t <= points[0][0]) return points[0][1];
  for (let i = 1; i < points.length; i++) {
    const [t1, v1] = points[i];
    if (t <= t1) {
      const [t0, v0] = points[i - 1];
      return t1 === t0 ? v1 : v0 + ((v1 - v0) * (t - t0)) / (t1 - t0);
    }
  }
  return points[points.length - 1][1];
}

function nextState(row: number[], u: number): number {
  let total = 0;
  for (const p of row) total += p;
  let acc = 0;
  for (let j = 0; j < row.length; j++) {
    acc += row[j] / total;
    if (u < acc) return j;
  }
  return row.length - 1;
}

// ---- validation of the structured parts (used by the lab schema) ----------------------------

export function checkSteps(value: unknown): string | null {
  if (!Array.isArray(value) || value.length === 0) return 'expected a non-empty list of [startSeconds, Mbps] pairs';
  let last = -Infinity;
  for (let i = 0; i < value.length; i++) {
    const p = value[i];
    if (!Array.isArray(p) || p.length !== 2 || !p.every((x) => typeof x === 'number' && Number.isFinite(x))) return `entry ${i} must be [startSeconds, Mbps]`;
    if (p[0] < 0 || p[0] <= last) return `entry ${i}: start times must be >= 0 and increasing`;
    if (p[1] < 0 || p[1] > 1000) return `entry ${i}: Mbps must be from 0 to 1000`;
    last = p[0];
  }
  return null;
}

export function checkMarkov(value: unknown): string | null {
  if (value === null || typeof value !== 'object') return 'expected { statesMbps: number[], transitions: number[][] }';
  const { statesMbps, transitions } = value as Partial<MarkovSpec>;
  if (!Array.isArray(statesMbps) || statesMbps.length < 1 || statesMbps.length > 10) return 'statesMbps must list 1 to 10 states';
  if (!statesMbps.every((x) => typeof x === 'number' && x >= 0 && x <= 1000)) return 'every state must be from 0 to 1000 Mbps';
  if (!Array.isArray(transitions) || transitions.length !== statesMbps.length) return 'transitions must have one row per state';
  for (let i = 0; i < transitions.length; i++) {
    const row = transitions[i];
    if (!Array.isArray(row) || row.length !== statesMbps.length) return `transitions row ${i} must have ${statesMbps.length} probabilities`;
    if (!row.every((p) => typeof p === 'number' && p >= 0 && p <= 1)) return `transitions row ${i}: probabilities must be from 0 to 1`;
    const sum = row.reduce((a, b) => a + b, 0);
    if (Math.abs(sum - 1) > 1e-6) return `transitions row ${i} sums to ${sum}, expected 1`;
  }
  return null;
}

export function checkPoints(value: unknown): string | null {
  if (!Array.isArray(value) || value.length < 2) return 'expected at least two [seconds, Mbps] points';
  return checkSteps(value);
}
