import { describe, expect, it } from 'vitest';
import { Rng, RandomStream } from '@/simulations/core/rng';

function draws(n: number, f: () => number): number[] {
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = f();
  return out;
}
function min(xs: number[]): number {
  return xs.reduce((a, b) => Math.min(a, b), Infinity);
}
function max(xs: number[]): number {
  return xs.reduce((a, b) => Math.max(a, b), -Infinity);
}
function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}
function variance(xs: number[]): number {
  const m = mean(xs);
  return xs.reduce((a, b) => a + (b - m) * (b - m), 0) / (xs.length - 1);
}
function frequency(xs: number[], k: number): number {
  return xs.filter((x) => x === k).length / xs.length;
}
function logFactorial(k: number): number {
  let s = 0;
  for (let i = 2; i <= k; i++) s += Math.log(i);
  return s;
}
const poissonPmf = (lambda: number, k: number) => Math.exp(-lambda + k * Math.log(lambda) - logFactorial(k));

describe('Rng determinism and streams', () => {
  it('same seed and stream name give the same numbers; another seed or name differs', () => {
    const a = draws(50, () => new Rng(42).stream('arrivals').nextUint32());
    const s1 = new Rng(42).stream('arrivals');
    const s2 = new Rng(42).stream('arrivals');
    const x = draws(1000, () => s1.next());
    expect(draws(1000, () => s2.next())).toEqual(x);
    expect(new Set(a).size).toBe(1); // a fresh stream always starts at the same number
    const other = new Rng(43).stream('arrivals');
    expect(draws(1000, () => other.next())).not.toEqual(x);
    const otherName = new Rng(42).stream('service');
    expect(draws(1000, () => otherName.next())).not.toEqual(x);
  });

  it('stream(name) returns the same object each time', () => {
    const rng = new Rng(1);
    expect(rng.stream('a')).toBe(rng.stream('a'));
  });

  it('adding a stream (and drawing from it, interleaved) does not change another stream’s numbers', () => {
    const alone = new Rng(7);
    const expected = draws(500, () => alone.stream('service').exponential(3));
    const crowded = new Rng(7);
    const extra = crowded.stream('new-consumer');
    const got: number[] = [];
    for (let i = 0; i < 500; i++) {
      extra.normal();
      extra.poisson(40);
      got.push(crowded.stream('service').exponential(3));
      crowded.stream(`another-${i % 3}`).next();
    }
    expect(got).toEqual(expected);
  });

  it('state()/setState() resume a stream exactly, including the cached normal deviate', () => {
    const rng = new Rng(9);
    const s = rng.stream('n');
    s.normal(); // leaves a spare deviate cached
    const state = rng.state();
    const expected = draws(20, () => s.normal());
    const resumed = new Rng(9);
    resumed.setState(state);
    expect(draws(20, () => resumed.stream('n').normal())).toEqual(expected);
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });

  it('rejects seeds outside 0..2^32-1', () => {
    expect(() => new Rng(-1)).toThrow(RangeError);
    expect(() => new Rng(1.5)).toThrow(RangeError);
    expect(() => new Rng(2 ** 32)).toThrow(RangeError);
    expect(() => new Rng(2 ** 32 - 1)).not.toThrow();
  });
});

describe('RandomStream distributions (fixed seeds, tolerances ≥ 4 standard errors)', () => {
  const N = 200_000;

  it('uniform: mean, variance, range; int is in range and roughly flat', () => {
    const s = new RandomStream(1, 'u');
    const xs = draws(N, () => s.uniform(2, 6));
    expect(min(xs)).toBeGreaterThanOrEqual(2);
    expect(max(xs)).toBeLessThan(6);
    expect(Math.abs(mean(xs) - 4)).toBeLessThan(0.012);
    expect(Math.abs(variance(xs) - 16 / 12) / (16 / 12)).toBeLessThan(0.02);
    const ints = draws(N, () => s.int(0, 9));
    let chi2 = 0;
    for (let k = 0; k < 10; k++) chi2 += (frequency(ints, k) * N - N / 10) ** 2 / (N / 10);
    expect(chi2).toBeLessThan(27.9); // chi-square, 9 d.o.f., p = 0.001
    expect(() => s.int(5, 4)).toThrow(RangeError);
  });

  it('exponential: mean 1/rate and variance 1/rate²', () => {
    const s = new RandomStream(2, 'e');
    const xs = draws(N, () => s.exponential(4));
    expect(min(xs)).toBeGreaterThanOrEqual(0);
    expect(Math.abs(mean(xs) - 0.25) / 0.25).toBeLessThan(0.01);
    expect(Math.abs(variance(xs) - 0.0625) / 0.0625).toBeLessThan(0.03);
  });

  it('normal: mean, standard deviation and the 1.96σ tail mass', () => {
    const s = new RandomStream(3, 'n');
    const xs = draws(N, () => s.normal(3, 2));
    expect(Math.abs(mean(xs) - 3)).toBeLessThan(0.02);
    expect(Math.abs(Math.sqrt(variance(xs)) - 2)).toBeLessThan(0.02);
    const tail = xs.filter((x) => Math.abs(x - 3) > 1.96 * 2).length / N;
    expect(Math.abs(tail - 0.05)).toBeLessThan(0.003);
  });

  it('lognormal: mean exp(mu + sigma²/2) and median exp(mu)', () => {
    const s = new RandomStream(4, 'ln');
    const mu = 0.5;
    const sigma = 0.4;
    const xs = draws(N, () => s.lognormal(mu, sigma));
    const expectedMean = Math.exp(mu + (sigma * sigma) / 2);
    expect(Math.abs(mean(xs) - expectedMean) / expectedMean).toBeLessThan(0.005);
    const sorted = [...xs].sort((a, b) => a - b);
    expect(Math.abs(sorted[N / 2] - Math.exp(mu)) / Math.exp(mu)).toBeLessThan(0.01);
  });

  it('poisson, small lambda (multiplication branch): mean, variance and pmf', () => {
    const s = new RandomStream(5, 'p');
    const lambda = 4;
    const xs = draws(N, () => s.poisson(lambda));
    expect(Math.abs(mean(xs) - lambda)).toBeLessThan(0.02);
    expect(Math.abs(variance(xs) - lambda) / lambda).toBeLessThan(0.02);
    for (const k of [0, 2, 4, 8]) expect(Math.abs(frequency(xs, k) - poissonPmf(lambda, k))).toBeLessThan(0.004);
    expect(s.poisson(0)).toBe(0);
    expect(() => s.poisson(-1)).toThrow(RangeError);
  });

  it.each([50, 1000])('poisson, lambda = %i (PTRS branch): mean, variance and pmf', (lambda) => {
    const s = new RandomStream(6, `p${lambda}`);
    const xs = draws(N, () => s.poisson(lambda));
    expect(xs.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
    expect(Math.abs(mean(xs) - lambda) / lambda).toBeLessThan(0.003);
    expect(Math.abs(variance(xs) - lambda) / lambda).toBeLessThan(0.02);
    for (const k of [lambda - Math.round(Math.sqrt(lambda)), lambda, lambda + 2 * Math.round(Math.sqrt(lambda))]) {
      const p = poissonPmf(lambda, k);
      expect(Math.abs(frequency(xs, k) - p)).toBeLessThan(4 * Math.sqrt(p / N) + 1e-4);
    }
  });

  it.each([
    [100, 1.1],
    [1000, 1],
    [1_000_000, 2],
    [50, 0.6],
  ])('zipf(n = %i, s = %f): frequencies of the top ranks follow k^-s / H(n, s)', (n, exponent) => {
    const s = new RandomStream(7, `z${n}`);
    const xs = draws(N, () => s.zipf(n, exponent));
    expect(xs.every((x) => Number.isInteger(x) && x >= 1 && x <= n)).toBe(true);
    let h = 0;
    for (let k = 1; k <= n; k++) h += Math.pow(k, -exponent);
    for (const k of [1, 2, 3, 10]) {
      const p = Math.pow(k, -exponent) / h;
      expect(Math.abs(frequency(xs, k) - p)).toBeLessThan(4 * Math.sqrt(p / N) + 1e-4);
    }
    let expectedMean = 0;
    for (let k = 1; k <= Math.min(n, 1000); k++) expectedMean += (k * Math.pow(k, -exponent)) / h;
    if (n <= 1000) expect(Math.abs(mean(xs) - expectedMean) / expectedMean).toBeLessThan(0.02);
  });

  it('zipf with n = 1 always returns 1; bad arguments throw', () => {
    const s = new RandomStream(8);
    expect(draws(10, () => s.zipf(1, 1.2))).toEqual(new Array(10).fill(1));
    expect(() => s.zipf(0, 1)).toThrow(RangeError);
    expect(() => s.zipf(10, 0)).toThrow(RangeError);
  });

  it('shuffle returns a permutation; pick returns an element', () => {
    const s = new RandomStream(9);
    const items = Array.from({ length: 50 }, (_, i) => i);
    const shuffled = s.shuffle([...items]);
    expect(shuffled).not.toEqual(items);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(items);
    expect(items).toContain(s.pick(items));
  });
});
