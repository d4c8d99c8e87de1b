import { describe, expect, it } from 'vitest';
import { lastEvents } from '@/components/lab-shell/eventLogSelection';
import { formatTime } from '@/components/lab-shell/format';

const events = [
  { type: 'arrival', t: 1, id: 1 },
  { type: 'start', t: 2, id: 1, server: 0 },
  { type: 'arrival', t: 3, id: 2 },
  { type: 'departure', t: 4.25, id: 1, wait: 0.123456 },
];

describe('event log', () => {
  it('shows the newest rows first, capped', () => {
    const rows = lastEvents(events, { hiddenTypes: new Set(), text: '' }, 2);
    expect(rows.map((r) => r.index)).toEqual([3, 2]);
    expect(rows[0]).toEqual({ index: 3, t: 4.25, type: 'departure', details: 'id=1 wait=0.1235' });
  });

  it('filters by type and by text', () => {
    expect(lastEvents(events, { hiddenTypes: new Set(['arrival']), text: '' }, 10).map((r) => r.type)).toEqual(['departure', 'start']);
    expect(lastEvents(events, { hiddenTypes: new Set(), text: 'ID=2' }, 10).map((r) => r.index)).toEqual([2]);
    expect(lastEvents(events, { hiddenTypes: new Set(), text: 'server' }, 10).map((r) => r.type)).toEqual(['start']);
  });

  it("shows the lab's captions for the events a learner can see, and every raw event on request", () => {
    const caption = (e: { type: string; id?: number }) => (e.type === 'start' ? null : `${e.type} of customer ${e.id}`);
    const seen = lastEvents(events, { hiddenTypes: new Set(), text: '', caption }, 10);
    expect(seen.map((r) => r.details)).toEqual(['departure of customer 1', 'arrival of customer 2', 'arrival of customer 1']);
    expect(lastEvents(events, { hiddenTypes: new Set(), text: 'customer 2', caption }, 10).map((r) => r.index)).toEqual([2]);
    const all = lastEvents(events, { hiddenTypes: new Set(), text: '', caption, all: true }, 10);
    expect(all.map((r) => r.type)).toEqual(['departure', 'arrival', 'start', 'arrival']);
    expect(all[2].details).toBe('id=1 server=0');
  });

  it('never prints null, undefined or NaN for a field', () => {
    const odd = [{ type: 'x', t: 0, a: null, b: undefined, c: Number.NaN, d: 2, e: Infinity }];
    expect(lastEvents(odd, { hiddenTypes: new Set(), text: '' }, 1)[0].details).toBe('c=— d=2 e=Infinity');
  });

  it('formats virtual time', () => {
    expect(formatTime(850)).toBe('850 ms');
    expect(formatTime(12_345)).toBe('12.35 s');
    expect(formatTime(600_000)).toBe('600.0 s');
  });
});
