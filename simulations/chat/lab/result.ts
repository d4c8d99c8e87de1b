/**
 * The chat lab's --json document: counts, latencies, the reconnect summary, the capacity estimate
 * and per-gateway state of a run at its current time.
 */
import { capacity } from '../core/capacity';
import type { ChatModel } from './model';

function offlineWaitMean(model: ChatModel): number {
  const log = model.log;
  const conv = model.conversations;
  const sum = log.offlineWaitSumMs + (conv?.waitSumMs ?? 0);
  const n = log.offlineWaitCount + (conv?.waitCount ?? 0);
  return n ? sum / n : 0;
}

export interface ChatResult {
  sends: number;
  groupSends: number;
  socketWrites: number;
  realtimeWrites: number;
  syncWrites: number;
  lostWrites: number;
  offlineEnqueues: number;
  pushes: number;
  receipts: number;
  deliveredReceipts: number;
  readReceipts: number;
  heartbeats: number;
  presenceChanges: number;
  presenceDeliveries: number;
  gatewaysTouchedMean: number | null;
  crossGatewayShare: number | null;
  deliveryLatencyMs: { p50: number | null; p99: number | null; max: number | null };
  syncLatencyMs: { p50: number | null; max: number | null };
  reconnect: {
    attemptsPerClient: number | null;
    peakAttemptsPerSec: number;
    recoverMs: number | null;
    attempts: number;
    clients: number;
    stillDisconnected: number;
    rejected: { backlog: number; capacity: number; unreachable: number; noGateway: number };
  };
  gatewaysNeeded: number;
  gatewaysNeededBy: { memory: number; fd: number; cpu: number };
  memoryPerGatewayMB: number | null;
  memoryPerConnectionKB: number;
  maxConnectionsPerGateway: number;
  connectedDevices: number;
  peakConnectedDevices: number;
  peakDemandDevices: number;
  offlineBacklog: number;
  offlineWaitMeanMs: number | null;
  storage: { writes: number; messageRows: number; inboxRows: number; inboxReads: number; logScans: number };
  registry: { puts: number; removes: number; evictions: number; staleRemovesIgnored: number; staleRoutes: number };
  duplicatesSuppressed: number;
  lostToTtl: number;
  slowConsumerDisconnects: number;
  idleTimeoutDisconnects: number;
  deadPeerCloses: number;
  gateways: { id: number; state: string; connections: number; peakConnections: number; memoryMB: number | null; writes: number }[];
  groups: number;
  devices: number;
}

export function chatResult(model: ChatModel, now: number): ChatResult {
  const p = model.p;
  const m = model.metrics;
  const gateways = model.gateways;
  const kb = gateways.kbPerConnection;
  const durS = Math.max(1e-9, now / 1000);
  const cap = capacity({
    connections: m.peakDemandDevices,
    serverModel: p.serverModel,
    memoryPerConnectionKB: p.memoryPerConnectionKB,
    threadStackKB: p.threadStackKB,
    gatewayRamGB: p.gatewayRamGB,
    fdLimit: p.fdLimit,
    cpuMicrosPerSec: ((m.socketWrites + m.heartbeats + m.presenceDeliveries) / durS) * p.sendCostUs,
    cores: p.cores,
  });
  let peakPerGateway = 0;
  for (const gw of gateways.gws) peakPerGateway = Math.max(peakPerGateway, gw.peakConns);
  const peakAttempts = m.peakAttemptsPerSec();
  const round = (x: number, k = 3) => (Number.isFinite(x) ? Math.round(x * 10 ** k) / 10 ** k : null);
  return {
    sends: m.sends,
    groupSends: m.groupSends,
    socketWrites: m.socketWrites,
    realtimeWrites: m.realtimeWrites,
    syncWrites: m.syncWrites,
    lostWrites: m.lostWrites,
    offlineEnqueues: model.router.offlineEnqueues,
    pushes: m.pushes,
    receipts: model.receipts.total,
    deliveredReceipts: model.receipts.delivered,
    readReceipts: model.receipts.read,
    heartbeats: m.heartbeats,
    presenceChanges: m.presenceChanges,
    presenceDeliveries: m.presenceDeliveries,
    gatewaysTouchedMean: round(model.router.messagesWithOnlineRecipients ? model.router.gatewaysTouchedSum / model.router.messagesWithOnlineRecipients : 0, 4),
    crossGatewayShare: round(m.realtimeWrites ? model.router.crossGatewayWrites / model.router.writes : 0, 4),
    deliveryLatencyMs: { p50: round(m.latency.quantile(0.5)), p99: round(m.latency.quantile(0.99)), max: round(m.latency.count ? m.latency.max : NaN) },
    syncLatencyMs: { p50: round(m.syncLatency.quantile(0.5)), max: round(m.syncLatency.count ? m.syncLatency.max : NaN) },
    reconnect: {
      attemptsPerClient: round(m.episodes ? m.faultAttempts / m.episodes : 0, 3),
      peakAttemptsPerSec: peakAttempts,
      recoverMs: m.recoverMs === null ? null : round(m.recoverMs, 1),
      attempts: m.attempts,
      clients: m.episodes,
      stillDisconnected: m.openEpisodes,
      rejected: { ...m.rejected },
    },
    gatewaysNeeded: cap.gatewaysNeeded,
    gatewaysNeededBy: { memory: cap.byMemory, fd: cap.byFd, cpu: cap.byCpu },
    memoryPerGatewayMB: round((peakPerGateway * kb) / 1024, 1),
    memoryPerConnectionKB: kb,
    maxConnectionsPerGateway: cap.maxConnectionsPerGateway,
    connectedDevices: m.connectedDevices,
    peakConnectedDevices: m.peakConnectedDevices,
    peakDemandDevices: m.peakDemandDevices,
    offlineBacklog: model.offlineBacklog(),
    offlineWaitMeanMs: round(offlineWaitMean(model), 1),
    storage: { writes: model.router.storage.writes, messageRows: model.router.storage.messageRows, inboxRows: model.router.storage.inboxRows, inboxReads: model.router.storage.inboxReads, logScans: model.router.storage.logScans },
    registry: { puts: model.registry.puts, removes: model.registry.removes, evictions: model.registry.evictions, staleRemovesIgnored: model.registry.staleRemovesIgnored, staleRoutes: model.router.staleRoutes },
    duplicatesSuppressed: model.log.duplicates,
    lostToTtl: model.log.lostToTtl,
    slowConsumerDisconnects: m.slowDisconnects,
    idleTimeoutDisconnects: m.idleDisconnects,
    deadPeerCloses: m.deadPeerCloses,
    gateways: gateways.gws.map((gw, i) => ({ id: i, state: model.gatewayState(i), connections: gw.conns, peakConnections: gw.peakConns, memoryMB: round((gw.conns * kb) / 1024, 1), writes: gw.writes })),
    groups: model.groups.count,
    devices: model.pop.devices,
  };
}
