import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { numberText } from '@/simulations/core/numberText';

describe('numberText (captions)', () => {
  it('is exactly toLocaleString("en-US", { maximumFractionDigits }) for any number and digit count', () => {
    fc.assert(
      fc.property(fc.oneof(fc.double({ noNaN: false }), fc.integer({ min: -1e12, max: 1e12 })), fc.integer({ min: 0, max: 6 }), (x, digits) => {
        expect(numberText(x, digits)).toBe(x.toLocaleString('en-US', { maximumFractionDigits: digits }));
      }),
      { numRuns: 2000 },
    );
  });
  it('groups and rounds as learners read it', () => {
    expect(numberText(1234567)).toBe('1,234,567');
    expect(numberText(1234.5678, 1)).toBe('1,234.6');
    expect(numberText(0.5)).toBe('1');
  });
});
