import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { visibleWindow } from '@/components/lab-shell/logWindow';

describe('event log window', () => {
  it('renders only the rows in view plus overscan', () => {
    expect(visibleWindow({ count: 100, rowHeight: 20, viewportHeight: 200, scrollTop: 0, overscan: 4 })).toEqual({ start: 0, end: 15 });
    expect(visibleWindow({ count: 100, rowHeight: 20, viewportHeight: 200, scrollTop: 1000, overscan: 4 })).toEqual({ start: 46, end: 65 });
    expect(visibleWindow({ count: 100, rowHeight: 20, viewportHeight: 200, scrollTop: 99_999, overscan: 4 })).toEqual({ start: 86, end: 100 });
  });

  it('renders everything while sizes are unknown', () => {
    expect(visibleWindow({ count: 7, rowHeight: 0, viewportHeight: 200, scrollTop: 0, overscan: 4 })).toEqual({ start: 0, end: 7 });
  });

  it('property: every row that intersects the viewport is rendered', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 500 }),
        fc.double({ min: 5, max: 60, noNaN: true }),
        fc.double({ min: 10, max: 800, noNaN: true }),
        fc.double({ min: 0, max: 40_000, noNaN: true }),
        (count, rowHeight, viewportHeight, scrollTop) => {
          const { start, end } = visibleWindow({ count, rowHeight, viewportHeight, scrollTop, overscan: 0 });
          expect(0 <= start && start <= end && end <= count).toBe(true);
          for (let i = 0; i < count; i++) {
            const top = i * rowHeight;
            const visible = top + rowHeight > scrollTop && top < scrollTop + viewportHeight;
            if (visible) expect(i >= start && i < end).toBe(true);
          }
        },
      ),
    );
  });
});
