import { describe, expect, it } from 'vitest';
import { Runner, type FrameHost } from '@/simulations/core/runner';
import { ThrottledRunnerStore } from '@/components/lab-shell/runnerStore';
import { runForPreset } from '@/components/lab-shell/link';
import { tinyLab } from './tinyLab';

describe('frame-throttled runner store', () => {
  it('coalesces many runner changes into one notification per frame', () => {
    const runner = new Runner(tinyLab, runForPreset(tinyLab).run.params as never, 1);
    const queued: (() => void)[] = [];
    const frames: FrameHost = { requestFrame: (cb) => queued.push(() => cb(0)), cancelFrame: () => {} };
    const store = new ThrottledRunnerStore(runner, frames);
    let notified = 0;
    const unsubscribe = store.subscribe(() => notified++);
    const before = store.getVersion();
    for (let i = 0; i < 10; i++) runner.runTo(i * 100);
    expect(notified).toBe(0);
    expect(store.getVersion()).toBe(before);
    expect(queued.length).toBe(1);
    queued.shift()!();
    expect(notified).toBe(1);
    expect(store.getVersion()).toBe(runner.version);
    unsubscribe();
    runner.runTo(5_000);
    expect(queued.length).toBe(0);
  });

  it('notifies synchronously without a frame host (server, tests)', () => {
    const runner = new Runner(tinyLab, runForPreset(tinyLab).run.params as never, 1);
    const store = new ThrottledRunnerStore(runner, null);
    let notified = 0;
    store.subscribe(() => notified++);
    runner.stepEvent();
    expect(notified).toBe(1);
    expect(store.getVersion()).toBe(runner.version);
  });
});
