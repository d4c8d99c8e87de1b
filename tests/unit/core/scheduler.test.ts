import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Scheduler } from '@/simulations/core/scheduler';

describe('Scheduler', () => {
  it('runs events in time order and equal times in insertion (FIFO) order', () => {
    const s = new Scheduler();
    const order: string[] = [];
    s.at(20, () => order.push('b@20'));
    s.at(10, () => order.push('a@10'));
    s.at(20, () => order.push('c@20'));
    s.at(20, () => order.push('d@20'));
    s.at(5, () => order.push('z@5'));
    s.runUntil(Infinity);
    expect(order).toEqual(['z@5', 'a@10', 'b@20', 'c@20', 'd@20']);
    expect(s.now).toBe(20);
    expect(s.executed).toBe(5);
    expect(s.pending).toBe(0);
  });

  it('keeps FIFO for events scheduled at the current time from inside a handler', () => {
    const s = new Scheduler();
    const order: string[] = [];
    s.at(1, () => {
      order.push('first');
      s.after(0, () => order.push('third'));
    });
    s.at(1, () => order.push('second'));
    s.runUntil(1);
    expect(order).toEqual(['first', 'second', 'third']);
  });

  it('clamps times in the past to now and rejects NaN', () => {
    const s = new Scheduler();
    s.runUntil(100);
    let ranAt = -1;
    s.at(50, () => (ranAt = s.now));
    expect(() => s.at(Number.NaN, () => {})).toThrow(RangeError);
    s.step();
    expect(ranAt).toBe(100);
  });

  it('cancel prevents the event, is idempotent, and stale ids never cancel a reused slot', () => {
    const s = new Scheduler();
    const ran: string[] = [];
    const a = s.at(10, () => ran.push('a'));
    s.at(20, () => ran.push('b'));
    expect(s.pending).toBe(2);
    expect(s.cancel(a)).toBe(true);
    expect(s.cancel(a)).toBe(false);
    expect(s.pending).toBe(1);
    expect(s.peekTime()).toBe(20);
    s.runUntil(Infinity);
    expect(ran).toEqual(['b']);
    // the cancelled slot is reused by this event; the old id must not reach it
    s.at(30, () => ran.push('c'));
    expect(s.cancel(a)).toBe(false);
    s.runUntil(Infinity);
    expect(ran).toEqual(['b', 'c']);
  });

  it('cancel of an event that already ran returns false', () => {
    const s = new Scheduler();
    const id = s.at(1, () => {});
    s.step();
    expect(s.cancel(id)).toBe(false);
  });

  it('an event can cancel another one due at the same time', () => {
    const s = new Scheduler();
    const ran: string[] = [];
    let second = 0;
    s.at(5, () => {
      ran.push('first');
      s.cancel(second);
    });
    second = s.at(5, () => ran.push('second'));
    s.runUntil(10);
    expect(ran).toEqual(['first']);
  });

  it('step executes exactly one event and jumps time to it', () => {
    const s = new Scheduler();
    s.at(7, () => {});
    s.at(9, () => {});
    expect(s.step()).toBe(true);
    expect(s.now).toBe(7);
    expect(s.pending).toBe(1);
    expect(s.step()).toBe(true);
    expect(s.now).toBe(9);
    expect(s.step()).toBe(false);
    expect(s.now).toBe(9);
  });

  it('runUntil runs events at exactly the target time, leaves later ones and advances now', () => {
    const s = new Scheduler();
    const ran: number[] = [];
    for (const t of [10, 20, 30]) s.at(t, () => ran.push(t));
    expect(s.runUntil(20)).toBe(true);
    expect(ran).toEqual([10, 20]);
    expect(s.now).toBe(20);
    expect(s.runUntil(25)).toBe(true);
    expect(s.now).toBe(25);
    // runUntil into the past does nothing
    expect(s.runUntil(5)).toBe(true);
    expect(s.now).toBe(25);
    expect(ran).toEqual([10, 20]);
  });

  it('runUntil with an event budget stops early and resumes where it stopped', () => {
    const s = new Scheduler();
    const ran: number[] = [];
    for (let i = 1; i <= 10; i++) s.at(i, () => ran.push(i));
    expect(s.runUntil(100, 4)).toBe(false);
    expect(ran).toEqual([1, 2, 3, 4]);
    expect(s.now).toBe(4);
    expect(s.runUntil(100, 6)).toBe(true); // exactly enough budget for the rest
    expect(ran.length).toBe(10);
    expect(s.now).toBe(100);
    expect(s.runEvents(3)).toBe(0);
  });

  it('runEvents executes up to a budget regardless of time', () => {
    const s = new Scheduler();
    for (let i = 0; i < 5; i++) s.at(i * 1000, () => {});
    expect(s.runEvents(3)).toBe(3);
    expect(s.now).toBe(2000);
    expect(s.runEvents(10)).toBe(2);
  });

  it('grows past its initial capacity', () => {
    const s = new Scheduler();
    const n = 5000;
    let sum = 0;
    for (let i = n; i > 0; i--) s.at(i, () => (sum += i));
    expect(s.pending).toBe(n);
    s.runUntil(Infinity);
    expect(sum).toBe((n * (n + 1)) / 2);
  });

  type Op = { kind: 'schedule'; time: number } | { kind: 'cancel'; pick: number } | { kind: 'pop' };
  const opArb: fc.Arbitrary<Op> = fc.oneof(
    { weight: 5, arbitrary: fc.integer({ min: 0, max: 40 }).map((time) => ({ kind: 'schedule' as const, time })) },
    { weight: 2, arbitrary: fc.nat(1000).map((pick) => ({ kind: 'cancel' as const, pick })) },
    { weight: 3, arbitrary: fc.constant({ kind: 'pop' as const }) },
  );

  it('property: matches a naive sorted-array reference over random schedule / cancel / pop sequences', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 300 }), (ops) => {
        const s = new Scheduler();
        // reference: list of live events sorted by (time, seq); times are relative offsets from now
        let ref: { time: number; seq: number; label: number }[] = [];
        const ids: { id: number; label: number }[] = [];
        const popped: number[] = [];
        const refPopped: number[] = [];
        let seq = 0;
        let refNow = 0;
        for (const op of ops) {
          if (op.kind === 'schedule') {
            const label = seq++;
            const time = refNow + op.time;
            ids.push({ id: s.at(time, () => popped.push(label)), label });
            ref.push({ time, seq: label, label });
            ref.sort((a, b) => a.time - b.time || a.seq - b.seq);
          } else if (op.kind === 'cancel') {
            if (ids.length === 0) continue;
            const { id, label } = ids[op.pick % ids.length];
            const live = ref.some((e) => e.label === label);
            expect(s.cancel(id)).toBe(live);
            ref = ref.filter((e) => e.label !== label);
          } else {
            const next = ref.shift();
            expect(s.step()).toBe(next !== undefined);
            if (next) {
              refPopped.push(next.label);
              refNow = next.time;
            }
          }
          expect(s.pending).toBe(ref.length);
          expect(s.peekTime()).toBe(ref.length ? ref[0].time : Infinity);
          expect(s.now).toBe(refNow);
        }
        expect(popped).toEqual(refPopped);
      }),
      { numRuns: 300 },
    );
  });
});
