/**
 * Paints the cluster on a 2D canvas: broker headers (up / down / fenced / slow / cut off), each
 * partition's replicas as log bars (committed part solid, the tail above the high watermark pale,
 * an HW tick, the LEO at the bar's end), ISR members outlined, leaders crowned, the producer's
 * accumulator queues (batches filling against batch.size, a linger clock under each) and the
 * in-flight sample. Drawing calls are bounded by rows × brokers + shown batches + particles.
 */
import type { ClusterView, PartitionView } from '@/simulations/kafka';
import { cellRect, logBarRect, logWindow, offsetX, producerRect, rowTop, type ClusterLayout, type LogWindow, type Rect } from './layout';
import type { Particle } from './particles';

export type { DrawingContext } from '@/components/charts/canvas';
import type { DrawingContext } from '@/components/charts/canvas';

export interface Palette {
  fg: string;
  muted: string;
  border: string;
  surface: string;
  bg: string;
  accent: string;
  log: string;
  crown: string;
  ok: string;
  warning: string;
  danger: string;
  send: string;
  ack: string;
}

/** Fallbacks when CSS custom properties are not available (the light theme's values). */
export const DEFAULT_PALETTE: Palette = {
  fg: '#15171c',
  muted: '#565d6b',
  border: '#d3d7de',
  surface: '#f1f2f4',
  bg: '#ffffff',
  accent: '#0b5cc2',
  log: '#0072b2',
  crown: '#b88600',
  ok: '#08703f',
  warning: '#935200',
  danger: '#b3261e',
  send: '#0072b2',
  ack: '#009e73',
};

export interface Scene {
  layout: ClusterLayout;
  view: ClusterView;
  particles: Particle[];
  /** selected partition / broker (outlined) */
  selected: { partition: number; broker: number };
}

export function compact(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(n >= 1e7 ? 0 : 1)}M`;
  if (n >= 1e4) return `${Math.round(n / 1e3)}k`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)}k`;
  return String(Math.round(n));
}

/** The broker header's status word and its tone. */
export function brokerStatus(b: ClusterView['brokers'][number]): { text: string; tone: 'ok' | 'warning' | 'danger' } {
  if (!b.alive) return { text: b.process === 'recovering' ? 'recovering' : 'down', tone: 'danger' };
  if (b.process === 'recovering') return { text: 'recovering', tone: 'warning' };
  if (b.session === 'fenced') return { text: 'fenced', tone: 'warning' };
  if (b.isolated) return { text: 'cut off', tone: 'danger' };
  if (b.cutFromProducer) return { text: 'no producer link', tone: 'warning' };
  if (b.slow) return { text: 'slow', tone: 'warning' };
  if (b.droppingResponses) return { text: 'drops responses', tone: 'warning' };
  return { text: 'up', tone: 'ok' };
}

function font(L: ClusterLayout, size: number, weight = ''): string {
  const px = L.presenter ? size + 3 : size;
  return `${weight ? `${weight} ` : ''}${px}px system-ui, -apple-system, "Segoe UI", sans-serif`;
}

function crown(ctx: DrawingContext, x: number, y: number, s: number, color: string): void {
  ctx.fillStyle = color;
  ctx.beginPath();
  ctx.moveTo(x, y + s * 0.75);
  ctx.lineTo(x, y + s * 0.1);
  ctx.lineTo(x + s * 0.3, y + s * 0.45);
  ctx.lineTo(x + s * 0.5, y);
  ctx.lineTo(x + s * 0.7, y + s * 0.45);
  ctx.lineTo(x + s, y + s * 0.1);
  ctx.lineTo(x + s, y + s * 0.75);
  ctx.closePath();
  ctx.fill();
}

function drawHeader(ctx: DrawingContext, s: Scene, pal: Palette): void {
  const L = s.layout;
  const v = s.view;
  const y = L.pad;
  ctx.textBaseline = 'top';
  ctx.textAlign = 'left';
  // producer: title and buffer gauge
  ctx.fillStyle = pal.fg;
  ctx.font = font(L, 12, '600');
  ctx.fillText('producer', L.producer.x, y);
  const gauge: Rect = { x: L.producer.x, y: y + (L.presenter ? 20 : 17), w: L.producer.w, h: L.presenter ? 12 : 9 };
  const p = v.producer;
  const frac = p.bufferTotal > 0 ? Math.min(1, p.bufferUsed / p.bufferTotal) : 0;
  ctx.fillStyle = pal.surface;
  ctx.fillRect(gauge.x, gauge.y, gauge.w, gauge.h);
  ctx.fillStyle = p.blocked ? pal.danger : frac > 0.9 ? pal.warning : pal.accent;
  ctx.fillRect(gauge.x, gauge.y, gauge.w * frac, gauge.h);
  ctx.strokeStyle = pal.border;
  ctx.lineWidth = 1;
  ctx.strokeRect(gauge.x + 0.5, gauge.y + 0.5, gauge.w - 1, gauge.h - 1);

  for (const b of v.brokers) {
    const col = L.brokers[b.id];
    if (!col) continue;
    const st = brokerStatus(b);
    ctx.textAlign = 'center';
    ctx.fillStyle = pal.fg;
    ctx.font = font(L, L.compact ? 10 : 12, '600');
    ctx.fillText(L.compact ? `b${b.id}` : `broker ${b.id}`, col.x + col.w / 2, y);
    ctx.font = font(L, L.compact ? 9 : 11);
    ctx.fillStyle = st.tone === 'ok' ? pal.ok : st.tone === 'warning' ? pal.warning : pal.danger;
    const text = L.compact && st.text.length > 6 ? st.text.split(' ')[0] : st.text;
    ctx.fillText(text, col.x + col.w / 2, y + (L.presenter ? 20 : 16));
  }
}

function drawColumns(ctx: DrawingContext, s: Scene, pal: Palette): void {
  const L = s.layout;
  const top = L.pad + L.headerHeight - 4;
  const h = L.rows * L.rowHeight + 6;
  for (const b of s.view.brokers) {
    const col = L.brokers[b.id];
    if (!col) continue;
    ctx.fillStyle = pal.surface;
    ctx.globalAlpha = b.alive ? 1 : 0.45;
    ctx.fillRect(col.x, top, col.w, h);
    ctx.globalAlpha = 1;
    if (!b.alive) {
      // hatch a dead broker's column
      ctx.strokeStyle = pal.danger;
      ctx.globalAlpha = 0.25;
      ctx.lineWidth = 1;
      ctx.beginPath();
      // lines u + v = c across the column, clipped to it
      for (let c = 10; c < col.w + h; c += 10) {
        const v0 = Math.max(0, c - col.w);
        const v1 = Math.min(h, c);
        ctx.moveTo(col.x + c - v0, top + v0);
        ctx.lineTo(col.x + c - v1, top + v1);
      }
      ctx.stroke();
      ctx.globalAlpha = 1;
    }
    if (b.id === s.selected.broker) {
      ctx.strokeStyle = pal.accent;
      ctx.lineWidth = 1;
      ctx.setLineDash([3, 3]);
      ctx.strokeRect(col.x + 0.5, top + 0.5, col.w - 1, h - 1);
      ctx.setLineDash([]);
    }
  }
}

function drawReplica(ctx: DrawingContext, s: Scene, pal: Palette, row: number, r: PartitionView['replicas'][number], scale: LogWindow): void {
  const L = s.layout;
  const cell = cellRect(L, row, r.broker);
  const bar = logBarRect(L, cell);
  ctx.globalAlpha = r.alive ? 1 : 0.4;
  ctx.fillStyle = pal.bg;
  ctx.fillRect(bar.x, bar.y, bar.w, bar.h);
  const hwX = offsetX(bar, Math.min(r.hw, r.leo), scale);
  const leoX = offsetX(bar, r.leo, scale);
  ctx.fillStyle = pal.log;
  ctx.fillRect(bar.x, bar.y, hwX - bar.x, bar.h);
  ctx.globalAlpha = (r.alive ? 1 : 0.4) * 0.35;
  ctx.fillRect(hwX, bar.y, leoX - hwX, bar.h);
  ctx.globalAlpha = r.alive ? 1 : 0.4;
  // HW tick, taller than the bar
  ctx.strokeStyle = pal.fg;
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  ctx.moveTo(hwX, bar.y - 3);
  ctx.lineTo(hwX, bar.y + bar.h + 3);
  ctx.stroke();
  // ISR: solid accent outline; out of sync: dashed muted
  ctx.lineWidth = r.inIsr ? 2 : 1;
  ctx.strokeStyle = r.inIsr ? pal.accent : pal.muted;
  ctx.setLineDash(r.inIsr ? [] : [3, 2]);
  ctx.strokeRect(bar.x - 1, bar.y - 1, bar.w + 2, bar.h + 2);
  ctx.setLineDash([]);
  if (scale.from > 0) {
    // the bar starts mid-log: a break mark on its left end
    ctx.strokeStyle = pal.bg;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(bar.x + 3, bar.y - 1);
    ctx.lineTo(bar.x + 1, bar.y + bar.h + 1);
    ctx.stroke();
  }
  if (r.leader) crown(ctx, bar.x, Math.max(cell.y - 1, bar.y - (L.presenter ? 13 : 10)), L.presenter ? 12 : 9, pal.crown);
  // numbers only where both fit side by side (the canvas label and the panels carry them otherwise)
  if (bar.w >= (L.presenter ? 120 : 96) && cell.h >= 26) {
    ctx.font = font(L, 9);
    ctx.textBaseline = 'top';
    ctx.fillStyle = pal.muted;
    ctx.textAlign = 'left';
    ctx.fillText(`LEO ${compact(r.leo)}`, bar.x, bar.y + bar.h + 2);
    ctx.textAlign = 'right';
    ctx.fillText(`HW ${compact(r.hw)}`, bar.x + bar.w, bar.y + bar.h + 2);
  }
  ctx.globalAlpha = 1;
}

function drawProducerRow(ctx: DrawingContext, s: Scene, pal: Palette, row: number, part: PartitionView): void {
  const L = s.layout;
  const cell = producerRect(L, row);
  const labelW = L.presenter ? 30 : 24;
  ctx.font = font(L, 11, part.partition === s.selected.partition ? '700' : '');
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  ctx.fillStyle = part.offline ? pal.danger : pal.fg;
  ctx.fillText(`p${part.partition}`, cell.x, cell.y + cell.h / 2);
  const slots = Math.max(1, Math.min(4, Math.floor((cell.w - labelW) / 22)));
  const gap = 3;
  const boxW = (cell.w - labelW - gap * (slots - 1)) / slots;
  const boxH = Math.max(6, cell.h - 12);
  const linger = s.view.producer.lingerMs;
  for (let i = 0; i < slots; i++) {
    const x = cell.x + labelW + i * (boxW + gap);
    const y = cell.y + 2;
    const b = part.queue[i];
    ctx.strokeStyle = pal.border;
    ctx.lineWidth = 1;
    ctx.strokeRect(x + 0.5, y + 0.5, boxW - 1, boxH - 1);
    if (!b) continue;
    if (i === slots - 1 && part.queuedBatches > slots) {
      ctx.fillStyle = pal.muted;
      ctx.font = font(L, 9);
      ctx.textAlign = 'center';
      ctx.fillText(`+${compact(part.queuedBatches - slots + 1)}`, x + boxW / 2, y + boxH / 2);
      continue;
    }
    ctx.fillStyle = b.attempts > 0 ? pal.warning : pal.send;
    ctx.globalAlpha = 0.85;
    const fh = (boxH - 2) * b.fill;
    ctx.fillRect(x + 1, y + boxH - 1 - fh, boxW - 2, fh);
    ctx.globalAlpha = 1;
    // linger clock: how much of linger.ms the batch has waited (full = sendable by time)
    const lingerFrac = linger > 0 ? Math.min(1, b.ageMs / linger) : 1;
    ctx.fillStyle = lingerFrac >= 1 ? pal.ok : pal.muted;
    ctx.fillRect(x, y + boxH + 2, boxW * lingerFrac, 3);
  }
  if (part.partition === s.selected.partition) {
    ctx.strokeStyle = pal.accent;
    ctx.setLineDash([3, 3]);
    ctx.lineWidth = 1;
    ctx.strokeRect(cell.x - 2.5, cell.y - 1.5, L.brokers[L.brokers.length - 1].x + L.brokers[L.brokers.length - 1].w - cell.x + 4, cell.h + 3);
    ctx.setLineDash([]);
  }
}

function drawParticles(ctx: DrawingContext, s: Scene, pal: Palette): void {
  const r = s.layout.presenter ? 4 : 3;
  for (const p of s.particles) {
    ctx.fillStyle = p.kind === 'send' ? pal.send : p.kind === 'ack' ? pal.ack : p.kind === 'retry' ? pal.warning : pal.danger;
    ctx.globalAlpha = p.kind === 'fail' ? 1 - p.progress * 0.8 : 0.9;
    ctx.beginPath();
    if (p.kind === 'fail') {
      ctx.moveTo(p.x - r, p.y - r);
      ctx.lineTo(p.x + r, p.y + r);
      ctx.moveTo(p.x + r, p.y - r);
      ctx.lineTo(p.x - r, p.y + r);
      ctx.strokeStyle = pal.danger;
      ctx.lineWidth = 2;
      ctx.stroke();
    } else {
      ctx.arc(p.x, p.y, r, 0, Math.PI * 2);
      ctx.fill();
    }
  }
  ctx.globalAlpha = 1;
}

export function drawScene(ctx: DrawingContext, s: Scene, pal: Palette): void {
  const L = s.layout;
  ctx.clearRect(0, 0, L.width, L.height);
  drawColumns(ctx, s, pal);
  drawHeader(ctx, s, pal);
  s.view.partitions.forEach((part, row) => {
    if (row >= L.rows) return;
    drawProducerRow(ctx, s, pal, row, part);
    const scale = logWindow(part.replicas);
    for (const r of part.replicas) drawReplica(ctx, s, pal, row, r, scale);
    if (part.offline) {
      ctx.fillStyle = pal.danger;
      ctx.font = font(L, 10, '600');
      ctx.textAlign = 'right';
      ctx.textBaseline = 'top';
      ctx.fillText('offline', L.producer.x + L.producer.w, rowTop(L, row) + 1);
    }
  });
  drawParticles(ctx, s, pal);
  if (L.hidden > 0) {
    ctx.fillStyle = pal.muted;
    ctx.font = font(L, 11);
    ctx.textAlign = 'left';
    ctx.textBaseline = 'top';
    ctx.fillText(`+ ${L.hidden} more partition${L.hidden === 1 ? '' : 's'} not drawn`, L.producer.x, rowTop(L, L.rows) + 4);
  }
}
