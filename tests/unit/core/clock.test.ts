import { describe, expect, it } from 'vitest';
import { SimulatedClock, assign, createActor, raise, setup } from 'xstate';
import { Scheduler } from '@/simulations/core/scheduler';
import { VirtualClock } from '@/simulations/core/clock';

/** where the machine reads "now" from, so one machine serves both clocks */
let nowRef: { now: () => number } = { now: () => 0 };

const ticker = setup({
  types: { context: {} as { ticks: number[] } },
  actions: { tick: assign({ ticks: ({ context }) => [...context.ticks, nowRef.now()] }) },
  delays: { period: 100 },
}).createMachine({
  id: 'ticker',
  context: { ticks: [] },
  initial: 'running',
  states: { running: { after: { period: { target: 'running', reenter: true, actions: 'tick' } } } },
});

describe('VirtualClock with a real XState v5 machine', () => {
  it('fires after transitions and delayed sends in deadline order at their deadlines', () => {
    const scheduler = new Scheduler();
    const clock = new VirtualClock(scheduler);
    const log: string[] = [];
    const machine = setup({
      types: { events: {} as { type: 'PING' } | { type: 'PONG' } },
      actions: {
        note: (_, params: { what: string }) => log.push(`${params.what}@${scheduler.now}`),
        sendLater: raise({ type: 'PING' }, { delay: 250 }),
        sendSooner: raise({ type: 'PONG' }, { delay: 120 }),
      },
      delays: { slow: 300 },
    }).createMachine({
      initial: 'waiting',
      entry: ['sendLater', 'sendSooner'],
      states: {
        waiting: {
          on: {
            PING: { actions: { type: 'note', params: { what: 'ping' } } },
            PONG: { actions: { type: 'note', params: { what: 'pong' } } },
          },
          after: { slow: { target: 'done', actions: { type: 'note', params: { what: 'after' } } } },
        },
        done: { type: 'final' },
      },
    });
    const actor = createActor(machine, { clock }).start();
    expect(scheduler.pending).toBe(3);
    scheduler.runUntil(299);
    expect(log).toEqual(['pong@120', 'ping@250']);
    expect(actor.getSnapshot().value).toBe('waiting');
    scheduler.runUntil(1000);
    expect(log).toEqual(['pong@120', 'ping@250', 'after@300']);
    expect(actor.getSnapshot().status).toBe('done');
  });

  it('cancels a pending after timer when the state is left (clearTimeout)', () => {
    const scheduler = new Scheduler();
    const clock = new VirtualClock(scheduler);
    const machine = setup({}).createMachine({
      initial: 'a',
      states: { a: { on: { GO: 'b' }, after: { 500: 'timedOut' } }, b: {}, timedOut: {} },
    });
    const actor = createActor(machine, { clock }).start();
    scheduler.runUntil(100);
    actor.send({ type: 'GO' });
    expect(scheduler.pending).toBe(0);
    scheduler.runUntil(1000);
    expect(actor.getSnapshot().value).toBe('b');
  });

  it('a self re-arming 100 ms timer fires 10 times in runUntil(1000), at every deadline', () => {
    const scheduler = new Scheduler();
    nowRef = { now: () => scheduler.now };
    const actor = createActor(ticker, { clock: new VirtualClock(scheduler) }).start();
    scheduler.runUntil(1000);
    expect(actor.getSnapshot().context.ticks).toEqual([100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]);
  });

  it("(contrast) XState's SimulatedClock.increment(1000) fires the same timer only once", () => {
    const clock = new SimulatedClock();
    nowRef = { now: () => clock.now() };
    const actor = createActor(ticker, { clock }).start();
    clock.increment(1000);
    expect(actor.getSnapshot().context.ticks.length).toBe(1);
  });
});
