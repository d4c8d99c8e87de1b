import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Runner } from '@/simulations/core/runner';
import type { AbrParams } from '@/simulations/abr';
import { validate } from '@/simulations/core/params';
import { abrLab } from '@/simulations/abr';
import { formatTrace } from '@/simulations/abr/network/trace';
import { loadTraceSet } from '@/simulations/abr/network/realTraces';
import { abrSchema, MAX_TRACE_POINTS } from '@/simulations/abr/lab/schema';
import { runForPreset, runFromQuery, shareQuery } from '@/components/lab-shell/link';
import {
  addPoint,
  compactPoints,
  handEditChanges,
  interpolateAt,
  loadTraceText,
  MAX_EDITOR_POINTS,
  MAX_POINTS_JSON_CHARS,
  movePoint,
  niceCeiling,
  nudgePoint,
  removePoint,
  simplifyToCount,
  timeRange,
  invalidChange,
  type EditorBounds,
  type TracePoint,
} from '@/components/labs/abr/parts/traceEditing';

const abrRunner = (params: Record<string, unknown>, seed: number) => new Runner(abrLab, params as AbrParams, seed);

const bounds: EditorBounds = { tMax: 300, vMin: 0.1, vMax: 20 };
const pts: TracePoint[] = [
  [0, 3],
  [100, 1],
  [200, 4],
  [300, 2],
];
const checkPointsParam = (value: unknown) => abrSchema['trace.points'].check(value);

describe('moving a point', () => {
  it('stays strictly between its neighbours and inside the bounds, on the 0.1 s / 0.01 Mbps grid', () => {
    expect(movePoint(pts, 1, 250, 1.234, bounds)[1]).toEqual([199.9, 1.23]);
    expect(movePoint(pts, 1, -40, 0.01, bounds)[1]).toEqual([0.1, 0.1]);
    expect(movePoint(pts, 1, 150.04, 55, bounds)[1]).toEqual([150, 20]);
    expect(movePoint(pts, 0, 50, 2, bounds)[0]).toEqual([50, 2]);
    expect(movePoint(pts, 3, 999, 2, bounds)[3]).toEqual([300, 2]);
    expect(movePoint(pts, 3, 100, 2, bounds)[3]).toEqual([200.1, 2]);
    // the input is not mutated
    expect(pts[1]).toEqual([100, 1]);
  });

  it('time ranges: first from 0, last up to the trace length', () => {
    expect(timeRange(pts, 0, 300)).toEqual([0, 99.9]);
    expect(timeRange(pts, 3, 300)[1]).toBe(300);
    expect(timeRange(pts, 2, 300)).toEqual([100.1, 299.9]);
  });

  it('keeps a point that sits off the grid where it is when rounding would collide with a neighbour', () => {
    const tight: TracePoint[] = [
      [0, 1],
      [2.95, 1],
      [3.02, 1],
      [3.07, 1],
    ];
    const moved = movePoint(tight, 2, 3.05, 2, bounds);
    expect(moved[2][0]).toBe(3.02);
    expect(checkPointsParam(moved)).toBeNull();
  });

  it('property: any sequence of moves and nudges keeps a valid trace.points value', () => {
    const keys = ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight'];
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.record({ i: fc.nat(10), t: fc.double({ min: -100, max: 500, noNaN: true }), v: fc.double({ min: -5, max: 50, noNaN: true }) }),
            fc.record({ i: fc.nat(10), key: fc.constantFrom(...keys), large: fc.boolean() }),
          ),
          { maxLength: 40 },
        ),
        (ops) => {
          let p = pts.slice();
          for (const op of ops) {
            const i = op.i % p.length;
            if ('key' in op) p = nudgePoint(p, i, op.key, op.large, bounds) ?? p;
            else p = movePoint(p, i, op.t, op.v, bounds);
          }
          expect(p).toHaveLength(4);
          expect(checkPointsParam(p)).toBeNull();
          for (const [t, v] of p) {
            expect(t).toBeGreaterThanOrEqual(0);
            expect(t).toBeLessThanOrEqual(300);
            expect(v).toBeGreaterThanOrEqual(0.1);
            expect(v).toBeLessThanOrEqual(20);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('keyboard', () => {
  it('arrows move by 0.1 Mbps / 1 s, Shift by 1 Mbps / 10 s; other keys are not handled', () => {
    expect(nudgePoint(pts, 1, 'ArrowUp', false, bounds)![1]).toEqual([100, 1.1]);
    expect(nudgePoint(pts, 1, 'ArrowDown', true, bounds)![1]).toEqual([100, 0.1]);
    expect(nudgePoint(pts, 1, 'ArrowRight', false, bounds)![1]).toEqual([101, 1]);
    expect(nudgePoint(pts, 1, 'ArrowLeft', true, bounds)![1]).toEqual([90, 1]);
    expect(nudgePoint(pts, 1, 'Enter', false, bounds)).toBeNull();
    expect(nudgePoint(pts, 9, 'ArrowUp', false, bounds)).toBeNull();
  });
});

describe('adding and removing points', () => {
  it('adds on the curve in the middle of the widest gap, and refuses when full', () => {
    const added = addPoint(
      [
        [0, 2],
        [10, 4],
        [100, 1],
      ],
      bounds,
    )!;
    // widest gap: 100 → 300 (the stretch after the last point counts)
    expect(added.index).toBe(3);
    expect(added.points[3]).toEqual([200, 1]);
    const inner = addPoint(pts.slice(0, 2), { ...bounds, tMax: 100 })!;
    expect(inner.points[1]).toEqual([50, interpolateAt(pts, 50)]);
    const full = Array.from({ length: MAX_EDITOR_POINTS }, (_, k) => [k, 1] as TracePoint);
    expect(addPoint(full, bounds)).toBeNull();
  });

  it('removes any point but never below two', () => {
    expect(removePoint(pts, 1)).toEqual([pts[0], pts[2], pts[3]]);
    expect(removePoint(pts.slice(0, 2), 0)).toBeNull();
  });
});

describe('simplifying and compacting', () => {
  it('keeps the corners of a step trace exactly', () => {
    const samples: TracePoint[] = [];
    for (let t = 0; t <= 300; t++) samples.push([t, t < 70 ? 3 : t < 110 ? 0.4 : 3]);
    const { points, maxErrorMbps } = simplifyToCount(samples, 32);
    expect(maxErrorMbps).toBe(0);
    expect(points).toEqual([
      [0, 3],
      [69, 3],
      [70, 0.4],
      [109, 0.4],
      [110, 3],
      [300, 3],
    ]);
  });

  it('property: every dropped sample lies within the reported deviation of the simplified curve', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: 2, maxLength: 300 }), fc.integer({ min: 2, max: 40 }), (values, k) => {
        const samples = values.map((v, i) => [i, v] as TracePoint);
        const { points, maxErrorMbps } = simplifyToCount(samples, k);
        expect(points.length).toBeLessThanOrEqual(Math.max(2, k));
        expect(points[0]).toEqual(samples[0]);
        expect(points[points.length - 1]).toEqual(samples[samples.length - 1]);
        for (const [t, v] of samples) expect(Math.abs(interpolateAt(points, t) - v)).toBeLessThanOrEqual(maxErrorMbps + 1e-9);
      }),
      { numRuns: 150 },
    );
  });

  it('compact points fit a share link: at most 64, short JSON, strictly increasing, rounded', () => {
    const noisy: TracePoint[] = Array.from({ length: 1200 }, (_, i) => [i * 0.7 + 0.033, 2 + 1.7 * Math.sin(i / 3) + (i % 7) * 0.123456]);
    const c = compactPoints(noisy);
    expect(c.length).toBeLessThanOrEqual(MAX_EDITOR_POINTS);
    expect(c.length).toBeGreaterThan(10);
    expect(JSON.stringify(c).length).toBeLessThanOrEqual(MAX_POINTS_JSON_CHARS);
    expect(checkPointsParam(c)).toBeNull();
    for (const [t, v] of c) {
      expect(Math.round(t * 10) / 10).toBe(t);
      expect(Math.round(v * 100) / 100).toBe(v);
    }
  });

  it('a link with more points than the schema allows is refused with a message', () => {
    const many = Array.from({ length: MAX_TRACE_POINTS + 1 }, (_, k) => [k, 1]);
    expect(invalidChange(abrSchema, { 'trace.points': many })).toMatch(/trace\.points is invalid: at most 200 points/);
    expect(invalidChange(abrSchema, { 'trace.points': pts })).toBeNull();
    expect(invalidChange(abrSchema, { 'trace.nope': 1 })).toMatch(/unknown parameter trace\.nope/);
  });

  it('nice ceilings for the editor axis', () => {
    expect([0.3, 1, 1.2, 3.4, 4.6, 7, 23].map(niceCeiling)).toEqual([0.5, 1, 2, 5, 5, 10, 25]);
    expect(niceCeiling(0)).toBe(1);
  });
});

describe('loading a trace file', () => {
  const clampNow = { minMbps: 0.1, maxMbps: 20 };

  it('turns a two-column file into a custom trace the run uses', () => {
    const text = '# a comment\n0 1.5\n1 2.5\n2\t0.05\n\n3 30.25\n4.5 2\n';
    const loaded = loadTraceText(text, 'commute.txt', clampNow);
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.changes).toEqual({
      'trace.kind': 'custom',
      'trace.points': [
        [0, 1.5],
        [1, 2.5],
        [2, 0.05],
        [3, 30.3],
        [4.5, 2],
      ],
      'trace.durationS': 10,
      'trace.noise': 0,
      'trace.maxMbps': 31,
      'trace.minMbps': 0.05,
    });
    expect(loaded.message).toBe('Loaded commute.txt: 5 samples over 4.5 s.');
    expect(invalidChange(abrSchema, loaded.changes)).toBeNull();
  });

  it.each([
    ['0 1\n1 x\n', 'bad.txt, line 2: not a number in "1 x"'],
    ['0 1\n5 2\n3 1\n', 'bad.txt, line 3: time 3 does not increase (previous sample at 5)'],
    ['0 1\n1 -2\n', 'bad.txt, line 2: throughput -2 Mbps is negative'],
    ['', 'bad.txt, line 1: trace is empty (no samples)'],
    ['0 1 2\n', 'bad.txt, line 1: expected two columns "seconds Mbps", got 3 in "0 1 2"'],
  ])('reports the file and line of a bad trace (%j)', (text, error) => {
    expect(loadTraceText(text, 'bad.txt', clampNow)).toEqual({ ok: false, error });
  });

  it('a long file keeps its first 1200 s, simplified to at most 64 points', () => {
    const lines = Array.from({ length: 3000 }, (_, k) => `${k * 0.5} ${(1 + (k % 13) / 5).toFixed(3)}`).join('\n');
    const loaded = loadTraceText(lines, 'long.log', clampNow);
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    const points = loaded.changes['trace.points'] as TracePoint[];
    expect(points.length).toBeLessThanOrEqual(MAX_EDITOR_POINTS);
    expect(points[points.length - 1][0]).toBeLessThanOrEqual(1200);
    expect(loaded.changes['trace.durationS']).toBe(1200);
    expect(loaded.message).toMatch(/^Loaded long\.log: 2401 samples over 1200 s → \d+ editable points \(largest deviation [\d.]+ Mbps\)\. Only the first 1200 s are used\.$/);
  });

  it('loads a real HSDPA trace (the shipped copy), runs the race on it and survives a share link', () => {
    const [first] = loadTraceSet('norway-3g');
    const loaded = loadTraceText(formatTrace(first.trace), first.name, clampNow);
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    const base = runForPreset(abrLab, 'the-tunnel').run;
    const params = { ...base.params, ...loaded.changes };
    expect(validate(abrSchema, params).ok).toBe(true);
    const runner = abrRunner(params, base.seed);
    runner.runToEnd();
    expect((runner.result() as unknown[]).length).toBe(3);
    const query = shareQuery(abrLab, { params, seed: base.seed, preset: 'the-tunnel' });
    expect(query.length).toBeLessThan(2600);
    const decoded = runFromQuery(abrLab, query);
    expect(decoded.errors).toEqual([]);
    expect(decoded.params['trace.points']).toEqual(loaded.changes['trace.points']);
  });
});

describe('editing a generated trace by hand', () => {
  it('the tunnel becomes its six corner points and the same trace', () => {
    const { run } = runForPreset(abrLab, 'the-tunnel');
    const runner = abrRunner(run.params, run.seed);
    const trace = (runner.model as { trace: { timesS: Float64Array; mbps: Float64Array } }).trace;
    const { changes, points } = handEditChanges(trace, 300, { minMbps: 0.1, maxMbps: 20 });
    expect(points).toBe(6);
    expect(changes['trace.points']).toEqual([
      [0, 3],
      [69, 3],
      [70, 0.4],
      [109, 0.4],
      [110, 3],
      [300, 3],
    ]);
    expect(changes['trace.durationS']).toBe(300);
    expect(invalidChange(abrSchema, changes)).toBeNull();
    // the hand-drawn trace gives the players the same throughput at every sample
    const edited = abrRunner({ ...run.params, ...changes }, run.seed);
    const editedTrace = (edited.model as { trace: { mbps: Float64Array } }).trace;
    expect([...editedTrace.mbps]).toEqual([...trace.mbps]);
  });
});
