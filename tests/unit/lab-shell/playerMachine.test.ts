import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { createPlayer } from '@/components/lab-shell/playerMachine';
import { Runner } from '@/simulations/core/runner';
import { LocalRunHost } from '@/components/lab-shell/run-host/localRunHost';
import { hostEvents } from './fakeFrames';
import { tinyLab } from './tinyLab';
import { fakeFrames } from './fakeFrames';
import type { AnyLab } from '@/simulations/core/lab';
import { queueLab } from '@/simulations/queue';
import { runFromQuery, shareQuery } from '@/components/lab-shell/link';
import { runForPreset } from '@/components/lab-shell/link';

function harness(lab: AnyLab = tinyLab, preset?: string) {
  const frames = fakeFrames();
   
  let actor: ReturnType<typeof createActor<ReturnType<typeof createPlayer>>>;
  const hostFor = (r: Runner) => new LocalRunHost(r, frames.host, hostEvents(() => actor));
  let host = hostFor(new Runner(lab, runForPreset(lab, preset).run.params as never, runForPreset(lab, preset).run.seed));
  host.loop.speed = 1000;
  actor = createActor(createPlayer(() => host, () => host.loop.speed)).start();
  return {
    actor,
    frames,
    get loop() {
      return host.loop;
    },
    get runner() {
      return host.run;
    },
    swap(params = host.run.params, seed = host.run.seed + 1) {
      const speed = host.loop.speed;
      host.dispose();
      host = hostFor(new Runner(lab, params, seed));
      host.loop.speed = speed;
      actor.send({ type: 'RECREATED' });
    },
    state: () => actor.getSnapshot().value,
  };
}

describe('player machine', () => {
  it('plays, pauses, steps and resets with named actions', () => {
    const h = harness();
    expect(h.state()).toBe('idle');
    h.loop.speed = 100;
    h.actor.send({ type: 'TOGGLE' });
    expect(h.state()).toBe('playing');
    h.frames.advance(16);
    h.frames.advance(100);
    expect(h.runner.now).toBeCloseTo(10_000, 0);
    h.actor.send({ type: 'STEP' });
    expect(h.state()).toBe('paused');
    expect(h.loop.playing).toBe(false);
    expect(Number.isInteger(h.runner.now)).toBe(true);
    h.actor.send({ type: 'RESET' });
    expect(h.state()).toBe('idle');
    expect(h.runner.now).toBe(0);
  });

  it('ends when the loop reaches the horizon, and play restarts from 0', () => {
    const h = harness();
    h.actor.send({ type: 'PLAY' });
    for (let i = 0; i < 200 && h.frames.pending; i++) h.frames.advance(100);
    expect(h.runner.done).toBe(true);
    expect(h.state()).toBe('ended');
    h.actor.send({ type: 'PLAY' });
    expect(h.state()).toBe('playing');
    expect(h.runner.now).toBe(0);
  });

  it('a step that reaches the horizon lands in ended', () => {
    const h = harness();
    h.runner.runTo(h.runner.horizonMs - 1);
    h.actor.send({ type: 'SCRUBBED' });
    expect(h.state()).toBe('paused');
    for (let i = 0; i < 1000 && h.state() !== 'ended'; i++) h.actor.send({ type: 'STEP' });
    expect(h.state()).toBe('ended');
    expect(h.runner.done).toBe(true);
  });

  it('a new run while playing restarts the loop from the new run', () => {
    const h = harness();
    h.actor.send({ type: 'PLAY' });
    h.frames.advance(16);
    h.frames.advance(5);
    expect(h.runner.now).toBeGreaterThan(4_000);
    h.swap();
    expect(h.state()).toBe('playing');
    h.frames.advance(1);
    expect(h.runner.now).toBe(0);
    h.frames.advance(2);
    expect(h.runner.now).toBe(2_000);
  });

  it('the browser journey: play, pause, step, change a parameter, play, pause, step → the link reproduces it exactly', () => {
    const h = harness(queueLab, 'near-saturation');
    h.loop.speed = 20;
    const wall = [16.7, 16.6, 17.1, 16.4, 33.3];
    h.actor.send({ type: 'TOGGLE' });
    for (const ms of wall) h.frames.advance(ms);
    h.actor.send({ type: 'TOGGLE' });
    expect(h.state()).toBe('paused');
    expect(Number.isInteger(h.runner.now)).toBe(true);
    h.actor.send({ type: 'STEP' });
    expect(Number.isInteger(h.runner.now)).toBe(true);
    h.swap({ ...h.runner.params, arrivalRate: 7.5 }, h.runner.seed);
    expect(h.runner.now).toBe(0);
    h.actor.send({ type: 'TOGGLE' });
    for (const ms of wall) h.frames.advance(ms);
    h.actor.send({ type: 'TOGGLE' });
    h.actor.send({ type: 'STEP' });
    const r = h.runner;
    const count = r.recorder.events.length + r.recorder.dropped;
    expect(count).toBeGreaterThan(0);
    const link = shareQuery(queueLab, { params: r.params, seed: r.seed, timeMs: r.now, preset: 'near-saturation' });
    expect(link).toContain('arrivalRate=7.5');
    expect(link).toContain(`t=${Math.round(r.now)}`);
    const decoded = runFromQuery(queueLab, link);
    expect(decoded.errors).toEqual([]);
    const reopened = new Runner(queueLab, decoded.params as never, decoded.seed);
    reopened.scrubTo(decoded.timeMs!);
    expect(reopened.now).toBe(r.now);
    expect(reopened.recorder.events.length + reopened.recorder.dropped).toBe(count);
    expect(reopened.recorder.events.slice(-20)).toEqual(r.recorder.events.slice(-20));
  });
});
