import { describe, expect, it } from 'vitest';
import { Recorder, upperBoundByTime } from '@/simulations/core/recorder';

type Ev = { type: 'arrival'; id: number } | { type: 'drop'; id: number };

function setup(eventLimit?: number) {
  let now = 0;
  const rec = new Recorder<Ev>(() => now, { eventLimit });
  return { rec, at: (t: number) => (now = t) };
}

describe('Recorder', () => {
  it('stamps events with the current virtual time and counts them per type', () => {
    const { rec, at } = setup();
    at(5);
    rec.log({ type: 'arrival', id: 1 });
    at(9);
    rec.log({ type: 'drop', id: 2 });
    rec.log({ type: 'arrival', id: 3 });
    expect(rec.events).toEqual([
      { type: 'arrival', id: 1, t: 5 },
      { type: 'drop', id: 2, t: 9 },
      { type: 'arrival', id: 3, t: 9 },
    ]);
    expect(rec.count('arrival')).toBe(2);
    expect(rec.counts()).toEqual({ arrival: 2, drop: 1 });
  });

  it('beyond eventLimit, events are counted but not stored', () => {
    const { rec } = setup(2);
    for (let i = 0; i < 5; i++) rec.log({ type: 'arrival', id: i });
    expect(rec.events.length).toBe(2);
    expect(rec.dropped).toBe(3);
    expect(rec.count('arrival')).toBe(5);
  });

  it('samples series at now or at an explicit time; unknown series are empty', () => {
    const { rec, at } = setup();
    at(10);
    rec.sample('q', 1);
    rec.sample('q', 2, 15);
    expect(rec.series('q')).toEqual([
      { t: 10, v: 1 },
      { t: 15, v: 2 },
    ]);
    expect(rec.series('nope')).toEqual([]);
    expect(rec.seriesNames()).toEqual(['q']);
  });

  it('bumps version on every change', () => {
    const { rec } = setup();
    const v0 = rec.version;
    rec.log({ type: 'arrival', id: 1 });
    rec.sample('q', 1);
    expect(rec.version).toBe(v0 + 2);
  });

  it('rewind(mark) forgets everything after the mark: events, points, new series, counts and dropped', () => {
    const { rec, at } = setup(3);
    rec.log({ type: 'arrival', id: 1 });
    rec.sample('q', 1);
    const mark = rec.mark();
    const before = JSON.stringify({ events: rec.events, q: rec.series('q'), counts: rec.counts(), dropped: rec.dropped });
    at(50);
    for (let i = 0; i < 4; i++) rec.log({ type: 'drop', id: i });
    rec.sample('q', 7);
    rec.sample('later', 3);
    expect(rec.dropped).toBe(2);
    rec.rewind(mark);
    expect(JSON.stringify({ events: rec.events, q: rec.series('q'), counts: rec.counts(), dropped: rec.dropped })).toBe(before);
    expect(rec.seriesNames()).toEqual(['q']);
    expect(rec.count('drop')).toBe(0);
    // and recording continues normally after a rewind
    rec.log({ type: 'arrival', id: 9 });
    expect(rec.events.map((e) => e.id)).toEqual([1, 9]);
  });

  it('clear() empties the recorder', () => {
    const { rec } = setup();
    rec.log({ type: 'arrival', id: 1 });
    rec.sample('q', 1);
    rec.clear();
    expect(rec.events).toEqual([]);
    expect(rec.seriesNames()).toEqual([]);
    expect(rec.counts()).toEqual({});
  });

  it('upperBoundByTime finds the first point after a time', () => {
    const pts = [0, 10, 10, 20, 30].map((t) => ({ t }));
    expect(upperBoundByTime(pts, -1)).toBe(0);
    expect(upperBoundByTime(pts, 10)).toBe(3);
    expect(upperBoundByTime(pts, 25)).toBe(4);
    expect(upperBoundByTime(pts, 99)).toBe(5);
    expect(upperBoundByTime([], 5)).toBe(0);
  });
});

describe('rewind hands out new arrays', () => {
  it('a series or the event log that shrank and regrew is a different array (view caches key on identity)', () => {
    let now = 0;
    const rec = new Recorder(() => now);
    for (let i = 0; i < 5; i++) {
      now = i;
      rec.sample('x', i);
      rec.log({ type: 'e' });
    }
    const mark = rec.mark();
    now = 5;
    rec.sample('x', 5);
    rec.log({ type: 'e' });
    const seriesBefore = rec.series('x');
    const eventsBefore = rec.events;
    rec.rewind(mark);
    now = 5;
    rec.sample('x', 50);
    rec.log({ type: 'e' });
    expect(rec.series('x')).not.toBe(seriesBefore);
    expect(rec.events).not.toBe(eventsBefore);
    expect(rec.series('x').map((p) => p.v)).toEqual([0, 1, 2, 3, 4, 50]);
    expect(seriesBefore.map((p) => p.v)).toEqual([0, 1, 2, 3, 4, 5]);
  });
});
