/**
 * The run in a worker, driven in-process: RunService (the worker side) and WorkerRunHost +
 * RemoteRun (the main side) over a fake port. The mirror must show exactly the run a Runner on this
 * thread shows after the same commands; the recorder sync must survive rewinds and resets.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Runner, type FrameHost } from '@/simulations/core/runner';
import { RecorderMirror, RecorderTap } from '@/simulations/core/recorderSync';
import { RunService } from '@/components/lab-shell/run-host/runService';
import { WorkerRunHost, type RunPort } from '@/components/lab-shell/run-host/workerRunHost';
import type { RunCommand, RunReply } from '@/components/lab-shell/run-host/protocol';
import type { AnyLab } from '@/simulations/core/lab';
import { queueLab } from '@/simulations/queue';
import { runForPreset } from '@/components/lab-shell/link';
import { tinyLab } from './tinyLab';

/** Frames the test delivers by hand, with a wall clock that moves 1 ms per look. */
function manualFrames() {
  const pending = new Map<number, (t: number) => void>();
  let id = 0;
  let wall = 0;
  const host: FrameHost & { now(): number } = {
    requestFrame: (cb) => {
      pending.set(++id, cb);
      return id;
    },
    cancelFrame: (i) => {
      pending.delete(i);
    },
    now: () => wall,
  };
  return {
    host,
    /** advance the wall clock and run every pending frame once */
    frame(ms: number) {
      wall += ms;
      const due = [...pending.values()];
      pending.clear();
      for (const cb of due) cb(wall);
    },
    get pending() {
      return pending.size;
    },
  };
}

/** A port that delivers both ways asynchronously (like postMessage), through structuredClone. */
function inProcessPort(labs: Record<string, AnyLab>, frames: ReturnType<typeof manualFrames>) {
  const listeners = new Set<(e: { data: RunReply }) => void>();
  const service = new RunService({
    post: (reply) => {
      const copy = structuredClone(reply);
      queueMicrotask(() => listeners.forEach((l) => l({ data: copy })));
    },
    frames: frames.host,
    loadLab: async (id) => labs[id],
  });
  const port: RunPort = {
    postMessage: (cmd: RunCommand) => void service.enqueue(structuredClone(cmd)),
    addEventListener: (_t, l) => listeners.add(l),
    removeEventListener: (_t, l) => listeners.delete(l),
  };
  return port;
}

const settle = () => new Promise((r) => setTimeout(r, 0));

function sameRun(mirror: WorkerRunHost['run'], local: Runner) {
  expect(mirror.now).toBe(local.now);
  expect(mirror.done).toBe(local.done);
  expect(mirror.recorder.events).toEqual(local.recorder.events);
  expect(mirror.recorder.counts()).toEqual(local.recorder.counts());
  for (const name of local.recorder.seriesNames()) expect(mirror.recorder.series(name)).toEqual(local.recorder.series(name));
  expect(mirror.recorder.seriesNames().sort()).toEqual(local.recorder.seriesNames().sort());
  expect(mirror.result()).toEqual(local.result());
  expect(mirror.frame()).toEqual(local.frame());
}

describe('a run in a worker (RunService + WorkerRunHost over a port)', () => {
  it('mirrors exactly what a Runner on this thread shows after open, step, seek, reset', async () => {
    const frames = manualFrames();
    const { run } = runForPreset(queueLab, undefined);
    const events: string[] = [];
    const host = new WorkerRunHost(queueLab, run.params, run.seed, inProcessPort({ queue: queueLab }, frames), {
      onLoopFinished: () => events.push('loop-finished'),
      onSeekDone: () => events.push('seek-done'),
      onRunOver: () => events.push('run-over'),
      onError: (m) => events.push(`error: ${m}`),
    });
    expect(host.ready).toBe(false);
    await settle();
    expect(host.ready).toBe(true);
    const local = new Runner(queueLab, run.params as never, run.seed);
    sameRun(host.run, local);

    for (let i = 0; i < 5; i++) {
      host.step();
      const caption = local.stepVisible();
      local.runTo(Math.ceil(local.now));
      await settle();
      expect(host.caption).toBe(caption);
      expect(caption).toEqual(expect.any(String));
    }
    host.step(true);
    local.stepRaw();
    local.runTo(Math.ceil(local.now));
    await settle();
    sameRun(host.run, local);
    expect(host.caption).toEqual(expect.any(String));

    // step back: to just after the previous visible event, captioned with it
    const back = local.previousVisibleTime();
    host.stepBack();
    local.scrubTo(back);
    await settle();
    sameRun(host.run, local);
    expect(host.caption).toBe(local.currentCaption());
    expect(host.synced).toBe(true);

    host.seek(60_000);
    await settle();
    for (let i = 0; i < 1000 && !events.includes('seek-done'); i++) {
      frames.frame(16);
      await settle();
    }
    expect(events).toContain('seek-done');
    local.scrubTo(60_000);
    sameRun(host.run, local);

    // back in time: the worker restores a checkpoint and the mirror starts over with new arrays
    const seriesBefore = host.run.recorder.series(host.run.recorder.seriesNames()[0]);
    host.seek(20_000);
    for (let i = 0; i < 1000 && events.filter((e) => e === 'seek-done').length < 2; i++) {
      frames.frame(16);
      await settle();
    }
    local.scrubTo(20_000);
    sameRun(host.run, local);
    expect(host.run.recorder.series(host.run.recorder.seriesNames()[0])).not.toBe(seriesBefore);

    host.reset();
    await settle();
    local.reset();
    sameRun(host.run, local);
    expect(events.filter((e) => e.startsWith('error'))).toEqual([]);
  });

  it('plays in slices of wall time, reports the end, and ignores commands for a replaced run', async () => {
    const frames = manualFrames();
    const { run } = runForPreset(tinyLab, 'fast');
    const ended: string[] = [];
    const port = inProcessPort({ tiny: tinyLab }, frames);
    const host = new WorkerRunHost(tinyLab, run.params, run.seed, port, {
      onLoopFinished: () => ended.push('end'),
      onSeekDone: () => {},
      onRunOver: () => ended.push('over'),
      onError: (m) => ended.push(m),
    });
    host.play(1000);
    await settle();
    for (let i = 0; i < 500 && ended.length === 0; i++) {
      frames.frame(16);
      await settle();
    }
    expect(ended).toEqual(['end']);
    expect(host.run.done).toBe(true);
    const local = new Runner(tinyLab, run.params as never, run.seed);
    local.runToEnd();
    sameRun(host.run, local);

    // a new run on the same port: the old host is disposed and its late commands go nowhere
    host.dispose();
    const next = new WorkerRunHost(tinyLab, { ...run.params, noisy: true }, run.seed, port, { onLoopFinished: () => {}, onSeekDone: () => {}, onRunOver: () => {}, onError: (m) => ended.push(m) });
    host.play(1000);
    await settle();
    frames.frame(16);
    await settle();
    expect(next.run.now).toBe(0);
    expect(next.ready).toBe(true);
  });

  it('a keep-time re-creation stays off screen (not ready) until it has replayed to the old time', async () => {
    const frames = manualFrames();
    const { run } = runForPreset(queueLab, undefined);
    const done: string[] = [];
    const host = new WorkerRunHost(queueLab, run.params, run.seed, inProcessPort({ queue: queueLab }, frames), {
      onLoopFinished: () => {},
      onSeekDone: () => done.push('seek-done'),
      onRunOver: () => {},
      onError: (m) => done.push(m),
    });
    host.holdUntil = 50_000;
    host.seek(50_000);
    await settle();
    expect(host.run.ready).toBe(true);
    expect(host.ready).toBe(false);
    for (let i = 0; i < 1000 && done.length === 0; i++) {
      // the state arrives with the news that the seek is done, in one update
      expect(host.ready).toBe(false);
      frames.frame(16);
      await settle();
    }
    expect(done).toEqual(['seek-done']);
    expect(host.ready).toBe(true);
    expect(host.run.now).toBe(50_000);
  });

  it('a drag: an arrival at an older seek target is stale and does not end the newer seek', async () => {
    const frames = manualFrames();
    const { run } = runForPreset(queueLab, undefined);
    const arrivals: number[] = [];
    const host = new WorkerRunHost(queueLab, run.params, run.seed, inProcessPort({ queue: queueLab }, frames), {
      onLoopFinished: () => {},
      onSeekDone: () => arrivals.push(host.run.now),
      onRunOver: () => {},
      onError: (m) => arrivals.push(Number.NaN) && expect.fail(m),
    });
    await settle();
    host.seek(1_000);
    await settle();
    // the worker arrives at 1 s in this frame; before its news reaches the page, the drag moves on
    frames.frame(16);
    host.seek(90_000);
    for (let i = 0; i < 1000 && arrivals.length === 0; i++) {
      await settle();
      frames.frame(16);
    }
    await settle();
    expect(arrivals).toEqual([90_000]);
    expect(host.run.now).toBe(90_000);
  });

  it('reports a run that cannot be built, naming the cause', async () => {
    const frames = manualFrames();
    const broken = { ...tinyLab, id: 'broken', create: () => { throw new Error('trace.minMbps must be below trace.maxMbps'); } } as AnyLab;
    const errors: string[] = [];
    new WorkerRunHost(broken, runForPreset(tinyLab, 'fast').run.params, 1, inProcessPort({ broken }, frames), { onLoopFinished: () => {}, onSeekDone: () => {}, onRunOver: () => {}, onError: (m) => errors.push(m) });
    await settle();
    expect(errors).toEqual(['trace.minMbps must be below trace.maxMbps']);
  });
});

describe('recorder sync', () => {
  it('a mirror fed by deltas equals the recorder through any run, rewind and reset', () => {
    const { run } = runForPreset(queueLab, undefined);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('forward', 'back', 'step', 'reset'), fc.integer({ min: 0, max: 120_000 })), { maxLength: 12 }), (ops) => {
        const runner = new Runner(queueLab, run.params as never, run.seed);
        const tap = new RecorderTap();
        const mirror = new RecorderMirror();
        for (const [op, t] of ops) {
          if (op === 'forward') runner.runTo(runner.now + t / 10);
          else if (op === 'back') runner.scrubTo(Math.max(0, runner.now - t));
          else if (op === 'step') runner.stepEvent();
          else runner.reset();
          mirror.apply(structuredClone(tap.take(runner.recorder)));
          expect(mirror.events).toEqual(runner.recorder.events);
          for (const name of runner.recorder.seriesNames()) expect(mirror.series(name)).toEqual(runner.recorder.series(name));
          expect(mirror.counts()).toEqual(runner.recorder.counts());
        }
      }),
      { numRuns: 25 },
    );
  });
});
