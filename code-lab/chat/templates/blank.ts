// Your reconnect backoff policy. createPolicy(env) is called once per run; delayMs() each time a
// phone lost its connection (attempt 0) or failed to reconnect (attempt n): return how long it
// waits before trying again, in ms. Types: hover or Ctrl+Space.
import type { BackoffEnv, BackoffInput, BackoffPolicy } from './chat';

export function createPolicy(env: BackoffEnv): BackoffPolicy {
  return {
    delayMs(input: BackoffInput): number {
      // the same wait every time (the lab's "fixed"): try growing it with input.attempt, and jitter
      return input.attempt >= 0 ? env.baseMs : 0;
    },
  };
}
