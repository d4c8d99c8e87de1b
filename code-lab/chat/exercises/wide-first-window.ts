// Model answer of the chat lesson's "Write a backoff policy" exercise: full jitter whose FIRST window
// is twice the base (a crash sends everyone at once; a wider first window spreads them before the
// backlog fills), then the usual doubling. tests/unit/code-lab/exercise.test.ts checks the lesson's claim.
import type { BackoffEnv, BackoffInput, BackoffPolicy } from '../templates/chat';

export function createPolicy(env: BackoffEnv): BackoffPolicy {
  return {
    delayMs(input: BackoffInput): number {
      const window = Math.min(env.capMs, 2 * env.baseMs * 2 ** input.attempt);
      return window * Math.random();
    },
  };
}
