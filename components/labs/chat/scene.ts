/**
 * One frame of the topology picture, computed from the model at the current time (see topology.ts).
 */
import type { ChatModel } from '@/simulations/chat/sim/model';
import { effectiveKBPerConnection } from '@/simulations/chat/core/capacity';
import {
  binDevices,
  cellOrigin,
  cellsFor,
  devicesPerCell,
  gatewayBox,
  gatewayX,
  hubNodes,
  particlesAt,
  particleWindowMs,
  ripplesAt,
  topologyLayout,
  type Bins,
  type GatewayBox,
  type HubNodes,
  type Particle,
  type Point,
  type Ripple,
  type TopologyLayout,
} from './topology';

/** Bounds that keep a frame cheap whatever the run size. */
export const MAX_PARTICLES = 160;
export const MAX_RIPPLES = 24;
/** Above this many connected dots, dot mode draws no individual connection lines. */
export const MAX_CONNECTION_LINES = 1500;

export interface Scene {
  layout: TopologyLayout;
  bins: Bins;
  /** one dot per device (perCell = 1 and cells big enough to read as dots) */
  dots: boolean;
  /** draw a line from every connected dot to its gateway */
  lines: boolean;
  hubs: HubNodes;
  gateways: GatewayBox[];
  particles: Particle[];
  ripples: Ripple[];
  /** devices that do not fit their column's grid (per gateway) or the pool */
  overflow: { columns: Int32Array; pool: number };
  now: number;
}

export function buildScene(model: ChatModel, now: number, horizonMs: number, width: number, height: number, reuse?: Bins): Scene {
  const p = model.p;
  const G = model.gateways;
  const devices = model.pop.devices;
  const expected = devices / G;
  const layout = topologyLayout(width, height, G, expected);
  const cellsPerColumn = layout.across * layout.rows;
  const bins = binDevices(model, G, (maxColumn) => devicesPerCell(maxColumn, expected, cellsPerColumn), reuse);
  const k = bins.perCell;
  const half = layout.cellSize / 2;
  const hubs = hubNodes(layout, { groups: p.groupShare > 0, channelServers: p.channelServers, relays: p.relays });

  const devicePoint = (d: number): Point | null => {
    const column = bins.column[d];
    if (column < 0) return null;
    const o = cellOrigin(layout, G, column, bins.cell[d]);
    return o ? { x: o.x + half, y: o.y + half } : null;
  };
  const gatewayTop = (g: number): Point => ({ x: gatewayX(layout, g) + layout.gatewayWidth / 2, y: layout.gatewayTop });
  const gatewayBottom = (g: number): Point => ({ x: gatewayX(layout, g) + layout.gatewayWidth / 2, y: layout.gatewayTop + layout.gatewayHeight });

  const windowMs = particleWindowMs(horizonMs);
  const writes = model.recentWrites.recent(now - windowMs, now, MAX_PARTICLES);
  const particles = particlesAt(writes, now, windowMs, MAX_PARTICLES, { gatewayTop, gatewayBottom, hubs, device: devicePoint });
  const rippleWindow = windowMs * 3;
  const changes = model.recentPresence.recent(now - rippleWindow, now, MAX_RIPPLES);
  const ripples = ripplesAt(changes, now, rippleWindow, MAX_RIPPLES, (u) => devicePoint(model.pop.firstDevice[u]) ?? hubs.router);

  const kb = effectiveKBPerConnection(p.serverModel, p.memoryPerConnectionKB, p.threadStackKB);
  const gateways = model.gws.map((gw) => gatewayBox(String(gw.actor.getSnapshot().value), gw.conns, kb, p.gatewayRamGB, p.fdLimit));

  const columns = new Int32Array(G);
  for (let g = 0; g < G; g++) {
    const used = cellsFor(bins.connected[g], k) + cellsFor(bins.handshaking[g], k);
    if (used > cellsPerColumn) columns[g] = (used - cellsPerColumn) * k;
  }
  const poolCells = layout.poolAcross * layout.poolRows;
  const pool = Math.max(0, bins.reconnecting - poolCells * k);

  let connectedTotal = 0;
  for (let g = 0; g < G; g++) connectedTotal += bins.connected[g];
  const dots = k === 1 && layout.cellSize >= 4;
  return {
    layout,
    bins,
    dots,
    lines: dots && connectedTotal <= MAX_CONNECTION_LINES,
    hubs,
    gateways,
    particles,
    ripples,
    overflow: { columns, pool },
    now,
  };
}
