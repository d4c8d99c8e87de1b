/**
 * "Param change that keeps time" (setParams(changes, { keepTime: true })): the shell re-creates the
 * run with the new params and replays it to the current time; the player pauses there (or keeps
 * playing), and a share link of the result reopens the same state.
 */
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { createPlayer } from '@/components/lab-shell/playerMachine';
import { keptTimeOf, settlePlayerAfterRecreate } from '@/components/lab-shell/keepTime';
import { LocalRunHost } from '@/components/lab-shell/run-host/localRunHost';
import { runForPreset, runFromQuery, shareQuery } from '@/components/lab-shell/link';
import { Runner } from '@/simulations/core/runner';
import { tinyLab } from './tinyLab';
import { fakeFrames, hostEvents } from './fakeFrames';

function harness() {
  const { run } = runForPreset(tinyLab, 'fast');
  const frames = fakeFrames();
   
  let actor: ReturnType<typeof createActor<ReturnType<typeof createPlayer>>>;
  let host = new LocalRunHost(new Runner(tinyLab, run.params as never, run.seed), frames.host, hostEvents(() => actor));
  actor = createActor(createPlayer(() => host, () => 1000)).start();
  return {
    actor,
    get runner() {
      return host.run;
    },
    advance: frames.advance,
    /** what useLabRun.recreate does with keepTime */
    recreateKeepingTime(changes: Record<string, unknown>) {
      const t = keptTimeOf(host.run);
      const next = new LocalRunHost(new Runner(tinyLab, { ...host.run.params, ...changes } as never, host.run.seed), frames.host, hostEvents(() => actor));
      if (t > 0) next.seekAtOnce(t);
      host.dispose();
      host = next;
      actor.send({ type: 'RECREATED' });
      settlePlayerAfterRecreate(actor, next.run);
    },
    state: () => actor.getSnapshot().value,
  };
}

describe('param change that keeps time', () => {
  it('replays the new run to the old time, settled on a whole ms, identical to a fresh run scrubbed there', () => {
    const { run } = runForPreset(tinyLab, 'fast');
    const old = new Runner(tinyLab, run.params as never, run.seed);
    old.runTo(5_000.4);
    const next = new Runner(tinyLab, { ...old.params, noisy: true }, old.seed);
    next.scrubTo(keptTimeOf(old));
    expect(next.now).toBe(5_001);
    expect(next.params.noisy).toBe(true);
    const fresh = new Runner(tinyLab, { ...old.params, noisy: true } as never, old.seed);
    fresh.scrubTo(5_001);
    expect(next.recorder.events).toEqual(fresh.recorder.events);
    expect(next.recorder.events.length).toBeGreaterThan(0);
  });

  it('at t = 0 it is an ordinary re-creation', () => {
    const h = harness();
    h.recreateKeepingTime({ noisy: true });
    expect(h.runner.now).toBe(0);
    expect(h.state()).toBe('idle');
  });

  it('a paused player stays paused at the same time (not idle, which means t = 0)', () => {
    const h = harness();
    h.actor.send({ type: 'PLAY' });
    h.advance(16);
    h.advance(4);
    h.actor.send({ type: 'PAUSE' });
    const t = h.runner.now;
    expect(t).toBeGreaterThan(3_000);
    h.recreateKeepingTime({ noisy: true });
    expect(h.state()).toBe('paused');
    expect(h.runner.now).toBe(t);
    expect(h.runner.params.noisy).toBe(true);
  });

  it('a playing player keeps playing from the kept time', () => {
    const h = harness();
    h.actor.send({ type: 'PLAY' });
    h.advance(16);
    h.advance(4);
    const before = h.runner.now;
    h.recreateKeepingTime({ noisy: true });
    expect(h.state()).toBe('playing');
    expect(h.runner.now).toBe(Math.ceil(before));
    h.advance(1);
    h.advance(2);
    expect(h.runner.now).toBeCloseTo(Math.ceil(before) + 2_000, 6);
  });

  it('a kept-time run at the horizon ends; its share link reopens the same state', () => {
    const h = harness();
    h.actor.send({ type: 'PLAY' });
    for (let i = 0; i < 100 && h.state() === 'playing'; i++) h.advance(50);
    expect(h.state()).toBe('ended');
    h.recreateKeepingTime({ mode: 'lifo' });
    expect(h.state()).toBe('ended');
    const r = h.runner;
    const link = shareQuery(tinyLab, { params: r.params, seed: r.seed, timeMs: r.now, preset: 'fast' });
    const decoded = runFromQuery(tinyLab, link);
    const reopened = new Runner(tinyLab, decoded.params as never, decoded.seed);
    reopened.scrubTo(decoded.timeMs!);
    expect(reopened.now).toBe(r.now);
    expect(reopened.recorder.events.length).toBe(r.recorder.events.length);
  });
});
