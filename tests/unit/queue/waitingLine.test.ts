import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CHUNK_ENTRIES, WaitingLine, type WaitingLineSnapshot } from '@/simulations/queue/waitingLine';

/** Drain a line into plain [id, since] pairs (consumes it). */
function drain(line: WaitingLine): [number, number][] {
  const out: [number, number][] = [];
  while (line.size > 0) {
    out.push([line.headId(), line.headSince()]);
    line.shift();
  }
  return out;
}

describe('WaitingLine (the queue lab\'s chunked FIFO)', () => {
  it('property: behaves as a FIFO array, and every snapshot restores exactly the line it was taken of, whatever happened after', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('push' as const), n: fc.integer({ min: 1, max: 3 * CHUNK_ENTRIES }) }),
      fc.record({ kind: fc.constant('shift' as const), n: fc.integer({ min: 1, max: 3 * CHUNK_ENTRIES }) }),
      fc.record({ kind: fc.constant('snapshot' as const), n: fc.constant(0) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 14 }), (ops) => {
        const line = new WaitingLine();
        const model: [number, number][] = [];
        const snaps: { snap: WaitingLineSnapshot; expected: [number, number][] }[] = [];
        let nextId = 0;
        for (const o of ops) {
          if (o.kind === 'push') {
            for (let i = 0; i < o.n; i++) {
              const since = nextId * 1.5 + 0.25;
              line.push(nextId, since);
              model.push([nextId, since]);
              nextId++;
            }
          } else if (o.kind === 'shift') {
            for (let i = 0; i < o.n && model.length > 0; i++) {
              expect([line.headId(), line.headSince()]).toEqual(model[0]);
              line.shift();
              model.shift();
            }
          } else snaps.push({ snap: line.snapshot(), expected: model.map((x) => [...x] as [number, number]) });
          expect(line.size).toBe(model.length);
        }
        // restored lines are independent: pushing onto one never shows in the live line or another snapshot
        for (const { snap } of snaps) new WaitingLine(snap).push(-1, -1);
        for (const { snap, expected } of snaps) expect(drain(new WaitingLine(snap))).toEqual(expected);
        expect(drain(line)).toEqual(model);
      }),
      { numRuns: 30 },
    );
  });

  it('a snapshot of a long line copies at most one chunk (the rest is shared)', () => {
    const line = new WaitingLine();
    for (let i = 0; i < 100 * CHUNK_ENTRIES + 7; i++) line.push(i, i);
    for (let i = 0; i < 5; i++) line.shift();
    const a = line.snapshot();
    const b = line.snapshot();
    expect(a.tail.length).toBeLessThanOrEqual(2 * CHUNK_ENTRIES);
    expect(a.full.length).toBe(100);
    a.full.forEach((chunk, i) => expect(chunk).toBe(b.full[i]));
    expect(new WaitingLine(a).size).toBe(100 * CHUNK_ENTRIES + 2);
  });
});
