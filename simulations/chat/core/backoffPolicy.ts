/**
 * The reconnect backoff policy as a plug-in (issue 12's code lab: the learner's own policy races the
 * six built-ins of backoff.ts in a crash storm). It answers one question, with the attempt
 * numbering of backoff.ts: how long does a client wait before its next connection attempt?
 *
 * The code lab's editor types are generated from this file (scripts/code-lab-gen.ts): keep every
 * interface here exported and documented.
 */

/** The lab's reconnect settings, told once. */
export interface BackoffEnv {
  /** reconnect.baseMs: the width of the first reconnect window, ms. */
  baseMs: number;
  /** reconnect.capMs: the built-ins never wait longer than this, ms. */
  capMs: number;
}

/** One client about to wait. */
export interface BackoffInput {
  /** 0: the first attempt after the connection was lost; n: after n failed attempts in a row. */
  attempt: number;
  /** The wait before the attempt that just failed, ms (0 when attempt is 0). */
  previousDelayMs: number;
}

export interface BackoffPolicy {
  /** The wait before the next attempt, ms: a finite number, 0 or more. */
  delayMs(input: BackoffInput): number;
}

/** Builds the plug-in for one run; `seed` seeds the learner's Math.random. */
export type BackoffPolicyFactory = (env: BackoffEnv, seed: number) => BackoffPolicy;
