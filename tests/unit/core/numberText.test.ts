import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { groupedNumber, numberText } from '@/simulations/core/numberText';

// numbers on the rounding edge: decimals ending in 5 at every scale, integers past 2^53, tiny and huge
const edgy = fc.oneof(
  fc.double({ noNaN: false }),
  fc.integer({ min: -1e12, max: 1e12 }),
  fc.tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 8 })).map(([n, p]) => (n + 0.5) / 10 ** p),
  fc.tuple(fc.double({ min: 1, max: 10, noNaN: true }), fc.integer({ min: -12, max: 25 })).map(([m, e]) => m * 10 ** e),
);

describe('numberText (captions, without Intl)', () => {
  it('is exactly toLocaleString("en-US", { maximumFractionDigits }) for any number and digit count', () => {
    fc.assert(
      fc.property(edgy, fc.integer({ min: 0, max: 20 }), (x, digits) => {
        expect(numberText(x, digits)).toBe(x.toLocaleString('en-US', { maximumFractionDigits: digits }));
      }),
      { numRuns: 5000 },
    );
  });
  it('groupedNumber is exactly toLocaleString("en-US")', () => {
    fc.assert(
      fc.property(edgy, (x) => {
        expect(groupedNumber(x)).toBe(x.toLocaleString('en-US'));
      }),
      { numRuns: 3000 },
    );
  });
  it('rounds as Intl does, from the shortest decimal, half away from zero', () => {
    // 1.005 is 1.00499999999999989… in binary: toFixed(2) says 1.00, Intl (and learners) 1.01
    expect(numberText(1.005, 2)).toBe('1.01');
    expect(numberText(-2.5)).toBe('-3');
    expect(numberText(-0.0001)).toBe('-0');
    expect(numberText(999.9996, 3)).toBe('1,000');
    expect(numberText(1.5e-7, 7)).toBe('0.0000002');
    expect(numberText(1e21)).toBe('1,000,000,000,000,000,000,000');
    expect(numberText(Infinity)).toBe('∞');
    expect(numberText(NaN)).toBe('NaN');
  });
  it('groups and rounds as learners read it', () => {
    expect(numberText(1234567)).toBe('1,234,567');
    expect(numberText(1234.5678, 1)).toBe('1,234.6');
    expect(numberText(0.5)).toBe('1');
    expect(groupedNumber(1234.56789)).toBe('1,234.568');
  });
});
