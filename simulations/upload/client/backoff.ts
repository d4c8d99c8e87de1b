/**
 * Retry delays: exponential with "full jitter" (uniform in [0, min(cap, base·2^attempt)]), so many
 * clients cut by the same outage do not come back in lockstep. `random` is injected (seeded in the
 * simulation).
 */
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
  /** give up after this many consecutive failures without progress */
  maxAttempts: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, maxMs: 30_000, maxAttempts: 12 };

export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(random() * ceiling);
}
