/**
 * Guard for a plug-in a lab calls from anywhere in its model (the code lab's learner code: an ABR
 * algorithm, a Kafka partitioner, a chat backoff policy).
 *
 * LOUD: an error thrown inside an XState action never reaches the runner (XState reports it later,
 * on its own), so a run whose plug-in failed would go on as if nothing happened. The first failure
 * is re-thrown from a plain scheduler event at the same virtual time instead, which stops the run
 * with the plug-in's own message (a SandboxError at its TypeScript line); until then, and for any
 * call after it, the caller gets the fallback.
 */
import type { Scheduler } from './scheduler';

export type PluginGuard = <T>(call: () => T, fallback: T) => T;

export function pluginGuard(scheduler: Scheduler): PluginGuard {
  let failed = false;
  return (call, fallback) => {
    if (failed) return fallback;
    try {
      return call();
    } catch (e) {
      failed = true;
      scheduler.at(scheduler.now, () => {
        throw e;
      });
      return fallback;
    }
  };
}
