import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { playerMachine } from '@/components/lab/playerMachine';
import { Runner, LiveLoop, type FrameHost } from '@/simulations/core/runner';
import { tinyLab } from './tinyLab';
import { runForPreset } from '@/components/lab/link';

function fakeFrames() {
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

function harness() {
  let runner = new Runner(tinyLab, runForPreset(tinyLab).run.params as never, 1);
  const frames = fakeFrames();
  const calls: string[] = [];
  // eslint-disable-next-line prefer-const
  let actor: ReturnType<typeof createActor<typeof playerMachine>>;
  const loop = new LiveLoop(() => runner, frames.host, () => actor.send({ type: 'LOOP_FINISHED' }));
  loop.speed = 1000;
  actor = createActor(
    playerMachine.provide({
      actions: {
        startLoop: () => {
          calls.push('start');
          loop.play();
        },
        stopLoop: () => {
          calls.push('stop');
          loop.pause();
        },
        stepRunner: () => {
          calls.push('step');
          runner.stepEvent();
        },
        resetRunner: () => {
          calls.push('reset');
          runner.reset();
        },
      },
      guards: { runIsOver: () => runner.done },
    }),
  ).start();
  return {
    actor,
    frames,
    calls,
    loop,
    get runner() {
      return runner;
    },
    swap() {
      runner = new Runner(tinyLab, runner.params, runner.seed + 1);
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
    expect(h.calls).toEqual(['start', 'stop', 'step']);
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
});
