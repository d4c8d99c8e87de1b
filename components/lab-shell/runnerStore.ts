/**
 * A runner as an external store for React, with notifications coalesced to one per animation
 * frame: a live run or a dragged scrubber may change the runner many times per frame, React
 * renders at most once per frame. One store per runner, shared by every hook that reads it.
 */
import type { FrameHost } from '@/simulations/core/runner';
import type { RunView } from '@/simulations/core/lab';

export class ThrottledRunnerStore {
  /** the runner version React has been told about */
  version: number;
  private listeners = new Set<() => void>();
  private frame: number | null = null;
  private unsubscribeRunner: (() => void) | null = null;

  constructor(
    readonly runner: RunView,
    private readonly frames: FrameHost | null,
  ) {
    this.version = runner.version;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (!this.unsubscribeRunner) this.unsubscribeRunner = this.runner.subscribe(this.onRunnerChange);
    // the runner may have changed between render and subscription
    if (this.runner.version !== this.version) this.onRunnerChange();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) {
        this.unsubscribeRunner?.();
        this.unsubscribeRunner = null;
        if (this.frame !== null) this.frames?.cancelFrame(this.frame);
        this.frame = null;
      }
    };
  };

  getVersion = (): number => this.version;

  private onRunnerChange = (): void => {
    if (!this.frames) {
      this.publish();
      return;
    }
    if (this.frame === null) this.frame = this.frames.requestFrame(this.publish);
  };

  private publish = (): void => {
    this.frame = null;
    if (this.version === this.runner.version) return;
    this.version = this.runner.version;
    for (const l of [...this.listeners]) l();
  };
}

const stores = new WeakMap<RunView, ThrottledRunnerStore>();

export function storeFor(runner: RunView, frames: FrameHost | null): ThrottledRunnerStore {
  let store = stores.get(runner);
  if (!store) {
    store = new ThrottledRunnerStore(runner, frames);
    stores.set(runner, store);
  }
  return store;
}

/** requestAnimationFrame as a FrameHost; null outside the browser (then updates are synchronous). */
export function browserFrameHost(): FrameHost | null {
  if (typeof window === 'undefined' || typeof window.requestAnimationFrame !== 'function') return null;
  return BROWSER_FRAMES;
}

const BROWSER_FRAMES: FrameHost = {
  requestFrame: (cb) => window.requestAnimationFrame(cb),
  cancelFrame: (id) => window.cancelAnimationFrame(id),
};
