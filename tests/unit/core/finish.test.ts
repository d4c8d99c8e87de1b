import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { defineLab, Runner, LiveLoop, type FrameHost } from '@/simulations/core';

/** A ticker that finishes after `stopAfter` ticks, long before its horizon. */
const ticker = defineLab({
  id: 'ticker',
  title: 'Ticker',
  summary: 'ticks every 10 ms',
  topic: 'Test',
  schema: { stopAfter: { type: 'number', min: 1, max: 1000, default: 37, integer: true, description: 'ticks' } },
  presets: [],
  horizonMs: () => 100_000,
  create(params, ctx) {
    const model = { ticks: 0, stopAfter: params.stopAfter };
    const tick = () => {
      model.ticks++;
      ctx.recorder.log({ type: 'tick' });
      ctx.scheduler.after(10, tick);
    };
    ctx.scheduler.after(10, tick);
    return model;
  },
  isFinished: (m) => m.ticks >= m.stopAfter,
  result: (m) => ({ ticks: m.ticks }),
});

describe('runs that finish before their horizon', () => {
  it('stop exactly at the finishing event, whatever steps they are advanced in', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 1, maxLength: 40 }), (steps) => {
        const r = new Runner(ticker, { stopAfter: 37 }, 1);
        for (const s of steps) r.runTo(r.now + s);
        r.runTo(r.horizonMs);
        expect(r.done).toBe(true);
        expect(r.finished).toBe(true);
        expect(r.now).toBe(370);
        expect(r.recorder.events.length).toBe(37);
      }),
      { numRuns: 50 },
    );
  });

  it('step and scrub respect the end; scrubbing back re-opens the run', () => {
    const r = new Runner(ticker, { stopAfter: 5 }, 1);
    while (r.stepEvent());
    expect(r.now).toBe(50);
    expect(r.stepEvent()).toBe(false);
    r.scrubTo(25);
    expect(r.now).toBe(25);
    expect(r.done).toBe(false);
    expect(r.recorder.events.length).toBe(2);
    r.runToEnd(() => {});
    expect(r.now).toBe(50);
  });

  it('the live loop stops when the model finishes', () => {
    const frames: ((t: number) => void)[] = [];
    const host: FrameHost = { requestFrame: (cb) => frames.push(cb), cancelFrame: () => {} };
    const r = new Runner(ticker, { stopAfter: 3 }, 1);
    let stopped = 0;
    const loop = new LiveLoop(() => r, host, () => stopped++);
    loop.speed = 10;
    loop.play();
    for (let wall = 0; frames.length && wall < 1000; wall += 16) frames.shift()!(wall);
    expect(stopped).toBe(1);
    expect(loop.playing).toBe(false);
    expect(r.now).toBe(30);
  });
});
