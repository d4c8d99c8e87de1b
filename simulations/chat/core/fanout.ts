/**
 * Fan-out planning and the router for direct and group messages.
 *
 * - Fan-out on WRITE: the message row plus one inbox row per recipient (1 + (g − 1) writes); an open
 *   reads one inbox range.
 * - Fan-out on READ: one row in the conversation log; each recipient scans the log from its cursor
 *   when it syncs (one scan per conversation with news).
 * - HYBRID(T): write for g <= T, read above (the tail of huge channels).
 *
 * Either way, connected recipients get the message pushed over their sockets in real time; what
 * differs is storage work, which `StorageCounters` measures.
 */
import { NO_GATEWAY, type SessionRegistry } from './registry';
import type { SyncLog } from './syncLog';

export const FANOUT_MODES = ['write', 'read', 'hybrid'] as const;
export type FanoutMode = (typeof FANOUT_MODES)[number];

export function usesWriteFanout(mode: FanoutMode, threshold: number, groupSize: number): boolean {
  return mode === 'write' || (mode === 'hybrid' && groupSize <= threshold);
}

export class StorageCounters {
  /** the message itself (write mode: message row; read mode: conversation-log row) */
  messageRows = 0;
  /** inbox rows written by fan-out on write */
  inboxRows = 0;
  /** inbox range reads on sync (write mode) */
  inboxReads = 0;
  /** conversation-log scans on sync (read mode), one per conversation with news */
  logScans = 0;

  get writes(): number {
    return this.messageRows + this.inboxRows;
  }
}

/**
 * Expected inbox+log rows per message beyond the message row for a hybrid threshold T, given the
 * group-size distribution as (size, probability) pairs: E[g − 1 | g ≤ T]·P(g ≤ T) + P(g > T).
 */
export function hybridWriteAmplification(sizes: ArrayLike<number>, probabilities: ArrayLike<number>, threshold: number): number {
  let amp = 0;
  for (let i = 0; i < sizes.length; i++) amp += probabilities[i] * (sizes[i] <= threshold ? sizes[i] - 1 : 1);
  return amp;
}

/** What the router needs from its host (a simulation or a real WebSocket server). */
export interface RouterPorts {
  /** Is this gateway reachable from the router (alive and not known dead)? */
  gatewayAlive(gateway: number): boolean;
  /** Write sync-log entry `entry` to `device` on `gateway`; `order` is the write's index within this message's fan-out. */
  socketWrite(device: number, user: number, gateway: number, entry: number, order: number): void;
  /** Recipient user has no connected device: the entry waits in the log; send a push notification. */
  offlineRecipient(user: number, entry: number): void;
}

export interface RouteResult {
  recipients: number;
  onlineRecipients: number;
  writes: number;
  offline: number;
  staleRoutes: number;
  gatewaysTouched: number;
  crossGatewayWrites: number;
  writeFanout: boolean;
}

export class Router {
  readonly storage = new StorageCounters();
  sends = 0;
  writes = 0;
  offlineEnqueues = 0;
  staleRoutes = 0;
  crossGatewayWrites = 0;
  gatewaysTouchedSum = 0;
  messagesWithOnlineRecipients = 0;
  private touchedStamp: Float64Array;
  private readonly result: RouteResult = {
    recipients: 0,
    onlineRecipients: 0,
    writes: 0,
    offline: 0,
    staleRoutes: 0,
    gatewaysTouched: 0,
    crossGatewayWrites: 0,
    writeFanout: true,
  };

  constructor(
    readonly registry: SessionRegistry,
    readonly log: SyncLog,
    readonly firstDevice: Int32Array,
    gateways: number,
    readonly mode: FanoutMode,
    readonly threshold: number,
  ) {
    this.touchedStamp = new Float64Array(Math.max(1, gateways)).fill(-1);
  }

  /**
   * Route message `msg` of conversation `conv` (group size `groupSize`, sender included) to the
   * recipients `recipients[from..to)` except `skipUser` (the sender). `convOf(user)` names the
   * conversation as that recipient sees it (the peer for a DM, the group otherwise).
   * The returned object is reused by the next call.
   */
  route(
    msg: number,
    groupSize: number,
    senderGateway: number,
    recipients: ArrayLike<number>,
    from: number,
    to: number,
    skipUser: number,
    conv: number,
    now: number,
    ports: RouterPorts,
  ): RouteResult {
    const r = this.result;
    r.recipients = r.onlineRecipients = r.writes = r.offline = r.staleRoutes = r.gatewaysTouched = r.crossGatewayWrites = 0;
    r.writeFanout = usesWriteFanout(this.mode, this.threshold, groupSize);
    this.sends++;
    this.storage.messageRows++;
    const reg = this.registry;
    const stamp = this.touchedStamp;
    let order = 0;
    for (let i = from; i < to; i++) {
      const user = recipients[i];
      if (user === skipUser) continue;
      r.recipients++;
      if (r.writeFanout) this.storage.inboxRows++;
      const d0 = this.firstDevice[user];
      const d1 = this.firstDevice[user + 1];
      let live = 0;
      for (let d = d0; d < d1; d++) {
        const gw = reg.gatewayOf[d];
        if (gw === NO_GATEWAY) continue;
        if (ports.gatewayAlive(gw)) live++;
        else r.staleRoutes++;
      }
      if (live === 0) {
        const entry = this.log.append(user, msg, conv, now, true);
        r.offline++;
        ports.offlineRecipient(user, entry);
        continue;
      }
      const entry = this.log.append(user, msg, conv, now, false);
      r.onlineRecipients++;
      for (let d = d0; d < d1; d++) {
        const gw = reg.gatewayOf[d];
        if (gw === NO_GATEWAY || !ports.gatewayAlive(gw)) continue;
        if (stamp[gw] !== msg) {
          stamp[gw] = msg;
          r.gatewaysTouched++;
        }
        if (gw !== senderGateway) r.crossGatewayWrites++;
        r.writes++;
        ports.socketWrite(d, user, gw, entry, order++);
      }
      this.log.trim(user);
    }
    this.writes += r.writes;
    this.offlineEnqueues += r.offline;
    this.staleRoutes += r.staleRoutes;
    this.crossGatewayWrites += r.crossGatewayWrites;
    if (r.onlineRecipients > 0) {
      this.gatewaysTouchedSum += r.gatewaysTouched;
      this.messagesWithOnlineRecipients++;
    }
    return r;
  }

  /** Count storage reads for one device sync that replayed entries of `conversations` distinct conversations. */
  countSyncReads(writeFanoutEntries: number, readFanoutConversations: number): void {
    if (writeFanoutEntries > 0) this.storage.inboxReads++;
    this.storage.logScans += readFanoutConversations;
  }
}
