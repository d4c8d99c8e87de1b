/**
 * Time as the server sees it. The simulation passes ctx.clock (virtual ms on the scheduler); the
 * real server passes servers/uploads/wallClock.ts. Nothing in server/ reads the wall clock directly.
 */
export type TimerHandle = unknown;

export interface ServerClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}
