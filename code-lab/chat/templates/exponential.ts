// Exponential backoff without jitter (the lab's exponential): every client waits the same
// base · 2^attempt, capped. After a crash they all come back together, wave after wave.
import type { BackoffEnv, BackoffInput, BackoffPolicy } from './chat';

export function createPolicy(env: BackoffEnv): BackoffPolicy {
  return {
    delayMs(input: BackoffInput): number {
      return Math.min(env.capMs, env.baseMs * 2 ** input.attempt);
    },
  };
}
