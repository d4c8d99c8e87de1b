/**
 * The chat cluster's wire shapes, shared by the cluster's control endpoint (cluster.ts), the load
 * generator that posts its figures there, the app route that proxies /api/stats, and the lab's Real
 * cluster tab that draws them. Types and constants only: safe to import from a browser bundle.
 */
import type { LbPolicy } from '../../simulations/chat/core/loadBalancer';
import type { StormPrediction } from './prediction';
import type { StoreCounters } from './store';

export const FAULT_KINDS = ['gateway-kill', 'gateway-partition', 'redis-stop'] as const;
export type ClusterFaultKind = (typeof FAULT_KINDS)[number];
export interface ClusterFault {
  type: ClusterFaultKind;
  gateway?: number;
  durationMs?: number;
}

export interface Quantiles {
  p50: number | null;
  p99: number | null;
  max: number | null;
}

/** The load generator's running figures, POSTed to /api/load about once a second. */
export interface LiveLoadFigures {
  at: number;
  elapsedMs: number;
  clients: number;
  online: number;
  sends: number;
  acknowledged: number;
  deliveries: number;
  deliveryLatencyMs: Quantiles;
  connectLatencyMs: Quantiles;
  attemptsPerSecond: number[];
  duplicates: number;
  outOfOrder: number;
  faults: { type: string; gateway?: number; atMs: number }[];
  /** the simulation's prediction for the first gateway fault */
  prediction: (StormPrediction & { faultAtMs: number; faultType: string }) | null;
}

export interface GatewaySample {
  id: number;
  pid: number | null;
  port: number;
  state: 'up' | 'killed' | 'partitioned';
  /** connections the balancer holds to it */
  balancerConnections: number;
  /** connections the gateway reports (null when it did not answer) */
  connections: number | null;
  rssBytes: number | null;
  heapUsedBytes: number | null;
  messagesOut: number | null;
}

/** GET /api/stats */
export interface ClusterStats {
  mode: 'redis' | 'embedded';
  options: { gateways: number; lbPolicy: LbPolicy; heartbeatMs: number; deadPeerTimeoutMs: number; fanout: string; fanoutThreshold: number };
  at: number;
  uptimeMs: number;
  balancer: { url: string; attempts: number; refused: number; attemptsPerSecond: number[] };
  gateways: GatewaySample[];
  redis: { running: boolean; pid: number | null; port: number; commands: number; opsPerSec: number; usedMemoryBytes: number; keys: number } | null;
  counters: StoreCounters | null;
  presentUsers: number | null;
  faults: { at: number; fault: ClusterFault }[];
  load: LiveLoadFigures | null;
}

/** The app's /api/chat-cluster answer. */
export type ClusterStatus = { running: false; reason: string } | { running: true; stats: ClusterStats };
