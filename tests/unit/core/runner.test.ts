import { describe, expect, it } from 'vitest';
import {
  LiveLoop,
  Runner,
  runHeadless,
  FRAME_SLICE_MS,
  MAX_CHECKPOINTS,
  type FrameHost,
} from '@/simulations/core/runner';
import { defineLab, type SimContext } from '@/simulations/core/lab';
import { defaults, type ParamSchema, type ParamsOf } from '@/simulations/core/params';

/** A toy lab: a random walk that jumps at exponential intervals and is sampled every 250 ms. */
const walkSchema = {
  rate: { type: 'number', unit: '/s', min: 0.1, max: 1000, default: 5, description: 'jumps per second' },
  durationS: { type: 'number', unit: 's', min: 1, max: 1000, default: 20, description: 'run length' },
} satisfies ParamSchema;
type WalkParams = ParamsOf<typeof walkSchema>;
type WalkEvent = { type: 'jump'; by: number; value: number };
interface WalkState {
  value: number;
  jumps: number;
  nextJumpAt: number;
  nextSampleAt: number;
  /** which of the two pending events was scheduled first (equal times run in that order) */
  jumpFirst: boolean;
}
interface WalkModel {
  state: WalkState;
}
const SAMPLE_MS = 250;

function start(state: WalkState, params: WalkParams, ctx: SimContext<WalkEvent>): WalkModel {
  const jumps = ctx.rng.stream('jumps');
  const steps = ctx.rng.stream('steps');
  const model = { state };
  const scheduleJump = (at: number) => {
    state.nextJumpAt = at;
    state.jumpFirst = state.nextJumpAt <= state.nextSampleAt ? true : false;
    ctx.scheduler.at(at, () => {
      const by = steps.int(-3, 3);
      state.value += by;
      state.jumps++;
      ctx.recorder.log({ type: 'jump', by, value: state.value });
      scheduleJump(ctx.scheduler.now + jumps.exponential(params.rate / 1000));
    });
  };
  const scheduleSample = (at: number) => {
    state.nextSampleAt = at;
    ctx.scheduler.at(at, () => {
      ctx.recorder.sample('value', state.value);
      state.jumpFirst = true;
      scheduleSample(at + SAMPLE_MS);
    });
  };
  if (state.jumpFirst) {
    scheduleJump(state.nextJumpAt);
    scheduleSample(state.nextSampleAt);
  } else {
    scheduleSample(state.nextSampleAt);
    scheduleJump(state.nextJumpAt);
  }
  return model;
}

const baseLab = {
  id: 'walk',
  title: 'Random walk',
  summary: 'test lab',
  topic: 'Test',
  schema: walkSchema,
  presets: [],
  horizonMs: (p: WalkParams) => p.durationS * 1000,
  create(params: WalkParams, ctx: SimContext<WalkEvent>): WalkModel {
    const firstJump = ctx.rng.stream('jumps').exponential(params.rate / 1000);
    return start({ value: 0, jumps: 0, nextJumpAt: firstJump, nextSampleAt: 0, jumpFirst: false }, params, ctx);
  },
  result: (m: WalkModel) => ({ value: m.state.value, jumps: m.state.jumps }),
};
const walkLab = defineLab(baseLab);
let saves = 0;
const walkLabWithCheckpoints = defineLab({
  ...baseLab,
  checkpoint: {
    everyMs: 2000,
    save: (m: WalkModel) => {
      saves++;
      return { ...m.state };
    },
    restore: (snapshot: unknown, params: WalkParams, ctx: SimContext<WalkEvent>) => start({ ...(snapshot as WalkState) }, params, ctx),
  },
});

const walkLabWithComputedInterval = defineLab({
  ...walkLabWithCheckpoints,
  checkpoint: { ...walkLabWithCheckpoints.checkpoint!, everyMs: (p: WalkParams) => p.durationS * 150 },
});

function fingerprint(r: Runner) {
  return JSON.stringify({
    now: r.now,
    events: r.recorder.events,
    series: r.recorder.series('value'),
    counts: r.recorder.counts(),
    result: r.result(),
  });
}

const params = defaults(walkSchema);

describe('Runner', () => {
  it('the same seed gives the same run; reset() replays it exactly; another seed differs', () => {
    const a = new Runner(walkLab, params, 11);
    a.runToEnd();
    const first = fingerprint(a);
    expect(a.recorder.events.length).toBeGreaterThan(50);
    a.reset();
    expect(a.now).toBe(0);
    expect(a.recorder.events.length).toBe(0);
    a.runToEnd();
    expect(fingerprint(a)).toBe(first);
    const b = new Runner(walkLab, params, 11);
    b.runToEnd();
    expect(fingerprint(b)).toBe(first);
    const c = new Runner(walkLab, params, 12);
    c.runToEnd();
    expect(fingerprint(c)).not.toBe(first);
  });

  it('runTo never passes the horizon, and done reports the end', () => {
    const r = new Runner(walkLab, params, 1);
    r.runTo(5000);
    expect(r.now).toBe(5000);
    expect(r.done).toBe(false);
    r.runTo(1e9);
    expect(r.now).toBe(20_000);
    expect(r.done).toBe(true);
  });

  it.each([
    ['without lab.checkpoint (replay from t = 0)', walkLab],
    ['with lab.checkpoint', walkLabWithCheckpoints],
    ['with lab.checkpoint every 3 s computed from the params', walkLabWithComputedInterval],
  ])('scrubTo backwards equals a straight run, %s', (_name, lab) => {
    for (const target of [0, 1234.5, 4000, 7777, 19_999]) {
      const straight = new Runner(lab, params, 5);
      straight.runTo(target);
      const scrubbed = new Runner(lab, params, 5);
      scrubbed.runToEnd();
      scrubbed.scrubTo(15_000);
      scrubbed.scrubTo(target);
      expect(fingerprint(scrubbed)).toBe(fingerprint(straight));
      // and continuing from the scrubbed position still ends like a straight run
      straight.runToEnd();
      scrubbed.runToEnd();
      expect(fingerprint(scrubbed)).toBe(fingerprint(straight));
    }
  });

  it('stepping event by event, then running and scrubbing back, still equals a straight run', () => {
    const stepped = new Runner(walkLabWithCheckpoints, params, 21);
    for (let i = 0; i < 37; i++) stepped.stepEvent();
    stepped.runTo(9000);
    for (let i = 0; i < 5; i++) stepped.stepEvent();
    stepped.runToEnd();
    const straight = new Runner(walkLabWithCheckpoints, params, 21);
    straight.runToEnd();
    expect(fingerprint(stepped)).toBe(fingerprint(straight));
    for (const target of [11_000, 5000, 2500]) {
      stepped.scrubTo(target);
      const fresh = new Runner(walkLabWithCheckpoints, params, 21);
      fresh.runTo(target);
      expect(fingerprint(stepped)).toBe(fingerprint(fresh));
    }
  });

  it('scrubbing back with checkpoints restores a checkpoint instead of replaying from 0', () => {
    const r = new Runner(walkLabWithCheckpoints, params, 5);
    r.runToEnd();
    const savesBefore = saves;
    const executedBefore = r.ctx.scheduler.executed;
    r.scrubTo(17_000);
    // a fresh scheduler started at the 16 s checkpoint: only the last second was replayed
    expect(r.ctx.scheduler.executed).toBeLessThan(executedBefore / 4);
    expect(saves).toBe(savesBefore);
  });

  it('stepEvent executes exactly one event and jumps to its time; false at the end', () => {
    const r = new Runner(walkLab, params, 3);
    const times: number[] = [];
    let executed = r.ctx.scheduler.executed;
    for (let i = 0; i < 20; i++) {
      const next = r.ctx.scheduler.peekTime();
      expect(r.stepEvent()).toBe(true);
      expect(r.now).toBe(next);
      expect(r.ctx.scheduler.executed).toBe(executed + 1);
      executed++;
      times.push(r.now);
    }
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    r.runTo(19_999);
    while (r.stepEvent());
    expect(r.now).toBe(20_000);
    expect(r.done).toBe(true);
  });

  it('subscribe() listeners hear every change; version increases', () => {
    const r = new Runner(walkLab, params, 3);
    let calls = 0;
    const off = r.subscribe(() => calls++);
    const v = r.version;
    r.runTo(100);
    r.stepEvent();
    expect(calls).toBe(2);
    expect(r.version).toBe(v + 2);
    off();
    r.runTo(200);
    expect(calls).toBe(2);
  });

  it('runHeadless runs to the horizon and reports progress up to 1', () => {
    const progress: number[] = [];
    const { runner, result } = runHeadless(walkLab, params, 8, (f) => progress.push(f));
    expect(runner.done).toBe(true);
    expect(result).toEqual(runner.result());
    expect(progress.length).toBeGreaterThanOrEqual(40);
    expect(progress[progress.length - 1]).toBe(1);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
  });
});

class FakeFrames implements FrameHost {
  private next: ((wallMs: number) => void) | null = null;
  private id = 0;
  wall = 0;
  requestFrame(cb: (wallMs: number) => void): number {
    this.next = cb;
    return ++this.id;
  }
  cancelFrame(id: number): void {
    if (id === this.id) this.next = null;
  }
  get pending(): boolean {
    return this.next !== null;
  }
  /** Advance wall time by `ms` and deliver one frame. */
  frame(ms: number): void {
    this.wall += ms;
    const cb = this.next;
    this.next = null;
    cb?.(this.wall);
  }
}

describe('LiveLoop', () => {
  it('maps wall time × speed to virtual time, pauses, and stops at the end', () => {
    const runner = new Runner(walkLab, params, 1);
    const frames = new FakeFrames();
    let stopped = 0;
    const loop = new LiveLoop(() => runner, frames, () => stopped++);
    loop.speed = 10;
    loop.play();
    expect(loop.playing).toBe(true);
    frames.frame(16); // first frame only anchors the wall clock
    expect(runner.now).toBe(0);
    for (let i = 0; i < 10; i++) frames.frame(20);
    expect(runner.now).toBe(10 * 20 * 10);
    loop.speed = 0.5;
    frames.frame(100);
    expect(runner.now).toBe(2000 + 50);
    loop.pause();
    expect(loop.playing).toBe(false);
    expect(frames.pending).toBe(false);
    // wall time passing while paused is not turned into virtual time
    frames.wall += 10_000;
    loop.play();
    frames.frame(16);
    expect(runner.now).toBe(2050);
    frames.frame(40);
    expect(runner.now).toBe(2050 + 20);
    // a long stall (background tab) counts as at most 250 ms of wall time
    loop.speed = 1;
    frames.frame(5000);
    expect(runner.now).toBe(2070 + 250);
    loop.speed = 1000;
    for (let i = 0; i < 10 && frames.pending; i++) frames.frame(16);
    expect(runner.done).toBe(true);
    expect(runner.now).toBe(20_000);
    expect(loop.playing).toBe(false);
    expect(stopped).toBe(1);
    loop.play(); // playing a finished run does nothing
    expect(loop.playing).toBe(false);
  });
});

describe('LiveLoop with a host clock', () => {
  it('spends a slice of wall time per frame, not a count of events, and reports the speed it reached', () => {
    // a heavy run: 1000 jumps per virtual second over 1000 s, played at 1000×
    const runner = new Runner(walkLab, { rate: 1000, durationS: 1000 }, 3);
    const frames = new FakeFrames();
    // each look at the clock costs 1 ms of "work": a slice holds FRAME_SLICE_MS looks at most
    let looks = 0;
    const host: FrameHost = { requestFrame: (cb) => frames.requestFrame(cb), cancelFrame: (id) => frames.cancelFrame(id), now: () => frames.wall + looks++ };
    const loop = new LiveLoop(() => runner, host);
    loop.speed = 1000;
    loop.play();
    frames.frame(16);
    let events = runner.ctx.scheduler.executed;
    for (let i = 0; i < 100; i++) {
      looks = 0;
      frames.frame(16);
      const ran = runner.ctx.scheduler.executed - events;
      events += ran;
      // 1000× of 16 ms is 16 virtual s = ~20,000 events; the slice stops after ~FRAME_SLICE_MS looks
      expect(ran).toBeLessThanOrEqual((FRAME_SLICE_MS + 1) * 500 + 1);
      expect(ran).toBeGreaterThan(0);
    }
    expect(loop.playing).toBe(true);
    expect(loop.reachedSpeed).toBeLessThan(1000);
    expect(loop.reachedSpeed).toBeGreaterThan(0);
  });

  it('plays a light run at the speed asked for', () => {
    const runner = new Runner(walkLab, params, 1);
    const frames = new FakeFrames();
    const host: FrameHost = { requestFrame: (cb) => frames.requestFrame(cb), cancelFrame: (id) => frames.cancelFrame(id), now: () => frames.wall };
    const loop = new LiveLoop(() => runner, host);
    loop.speed = 2;
    loop.play();
    frames.frame(16);
    for (let i = 0; i < 30; i++) frames.frame(20);
    expect(runner.now).toBe(30 * 20 * 2);
    expect(loop.reachedSpeed).toBeCloseTo(2, 9);
  });
});

describe('checkpoints stay bounded', () => {
  it('a long run keeps at most MAX_CHECKPOINTS, and scrubbing back still lands on the exact run', () => {
    const long = { rate: 50, durationS: 1000 };
    const r = new Runner(walkLabWithCheckpoints, long, 5);
    r.runTo(1_000_000); // 500 checkpoint intervals of 2 s
    const kept = (r as unknown as { checkpoints: { t: number }[] }).checkpoints;
    expect(kept.length).toBeLessThanOrEqual(MAX_CHECKPOINTS);
    expect(kept.length).toBeGreaterThan(MAX_CHECKPOINTS / 4);
    expect(kept[0].t).toBe(0);
    const end = fingerprint(r);
    for (const t of [777_777, 123_456, 999_001, 3_000]) {
      r.scrubTo(t);
      const fresh = new Runner(walkLab, long, 5);
      fresh.runTo(t);
      expect(fingerprint(r)).toBe(fingerprint(fresh));
    }
    r.scrubTo(1_000_000);
    expect(fingerprint(r)).toBe(end);
  });
});
