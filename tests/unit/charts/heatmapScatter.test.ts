import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { HeatmapChart, ScatterChart, groupColor } from '@/components/charts';

const count = (html: string, pattern: RegExp) => (html.match(pattern) ?? []).length;

describe('HeatmapChart', () => {
  it('draws one cell per positive value, scaled by opacity, outlines marked cells, and describes itself', () => {
    const values = [0, 1, 2, 4, 0, -1];
    const html = renderToString(createElement(HeatmapChart, { title: 'Plays', rows: 2, columns: 3, values, marked: [1, 0, 0, 0, 0, 1], markedLabel: 'held out', summary: 'two listeners' }));
    expect(count(html, /fill-opacity=/g)).toBe(3);
    expect(html).toContain('fill-opacity="1"');
    expect(html).toContain('fill-opacity="0.25"');
    expect(count(html, /class="[^"]*marked/g)).toBe(2);
    expect(html).toContain('aria-label="Plays: two listeners"');
    expect(html).toContain('held out');
  });

  it('group bands take the chart palette, wrapping after six colours', () => {
    expect(groupColor(0)).toBe('var(--series-1)');
    expect(groupColor(6)).toBe('var(--series-1)');
    const html = renderToString(createElement(HeatmapChart, { title: 'x', rows: 1, columns: 2, values: [1, 1], rowGroup: [2], columnGroup: [0, 1], summary: 's' }));
    expect(html).toContain('var(--series-3)');
    expect(html).toContain('var(--series-2)');
  });
});

describe('ScatterChart', () => {
  it('draws circles for one layer and squares for the other, with a legend per layer and group', () => {
    const pts = [
      { a: 0, b: 0, g: 0 },
      { a: 1, b: 2, g: 1 },
    ];
    const layer = (id: string, shape: 'circle' | 'square') => ({ id, label: id, data: pts, x: (p: (typeof pts)[number]) => p.a, y: (p: (typeof pts)[number]) => p.b, group: (p: (typeof pts)[number]) => p.g, shape });
    const html = renderToString(createElement(ScatterChart, { title: 'Taste', layers: [layer('users', 'circle'), layer('tracks', 'square')], groupNames: ['Jazz', 'Metal'], summary: 's' }));
    expect(count(html, /<circle/g)).toBe(2);
    expect(count(html, /<rect[^>]*stroke-width/g)).toBe(2);
    expect(html).toContain('Jazz');
    expect(html).not.toMatch(/NaN/);
  });
});
