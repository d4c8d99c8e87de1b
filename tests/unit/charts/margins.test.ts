import { describe, expect, it } from 'vitest';
import { chartMargins, textWidth, TICK_FONT_PX } from '@/components/charts/margins';

describe('chartMargins', () => {
  it('keeps the classic 52 px left margin for short tick labels', () => {
    expect(chartMargins({ yTickLabels: ['0', '10', '20'], lastXTickLabel: '60', hasYLabel: true })).toEqual({ top: 10, right: 16, bottom: 34, left: 52 });
  });

  it('widens the left margin so a long tick label and the y title both fit', () => {
    const m = chartMargins({ yTickLabels: ['0', '500,000', '1,000,000'], lastXTickLabel: '600', hasYLabel: true });
    expect(m.left).toBeGreaterThanOrEqual(6 + textWidth('1,000,000', TICK_FONT_PX) + TICK_FONT_PX);
    expect(m.left).toBeGreaterThan(52);
  });

  it('lets half of a long last x label hang into the right margin', () => {
    const m = chartMargins({ yTickLabels: ['0'], lastXTickLabel: '1,000,000 s', hasYLabel: false });
    expect(m.right).toBeGreaterThanOrEqual(textWidth('1,000,000 s', TICK_FONT_PX) / 2);
  });

  it('scales with the text (presenter mode)', () => {
    const normal = chartMargins({ yTickLabels: ['0', '1.5k'], lastXTickLabel: '60', hasYLabel: true });
    const big = chartMargins({ yTickLabels: ['0', '1.5k'], lastXTickLabel: '60', hasYLabel: true, textScale: 1.45 });
    expect(big.left).toBeGreaterThan(normal.left);
    expect(big.bottom).toBe(Math.round(34 * 1.45));
  });
});
