/**
 * XState-compatible clock on the discrete-event scheduler.
 *
 * Pass it as `createActor(machine, { clock })`. Every `after` transition and delayed send becomes a
 * scheduler event at its exact deadline, so chained timers re-arm from the deadline they fired at.
 *
 * LOUD: do not replace this with xstate's SimulatedClock. Its increment(ms) jumps to the final time
 * before flushing, so a self re-arming 100 ms timer fires once per increment instead of every 100 ms.
 */
import type { Scheduler, TimerId } from './scheduler';

export class VirtualClock {
  constructor(readonly scheduler: Scheduler) {}

  now(): number {
    return this.scheduler.now;
  }

  setTimeout(fn: (...args: unknown[]) => void, timeout: number): TimerId {
    return this.scheduler.after(Number.isFinite(timeout) ? timeout : 0, fn as () => void);
  }

  clearTimeout(id: unknown): void {
    if (typeof id === 'number') this.scheduler.cancel(id);
  }
}
