/**
 * What one call costs each participant and the server, per topology (research other-topics §2.1).
 * Mesh: every client sends its camera to every peer. SFU: every client sends once (one layer per
 * simulcast encoding) and the server forwards the layer each receiver's tile needs. MCU: the server
 * decodes everyone, composes a picture and encodes it (once per viewer layout, or once shared).
 * Bitrates in kbps; CPU in cores.
 */
export type Topology = 'mesh' | 'sfu' | 'mcu';
export const TOPOLOGIES: readonly Topology[] = ['mesh', 'sfu', 'mcu'];

export interface CallConfig {
  /** camera bitrate of the top layer, kbps */
  videoKbps: number;
  /** simulcast encodings each sender makes for the SFU (1 = no simulcast) */
  simulcastLayers: number;
  /** tiles each client shows (gallery size) */
  visibleTiles: number;
  uplinkKbps: number;
  downlinkKbps: number;
  /** share of participants whose media goes through a TURN relay (0–1) */
  turnShare: number;
  serverNicMbps: number;
  serverCores: number;
  /** cores one video decode takes */
  decodeCores: number;
  /** cores one video encode (with the composition) takes */
  encodeCores: number;
  /** SFU forwarding: cores per Gbps of egress (packet handling, SRTP re-encryption) */
  forwardCoresPerGbps: number;
  /** MCU: one composite per viewer (own tile left out) or one shared composite */
  mcuLayout: 'per-viewer' | 'shared';
}

/**
 * Simulcast layers at full, ½ and ¼ resolution (Membrane RTC Engine's h/m/l). LOUD: the ⅓ bitrate
 * step per halving is this lab's assumption (a 720p/360p/180p ladder of 1.5 Mbps/500/167 kbps),
 * not a published constant.
 */
export const LAYER_BITRATE_STEP = 3;

export function layerKbps(config: Pick<CallConfig, 'videoKbps'>, layer: number): number {
  return config.videoKbps / LAYER_BITRATE_STEP ** layer;
}

/** Bitrate of all the simulcast layers one sender uploads. */
export function simulcastUploadKbps(config: Pick<CallConfig, 'videoKbps' | 'simulcastLayers'>): number {
  let total = 0;
  for (let layer = 0; layer < config.simulcastLayers; layer++) total += layerKbps(config, layer);
  return total;
}

/**
 * The layer an SFU forwards to a tile: the smallest tiles of a big gallery get the lowest layer the
 * sender encodes. 1 tile (speaker view): full; 2–4: ½ resolution; 5 or more: ¼.
 */
export function tileLayer(config: Pick<CallConfig, 'simulcastLayers' | 'visibleTiles'>, participants: number): number {
  const tiles = Math.min(participants - 1, config.visibleTiles);
  const wanted = tiles <= 1 ? 0 : tiles <= 4 ? 1 : 2;
  return Math.min(wanted, config.simulcastLayers - 1);
}

export type Limit = 'client uplink' | 'client downlink' | 'server NIC' | 'server CPU';

export interface TopologyCost {
  topology: Topology;
  participants: number;
  clientUpKbps: number;
  clientDownKbps: number;
  clientEncodes: number;
  clientDecodes: number;
  /** media connections in the call (peer connections for mesh, client–server for SFU/MCU) */
  connections: number;
  serverInKbps: number;
  serverOutKbps: number;
  serverCores: number;
  /** TURN relay traffic, in + out, for the relayed share of participants */
  turnKbps: number;
  /** the limits this call exceeds, first the one a learner meets first */
  exceeds: Limit[];
}

export function topologyCost(topology: Topology, config: CallConfig, participants: number): TopologyCost {
  const n = participants;
  const b = config.videoKbps;
  const peers = n - 1;
  const shown = Math.min(peers, config.visibleTiles);
  let up: number, down: number, encodes: number, decodes: number, connections: number, serverIn: number, serverOut: number, cores: number;
  if (topology === 'mesh') {
    up = peers * b;
    down = peers * b;
    encodes = peers;
    decodes = peers;
    connections = (n * peers) / 2;
    serverIn = 0;
    serverOut = 0;
    cores = 0;
  } else if (topology === 'sfu') {
    up = simulcastUploadKbps(config);
    down = shown * layerKbps(config, tileLayer(config, n));
    encodes = config.simulcastLayers;
    decodes = shown;
    connections = n;
    serverIn = n * up;
    serverOut = n * down;
    cores = (serverOut / 1e6) * config.forwardCoresPerGbps;
  } else {
    const composites = config.mcuLayout === 'per-viewer' ? n : 1;
    up = b;
    down = b;
    encodes = 1;
    decodes = 1;
    connections = n;
    serverIn = n * b;
    serverOut = n * b;
    cores = n * config.decodeCores + composites * config.encodeCores;
  }
  const relayed = Math.round(config.turnShare * n);
  const exceeds: Limit[] = [];
  if (up > config.uplinkKbps) exceeds.push('client uplink');
  if (down > config.downlinkKbps) exceeds.push('client downlink');
  if (Math.max(serverIn, serverOut) > config.serverNicMbps * 1000) exceeds.push('server NIC');
  if (cores > config.serverCores) exceeds.push('server CPU');
  return {
    topology,
    participants: n,
    clientUpKbps: up,
    clientDownKbps: down,
    clientEncodes: encodes,
    clientDecodes: decodes,
    connections,
    serverInKbps: serverIn,
    serverOutKbps: serverOut,
    serverCores: cores,
    turnKbps: relayed * (up + down),
    exceeds,
  };
}

/** Largest mesh whose uplink fits U: (N − 1)·b ≤ U, so N_max = floor(U / b) + 1 (§2.6 outcome 4). */
export function meshMaxParticipants(uplinkKbps: number, videoKbps: number): number {
  return Math.floor(uplinkKbps / videoKbps) + 1;
}

export const MIN_PARTICIPANTS = 2;
export const MAX_PARTICIPANTS = 50;

export interface BreakPoint {
  topology: Topology;
  /** the first call size that exceeds a limit, or null when every size up to MAX_PARTICIPANTS fits */
  participants: number | null;
  limit: Limit | null;
}

/** Where each topology first breaks, scanning N = 2…50. */
export function breakPoints(config: CallConfig): BreakPoint[] {
  return TOPOLOGIES.map((topology) => {
    for (let n = MIN_PARTICIPANTS; n <= MAX_PARTICIPANTS; n++) {
      const cost = topologyCost(topology, config, n);
      if (cost.exceeds.length) return { topology, participants: n, limit: cost.exceeds[0] };
    }
    return { topology, participants: null, limit: null };
  });
}

/** Every topology at every size 2…50: the chart over N. */
export function sweep(config: CallConfig): TopologyCost[][] {
  return TOPOLOGIES.map((topology) => {
    const rows: TopologyCost[] = [];
    for (let n = MIN_PARTICIPANTS; n <= MAX_PARTICIPANTS; n++) rows.push(topologyCost(topology, config, n));
    return rows;
  });
}
