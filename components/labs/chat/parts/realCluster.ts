/**
 * The Real cluster tab without React: the shape of /api/chat-cluster (servers/chat/controlProtocol.ts), and the chart series the tab draws from successive polls. Time is
 * seconds since the load generator started (its figures) or since the tab's first poll (cluster samples).
 */
import type { SeriesPoint } from '@/simulations/core/recorder';

import type { ClusterStats, GatewaySample, LiveLoadFigures } from '@/servers/chat/controlProtocol';

export type { ClusterStats, ClusterStatus, GatewaySample, LiveLoadFigures } from '@/servers/chat/controlProtocol';

/** Samples kept per series (5 minutes at one poll a second). */
export const HISTORY = 300;

export interface ClusterHistory {
  startedAt: number;
  connections: SeriesPoint[][];
  memoryMB: SeriesPoint[][];
  redisOps: SeriesPoint[];
  latencyP50: SeriesPoint[];
  latencyP99: SeriesPoint[];
}

export function emptyHistory(): ClusterHistory {
  return { startedAt: -1, connections: [], memoryMB: [], redisOps: [], latencyP50: [], latencyP99: [] };
}

const push = (list: SeriesPoint[], p: SeriesPoint) => {
  list.push(p);
  if (list.length > HISTORY) list.splice(0, list.length - HISTORY);
};

/** A new history with one poll's samples appended (the old one is not modified). */
export function appendSample(h: ClusterHistory, s: ClusterStats): ClusterHistory {
  const startedAt = h.startedAt < 0 ? s.at : h.startedAt;
  const t = s.at - startedAt;
  const next: ClusterHistory = {
    startedAt,
    connections: s.gateways.map((_, i) => [...(h.connections[i] ?? [])]),
    memoryMB: s.gateways.map((_, i) => [...(h.memoryMB[i] ?? [])]),
    redisOps: [...h.redisOps],
    latencyP50: [...h.latencyP50],
    latencyP99: [...h.latencyP99],
  };
  s.gateways.forEach((g, i) => {
    push(next.connections[i], { t, v: g.connections ?? g.balancerConnections });
    if (g.rssBytes !== null) push(next.memoryMB[i], { t, v: g.rssBytes / 1024 / 1024 });
  });
  if (s.redis) push(next.redisOps, { t, v: s.redis.running ? s.redis.opsPerSec : 0 });
  if (s.load?.deliveryLatencyMs.p50 != null) push(next.latencyP50, { t, v: s.load.deliveryLatencyMs.p50 });
  if (s.load?.deliveryLatencyMs.p99 != null) push(next.latencyP99, { t, v: s.load.deliveryLatencyMs.p99 });
  return next;
}

/**
 * Reconnect attempts per second measured by the load generator (one point per whole second since it
 * started) and the simulation's prediction for the same parameters, placed at the fault's second.
 */
export function stormSeries(load: LiveLoadFigures | null): { measured: SeriesPoint[]; predicted: SeriesPoint[] } {
  if (!load) return { measured: [], predicted: [] };
  const total = Math.ceil(load.elapsedMs / 1000);
  const offset = Math.max(0, total - load.attemptsPerSecond.length);
  const measured = load.attemptsPerSecond.map((v, i) => ({ t: (offset + i) * 1000, v }));
  const p = load.prediction;
  // the fault may have waited for the ramp: the prediction starts at the second it really happened
  const firstGatewayFault = load.faults.find((f) => f.type !== 'redis-stop');
  const at = firstGatewayFault ? Math.floor(firstGatewayFault.atMs / 1000) * 1000 : (p?.faultAtMs ?? 0);
  const predicted = p ? p.attemptsPerSecond.map((v, i) => ({ t: at + i * 1000, v })) : [];
  return { measured, predicted };
}

/** Memory per connection of one gateway in KiB (RSS / connections): an upper bound including the runtime. */
export function kibPerConnection(g: GatewaySample): number | null {
  const conns = g.connections ?? 0;
  return g.rssBytes !== null && conns > 0 ? g.rssBytes / 1024 / conns : null;
}
