/**
 * Implicit ALS (Hu, Koren & Volinsky 2008) against its definition: research §5.6.
 *  1. c = 1 + α·r (or 1 + α·log(1 + r/ε)) element-wise, p ∈ {0, 1};
 *  2. every row solve (YᵀY precomputed, Cholesky) equals the naive (YᵀCᵘY + λI)⁻¹YᵀCᵘp(u) solve,
 *     and leaves a residual ≤ 1e-8 on the naive system;
 *  3. with exact solves the loss never increases from one half-step to the next;
 *  4. α = 0 is ridge factorisation of p; a listener with no plays gets x = 0.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Rng } from '@/simulations/core/rng';
import { confidence, preference, type ConfidenceConfig } from '@/simulations/discover-weekly/als/confidence';
import { naiveRowSystem, naiveSolveRow, rowSolver, solveRow } from '@/simulations/discover-weekly/als/solve';
import { naiveObjective, objective } from '@/simulations/discover-weekly/als/objective';
import { fromTriplets, transpose, type PlayTriplet } from '@/simulations/discover-weekly/plays/playMatrix';
import { choleskyInPlace, choleskySolveInPlace, gaussianSolve, gram, residualMax } from '@/simulations/discover-weekly/linalg/dense';
import { AlsTraining, type TrainingConfig } from '@/simulations/discover-weekly/als/training';
import { generateListeners, type ListenersConfig } from '@/simulations/discover-weekly/plays/listeners';
import { DetMath } from '@/simulations/core/math';

const LINEAR: ConfidenceConfig = { alpha: 40, kind: 'linear', epsilon: 1 };

function randomFactors(rows: number, f: number, seed: number): Float64Array {
  const s = new Rng(seed).stream('f');
  return Float64Array.from({ length: rows * f }, () => s.normal(0, 0.5));
}

function randomPlays(users: number, tracks: number, density: number, seed: number): PlayTriplet[] {
  const s = new Rng(seed).stream('plays');
  const out: PlayTriplet[] = [];
  for (let u = 0; u < users; u++) for (let i = 0; i < tracks; i++) if (s.next() < density) out.push({ row: u, col: i, count: s.int(1, 12) });
  return out;
}

const listeners = (over: Partial<ListenersConfig> = {}): ListenersConfig => ({
  users: 60,
  tracks: 40,
  genres: 3,
  playsPerUser: 25,
  genreFocus: 0.8,
  holdoutFraction: 0.2,
  contentNoise: 0.3,
  extraPlays: [],
  ...over,
});
const training = (over: Partial<TrainingConfig> = {}): TrainingConfig => ({ factors: 6, lambda: 0.1, iterations: 4, confidence: LINEAR, coldStartBlend: 1, initScale: 0.1, ...over });

describe('confidence and preference (§5.6 outcome 1)', () => {
  it('c = 1 + α·r and p = [r > 0], element-wise, for any α and count', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 80, noNaN: true }), fc.integer({ min: 0, max: 10_000 }), (alpha, r) => {
        expect(confidence(r, { alpha, kind: 'linear', epsilon: 1 })).toBe(1 + alpha * r);
        expect(preference(r)).toBe(r > 0 ? 1 : 0);
      }),
    );
  });
  it('the log variant is 1 + α·log(1 + r/ε), 1 where nothing was played, and grows ever more slowly', () => {
    const cfg: ConfidenceConfig = { alpha: 20, kind: 'log', epsilon: 0.5 };
    expect(confidence(0, cfg)).toBe(1);
    expect(confidence(3, cfg)).toBeCloseTo(1 + 20 * Math.log(1 + 3 / 0.5), 12);
    expect(confidence(3, cfg)).toBe(1 + 20 * DetMath.log(7));
    expect(confidence(2, cfg) - confidence(1, cfg)).toBeGreaterThan(confidence(11, cfg) - confidence(10, cfg));
  });
});

describe('dense algebra', () => {
  it('Cholesky and partial-pivot Gaussian elimination agree on random SPD systems', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 1_000_000 }), (f, seed) => {
        const v = randomFactors(f + 3, f, seed);
        const a = gram(v, f + 3, f);
        for (let k = 0; k < f; k++) a[k * f + k] += 0.01;
        const b = randomFactors(1, f, seed + 1);
        const l = a.slice();
        expect(choleskyInPlace(l, f)).toBe(true);
        const x = b.slice();
        choleskySolveInPlace(l, f, x);
        const g = gaussianSolve(a, f, b);
        for (let k = 0; k < f; k++) expect(Math.abs(x[k] - g[k])).toBeLessThan(1e-8 * (1 + Math.abs(g[k])));
        expect(residualMax(a, f, x, b)).toBeLessThan(1e-9);
      }),
    );
  });
  it('refuses a matrix that is not positive definite', () => {
    expect(choleskyInPlace(Float64Array.from([1, 2, 2, 1]), 2)).toBe(false);
  });
});

describe('each row solve matches the naive solve (§5.6 outcome 2)', () => {
  it('users and tracks, linear and log confidence, random plays and factors: residual ≤ 1e-8 and the same x', () => {
    fc.assert(
      fc.property(
        fc.record({
          users: fc.integer({ min: 1, max: 14 }),
          tracks: fc.integer({ min: 1, max: 20 }),
          f: fc.integer({ min: 1, max: 10 }),
          density: fc.double({ min: 0, max: 0.6, noNaN: true }),
          alpha: fc.double({ min: 0, max: 80, noNaN: true }),
          lambda: fc.double({ min: 0.001, max: 100, noNaN: true }),
          kind: fc.constantFrom('linear' as const, 'log' as const),
          seed: fc.integer({ min: 0, max: 1_000_000 }),
        }),
        ({ users, tracks, f, density, alpha, lambda, kind, seed }) => {
          const cfg: ConfidenceConfig = { alpha, kind, epsilon: 1 };
          const plays = fromTriplets(users, tracks, randomPlays(users, tracks, density, seed));
          for (const [m, other, otherRows] of [
            [plays, randomFactors(tracks, f, seed + 7), tracks],
            [transpose(plays), randomFactors(users, f, seed + 8), users],
          ] as const) {
            const g = gram(other, otherRows, f);
            const solver = rowSolver(f);
            const x = new Float64Array(m.rows * f);
            for (let row = 0; row < m.rows; row++) {
              expect(solveRow(solver, m, row, other, g, lambda, cfg, x)).toBe(true);
              const mine = x.subarray(row * f, row * f + f);
              const naive = naiveRowSystem(m, row, other, otherRows, f, lambda, cfg);
              const scale = Math.max(1, ...naive.b.map(Math.abs));
              expect(residualMax(naive.a, f, mine, naive.b)).toBeLessThanOrEqual(1e-8 * scale);
              const reference = naiveSolveRow(m, row, other, otherRows, f, lambda, cfg);
              for (let k = 0; k < f; k++) expect(Math.abs(mine[k] - reference[k])).toBeLessThanOrEqual(1e-8 * (1 + Math.abs(reference[k])));
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('the loss (eq. 3)', () => {
  it('the O(nnz·f + (m+n)·f²) form equals the sum over every listener × track pair', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 15 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 1e6 }), (users, tracks, f, seed) => {
        const plays = fromTriplets(users, tracks, randomPlays(users, tracks, 0.3, seed));
        const factors = { f, x: randomFactors(users, f, seed + 1), y: randomFactors(tracks, f, seed + 2) };
        const fast = objective(plays, factors, 0.3, LINEAR).total;
        const naive = naiveObjective(plays, factors, 0.3, LINEAR);
        expect(Math.abs(fast - naive)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(naive)));
      }),
    );
  });
});

function halfStepLosses(t: AlsTraining): number[] {
  const losses = [t.lastObjective!.total];
  for (;;) {
    const step = t.next();
    if (step.kind === 'half-step') losses.push(step.objective.total);
    if (step.kind === 'done') return losses;
  }
}

describe('training', () => {
  it('the loss never increases from one half-step to the next (§5.6 outcome 3), on random data and settings', () => {
    fc.assert(
      fc.property(
        fc.record({
          seed: fc.integer({ min: 0, max: 1e6 }),
          factors: fc.integer({ min: 2, max: 10 }),
          alpha: fc.double({ min: 0, max: 80, noNaN: true }),
          lambda: fc.double({ min: 0.001, max: 50, noNaN: true }),
          kind: fc.constantFrom('linear' as const, 'log' as const),
        }),
        ({ seed, factors, alpha, lambda, kind }) => {
          const rng = new Rng(seed);
          const data = generateListeners(listeners(), rng);
          const t = new AlsTraining(training({ factors, lambda, confidence: { alpha, kind, epsilon: 1 } }), data, rng.stream('factors'));
          const losses = halfStepLosses(t);
          expect(losses.length).toBe(1 + 2 * 4);
          for (let k = 1; k < losses.length; k++) expect(losses[k]).toBeLessThanOrEqual(losses[k - 1] * (1 + 1e-9) + 1e-12);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('α = 0 is ridge factorisation of the 0/1 preferences: each listener solve is (YᵀY + λI)⁻¹Yᵀp(u)', () => {
    const rng = new Rng(3);
    const data = generateListeners(listeners(), rng);
    const f = 5;
    const y = randomFactors(data.train.cols, f, 9);
    const g = gram(y, data.train.cols, f);
    const x = new Float64Array(data.train.rows * f);
    const solver = rowSolver(f);
    for (let u = 0; u < data.train.rows; u++) {
      solveRow(solver, data.train, u, y, g, 0.5, { alpha: 0, kind: 'linear', epsilon: 1 }, x);
      const a = g.slice();
      for (let k = 0; k < f; k++) a[k * f + k] += 0.5;
      const b = new Float64Array(f);
      for (let e = data.train.rowStart[u]; e < data.train.rowStart[u + 1]; e++) for (let k = 0; k < f; k++) b[k] += y[data.train.col[e] * f + k];
      const ridge = gaussianSolve(a, f, b);
      for (let k = 0; k < f; k++) expect(x[u * f + k]).toBeCloseTo(ridge[k], 10);
    }
    // and the loss is the plain squared error of p: every pair weighs 1
    const factors = { f, x, y };
    let plain = 0;
    for (let u = 0; u < data.train.rows; u++) {
      for (let i = 0; i < data.train.cols; i++) {
        let s = 0;
        for (let k = 0; k < f; k++) s += x[u * f + k] * y[i * f + k];
        let p = 0;
        for (let e = data.train.rowStart[u]; e < data.train.rowStart[u + 1]; e++) if (data.train.col[e] === i) p = 1;
        plain += (p - s) ** 2;
      }
    }
    let norms = 0;
    for (const v of [...x, ...y]) norms += v * v;
    expect(objective(data.train, factors, 0.5, { alpha: 0, kind: 'linear', epsilon: 1 }).total).toBeCloseTo(plain + 0.5 * norms, 8);
  });

  it('a listener with no plays gets a zero vector, so every prediction for them is 0 (and stays 0 as λ grows)', () => {
    for (const lambda of [0.01, 1, 100]) {
      const plays = fromTriplets(3, 6, [
        { row: 0, col: 1, count: 4 },
        { row: 2, col: 3, count: 1 },
      ]);
      const y = randomFactors(6, 4, 5);
      const x = new Float64Array(3 * 4).fill(7);
      solveRow(rowSolver(4), plays, 1, y, gram(y, 6, 4), lambda, LINEAR, x);
      expect([...x.subarray(4, 8)]).toEqual([0, 0, 0, 0]);
    }
  });

  it('predictions for a listener shrink toward 0 as λ grows', () => {
    const plays = fromTriplets(1, 8, [{ row: 0, col: 2, count: 3 }]);
    const y = randomFactors(8, 4, 11);
    const norms = [0.1, 10, 1000, 1_000_000].map((lambda) => {
      const x = new Float64Array(4);
      solveRow(rowSolver(4), plays, 0, y, gram(y, 8, 4), lambda, LINEAR, x);
      return Math.hypot(...x);
    });
    for (let k = 1; k < norms.length; k++) expect(norms[k]).toBeLessThan(norms[k - 1]);
    expect(norms[3]).toBeLessThan(1e-3);
  });
});
