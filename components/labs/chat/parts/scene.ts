/**
 * One frame of the topology picture, computed from the run's frame at the current time (see
 * topology.ts). O(gateways + drawn samples), whatever the number of devices.
 */
import type { ChatFrame, ChatParams, DevicePlace } from '@/simulations/chat';
import { effectiveKBPerConnection } from '@/simulations/chat';
import {
  binCounts,
  cellOrigin,
  cellsFor,
  devicesPerCell,
  gatewayBox,
  gatewayX,
  hubNodes,
  particlesAt,
  particleWindowMs,
  placeCell,
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
  overflow: { columns: number[]; pool: number };
  now: number;
}

export type SceneParams = Pick<ChatParams, 'groupShare' | 'channelServers' | 'relays' | 'serverModel' | 'memoryPerConnectionKB' | 'threadStackKB' | 'gatewayRamGB' | 'fdLimit'>;

export function buildScene(frame: ChatFrame, p: SceneParams, now: number, horizonMs: number, width: number, height: number): Scene {
  const G = frame.gateways.length;
  const expected = frame.devices / G;
  const layout = topologyLayout(width, height, G, expected);
  const cellsPerColumn = layout.across * layout.rows;
  const counts = {
    connected: frame.gateways.map((g) => g.connected),
    handshaking: frame.gateways.map((g) => g.handshaking),
    reconnecting: frame.reconnecting,
    offline: frame.offline,
  };
  const bins = binCounts(counts, (maxColumn) => devicesPerCell(maxColumn, expected, cellsPerColumn));
  const k = bins.perCell;
  const half = layout.cellSize / 2;
  const hubs = hubNodes(layout, { groups: p.groupShare > 0, channelServers: p.channelServers, relays: p.relays });

  const placePoint = (place: DevicePlace | undefined): Point | null => {
    const at = place ? placeCell(bins, place) : null;
    if (!at) return null;
    const o = cellOrigin(layout, G, at.column, at.cell);
    return o ? { x: o.x + half, y: o.y + half } : null;
  };
  const deviceAt = new Map<number, DevicePlace>();
  for (const w of frame.writes) deviceAt.set(w.device, w.place);
  const userAt = new Map<number, DevicePlace>();
  for (const c of frame.presence) userAt.set(c.user, c.place);
  const gatewayTop = (g: number): Point => ({ x: gatewayX(layout, g) + layout.gatewayWidth / 2, y: layout.gatewayTop });
  const gatewayBottom = (g: number): Point => ({ x: gatewayX(layout, g) + layout.gatewayWidth / 2, y: layout.gatewayTop + layout.gatewayHeight });

  const windowMs = particleWindowMs(horizonMs);
  const particles = particlesAt(frame.writes, now, windowMs, MAX_PARTICLES, { gatewayTop, gatewayBottom, hubs, device: (d) => placePoint(deviceAt.get(d)) });
  const rippleWindow = windowMs * 3;
  const ripples = ripplesAt(frame.presence, now, rippleWindow, MAX_RIPPLES, (u) => placePoint(userAt.get(u)) ?? hubs.router);

  const kb = effectiveKBPerConnection(p.serverModel, p.memoryPerConnectionKB, p.threadStackKB);
  const gateways = frame.gateways.map((gw) => gatewayBox(gw.state, gw.conns, kb, p.gatewayRamGB, p.fdLimit));

  const columns = new Array<number>(G).fill(0);
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
