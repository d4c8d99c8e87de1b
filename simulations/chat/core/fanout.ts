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
  /** Write sync-log entry `entry` to `device` on `gateway`; `order` is the write's index within this message's fan-out. */
  socketWrite(device: number, user: number, gateway: number, entry: number, order: number): void;
  /** Recipient user has no connected device: the entry waits in the log; send a push notification. */
  offlineRecipient(user: number, entry: number): void;
}

/**
 * Conversation logs for groups that fan out on READ: one row per message in the group's log, and a
 * cursor per membership (member slot = the member's index in the group's member list). A member who
 * is connected when a message arrives gets it over the socket (and through its per-user sync log) and
 * its cursor moves with the log; a member with no connected device scans the log from its cursor on
 * its next sync, one scan per conversation with news.
 */
export class ConversationLogs {
  readonly seq: Uint32Array;
  readonly cursor: Uint32Array;
  private msgs: (number[] | undefined)[];
  private times: (number[] | undefined)[];
  private senders: (number[] | undefined)[];
  /** offline (member, message) pairs not yet scanned */
  backlog = 0;
  waitSumMs = 0;
  waitCount = 0;

  constructor(groups: number, memberSlots: number) {
    this.seq = new Uint32Array(groups);
    this.cursor = new Uint32Array(memberSlots);
    this.msgs = new Array(groups);
    this.times = new Array(groups);
    this.senders = new Array(groups);
  }

  append(group: number, msg: number, time: number, sender: number): number {
    (this.msgs[group] ??= []).push(msg);
    (this.times[group] ??= []).push(time);
    (this.senders[group] ??= []).push(sender);
    return ++this.seq[group];
  }

  /** The member in `slot` has everything up to the log's head (it was online for the latest message). */
  catchUp(slot: number, group: number): void {
    this.cursor[slot] = this.seq[group];
  }

  /**
   * Scan `group` from the cursor of `member` (in `slot`), calling visit(msg, sentAt) per message the
   * member did not send itself (its own messages were never waiting for it). Returns the count visited.
   */
  scan(slot: number, group: number, member: number, now: number, visit: (msg: number, sentAt: number) => void, to = this.seq[group]): number {
    const from = this.cursor[slot];
    if (to <= from) return 0;
    const msgs = this.msgs[group]!;
    const times = this.times[group]!;
    const senders = this.senders[group]!;
    let visited = 0;
    for (let s = from; s < to; s++) {
      if (senders[s] === member) continue;
      this.waitSumMs += now - times[s];
      this.waitCount++;
      visited++;
      visit(msgs[s], times[s]);
    }
    this.backlog -= visited;
    this.cursor[slot] = to;
    return visited;
  }
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
    /** 1 while the router can reach the gateway; the host keeps it current */
    readonly gatewayAlive: Uint8Array,
    readonly mode: FanoutMode,
    readonly threshold: number,
    /** logs of read-fanout groups; null when no group can fan out on read */
    readonly conversations: ConversationLogs | null = null,
  ) {
    this.touchedStamp = new Float64Array(Math.max(1, gatewayAlive.length)).fill(-1);
  }

  /**
   * Route message `msg` of conversation `conv` (group size `groupSize`, sender included) to the
   * recipients `recipients[from..to)` except `skipUser` (the sender). `convOf(user)` names the
   * conversation as that recipient sees it (the peer for a DM, the group otherwise).
   * For a group message `group` is its index and recipients[i] sits in member slot i; -1 for a DM.
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
    group: number,
    now: number,
    ports: RouterPorts,
  ): RouteResult {
    const r = this.result;
    r.recipients = r.onlineRecipients = r.writes = r.offline = r.staleRoutes = r.gatewaysTouched = r.crossGatewayWrites = 0;
    r.writeFanout = usesWriteFanout(this.mode, this.threshold, groupSize);
    const convLog = group >= 0 && !r.writeFanout ? this.conversations : null;
    if (convLog) convLog.append(group, msg, now, skipUser);
    this.sends++;
    this.storage.messageRows++;
    const gatewayOf = this.registry.gatewayOf;
    const alive = this.gatewayAlive;
    const stamp = this.touchedStamp;
    let order = 0;
    for (let i = from; i < to; i++) {
      const user = recipients[i];
      if (user === skipUser) {
        // the sender has its own message; it does not fetch it again (unless it is behind anyway)
        if (convLog && convLog.cursor[i] === convLog.seq[group] - 1) convLog.catchUp(i, group);
        continue;
      }
      r.recipients++;
      if (r.writeFanout) this.storage.inboxRows++;
      const d0 = this.firstDevice[user];
      const d1 = this.firstDevice[user + 1];
      let live = 0;
      for (let d = d0; d < d1; d++) {
        const gw = gatewayOf[d];
        if (gw === NO_GATEWAY) continue;
        if (alive[gw] === 1) live++;
        else r.staleRoutes++;
      }
      if (live === 0) {
        r.offline++;
        if (convLog) {
          // waits in the conversation log; no push for read-fanout (big) groups
          convLog.backlog++;
        } else {
          const entry = this.log.append(user, msg, conv, now, true);
          ports.offlineRecipient(user, entry);
        }
        continue;
      }
      if (convLog) {
        // LOUD: a member still behind in the log (a device that connected but has not synced yet)
        // must not jump over what it has not read: the older messages go to the user's sync log
        // first (unacknowledged, so its devices replay them), then the cursor moves to the head.
        const head = convLog.seq[group];
        if (convLog.cursor[i] < head - 1) convLog.scan(i, group, user, now, (old, sentAt) => this.log.append(user, old, conv, sentAt, false), head - 1);
        convLog.catchUp(i, group);
      }
      const entry = this.log.append(user, msg, conv, now, false);
      r.onlineRecipients++;
      for (let d = d0; d < d1; d++) {
        const gw = gatewayOf[d];
        if (gw === NO_GATEWAY || alive[gw] !== 1) continue;
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

  /**
   * A device of `user` syncs read-fanout conversation `group` (the user's member slot `slot`, `conv`
   * as the user sees it): one log scan from the member's cursor, visit(msg, sentAt) per message.
   *
   * LOUD: the cursor belongs to the MEMBER, not the device, so every scanned message is also appended
   * to the user's sync log already acknowledged by this device; the user's other devices get it from
   * there on their next sync. Without that hand-over a second device finds the cursor at the head and
   * silently misses what the first one scanned. Precondition: the device is caught up in the sync log
   * (replay it first). The caller trims the user's log afterwards.
   */
  syncConversation(slot: number, group: number, conv: number, user: number, device: number, now: number, visit: (msg: number, sentAt: number) => void): number {
    const logs = this.conversations!;
    if (logs.seq[group] <= logs.cursor[slot]) return 0;
    this.storage.logScans++;
    const otherDevices = this.firstDevice[user + 1] - this.firstDevice[user] > 1;
    return logs.scan(slot, group, user, now, (msg, sentAt) => {
      if (otherDevices) this.log.deliver(device, user, this.log.append(user, msg, conv, sentAt, false), now);
      visit(msg, sentAt);
    });
  }

  /** Count storage reads for one device sync that replayed entries of `conversations` distinct conversations. */
  countSyncReads(writeFanoutEntries: number, readFanoutConversations: number): void {
    if (writeFanoutEntries > 0) this.storage.inboxReads++;
    this.storage.logScans += readFanoutConversations;
  }
}
