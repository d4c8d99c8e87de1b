/** The request timeline's canvas drawing: pixel-column merging keeps a draw O(pixels), hover finds bars. */
import { describe, expect, it } from 'vitest';
import type { DrawingContext } from '@/components/charts/canvas';
import { barAt, DEFAULT_TIMELINE_PALETTE, drawTimeline, LABEL_W, ROW_H, timelineLayout } from '@/components/labs/upload/parts/timelineDraw';
import type { RequestBar, Timeline } from '@/components/labs/upload/viewModel';

/** A context that counts the fills and strokes that reach the canvas. */
function recordingContext() {
  const calls = { fillRect: 0, strokeRect: 0, fillText: [] as string[] };
  const ctx = new Proxy({} as Record<string, unknown>, {
    get(target, prop: string) {
      if (prop in target) return target[prop];
      if (prop === 'fillRect') return () => calls.fillRect++;
      if (prop === 'strokeRect') return () => calls.strokeRect++;
      if (prop === 'fillText') return (text: string) => calls.fillText.push(text);
      return () => {};
    },
    set(target, prop: string, value) {
      target[prop] = value;
      return true;
    },
  }) as unknown as DrawingContext;
  return { ctx, calls };
}

function bar(i: number, startMs: number, endMs: number | null, extra: Partial<RequestBar> = {}): RequestBar {
  return { key: `tus:${i}`, row: 'tus', method: 'PATCH', startMs, endMs, status: endMs === null ? null : 204, sent: 1024, error: null, ...extra };
}

describe('request timeline drawing', () => {
  const width = 1000;
  const horizonMs = 3_600_000;

  it('thousands of sub-pixel requests and outages reach the canvas as at most a few fills per pixel column', () => {
    const bars: RequestBar[] = [];
    const bands: Timeline['bands'] = [];
    for (let i = 0; i < 20_000; i++) bars.push(bar(i, i * 180, i * 180 + 150, i % 97 === 0 ? { error: 'link down', status: null } : {}));
    for (let i = 0; i < 5_000; i++) bands.push({ kind: 'outage', startMs: i * 700, endMs: i * 700 + 300 });
    const timeline: Timeline = { rows: [{ id: 'tus', label: 'tus' }], bars, bands };
    const L = timelineLayout(1, width, horizonMs);
    const { ctx, calls } = recordingContext();
    const { merged } = drawTimeline(ctx, timeline, L, horizonMs, DEFAULT_TIMELINE_PALETTE);
    expect(merged).toBe(true);
    // plot ≈ 886 px: bands + bars merged per column, plus row rule; cut outlines once per 2 px
    expect(calls.fillRect).toBeLessThan(2 * L.plotW);
    expect(calls.strokeRect).toBeLessThan(L.plotW / 2);
    expect(calls.fillText.length).toBeLessThan(L.plotW);
  });

  it('a few wide requests are drawn one by one, labelled with their status, and not called merged', () => {
    const bars = [bar(0, 0, 600_000), bar(1, 600_000, 1_200_000, { error: 'link down', status: null }), bar(2, 1_300_000, null)];
    const timeline: Timeline = { rows: [{ id: 'tus', label: 'tus' }], bars, bands: [{ kind: 'restart', startMs: 1_250_000, endMs: null }] };
    const { ctx, calls } = recordingContext();
    const { merged } = drawTimeline(ctx, timeline, timelineLayout(1, width, horizonMs), 2_000_000, DEFAULT_TIMELINE_PALETTE);
    expect(merged).toBe(false);
    expect(calls.fillText).toEqual(expect.arrayContaining(['tus', '204', '✕']));
    expect(calls.strokeRect).toBe(1);
  });

  it('hovering finds the bar under the pointer in its swimlane', () => {
    const bars = [bar(0, 0, 600_000), { ...bar(1, 100_000, 900_000), row: 'post', key: 'post:1', method: 'POST' }, bar(2, 1_000_000, 1_100_000)];
    const timeline: Timeline = { rows: [{ id: 'tus', label: 'tus' }, { id: 'post', label: 'plain POST' }], bars, bands: [] };
    const L = timelineLayout(2, width, horizonMs);
    const xAt = (ms: number) => LABEL_W + (ms / horizonMs) * L.plotW;
    expect(barAt(timeline, L, horizonMs, xAt(300_000), ROW_H / 2)?.key).toBe('tus:0');
    expect(barAt(timeline, L, horizonMs, xAt(300_000), ROW_H * 1.5)?.key).toBe('post:1');
    expect(barAt(timeline, L, horizonMs, xAt(1_050_000), ROW_H / 2)?.key).toBe('tus:2');
    expect(barAt(timeline, L, horizonMs, xAt(2_000_000), ROW_H / 2)).toBeNull();
    expect(barAt(timeline, L, horizonMs, 10, ROW_H / 2)).toBeNull();
  });
});
