/**
 * ISR membership and high-watermark rules of a partition leader (Partition.scala / Replica.scala).
 * Pure functions: the broker calls them with its replica state.
 */

export const REPLICA_LAG_TIME_MAX_MS = 30_000;

export interface FollowerState {
  /** LEO the follower last reported by fetching (-1 = unknown since this leadership began) */
  leo: number;
  lastCaughtUpMs: number;
  lastFetchMs: number;
  /** leader LEO at the time of the previous fetch */
  lastFetchLeaderLeo: number;
}

/** Replica.updateFetchState: the caught-up clock moves when a fetch reaches the leader's LEO. */
export function recordFetch(f: FollowerState, fetchOffset: number, leaderLeo: number, now: number): void {
  if (fetchOffset >= leaderLeo) f.lastCaughtUpMs = Math.max(f.lastCaughtUpMs, now);
  else if (fetchOffset >= f.lastFetchLeaderLeo) f.lastCaughtUpMs = Math.max(f.lastCaughtUpMs, f.lastFetchMs);
  f.leo = fetchOffset;
  f.lastFetchLeaderLeo = leaderLeo;
  f.lastFetchMs = now;
}

/** Replica.isCaughtUp: at the leader's LEO, or caught up within replica.lag.time.max.ms. */
export function isCaughtUp(f: FollowerState, leaderLeo: number, now: number, maxLagMs = REPLICA_LAG_TIME_MAX_MS): boolean {
  return f.leo === leaderLeo || now - f.lastCaughtUpMs <= maxLagMs;
}

/**
 * Partition.isFollowerInSync + isReplicaIsrEligible: a follower may (re)join once its LEO reaches the
 * HW and the start of the leader's current epoch, and its broker is not fenced.
 */
export function canJoinIsr(followerLeo: number, leaderHw: number, epochStartOffset: number, eligible: boolean): boolean {
  return eligible && followerLeo >= leaderHw && followerLeo >= epochStartOffset;
}

/** min(min.insync.replicas, RF): the size the strict rule (3.7+) compares the ISR with. */
export function effectiveMinIsr(minInsync: number, replicationFactor: number): number {
  return Math.min(minInsync, replicationFactor);
}

/**
 * Partition.maybeIncrementLeaderHW: HW = smallest LEO in the (maximal) ISR, never past the leader's
 * LEO, never backwards; frozen while the ISR is under the effective min ISR in strict mode.
 * `leoOf(b)` must return the leader's own LEO for the leader. Returns the new HW.
 */
export function nextHighWatermark(
  currentHw: number,
  isr: readonly number[],
  leoOf: (broker: number) => number,
  strictMinIsr: boolean,
  effectiveMin: number,
): number {
  if (strictMinIsr && isr.length < effectiveMin) return currentHw;
  let min = Infinity;
  for (const b of isr) {
    const leo = leoOf(b);
    if (leo < 0) return currentHw;
    if (leo < min) min = leo;
  }
  return min > currentHw && Number.isFinite(min) ? min : currentHw;
}
