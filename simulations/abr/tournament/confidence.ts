/**
 * Means with a 95 % confidence interval (Student's t), for the tournament's leaderboard.
 *
 * The interval for the mean of n values is mean ± t(0.975, n−1) · s / √n, s the sample standard
 * deviation (n − 1 in the denominator). It assumes the values are independent draws (one per
 * trace); with few traces per network it is wide, which is the honest answer. Paired comparisons
 * (entrant − baseline on the same traces) use the same interval on the per-trace differences.
 */

/** t(0.975, df) for df = 1…30 (two-sided 95 %), from the standard table (4 significant digits). */
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064,
  2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];
const Z975 = 1.959963984540054;

/**
 * Two-sided 95 % critical value of Student's t with `df` degrees of freedom: the table up to 30,
 * then the Cornish–Fisher expansion in 1/df (error < 2e-4 for df > 30), then the normal's 1.96.
 * Polynomials only, so every engine gives the same bits.
 */
export function tCritical95(df: number): number {
  if (!(df >= 1)) return Infinity;
  const d = Math.floor(df);
  if (d <= 30) return T975[d - 1];
  const z = Z975;
  const z3 = z * z * z;
  const z5 = z3 * z * z;
  const z7 = z5 * z * z;
  return z + (z3 + z) / (4 * d) + (5 * z5 + 16 * z3 + 3 * z) / (96 * d * d) + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * d * d * d);
}

export interface MeanInterval {
  n: number;
  mean: number;
  /** sample standard deviation (0 for n < 2) */
  sd: number;
  /** half the 95 % interval's width: Infinity for a single value (no spread to go on), NaN for none */
  halfWidth: number;
  low: number;
  high: number;
}

export function meanInterval(values: ArrayLike<number>): MeanInterval {
  const n = values.length;
  if (n === 0) return { n, mean: NaN, sd: NaN, halfWidth: NaN, low: NaN, high: NaN };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  const mean = sum / n;
  if (n === 1) return { n, mean, sd: 0, halfWidth: Infinity, low: -Infinity, high: Infinity };
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (values[i] - mean) * (values[i] - mean);
  const sd = Math.sqrt(squares / (n - 1));
  const halfWidth = (tCritical95(n - 1) * sd) / Math.sqrt(n);
  return { n, mean, sd, halfWidth, low: mean - halfWidth, high: mean + halfWidth };
}
