/**
 * The request timeline's canvas drawing (RequestTimeline.tsx): layout, one pass over bands and bars,
 * and the hit test for hovering. Plain functions on a DrawingContext, so tests pass a recording fake.
 *
 * Work per draw is O(bars + bands) cheap fills, and what reaches the canvas is O(pixels): runs of
 * bands, and of bars in one swimlane, that fall within the same pixel column are merged into one
 * rectangle (a one-hour run with an outage a second has thousands of both on ~900 px).
 */
import type { DrawingContext } from '@/components/charts/canvas';
import { formatBytes, type RequestBar, type Timeline } from '../viewModel';

export const LABEL_W = 96;
export const ROW_H = 26;
export const AXIS_H = 22;
const BAR_PAD = 4;
const MIN_BAR_W = 1.5;

export interface TimelinePalette {
  fg: string;
  muted: string;
  border: string;
  danger: string;
  dangerSoft: string;
  post: string;
  get: string;
  head: string;
  patch: string;
  put: string;
  other: string;
}

/** status text on a bar: white on every method colour, in both themes */
const BAR_TEXT = '#ffffff';

/** the light theme's values (app/globals.css), used until the CSS variables can be read */
export const DEFAULT_TIMELINE_PALETTE: TimelinePalette = {
  fg: '#15171c',
  muted: '#565d6b',
  border: '#d3d7de',
  danger: '#b3261e',
  dangerSoft: '#fdecea',
  post: '#cc79a7',
  get: '#56b4e9',
  head: '#b88600',
  patch: '#0072b2',
  put: '#009e73',
  other: '#565d6b',
};

export const TIMELINE_PALETTE_VARS: Record<keyof TimelinePalette, string> = {
  fg: '--fg',
  muted: '--muted',
  border: '--border',
  danger: '--danger',
  dangerSoft: '--danger-soft',
  post: '--series-4',
  get: '--series-6',
  head: '--series-5',
  patch: '--series-1',
  put: '--series-3',
  other: '--muted',
};

/** The legend: method and its CSS colour (the same variables the palette reads). */
export const METHOD_SWATCH: [string, string][] = [
  ['POST', 'var(--series-4)'],
  ['GET', 'var(--series-6)'],
  ['HEAD', 'var(--series-5)'],
  ['PATCH', 'var(--series-1)'],
  ['PUT', 'var(--series-3)'],
];

const METHOD_KEY: Record<string, keyof TimelinePalette> = { POST: 'post', GET: 'get', HEAD: 'head', PATCH: 'patch', PUT: 'put' };

export interface TimelineLayout {
  width: number;
  height: number;
  plotW: number;
  horizonMs: number;
  rows: number;
  textScale: number;
}

export function timelineLayout(rows: number, width: number, horizonMs: number, textScale = 1): TimelineLayout {
  return { width, height: rows * ROW_H + AXIS_H, plotW: Math.max(40, width - LABEL_W - 18), horizonMs: Math.max(1, horizonMs), rows, textScale };
}

function xOf(L: TimelineLayout, ms: number): number {
  return LABEL_W + (Math.min(ms, L.horizonMs) / L.horizonMs) * L.plotW;
}

export function describeBar(b: RequestBar): string {
  const when = `${(b.startMs / 1000).toFixed(2)}–${b.endMs === null ? '…' : (b.endMs / 1000).toFixed(2)} s`;
  const outcome = b.endMs === null ? 'in flight' : b.error ? `cut (${b.error})` : `→ ${b.status}`;
  return `${b.method} ${outcome}, ${when}${b.sent ? `, ${formatBytes(b.sent)} sent` : ''}`;
}

/** A rectangle being merged from items that overlap in pixel columns. */
class Run {
  x0 = 0;
  x1 = -Infinity;
  style = '';
  count = 0;
  constructor(
    private readonly ctx: DrawingContext,
    private readonly y: number,
    private readonly h: number,
  ) {}
  /** add [x0, x1) in `style`; flushes the run when it no longer touches the new one */
  add(x0: number, x1: number, style: string): boolean {
    // only narrow items merge (a bar of a few px keeps its own edges)
    const merges = this.count > 0 && style === this.style && x0 <= this.x1 + 0.5 && x1 - x0 <= 2;
    if (merges) {
      this.x1 = Math.max(this.x1, x1);
      this.count++;
      return true;
    }
    this.flush();
    this.x0 = x0;
    this.x1 = x1;
    this.style = style;
    this.count = 1;
    return false;
  }
  flush(): void {
    if (this.count === 0) return;
    this.ctx.fillStyle = this.style;
    this.ctx.fillRect(this.x0, this.y, Math.max(1, this.x1 - this.x0), this.h);
    this.count = 0;
  }
}

/** Draw the whole timeline; `merged`: some bars or bands shared a pixel column with others. */
export function drawTimeline(ctx: DrawingContext, timeline: Timeline, L: TimelineLayout, nowMs: number, pal: TimelinePalette): { merged: boolean } {
  const plotBottom = L.height - AXIS_H;
  const font = (px: number, weight = '') => `${weight}${Math.round(px * L.textScale)}px system-ui, sans-serif`;
  ctx.clearRect(0, 0, L.width, L.height);
  let merged = false;

  // outages and restarts, under everything
  ctx.globalAlpha = 0.7;
  const bands = new Run(ctx, 0, plotBottom);
  for (const b of timeline.bands) {
    const x0 = xOf(L, b.startMs);
    const x1 = Math.max(x0 + 1, xOf(L, b.endMs ?? nowMs));
    if (bands.add(x0, x1, b.kind === 'outage' ? pal.border : pal.dangerSoft)) merged = true;
  }
  bands.flush();
  ctx.globalAlpha = 1;

  // swimlanes
  ctx.font = font(11);
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  const rowIndex = new Map<string, number>();
  timeline.rows.forEach((r, i) => {
    rowIndex.set(r.id, i);
    ctx.fillStyle = pal.fg;
    ctx.fillText(r.label, 4, i * ROW_H + ROW_H / 2);
    ctx.fillStyle = pal.border;
    ctx.fillRect(LABEL_W, (i + 1) * ROW_H - 1, L.plotW, 1);
  });

  // bars: per row, merged per pixel column; in-flight bars fainter; cut bars outlined in red
  const barH = ROW_H - 9;
  const runs = timeline.rows.map((_, i) => new Run(ctx, i * ROW_H + BAR_PAD, barH));
  const labels: { x: number; y: number; text: string; cut: boolean }[] = [];
  const cutsOutlined: { x: number; y: number; w: number }[] = [];
  for (const b of timeline.bars) {
    const row = rowIndex.get(b.row) ?? 0;
    const y = row * ROW_H + BAR_PAD;
    const x0 = xOf(L, b.startMs);
    const w = Math.max(MIN_BAR_W, xOf(L, b.endMs ?? nowMs) - x0);
    const cut = b.error !== null;
    const color = pal[METHOD_KEY[b.method] ?? 'other'];
    if (b.endMs === null) {
      runs[row].flush();
      ctx.globalAlpha = 0.6;
      ctx.fillStyle = color;
      ctx.fillRect(x0, y, w, barH);
      ctx.globalAlpha = 1;
    } else if (runs[row].add(x0, x0 + w, color)) merged = true;
    if (cut) cutsOutlined.push({ x: x0, y, w });
    const label = cut ? '✕' : b.status !== null ? String(b.status) : '';
    if (label && w > (cut ? 10 : 22)) labels.push({ x: x0 + w / 2, y: y + barH / 2, text: label, cut });
    else if (cut) labels.push({ x: x0 + w + 3, y: y - 2, text: '✕', cut });
  }
  for (const r of runs) r.flush();
  // outlines and labels on top; at most one per pixel column and row (the rest would overprint)
  ctx.strokeStyle = pal.danger;
  ctx.lineWidth = 2;
  let lastOutline = -Infinity;
  for (const c of cutsOutlined) {
    if (c.w < 2 && c.x - lastOutline < 2) continue;
    lastOutline = c.x;
    ctx.strokeRect(c.x, c.y, c.w, barH);
  }
  ctx.textAlign = 'center';
  let lastLabel = -Infinity;
  let lastLabelY = -1;
  for (const l of labels) {
    if (l.y === lastLabelY && l.x - lastLabel < 8) continue;
    lastLabel = l.x;
    lastLabelY = l.y;
    ctx.font = l.cut ? font(11, '700 ') : font(10);
    ctx.fillStyle = l.cut ? pal.danger : BAR_TEXT;
    ctx.fillText(l.text, l.x, l.y);
  }

  // the cursor (dashed) and the time axis
  const cx = xOf(L, nowMs);
  ctx.strokeStyle = pal.fg;
  ctx.lineWidth = 1;
  ctx.setLineDash([3, 3]);
  ctx.beginPath();
  ctx.moveTo(cx, 0);
  ctx.lineTo(cx, plotBottom);
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.fillStyle = pal.muted;
  ctx.font = font(10);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'alphabetic';
  for (let i = 0; i <= 5; i++) {
    const t = (i * L.horizonMs) / 5;
    ctx.fillText(String(Number((t / 1000).toPrecision(3))), xOf(L, t), plotBottom + 14);
  }
  return { merged };
}

/**
 * The bar under a point (CSS px in the canvas), the latest-starting one when several overlap; null
 * when none. Bars of a row are in start order, so this is a binary search plus a short scan back.
 */
export function barAt(timeline: Timeline, L: TimelineLayout, nowMs: number, px: number, py: number): RequestBar | null {
  const row = Math.floor(py / ROW_H);
  if (row < 0 || row >= timeline.rows.length || px < LABEL_W) return null;
  const rowId = timeline.rows[row].id;
  const ms = ((px - LABEL_W) / L.plotW) * L.horizonMs;
  const slackMs = (2 / L.plotW) * L.horizonMs;
  const bars = timeline.bars;
  // last bar starting at or before ms + slack (bars are in start order across rows)
  let lo = 0;
  let hi = bars.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (bars[mid].startMs <= ms + slackMs) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo - 1, scanned = 0; i >= 0 && scanned < 2000; i--, scanned++) {
    const b = bars[i];
    if (b.row !== rowId) continue;
    if ((b.endMs ?? nowMs) + slackMs >= ms) return b;
  }
  return null;
}
