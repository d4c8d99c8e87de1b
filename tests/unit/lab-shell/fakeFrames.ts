/** A FrameHost the test drives: `advance(ms)` runs the pending frame callback at wall time + ms. */
import type { FrameHost } from '@/simulations/core/runner';
import type { RunHostEvents } from '@/components/lab-shell/run-host/runHost';

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

/** Run-host events wired to a player actor, as the shell wires them. */
export function hostEvents(actor: () => { send(e: { type: 'LOOP_FINISHED' | 'SEEK_DONE' | 'RUN_OVER' }): void }): RunHostEvents {
  return {
    onLoopFinished: () => actor().send({ type: 'LOOP_FINISHED' }),
    onSeekDone: () => actor().send({ type: 'SEEK_DONE' }),
    onRunOver: () => actor().send({ type: 'RUN_OVER' }),
    onError: (message) => {
      throw new Error(message);
    },
  };
}
