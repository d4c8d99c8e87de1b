import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Runner } from '@/simulations/core/runner';
import { runForPreset, runFromQuery, settleOnWholeMs, shareQuery } from '@/components/lab-shell/link';
import { defineLab } from '@/simulations/core/lab';
import { tinyLab } from './tinyLab';

/** Two events at every whole second, like two XState timers armed for the same deadline. */
const tiedLab = defineLab({
  id: 'tied',
  title: 'Tied events',
  summary: 'Pairs of events at the same whole millisecond.',
  topic: 'test',
  schema: {},
  presets: [],
  horizonMs: () => 10_000,
  create(_params, ctx) {
    for (let t = 1000; t <= 5000; t += 1000) {
      ctx.scheduler.at(t, () => ctx.recorder.log({ type: 'first' }));
      ctx.scheduler.at(t, () => ctx.recorder.log({ type: 'second' }));
    }
    return {};
  },
  result: () => ({}),
});

function eventCount(r: Runner) {
  return r.recorder.events.length + r.recorder.dropped;
}

describe('share links', () => {
  it('reproduce the exact run after play and a step (same time, same events)', () => {
    const params = { ...runForPreset(tinyLab).run.params, rate: 7, noisy: true };
    const a = new Runner(tinyLab, params as never, 9);
    a.runTo(3_333.7);
    a.stepEvent();
    const t = settleOnWholeMs(a);
    expect(Number.isInteger(a.now)).toBe(true);
    const query = shareQuery(tinyLab, { params, seed: 9, timeMs: t });
    const decoded = runFromQuery(tinyLab, query);
    expect(decoded.errors).toEqual([]);
    const b = new Runner(tinyLab, decoded.params as never, decoded.seed);
    b.scrubTo(decoded.timeMs!);
    expect(b.now).toBe(a.now);
    expect(eventCount(b)).toBe(eventCount(a));
    expect(b.recorder.events).toEqual(a.recorder.events);
  });

  it('a step onto a whole ms shared with other events settles all of them, as opening the link does', () => {
    const a = new Runner(tiedLab, {}, 1);
    a.stepEvent();
    expect(a.now).toBe(1000);
    const t = settleOnWholeMs(a);
    expect(t).toBe(1000);
    const b = new Runner(tiedLab, {}, 1);
    b.scrubTo(runFromQuery(tiedLab, shareQuery(tiedLab, { params: {}, seed: 1, timeMs: t })).timeMs!);
    expect(b.recorder.events.map((e) => e.type)).toEqual(['first', 'second']);
    expect(a.recorder.events).toEqual(b.recorder.events);
  });

  it('a run stepped at t = 0 links with t=0, and opening it runs the events due at 0 (a fresh run, no t, does not)', () => {
    const atZero = defineLab({ ...tiedLab, id: 'at-zero', create(_params, ctx) {
      ctx.scheduler.at(0, () => ctx.recorder.log({ type: 'boot' }));
      ctx.scheduler.at(0, () => ctx.recorder.log({ type: 'ready' }));
      return {};
    } });
    const a = new Runner(atZero, {}, 1);
    a.stepEvent();
    const t = settleOnWholeMs(a);
    expect(t).toBe(0);
    const query = shareQuery(atZero, { params: {}, seed: 1, timeMs: t });
    expect(query).toContain('t=0');
    const decoded = runFromQuery(atZero, query);
    const b = new Runner(atZero, {}, 1);
    b.scrubTo(decoded.timeMs!);
    expect(b.recorder.events.map((e) => e.type)).toEqual(['boot', 'ready']);
    expect(runFromQuery(atZero, shareQuery(atZero, { params: {}, seed: 1 })).timeMs).toBeUndefined();
  });

  it('only writes non-default params', () => {
    const { run } = runForPreset(tinyLab);
    expect(shareQuery(tinyLab, { ...run, params: { ...run.params, burst: 5 }, seed: 3, timeMs: 1500 })).toBe('v=1&seed=3&t=1500&burst=5');
  });

  it('keeps a preset and a param set back to its default under it', () => {
    const { run } = runForPreset(tinyLab, 'fast');
    expect(run.params.rate).toBe(20);
    const params = { ...run.params, rate: 2 }; // 2 is the schema default, not the preset's 20
    const decoded = runFromQuery(tinyLab, shareQuery(tinyLab, { params, seed: 1, preset: 'fast' }));
    expect(decoded.params).toEqual(params);
    expect(decoded.preset).toBe('fast');
  });

  it('takes a preset seed unless the link names one', () => {
    expect(runForPreset(tinyLab, 'seeded').run.seed).toBe(42);
    expect(runFromQuery(tinyLab, 'preset=seeded&seed=5').seed).toBe(5);
  });

  it('property: any valid params + seed + time round-trip', () => {
    const s = tinyLab.schema;
    fc.assert(
      fc.property(
        fc.record({
          rate: fc.double({ min: s.rate.min, max: s.rate.max, noNaN: true }),
          burst: fc.integer({ min: 1, max: 20 }),
          jitter: fc.double({ min: 0, max: 1, noNaN: true }),
          mode: fc.constantFrom('fifo', 'lifo'),
          noisy: fc.boolean(),
          schedule: fc.array(fc.integer()),
          hidden: fc.double({ min: 0, max: 10, noNaN: true }),
        }),
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.integer({ min: 0, max: 20_000 }),
        fc.option(fc.constantFrom('fast', 'seeded'), { nil: undefined }),
        (params, seed, timeMs, preset) => {
          const decoded = runFromQuery(tinyLab, shareQuery(tinyLab, { params, seed, timeMs, preset }));
          expect(decoded.errors).toEqual([]);
          expect(decoded.params).toEqual(params);
          expect(decoded.seed).toBe(seed);
          expect(decoded.timeMs ?? 0).toBe(timeMs);
          expect(decoded.preset).toBe(preset);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('an invalid link names each wrong parameter and falls back to defaults for those', () => {
    const decoded = runFromQuery(tinyLab, '?v=1&seed=x&rate=500&burst=2&mode=zip&bogus=1&t=-4&preset=nope');
    const fields = decoded.errors.map((e) => e.field).sort();
    expect(fields).toEqual(['bogus', 'mode', 'preset', 'rate', 'seed', 't']);
    expect(decoded.params.rate).toBe(2);
    expect(decoded.params.mode).toBe('fifo');
    expect(decoded.params.burst).toBe(2);
    expect(decoded.preset).toBeUndefined();
    expect(decoded.seed).toBe(1);
    expect(() => runFromQuery(tinyLab, '%%%&&&==v=9')).not.toThrow();
    expect(runFromQuery(tinyLab, 'v=9').errors[0].field).toBe('v');
  });

  it('under a named preset, a wrong parameter falls back to the preset value, not the bare default', () => {
    const decoded = runFromQuery(tinyLab, 'v=1&preset=fast&rate=500&jitter=x&burst=7');
    expect(decoded.errors.map((e) => e.field).sort()).toEqual(['jitter', 'rate']);
    expect(decoded.params.rate).toBe(20);
    expect(decoded.params.jitter).toBe(0.25);
    expect(decoded.params.burst).toBe(7);
    expect(decoded.preset).toBe('fast');
    // a param the preset does not set still falls back to the schema default
    expect(runFromQuery(tinyLab, 'preset=fast&mode=zip').params.mode).toBe('fifo');
  });
});

describe('share links and rules spanning params (lab.checkParams)', () => {
  const ruled = defineLab({
    ...tinyLab,
    id: 'ruled',
    // burst may not exceed rate (a made-up rule spanning two fields)
    checkParams: (p: { rate: number; burst: number }) => (p.burst > p.rate ? [{ field: 'burst', value: p.burst, message: `burst = ${p.burst} is invalid: must be <= rate (${p.rate})` }] : []),
  });

  it('a link that breaks the rule falls back on the named field (preset value, else default) and says why', () => {
    const decoded = runFromQuery(ruled, 'v=1&rate=2&burst=9');
    expect(decoded.errors.map((e) => e.field)).toEqual(['burst']);
    expect(decoded.errors[0].message).toContain('must be <= rate');
    expect(decoded.params.rate).toBe(2);
    expect(decoded.params.burst).toBe(3);
  });

  it('when the fallback still breaks it, the whole run falls back to the preset or defaults', () => {
    const decoded = runFromQuery(ruled, 'v=1&rate=0.5');
    // default burst 3 > rate 0.5 even after falling back burst: everything is the defaults then
    expect(decoded.errors.map((e) => e.field)).toEqual(['burst']);
    expect(decoded.params).toEqual(runForPreset(ruled).run.params);
  });

  it('the chat lab refuses a presence period shorter than the heartbeat in a link', async () => {
    const { chatLab } = await import('@/simulations/chat');
    const decoded = runFromQuery(chatLab, 'v=1&heartbeatMs=30000&presence.d=1000');
    expect(decoded.errors.map((e) => e.field)).toEqual(['presence.d']);
    expect(decoded.params['presence.d']).toBe(0);
  });
});
