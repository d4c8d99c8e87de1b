import { describe, expect, it } from 'vitest';
import { MAX_SPEED, MIN_SPEED, sliderFromSpeed, speedFromSlider } from '@/components/lab-shell/speed';

describe('the speed slider', () => {
  it('speedFromSlider spans 0.1× to 1000× on a log scale; sliderFromSpeed inverts it', () => {
    expect(speedFromSlider(0)).toBeCloseTo(MIN_SPEED, 12);
    expect(speedFromSlider(1)).toBeCloseTo(MAX_SPEED, 9);
    expect(speedFromSlider(0.25)).toBeCloseTo(1, 9);
    expect(speedFromSlider(0.5)).toBeCloseTo(10, 9);
    expect(speedFromSlider(0.75)).toBeCloseTo(100, 9);
    expect(speedFromSlider(-3)).toBeCloseTo(0.1, 12);
    expect(speedFromSlider(7)).toBeCloseTo(1000, 9);
    for (let x = 0; x <= 1; x += 0.05) expect(sliderFromSpeed(speedFromSlider(x))).toBeCloseTo(x, 9);
    expect(sliderFromSpeed(1e9)).toBe(1);
  });
});
