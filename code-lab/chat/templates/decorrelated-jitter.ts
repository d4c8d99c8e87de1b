// Decorrelated jitter (Brooker 2015): the next wait is random between base and three times the
// previous wait, capped, so clients drift apart instead of moving in lock-step.
import type { BackoffEnv, BackoffInput, BackoffPolicy } from './chat';

export function createPolicy(env: BackoffEnv): BackoffPolicy {
  return {
    delayMs(input: BackoffInput): number {
      const previous = input.previousDelayMs > 0 ? input.previousDelayMs : env.baseMs;
      return Math.min(env.capMs, env.baseMs + (3 * previous - env.baseMs) * Math.random());
    },
  };
}
