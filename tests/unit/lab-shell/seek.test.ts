import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { createPlayer } from '@/components/lab-shell/playerMachine';
import { keptTimeOf } from '@/components/lab-shell/keepTime';
import { LocalRunHost } from '@/components/lab-shell/run-host/localRunHost';
import { runFromQuery, shareQuery } from '@/components/lab-shell/link';
import { Runner } from '@/simulations/core/runner';
import { fakeFrames, hostEvents } from './fakeFrames';
import { queueLab } from '@/simulations/queue';

// A busy queue: a few events per customer at 200 customers/s (tens of thousands per run).
const busy = { ...runFromQuery(queueLab, '').params, arrivalRate: 200, serviceRate: 250, servers: 1 } as never;
const T = Math.floor(new Runner(queueLab, busy, 3).horizonMs / 2);

function eventsOf(r: Runner) {
  return r.recorder.events.length + r.recorder.dropped;
}

function harness() {
  const runner = new Runner(queueLab, busy, 3);
  const frames = fakeFrames();
   
  let actor: ReturnType<typeof createActor<ReturnType<typeof createPlayer>>>;
  const hostFor = (r: Runner) => new LocalRunHost(r, frames.host, hostEvents(() => actor), { seekEventsPerFrame: 5_000 });
  let host = hostFor(runner);
  actor = createActor(createPlayer(() => host, () => 1)).start();
  return {
    actor,
    frames,
    get seek() {
      return host.seeker;
    },
    get runner() {
      return host.run;
    },
    swap(next: Runner) {
      host.dispose();
      host = hostFor(next);
      actor.send({ type: 'RECREATED' });
    },
    state: () => actor.getSnapshot().value,
  };
}

describe('seeking a long way (links, scrubber drags) in slices', () => {
  it('scrubTo with an event budget stops short, and calling it again continues to the same run as one go', () => {
    const t = T;
    const straight = new Runner(queueLab, busy, 3);
    expect(straight.scrubTo(t)).toBe(true);
    const sliced = new Runner(queueLab, busy, 3);
    let calls = 0;
    while (!sliced.scrubTo(t, 2_000)) calls++;
    expect(calls).toBeGreaterThan(5);
    expect(sliced.now).toBe(t);
    expect(eventsOf(sliced)).toBe(eventsOf(straight));
    expect(sliced.recorder.events.slice(-50)).toEqual(straight.recorder.events.slice(-50));
  });

  it('the player replays frame by frame, shows seeking, then pauses at exactly the target', () => {
    const h = harness();
    const t = T;
    h.actor.send({ type: 'SEEK', t });
    expect(h.state()).toBe('seeking');
    expect(h.actor.getSnapshot().context.seekTarget).toBe(t);
    let frames = 0;
    while (h.frames.pending && frames < 1000) {
      h.frames.advance(16);
      frames++;
      if (h.state() === 'seeking') expect(h.runner.now).toBeLessThan(t);
    }
    expect(frames).toBeGreaterThan(1);
    expect(h.state()).toBe('paused');
    expect(h.runner.now).toBe(t);
    const straight = new Runner(queueLab, busy, 3);
    straight.scrubTo(t);
    expect(eventsOf(h.runner)).toBe(eventsOf(straight));
  });

  it('stopping a replay pauses where it got to, on a whole millisecond a link reproduces', () => {
    const h = harness();
    h.actor.send({ type: 'SEEK', t: T });
    h.frames.advance(16);
    h.actor.send({ type: 'TOGGLE' });
    expect(h.state()).toBe('paused');
    expect(h.frames.pending).toBe(false);
    const r = h.runner;
    expect(r.now).toBeGreaterThan(0);
    expect(Number.isInteger(r.now)).toBe(true);
    const decoded = runFromQuery(queueLab, shareQuery(queueLab, { params: r.params, seed: r.seed, timeMs: r.now }));
    const reopened = new Runner(queueLab, decoded.params as never, decoded.seed);
    reopened.scrubTo(decoded.timeMs!);
    expect(eventsOf(reopened)).toBe(eventsOf(r));
  });

  it('a new target while replaying retargets (also backwards), and a new run cancels the replay', () => {
    const h = harness();
    h.actor.send({ type: 'SEEK', t: T });
    h.frames.advance(16);
    h.frames.advance(16);
    const reached = h.runner.now;
    h.actor.send({ type: 'SEEK', t: Math.floor(reached / 2) });
    expect(h.state()).toBe('seeking');
    for (let i = 0; i < 1000 && h.frames.pending; i++) h.frames.advance(16);
    expect(h.state()).toBe('paused');
    expect(h.runner.now).toBe(Math.floor(reached / 2));

    h.actor.send({ type: 'SEEK', t: T });
    h.frames.advance(16);
    h.swap(new Runner(queueLab, busy, 4));
    expect(h.state()).toBe('idle');
    expect(h.frames.pending).toBe(false);
    expect(h.runner.now).toBe(0);
  });

  it('a parameter change that keeps the time can hand the rest of its replay to the seek', () => {
    const old = new Runner(queueLab, busy, 3);
    old.scrubTo(Math.floor(T / 2));
    const next = new Runner(queueLab, { ...old.params, serviceRate: 260 }, old.seed);
    expect(next.scrubTo(keptTimeOf(old), 10_000)).toBe(false);
    expect(next.now).toBeLessThan(old.now);
    while (!next.scrubTo(old.now, 10_000));
    const straight = new Runner(queueLab, { ...old.params, serviceRate: 260 } as never, old.seed);
    straight.scrubTo(old.now);
    expect(eventsOf(next)).toBe(eventsOf(straight));
  });
});
