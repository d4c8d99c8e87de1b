/**
 * Reconnect backoff policies (AWS Architecture Blog, "Exponential Backoff and Jitter", Brooker 2015),
 * with the attempt-numbering of the research reference model (chat-fanout.md §6):
 *
 * - the FIRST attempt after a disconnect waits `firstAttemptDelay` (so `base` is the width of the first
 *   window): fixed and exponential wait exactly `base`; full jitter U(0, base); equal jitter
 *   base/2 + U(0, base/2); decorrelated min(cap, U(base, 3·base)); none retries at once.
 * - after failed attempt n (n = 0 for the first attempt) the next waits `retryDelay(n)` with
 *   e = min(cap, base·2^(n+1)): fixed → base; exponential → e; full → U(0, e); equal → e/2 + U(0, e/2);
 *   decorrelated → min(cap, U(base, 3·previous delay)); none → 0.
 *
 * Pure: randomness comes in as a function returning U[0, 1).
 */
import { DetMath } from '../../core/math';

export const RECONNECT_POLICIES = ['none', 'fixed', 'exponential', 'full-jitter', 'equal-jitter', 'decorrelated-jitter'] as const;
export type ReconnectPolicy = (typeof RECONNECT_POLICIES)[number];

export interface BackoffConfig {
  policy: ReconnectPolicy;
  baseMs: number;
  capMs: number;
}

export type Uniform01 = () => number;

/** Capped exponential ceiling for retry number n (the n-th retry, n >= 1): min(cap, base·2^n). */
export function exponentialCeiling(cfg: BackoffConfig, n: number): number {
  // 2^n overflows to Infinity for huge n, and min() handles that.
  return Math.min(cfg.capMs, cfg.baseMs * DetMath.pow(2, n));
}

/** Delay before the first attempt after a disconnect. */
export function firstAttemptDelay(cfg: BackoffConfig, random: Uniform01): number {
  const { baseMs: base, capMs: cap } = cfg;
  switch (cfg.policy) {
    case 'none':
      return 0;
    case 'fixed':
    case 'exponential':
      return Math.min(cap, base);
    case 'full-jitter':
      return Math.min(cap, base) * random();
    case 'equal-jitter': {
      const t = Math.min(cap, base);
      return t / 2 + (t / 2) * random();
    }
    case 'decorrelated-jitter':
      return Math.min(cap, base + 2 * base * random());
  }
}

/**
 * Delay after failed attempt number `failedAttempt` (0-based) before the next one.
 * `previousDelayMs` is the delay that preceded the failed attempt (decorrelated jitter only).
 */
export function retryDelay(cfg: BackoffConfig, failedAttempt: number, previousDelayMs: number, random: Uniform01): number {
  const { baseMs: base, capMs: cap } = cfg;
  const e = exponentialCeiling(cfg, failedAttempt + 1);
  switch (cfg.policy) {
    case 'none':
      return 0;
    case 'fixed':
      return Math.min(cap, base);
    case 'exponential':
      return e;
    case 'full-jitter':
      return e * random();
    case 'equal-jitter':
      return e / 2 + (e / 2) * random();
    case 'decorrelated-jitter': {
      const prev = previousDelayMs > 0 ? previousDelayMs : base;
      return Math.min(cap, base + (3 * prev - base) * random());
    }
  }
}

/** Mean of retryDelay(n) in closed form (for tests and the lesson); decorrelated depends on history, so NaN. */
export function meanRetryDelay(cfg: BackoffConfig, failedAttempt: number): number {
  const e = exponentialCeiling(cfg, failedAttempt + 1);
  switch (cfg.policy) {
    case 'none':
      return 0;
    case 'fixed':
      return Math.min(cfg.capMs, cfg.baseMs);
    case 'exponential':
      return e;
    case 'full-jitter':
      return e / 2;
    case 'equal-jitter':
      return (3 * e) / 4;
    case 'decorrelated-jitter':
      return NaN;
  }
}

/** The longest `firstAttemptDelay` can draw (the policy's bound on the first wait). */
export function maxFirstAttemptDelay(cfg: BackoffConfig): number {
  const { baseMs: base, capMs: cap } = cfg;
  switch (cfg.policy) {
    case 'none':
      return 0;
    case 'decorrelated-jitter':
      return Math.min(cap, 3 * base);
    default:
      return Math.min(cap, base);
  }
}

/** The longest `retryDelay(failedAttempt)` can draw (decorrelated jitter: its cap). */
export function maxRetryDelay(cfg: BackoffConfig, failedAttempt: number): number {
  switch (cfg.policy) {
    case 'none':
      return 0;
    case 'fixed':
      return Math.min(cfg.capMs, cfg.baseMs);
    case 'decorrelated-jitter':
      return cfg.capMs;
    default:
      return exponentialCeiling(cfg, failedAttempt + 1);
  }
}

/** The longest a client can wait in total before its attempt number `attempts` (1 = the first). */
export function backoffBoundMs(cfg: BackoffConfig, attempts: number): number {
  let total = attempts > 0 ? maxFirstAttemptDelay(cfg) : 0;
  for (let n = 0; n < attempts - 1; n++) total += maxRetryDelay(cfg, n);
  return total;
}
