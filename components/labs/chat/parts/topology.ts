/**
 * The topology picture as pure data: where the router, the fan-out tier and the gateways sit, which
 * cell every device occupies, and which sampled messages and presence changes are in flight.
 * draw.ts paints a Scene on a canvas. Everything here is O(gateways) or bounded by the canvas area
 * (the simulation's frame carries counts per gateway and the places of the sampled devices), so
 * millions of devices redraw in well under a millisecond and the DOM never grows with them.
 *
 * Readability from 100 to 100,000 devices: every gateway has a column of cells below it and every
 * cell stands for `perCell` devices (1 → one dot per device; more → a density grid where a cell's
 * opacity is how full it is). `perCell` is a "nice" number (1, 2, 5, 10, 20, …) chosen for the run so
 * that a gateway with 1.25× its fair share still fits; it only grows if a column outgrows that.
 */
import type { DevicePlace } from '@/simulations/chat';
import { HUB_CHANNEL_SERVER, HUB_GROUP, HUB_RELAY, type PresenceSampleItem, type WriteSampleItem } from '@/simulations/chat';

export interface Point {
  x: number;
  y: number;
}

// ---- layout ----------------------------------------------------------------------------------

export interface TopologyLayout {
  width: number;
  height: number;
  margin: number;
  /** centre of the router row */
  hubY: number;
  /** centre of the fan-out tier row (channel servers / relays) */
  tierY: number;
  gatewayTop: number;
  gatewayHeight: number;
  /** horizontal room per gateway, and the box width inside it */
  slotWidth: number;
  gatewayWidth: number;
  columnTop: number;
  columnHeight: number;
  /** the reconnecting pool under the columns */
  poolTop: number;
  poolHeight: number;
  cellSize: number;
  /** cell grid of one gateway column */
  across: number;
  rows: number;
  poolAcross: number;
  poolRows: number;
  /** gateway labels fit */
  labels: boolean;
}

export function topologyLayout(width: number, height: number, gateways: number, expectedPerGateway: number): TopologyLayout {
  const margin = 8;
  const G = Math.max(1, gateways);
  const w = Math.max(120, width);
  const h = Math.max(180, height);
  const slotWidth = (w - 2 * margin) / G;
  const gap = Math.min(10, slotWidth * 0.15);
  const gatewayWidth = Math.max(1, slotWidth - gap);
  const labels = gatewayWidth >= 44;
  const hubY = margin + 10;
  const tierY = margin + 36;
  const gatewayTop = margin + 54;
  const gatewayHeight = labels ? 38 : 16;
  const columnTop = gatewayTop + gatewayHeight + 8;
  const poolBlock = Math.max(44, Math.round(h * 0.2));
  const columnHeight = Math.max(12, h - margin - poolBlock - columnTop);
  const poolTop = columnTop + columnHeight + 18;
  const poolHeight = Math.max(8, h - margin - poolTop);
  const ideal = Math.sqrt((gatewayWidth * columnHeight) / Math.max(1, expectedPerGateway * 1.4));
  const cellSize = Math.max(2, Math.min(16, Math.floor(ideal)));
  return {
    width: w,
    height: h,
    margin,
    hubY,
    tierY,
    gatewayTop,
    gatewayHeight,
    slotWidth,
    gatewayWidth,
    columnTop,
    columnHeight,
    poolTop,
    poolHeight,
    cellSize,
    across: Math.max(1, Math.floor(gatewayWidth / cellSize)),
    rows: Math.max(1, Math.floor(columnHeight / cellSize)),
    poolAcross: Math.max(1, Math.floor((w - 2 * margin) / cellSize)),
    poolRows: Math.max(1, Math.floor(poolHeight / cellSize)),
    labels,
  };
}

export function gatewayX(L: TopologyLayout, g: number): number {
  return L.margin + g * L.slotWidth + (L.slotWidth - L.gatewayWidth) / 2;
}

/** Top-left corner of a cell of a column (gateway g, or `gateways` for the pool); null beyond the grid. */
export function cellOrigin(L: TopologyLayout, gateways: number, column: number, cell: number): Point | null {
  if (column < gateways) {
    if (cell >= L.across * L.rows) return null;
    return { x: gatewayX(L, column) + (cell % L.across) * L.cellSize, y: L.columnTop + Math.floor(cell / L.across) * L.cellSize };
  }
  if (cell >= L.poolAcross * L.poolRows) return null;
  return { x: L.margin + (cell % L.poolAcross) * L.cellSize, y: L.poolTop + Math.floor(cell / L.poolAcross) * L.cellSize };
}

/** 1, 2, 5, 10, 20, 50, … : the smallest such number ≥ x (and ≥ 1). */
export function niceCeil(x: number): number {
  if (!(x > 1)) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 5, 10]) if (m * p >= x - 1e-9) return m * p;
  return 10 * p;
}

/** Devices per cell: a gateway with 1.25× its fair share (or the fullest one now) fits its column. */
export function devicesPerCell(maxColumn: number, expectedPerGateway: number, cellsPerColumn: number): number {
  const needed = Math.max(maxColumn, Math.ceil(expectedPerGateway * 1.25), 1);
  return niceCeil(needed / Math.max(1, cellsPerColumn));
}

// ---- binning ---------------------------------------------------------------------------------

/** What binning reads of a frame: devices per gateway and kind (`ChatFrame` counts). */
export interface FleetCounts {
  /** per gateway: devices whose client is connected through it */
  connected: readonly number[];
  /** per gateway: devices in the middle of a handshake with it */
  handshaking: readonly number[];
  reconnecting: number;
  offline: number;
}

export interface Bins {
  gateways: number;
  perCell: number;
  /** per gateway: devices whose client is connected through it */
  connected: readonly number[];
  /** per gateway: devices in the middle of a handshake with it */
  handshaking: readonly number[];
  /** devices backing off (or about to pick a gateway) */
  reconnecting: number;
  /** devices of users who are not online */
  offline: number;
}

/** Cells a run of `count` devices occupies. */
export function cellsFor(count: number, perCell: number): number {
  return Math.ceil(count / perCell);
}

/**
 * The fleet as cells: in each gateway's column the connected devices first, then (from the next
 * whole cell) the handshaking ones; the reconnecting ones in the pool. `perCell` may be a function
 * of the fullest column (the view picks it from there). O(gateways): the counts come from the frame.
 */
export function binCounts(counts: FleetCounts, perCell: number | ((maxColumn: number) => number)): Bins {
  const G = counts.connected.length;
  let maxColumn = 0;
  for (let g = 0; g < G; g++) maxColumn = Math.max(maxColumn, counts.connected[g] + counts.handshaking[g]);
  const k = Math.max(1, Math.floor(typeof perCell === 'function' ? perCell(maxColumn) : perCell));
  return { gateways: G, perCell: k, connected: counts.connected, handshaking: counts.handshaking, reconnecting: counts.reconnecting, offline: counts.offline };
}

/**
 * The cell of a device placed by the simulation (its kind, gateway and rank among the devices of
 * that kind there, in device-id order): column = gateway (`gateways` = the pool), or null when it is
 * offline (not drawn).
 */
export function placeCell(bins: Bins, place: DevicePlace): { column: number; cell: number } | null {
  const k = bins.perCell;
  const rankCell = Math.floor(place.rank / k);
  if (place.kind === 'connected') return { column: place.gateway, cell: rankCell };
  if (place.kind === 'handshaking') return { column: place.gateway, cell: cellsFor(bins.connected[place.gateway], k) + rankCell };
  if (place.kind === 'reconnecting') return { column: bins.gateways, cell: rankCell };
  return null;
}

// ---- fan-out tier ----------------------------------------------------------------------------

export interface HubNodes {
  router: Point;
  /** the per-group process (Discord guild process) when groups fan out without a tier */
  groupProcess: Point | null;
  /** channel servers or relays actually drawn (at most MAX_TIER_NODES) */
  tier: Point[];
  tierKind: 'channel-server' | 'relay' | null;
  /** how many the params ask for (may exceed tier.length) */
  tierCount: number;
}

export const MAX_TIER_NODES = 16;

export function hubNodes(L: TopologyLayout, opts: { groups: boolean; channelServers: number; relays: number }): HubNodes {
  const router = { x: L.width / 2, y: L.hubY };
  const tierKind = opts.channelServers > 0 ? 'channel-server' : opts.relays > 1 ? 'relay' : null;
  const tierCount = tierKind === 'channel-server' ? opts.channelServers : tierKind === 'relay' ? opts.relays : 0;
  const drawn = Math.min(MAX_TIER_NODES, tierCount);
  const tier: Point[] = [];
  const span = L.width - 2 * L.margin - 40;
  for (let i = 0; i < drawn; i++) tier.push({ x: L.margin + 20 + (span * (i + 0.5)) / drawn, y: L.tierY });
  const groupProcess = opts.groups && opts.channelServers === 0 ? { x: router.x + Math.min(90, L.width / 5), y: L.hubY } : null;
  return { router, groupProcess, tier, tierKind, tierCount };
}

// ---- message particles and presence ripples --------------------------------------------------

/** Virtual time a sampled message takes to cross the picture: long enough to be seen at the default speed. */
export function particleWindowMs(horizonMs: number): number {
  return Math.max(40, Math.min(4000, horizonMs / 150));
}

/** A point `p` ∈ [0, 1] of the way along a polyline whose segments take equal time. */
export function alongPath(path: readonly Point[], p: number): Point {
  if (path.length === 1) return path[0];
  const segments = path.length - 1;
  const q = Math.max(0, Math.min(1, p)) * segments;
  const i = Math.min(segments - 1, Math.floor(q));
  const f = q - i;
  const a = path[i];
  const b = path[i + 1];
  return { x: a.x + (b.x - a.x) * f, y: a.y + (b.y - a.y) * f };
}

export interface Particle {
  x: number;
  y: number;
  /** the write never reached its device (partitioned gateway, connection gone) */
  lost: boolean;
}

export interface PlacedDevice {
  /** centre of the device's cell, or null if it is not drawn */
  (device: number): Point | null;
}

/**
 * The sampled writes sent in (now − window, now], each somewhere on its path: sender's gateway (or
 * the router when the sender had none) → router / group process / channel server / relay → the
 * recipient's gateway → the recipient's cell. At most `limit`, newest first.
 */
export function particlesAt(
  writes: readonly WriteSampleItem[],
  now: number,
  windowMs: number,
  limit: number,
  where: { gatewayTop(g: number): Point; gatewayBottom(g: number): Point; hubs: HubNodes; device: PlacedDevice },
): Particle[] {
  const out: Particle[] = [];
  for (const w of writes) {
    if (out.length >= limit) break;
    const age = now - w.sentAt;
    if (age < 0 || age >= windowMs) continue;
    const { hubs } = where;
    let hub = hubs.router;
    if ((w.hub === HUB_CHANNEL_SERVER || w.hub === HUB_RELAY) && hubs.tier.length > 0 && w.hubIndex >= 0) hub = hubs.tier[w.hubIndex % hubs.tier.length];
    else if (w.hub === HUB_GROUP && hubs.groupProcess) hub = hubs.groupProcess;
    const start = w.fromGateway >= 0 ? where.gatewayTop(w.fromGateway) : hubs.router;
    const lost = Number.isNaN(w.arriveAt);
    const end = lost ? null : where.device(w.device);
    const path = [start, hub, where.gatewayTop(w.toGateway), end ?? where.gatewayBottom(w.toGateway)];
    const at = alongPath(path, age / windowMs);
    out.push({ x: at.x, y: at.y, lost });
  }
  return out;
}

export interface Ripple {
  x: number;
  y: number;
  radius: number;
  /** 1 → 0 as the ripple spreads */
  alpha: number;
  status: number;
}

/** Presence changes published in (now − window, now] as expanding rings; wider for bigger audiences. */
export function ripplesAt(changes: readonly PresenceSampleItem[], now: number, windowMs: number, limit: number, userPoint: (user: number) => Point | null): Ripple[] {
  const out: Ripple[] = [];
  for (const c of changes) {
    if (out.length >= limit) break;
    const age = now - c.at;
    if (age < 0 || age >= windowMs) continue;
    const at = userPoint(c.user);
    if (!at) continue;
    const p = age / windowMs;
    out.push({ x: at.x, y: at.y, radius: rippleRadius(c.audience, p), alpha: 1 - p, status: c.status });
  }
  return out;
}

/** 3 px growing to 3 + (8 + 12·log10(1 + audience)) px, capped at 70. */
export function rippleRadius(audience: number, progress: number): number {
  const reach = Math.min(67, 8 + 12 * Math.log10(1 + Math.max(0, audience)));
  return 3 + reach * Math.max(0, Math.min(1, progress));
}

// ---- gateways --------------------------------------------------------------------------------

export interface GatewayBox {
  state: string;
  connections: number;
  /** connections × memory per connection ÷ usable RAM */
  memoryFraction: number;
  /** connections ÷ file-descriptor limit */
  fdFraction: number;
  memoryMB: number;
}

export function gatewayBox(state: string, connections: number, kbPerConnection: number, ramGB: number, fdLimit: number): GatewayBox {
  const memoryKB = connections * kbPerConnection;
  return {
    state,
    connections,
    memoryFraction: memoryKB / (ramGB * 1024 * 1024),
    fdFraction: connections / fdLimit,
    memoryMB: memoryKB / 1024,
  };
}
