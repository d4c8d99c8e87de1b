/**
 * Waiting for every shard: a query fanned out to S shards is as slow as the slowest. If one shard
 * answers within t with probability p = F(t), all S do with probability p^S (independent shards),
 * so the query's q-quantile is F⁻¹(q^(1/S)) (Dean & Barroso, "The Tail at Scale", CACM 2013).
 * Per-shard latency here is lognormal, fixed by its median and p99.
 */
import { DetMath } from '../../core/math';
import type { RandomStream } from '../../core/rng';

/** z of the standard normal's 0.99 quantile. */
export const Z99 = 2.3263478740408408;

export interface ShardLatency {
  medianMs: number;
  p99Ms: number;
}

export function lognormalOf(l: ShardLatency): { mu: number; sigma: number } {
  return { mu: DetMath.log(l.medianMs), sigma: DetMath.log(l.p99Ms / l.medianMs) / Z99 };
}

/**
 * Standard normal CDF to ~1e-14: erf by its Taylor series below |x| = 3, erfc by its continued
 * fraction above (p^S with S = 32 amplifies any error 32-fold, so a 1e-7 approximation is not enough).
 */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  let erfc: number;
  if (x < 3) {
    let term = x;
    let sum = x;
    for (let n = 1; n < 100 && Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
      term *= (-x * x) / n;
      sum += term / (2 * n + 1);
    }
    erfc = 1 - (2 / Math.sqrt(Math.PI)) * sum;
  } else {
    let f = x;
    for (let k = 60; k >= 1; k--) f = x + k / 2 / f;
    erfc = DetMath.exp(-x * x) / Math.sqrt(Math.PI) / f;
  }
  return z >= 0 ? 1 - erfc / 2 : erfc / 2;
}

/** Inverse standard normal CDF (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * DetMath.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - low) {
    const q = Math.sqrt(-2 * DetMath.log(1 - p));
    return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/** P(one shard answers within t). */
export function shardCdf(l: ShardLatency, tMs: number): number {
  if (tMs <= 0) return 0;
  const { mu, sigma } = lognormalOf(l);
  return normalCdf((DetMath.log(tMs) - mu) / sigma);
}

/** P(all S shards answer within t) = p^S. */
export function allShardsWithin(l: ShardLatency, tMs: number, shards: number): number {
  return DetMath.pow(shardCdf(l, tMs), shards);
}

/** The q-quantile of the slowest of S shards: F⁻¹(q^(1/S)). */
export function fanOutQuantile(l: ShardLatency, q: number, shards: number): number {
  const { mu, sigma } = lognormalOf(l);
  return DetMath.exp(mu + sigma * normalQuantile(DetMath.pow(q, 1 / shards)));
}

export function sampleShardLatency(l: ShardLatency, rng: RandomStream): number {
  const { mu, sigma } = lognormalOf(l);
  return DetMath.exp(mu + sigma * rng.normal());
}

/** Nearest-rank quantile of an ascending list. */
export function quantileOf(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}
