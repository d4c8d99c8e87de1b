/** NODE ONLY. The real server's clock: wall time and real timers (unref'd: they never keep a process alive). */
import type { ServerClock } from '../../simulations/upload/server/clock';

export const wallClock: ServerClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref();
    return t;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
