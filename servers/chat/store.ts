/**
 * The shared state of the chat cluster, as the gateways see it: session registry (with TTLs), presence,
 * per-user sync logs with device cursors (the offline queue), conversation logs for fan-out on read,
 * receipts, and the bus that carries deliveries between gateways. Two implementations:
 * `redisStore.ts` (Redis: many gateways, survives a gateway crash) and `embeddedStore.ts` (in-process:
 * one gateway, no Redis).
 *
 * The semantics are the chat routing core's (`simulations/chat/core`): `usesWriteFanout` decides
 * inbox rows vs one conversation-log row, `StorageCounters` names the storage work, the sync log is
 * `SyncLog`'s protocol (per-user seq, device cursors, trimmed when every device acknowledged), and the
 * registry is `SessionRegistry`'s (a removal with an older epoch is stale and ignored).
 */
import type { FanoutMode } from '../../simulations/chat/core/fanout';

export interface StoreConfig {
  fanout: FanoutMode;
  fanoutThreshold: number;
  /** how long an undelivered sync-log entry waits (offline queue TTL) */
  offlineTtlMs: number;
  /** a registry entry not refreshed by a heartbeat for this long disappears (crashed gateway) */
  registryTtlMs: number;
  /** presence: d + 2ε after the last heartbeat (LinkedIn rule as a key TTL) */
  presenceTtlMs: number;
  /** read-fanout conversation logs keep this many newest rows */
  conversationLogCap: number;
}

export const DEFAULT_STORE_CONFIG: StoreConfig = {
  fanout: 'hybrid',
  fanoutThreshold: 100,
  offlineTtlMs: 7 * 24 * 3600_000,
  registryTtlMs: 30_000,
  presenceTtlMs: 25_000,
  conversationLogCap: 100_000,
};

export interface RouteRequest {
  user: string;
  device: string;
  conv: string;
  id: string;
  body: string;
  at: number;
}

export type RouteOutcome =
  | { ok: true; cseq: number; duplicate: boolean; members: number; onlineUsers: number; offlineUsers: number; gatewaysTouched: number; writeFanout: boolean }
  | { ok: false; reason: string };

/**
 * What one gateway must write: `entry` is the message's JSON without its opening brace and without
 * `seq` (`"conv":…}`); each target is [user, device, seq] (seq 0 for a read-fanout message).
 */
export interface Deliveries {
  entry: string;
  to: [string, string, number][];
}

export interface StoreCounters {
  sends: number;
  duplicateSends: number;
  messageRows: number;
  inboxRows: number;
  logScans: number;
  inboxReads: number;
  offlineEnqueues: number;
  staleRoutes: number;
  registryPuts: number;
  staleRemovesIgnored: number;
  deliveredReceipts: number;
  readReceipts: number;
}

export function emptyCounters(): StoreCounters {
  return { sends: 0, duplicateSends: 0, messageRows: 0, inboxRows: 0, logScans: 0, inboxReads: 0, offlineEnqueues: 0, staleRoutes: 0, registryPuts: 0, staleRemovesIgnored: 0, deliveredReceipts: 0, readReceipts: 0 };
}

export interface ChatStore {
  readonly kind: 'redis' | 'embedded';
  readonly config: StoreConfig;
  /**
   * Enroll devices (when their tokens are issued): a user's sync log is trimmed only when EVERY
   * enrolled device has acknowledged, so a device that has not connected yet still gets its messages.
   */
  enroll(devices: { user: string; device: string }[]): Promise<void>;
  /** Register a connection of (user, device) on `gateway`; returns its epoch. */
  register(user: string, device: string, gateway: number): Promise<number>;
  /** Remove the entry if it is still the one registered with `epoch` on `gateway`. */
  unregister(user: string, device: string, gateway: number, epoch: number): Promise<void>;
  /**
   * Heartbeats of devices connected to `gateway`, as [user, device, epoch]: refresh their registry
   * entries (re-create one that expired, never overwrite a newer registration) and presence.
   */
  heartbeat(gateway: number, devices: [string, string, number][]): Promise<void>;
  route(req: RouteRequest): Promise<RouteOutcome>;
  /** Sync-log entries after `afterSeq` (full JSON with seq), at most `limit`, and the user's head. */
  replay(user: string, afterSeq: number, limit: number): Promise<{ entries: string[]; head: number }>;
  /** Read-fanout rows of `conv` after `afterCseq` (JSON without seq); [] if `user` is not a member. */
  scan(conv: string, user: string, afterCseq: number, limit: number): Promise<string[]>;
  head(user: string): Promise<number>;
  ack(user: string, device: string, seq: number): Promise<void>;
  read(conv: string, user: string, cseq: number): Promise<void>;
  addConversations(list: { id: string; members: string[] }[]): Promise<void>;
  /** Deliveries addressed to `gateway` (a subscription on the bus). */
  subscribe(gateway: number, handler: (d: Deliveries) => void): Promise<void>;
  counters(): Promise<StoreCounters>;
  /** users with a live presence key */
  presentUsers(): Promise<number>;
  close(): Promise<void>;
}

/** Message frame for a stored entry: `{"t":"msg","seq":N,` + entry (seq omitted when 0). */
export function messageFrame(entry: string, seq: number): string {
  return seq > 0 ? `{"t":"msg","seq":${seq},${entry}` : `{"t":"msg",${entry}`;
}

/** The part of a message's stored entry its sender decides: `"from":…,"id":…,"body":…,"at":…}`. */
export function entryTail(req: RouteRequest): string {
  return JSON.stringify({ from: req.user, id: req.id, body: req.body, at: req.at }).slice(1);
}

/** The stored entry (without seq) of a routed message; conversation ids are plain `[A-Za-z0-9_-]`. */
export function entryOf(req: RouteRequest, cseq: number): string {
  return `"conv":"${req.conv}","cseq":${cseq},${entryTail(req)}`;
}
