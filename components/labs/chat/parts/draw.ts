/**
 * Paints a Scene on a 2D canvas. The number of drawing calls is bounded by the canvas area (cells)
 * plus the bounded particle and ripple samples, never by the number of devices or messages.
 */
import { cellOrigin, cellsFor, gatewayX, MAX_TIER_NODES, type TopologyLayout } from './topology';
import type { Scene } from './scene';
import { PRESENCE_AWAY, PRESENCE_ONLINE } from '@/simulations/chat';

export type { DrawingContext } from '@/components/charts/canvas';
import type { DrawingContext } from '@/components/charts/canvas';
import { groupedNumber } from '@/simulations/core/numberText';

export interface Palette {
  fg: string;
  muted: string;
  border: string;
  surface: string;
  connected: string;
  handshaking: string;
  reconnecting: string;
  halfOpen: string;
  ok: string;
  warning: string;
  danger: string;
  particle: string;
  online: string;
  away: string;
  offline: string;
}

/** Fallbacks when CSS custom properties are not available (the light theme's values). */
export const DEFAULT_PALETTE: Palette = {
  fg: '#15171c',
  muted: '#565d6b',
  border: '#d3d7de',
  surface: '#f1f2f4',
  connected: '#0072b2',
  handshaking: '#b88600',
  reconnecting: '#d55e00',
  halfOpen: '#cc79a7',
  ok: '#08703f',
  warning: '#935200',
  danger: '#b3261e',
  particle: '#009e73',
  online: '#08703f',
  away: '#b88600',
  offline: '#565d6b',
};

const STATE_LABEL: Record<string, string> = {
  up: 'up',
  down: 'down',
  dead: 'down',
  draining: 'draining',
  partitioned: 'partitioned',
  partitionedForever: 'partitioned',
};

export function compact(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(n >= 1e7 ? 0 : 1)}M`;
  if (n >= 1e4) return `${Math.round(n / 1e3)}k`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)}k`;
  return String(Math.round(n));
}

function isPartitioned(state: string): boolean {
  return state === 'partitioned' || state === 'partitionedForever';
}
function isDown(state: string): boolean {
  return state === 'down' || state === 'dead';
}

/** Canvas text in CSS px, scaled with the page in presenter mode. */
let textScale = 1;
const font = (px: number) => `${Math.round(px * textScale)}px system-ui, sans-serif`;

/** `scale`: text size relative to the page's (presenter mode draws it larger, like the charts). */
export function drawScene(ctx: DrawingContext, scene: Scene, colors: Palette = DEFAULT_PALETTE, scale = 1): void {
  textScale = scale;
  const L = scene.layout;
  const G = scene.bins.gateways;
  ctx.clearRect(0, 0, L.width, L.height);
  ctx.globalAlpha = 1;
  ctx.setLineDash([]);

  drawLinks(ctx, scene, colors);
  drawColumns(ctx, scene, colors);
  drawPool(ctx, scene, colors);
  drawHubs(ctx, scene, colors);
  for (let g = 0; g < G; g++) drawGateway(ctx, L, g, scene, colors);

  // message particles (bounded sample)
  ctx.globalAlpha = 0.9;
  for (const lost of [false, true]) {
    ctx.fillStyle = lost ? colors.danger : colors.particle;
    ctx.beginPath();
    let any = false;
    for (const p of scene.particles) {
      if (p.lost !== lost) continue;
      ctx.moveTo(p.x + 2.5, p.y);
      ctx.arc(p.x, p.y, 2.5, 0, Math.PI * 2);
      any = true;
    }
    if (any) ctx.fill();
  }

  // presence ripples (bounded sample)
  ctx.lineWidth = 1.5;
  for (const r of scene.ripples) {
    ctx.globalAlpha = 0.8 * r.alpha;
    ctx.strokeStyle = r.status === PRESENCE_ONLINE ? colors.online : r.status === PRESENCE_AWAY ? colors.away : colors.offline;
    ctx.beginPath();
    ctx.arc(r.x, r.y, r.radius, 0, Math.PI * 2);
    ctx.stroke();
  }
  ctx.globalAlpha = 1;
  ctx.lineWidth = 1;
}

/** Router → gateways, and gateway → its devices (lines in dot mode, a band in density mode). */
function drawLinks(ctx: DrawingContext, scene: Scene, colors: Palette): void {
  const L = scene.layout;
  const G = scene.bins.gateways;
  const { router, tier } = scene.hubs;
  ctx.strokeStyle = colors.border;
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (let g = 0; g < G; g++) {
    const x = gatewayX(L, g) + L.gatewayWidth / 2;
    ctx.moveTo(router.x, router.y);
    ctx.lineTo(x, L.gatewayTop);
    for (const t of tier) {
      if (G * tier.length > 512) break;
      ctx.moveTo(t.x, t.y);
      ctx.lineTo(x, L.gatewayTop);
    }
  }
  for (const t of tier) {
    ctx.moveTo(router.x, router.y);
    ctx.lineTo(t.x, t.y);
  }
  ctx.stroke();

  const bottom = L.gatewayTop + L.gatewayHeight;
  if (scene.lines) {
    // one dot per device (perCell = 1): a line from each connected device's cell to its gateway
    const half = L.cellSize / 2;
    ctx.globalAlpha = 0.35;
    ctx.strokeStyle = colors.connected;
    ctx.beginPath();
    for (let g = 0; g < G; g++) {
      const cells = cellsFor(scene.bins.connected[g], 1);
      for (let c = 0; c < cells; c++) {
        const o = cellOrigin(L, G, g, c);
        if (!o) break;
        ctx.moveTo(gatewayX(L, g) + L.gatewayWidth / 2, bottom);
        ctx.lineTo(o.x + half, o.y + half);
      }
    }
    ctx.stroke();
    ctx.globalAlpha = 1;
    return;
  }
  // density: one band per gateway, as wide as its share of the connections
  let max = 1;
  for (let g = 0; g < G; g++) max = Math.max(max, scene.bins.connected[g]);
  ctx.fillStyle = colors.connected;
  ctx.globalAlpha = 0.12;
  ctx.beginPath();
  for (let g = 0; g < G; g++) {
    const c = scene.bins.connected[g];
    if (c === 0) continue;
    const x0 = gatewayX(L, g);
    const mid = x0 + L.gatewayWidth / 2;
    const half = Math.max(1, (L.gatewayWidth / 2) * Math.sqrt(c / max));
    ctx.moveTo(mid - half / 3, bottom);
    ctx.lineTo(mid + half / 3, bottom);
    ctx.lineTo(x0 + L.gatewayWidth, L.columnTop);
    ctx.lineTo(x0, L.columnTop);
    ctx.closePath();
  }
  ctx.fill();
  ctx.globalAlpha = 1;
}

/** Cells of `count` devices starting at cell `first` of a column: full ones batched, the last one by its fill. */
function drawCells(ctx: DrawingContext, L: TopologyLayout, G: number, column: number, first: number, count: number, perCell: number, dots: boolean, color: string): void {
  if (count <= 0) return;
  const cells = cellsFor(count, perCell);
  const size = L.cellSize;
  const pad = size >= 4 ? 1 : size >= 3 ? 0.5 : 0;
  const shape = (o: { x: number; y: number }) => {
    if (dots) {
      const r = Math.max(1, size / 2 - pad);
      ctx.moveTo(o.x + size / 2 + r, o.y + size / 2);
      ctx.arc(o.x + size / 2, o.y + size / 2, r, 0, Math.PI * 2);
    } else {
      ctx.rect(o.x, o.y, size - pad, size - pad);
    }
  };
  ctx.fillStyle = color;
  ctx.globalAlpha = 1;
  ctx.beginPath();
  const lastFill = count - (cells - 1) * perCell;
  const full = lastFill === perCell ? cells : cells - 1;
  for (let c = 0; c < full; c++) {
    const o = cellOrigin(L, G, column, first + c);
    if (!o) break;
    shape(o);
  }
  ctx.fill();
  if (full < cells) {
    const o = cellOrigin(L, G, column, first + cells - 1);
    if (o) {
      ctx.globalAlpha = 0.25 + (0.75 * lastFill) / perCell;
      ctx.beginPath();
      shape(o);
      ctx.fill();
      ctx.globalAlpha = 1;
    }
  }
}

function drawColumns(ctx: DrawingContext, scene: Scene, colors: Palette): void {
  const L = scene.layout;
  const G = scene.bins.gateways;
  const k = scene.bins.perCell;
  for (let g = 0; g < G; g++) {
    const state = scene.gateways[g].state;
    const connected = scene.bins.connected[g];
    drawCells(ctx, L, G, g, 0, connected, k, scene.dots, isPartitioned(state) ? colors.halfOpen : colors.connected);
    drawCells(ctx, L, G, g, cellsFor(connected, k), scene.bins.handshaking[g], k, scene.dots, colors.handshaking);
    const more = scene.overflow.columns[g];
    if (more > 0 && L.labels) {
      ctx.fillStyle = colors.fg;
      ctx.font = font(10);
      ctx.textAlign = 'right';
      ctx.textBaseline = 'bottom';
      ctx.fillText(`+${compact(more)}`, gatewayX(L, g) + L.gatewayWidth, L.columnTop + L.columnHeight);
    }
  }
}

function drawPool(ctx: DrawingContext, scene: Scene, colors: Palette): void {
  const L = scene.layout;
  const G = scene.bins.gateways;
  ctx.strokeStyle = colors.border;
  ctx.setLineDash([3, 3]);
  ctx.beginPath();
  ctx.moveTo(L.margin, L.poolTop - 14);
  ctx.lineTo(L.width - L.margin, L.poolTop - 14);
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.fillStyle = colors.muted;
  ctx.font = font(11);
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
  const more = scene.overflow.pool > 0 ? ` (+${compact(scene.overflow.pool)} not drawn)` : '';
  ctx.fillText(`reconnecting: ${groupedNumber(scene.bins.reconnecting)}${more}`, L.margin, L.poolTop - 3);
  ctx.textAlign = 'right';
  ctx.fillText(`offline (not drawn): ${groupedNumber(scene.bins.offline)}`, L.width - L.margin, L.poolTop - 3);
  drawCells(ctx, L, G, G, 0, scene.bins.reconnecting, scene.bins.perCell, scene.dots, colors.reconnecting);
}

function drawHubs(ctx: DrawingContext, scene: Scene, colors: Palette): void {
  const { router, groupProcess, tier, tierKind, tierCount } = scene.hubs;
  ctx.font = font(11);
  ctx.textBaseline = 'middle';
  const node = (x: number, y: number, r: number, fill: string) => {
    ctx.fillStyle = fill;
    ctx.strokeStyle = colors.fg;
    ctx.beginPath();
    ctx.arc(x, y, r, 0, Math.PI * 2);
    ctx.fill();
    ctx.stroke();
  };
  node(router.x, router.y, 7, colors.surface);
  ctx.fillStyle = colors.fg;
  ctx.textAlign = 'right';
  ctx.fillText('router + session registry', router.x - 12, router.y);
  if (groupProcess) {
    node(groupProcess.x, groupProcess.y, 6, colors.surface);
    ctx.fillStyle = colors.fg;
    ctx.textAlign = 'left';
    ctx.fillText('group processes', groupProcess.x + 10, groupProcess.y);
  }
  if (tierKind && tier.length > 0) {
    ctx.fillStyle = colors.surface;
    ctx.strokeStyle = colors.fg;
    ctx.beginPath();
    for (const t of tier) ctx.rect(t.x - 4, t.y - 4, 8, 8);
    ctx.fill();
    ctx.stroke();
    ctx.fillStyle = colors.muted;
    ctx.textAlign = 'left';
    const name = tierKind === 'relay' ? 'relays' : 'channel servers';
    const shown = tierCount > MAX_TIER_NODES ? ` (${MAX_TIER_NODES} drawn)` : '';
    ctx.fillText(`${tierCount} ${name}${shown}`, scene.layout.margin, scene.layout.tierY - 11);
  }
}

function drawGateway(ctx: DrawingContext, L: TopologyLayout, g: number, scene: Scene, colors: Palette): void {
  const box = scene.gateways[g];
  const x = gatewayX(L, g);
  const y = L.gatewayTop;
  const w = L.gatewayWidth;
  const h = L.gatewayHeight;
  const down = isDown(box.state);
  const partitioned = isPartitioned(box.state);
  ctx.globalAlpha = 1;
  ctx.fillStyle = down ? colors.danger : colors.surface;
  ctx.globalAlpha = down ? 0.18 : 1;
  ctx.fillRect(x, y, w, h);
  ctx.globalAlpha = 1;
  ctx.strokeStyle = down ? colors.danger : partitioned ? colors.halfOpen : box.state === 'draining' ? colors.warning : colors.muted;
  ctx.setLineDash(partitioned ? [4, 3] : []);
  ctx.lineWidth = down || partitioned ? 1.5 : 1;
  ctx.strokeRect(x + 0.5, y + 0.5, w - 1, h - 1);
  ctx.setLineDash([]);
  ctx.lineWidth = 1;

  const barX = x + 3;
  const barW = Math.max(1, w - 6);
  let barY = y + 3;
  if (L.labels) {
    ctx.fillStyle = colors.fg;
    ctx.font = font(11);
    ctx.textAlign = 'left';
    ctx.textBaseline = 'top';
    const state = STATE_LABEL[box.state] ?? box.state;
    ctx.fillText(`gw ${g}${state === 'up' ? '' : ` · ${state}`}`, x + 4, y + 3);
    ctx.textAlign = 'right';
    if (w >= 90) ctx.fillText(compact(box.connections), x + w - 4, y + 3);
    barY = y + 18;
  }
  // memory (vs RAM) and sockets (vs fd limit)
  const bar = (fraction: number, yy: number, hh: number) => {
    ctx.fillStyle = colors.border;
    ctx.fillRect(barX, yy, barW, hh);
    const f = Math.max(0, Math.min(1, fraction));
    ctx.fillStyle = f >= 0.9 ? colors.danger : f >= 0.7 ? colors.warning : colors.ok;
    if (f > 0) ctx.fillRect(barX, yy, Math.max(1, barW * f), hh);
  };
  const memH = L.labels ? 7 : 5;
  bar(box.memoryFraction, barY, memH);
  bar(box.fdFraction, barY + memH + 2, L.labels ? 4 : 3);
}
