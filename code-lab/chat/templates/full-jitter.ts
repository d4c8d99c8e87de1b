// Full jitter (Brooker, "Exponential Backoff and Jitter", AWS 2015; the lab's full-jitter): wait a
// uniformly random time in a window that doubles after every failure, up to the cap.
import type { BackoffEnv, BackoffInput, BackoffPolicy } from './chat';

export function createPolicy(env: BackoffEnv): BackoffPolicy {
  return {
    delayMs(input: BackoffInput): number {
      const window = Math.min(env.capMs, env.baseMs * 2 ** input.attempt);
      return window * Math.random();
    },
  };
}
