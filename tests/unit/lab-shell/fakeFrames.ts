/** A FrameHost the test drives: `advance(ms)` runs the pending frame callback at wall time + ms. */
import type { FrameHost } from '@/simulations/core/runner';

export function fakeFrames() {
  let cb: ((t: number) => void) | null = null;
  let wall = 0;
  const host: FrameHost = {
    requestFrame: (f) => {
      cb = f;
      return 1;
    },
    cancelFrame: () => {
      cb = null;
    },
  };
  return {
    host,
    advance(ms: number) {
      wall += ms;
      const f = cb;
      cb = null;
      f?.(wall);
    },
    get pending() {
      return cb !== null;
    },
  };
}
