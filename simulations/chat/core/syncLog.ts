/**
 * Per-user sync log with per-device cursors (store-and-forward, Messenger Iris / WhatsApp style).
 *
 * Every message addressed to a user gets the next user sequence number. A device acknowledges in
 * order: it accepts seq == cursor + 1, drops seq <= cursor as a duplicate, and on a gap asks for a
 * replay from its cursor. An entry is kept until every device of the user has acknowledged it, or
 * until its TTL runs out (then devices that were away longer lose it, and that loss is counted).
 *
 * In fan-out-on-write the entries ARE the inbox rows; in fan-out-on-read they are the per-user sync
 * token over the conversation logs (the cursor resumes a scan of each conversation). The delivery
 * protocol is the same; the storage cost differs and is counted by the fan-out planner.
 *
 * Entries live in pooled typed arrays linked per user (no per-message objects), so millions of
 * in-flight entries cost ~40 bytes each.
 */

export type Delivery = 'ok' | 'duplicate' | 'gap';

export interface SyncLogOptions {
  ttlMs: number;
  /** Keep an expiry queue (only needed when the TTL can elapse within the run). */
  trackExpiry: boolean;
}

const NIL = -1;

export class SyncLog {
  readonly userSeq: Uint32Array;
  readonly acked: Uint32Array;
  /** highest seq acknowledged by ANY device of the user */
  readonly userDelivered: Uint32Array;
  /** entries appended while the user had no connected device and not yet delivered to any device */
  readonly offlinePending: Uint32Array;
  private head: Int32Array;
  private tail: Int32Array;

  private eSeq = new Uint32Array(1024);
  private eMsg = new Float64Array(1024);
  private eConv = new Float64Array(1024);
  private eTime = new Float64Array(1024);
  private eNext = new Int32Array(1024);
  private eFlag = new Uint8Array(1024);
  private eUser = new Int32Array(1024);
  private eGen = new Uint32Array(1024);
  private used = 0;
  private free: number[] = [];

  private expiryQueue: number[] = [];
  private expiryGens: number[] = [];
  private expiryHead = 0;

  appended = 0;
  trimmed = 0;
  expired = 0;
  duplicates = 0;
  gaps = 0;
  /** messages a device never got because they expired before it came back */
  lostToTtl = 0;
  /** offline-enqueued entries not yet delivered to any device of their user (Little's L) */
  backlog = 0;
  /** sum and count of waits (first delivery − enqueue) of offline-enqueued entries (Little's W) */
  offlineWaitSumMs = 0;
  offlineWaitCount = 0;
  live = 0;
  peakLive = 0;

  constructor(
    readonly firstDevice: Int32Array,
    readonly options: SyncLogOptions,
  ) {
    const users = firstDevice.length - 1;
    const devices = firstDevice[users];
    this.userSeq = new Uint32Array(users);
    this.acked = new Uint32Array(devices);
    this.userDelivered = new Uint32Array(users);
    this.offlinePending = new Uint32Array(users);
    this.head = new Int32Array(users).fill(NIL);
    this.tail = new Int32Array(users).fill(NIL);
  }

  /** Append a message for `user`; returns the entry handle (read its seq with seqOf). */
  append(user: number, msg: number, conv: number, time: number, userOffline: boolean): number {
    const e = this.alloc();
    const seq = ++this.userSeq[user];
    this.eSeq[e] = seq;
    this.eMsg[e] = msg;
    this.eConv[e] = conv;
    this.eTime[e] = time;
    this.eNext[e] = NIL;
    this.eUser[e] = user;
    this.eFlag[e] = userOffline ? 1 : 0;
    if (this.tail[user] === NIL) this.head[user] = e;
    else this.eNext[this.tail[user]] = e;
    this.tail[user] = e;
    this.appended++;
    if (userOffline) {
      this.offlinePending[user]++;
      this.backlog++;
    }
    if (this.options.trackExpiry) {
      this.expiryQueue.push(e);
      this.expiryGens.push(this.eGen[e]);
    }
    return e;
  }

  seqOf(entry: number): number {
    return this.eSeq[entry];
  }
  msgOf(entry: number): number {
    return this.eMsg[entry];
  }
  convOf(entry: number): number {
    return this.eConv[entry];
  }
  timeOf(entry: number): number {
    return this.eTime[entry];
  }

  /** Device `device` of `user` received entry `entry` over its socket at time `now`. */
  deliver(device: number, user: number, entry: number, now: number): Delivery {
    const seq = this.eSeq[entry];
    const cursor = this.acked[device];
    if (seq <= cursor) {
      this.duplicates++;
      return 'duplicate';
    }
    if (seq !== cursor + 1) {
      this.gaps++;
      return 'gap';
    }
    this.acked[device] = seq;
    this.firstDeliveryToUser(user, entry, now);
    return 'ok';
  }

  /**
   * Replay every retained entry after the device's cursor (reconnect sync or gap repair), calling
   * `visit(entry)` for each one delivered. Returns the number replayed.
   */
  replay(device: number, user: number, now: number, visit: (entry: number) => void): number {
    this.expireUser(user, now);
    let cursor = this.acked[device];
    let e = this.head[user];
    let n = 0;
    while (e !== NIL) {
      const seq = this.eSeq[e];
      if (seq > cursor) {
        if (seq !== cursor + 1) this.lostToTtl += seq - cursor - 1;
        cursor = seq;
        this.acked[device] = seq;
        this.firstDeliveryToUser(user, e, now);
        visit(e);
        n++;
      }
      e = this.eNext[e];
    }
    // entries that expired after the device's cursor and were never retained for it
    const last = this.userSeq[user];
    if (last > cursor) {
      this.lostToTtl += last - cursor;
      this.acked[device] = last;
    }
    return n;
  }

  /** Pending entries for this device (what a replay would send). */
  pendingFor(device: number, user: number): number {
    return this.userSeq[user] - this.acked[device];
  }

  /** Drop entries every device of the user has acknowledged. */
  trim(user: number): void {
    let min = 0xffffffff;
    for (let d = this.firstDevice[user]; d < this.firstDevice[user + 1]; d++) if (this.acked[d] < min) min = this.acked[d];
    let e = this.head[user];
    while (e !== NIL && this.eSeq[e] <= min) {
      const next = this.eNext[e];
      this.release(e);
      this.trimmed++;
      e = next;
    }
    this.head[user] = e;
    if (e === NIL) this.tail[user] = NIL;
  }

  /** Expire entries older than the TTL (call periodically). */
  expire(now: number): void {
    const cutoff = now - this.options.ttlMs;
    while (this.expiryHead < this.expiryQueue.length) {
      const e = this.expiryQueue[this.expiryHead];
      if (this.eGen[e] === this.expiryGens[this.expiryHead]) {
        if (this.eTime[e] >= cutoff) break;
        this.expireUser(this.eUser[e], now);
      }
      this.expiryHead++;
    }
    if (this.expiryHead > 65536 && this.expiryHead * 2 > this.expiryQueue.length) {
      this.expiryQueue = this.expiryQueue.slice(this.expiryHead);
      this.expiryGens = this.expiryGens.slice(this.expiryHead);
      this.expiryHead = 0;
    }
  }

  private expireUser(user: number, now: number): void {
    const cutoff = now - this.options.ttlMs;
    let e = this.head[user];
    while (e !== NIL && this.eTime[e] < cutoff) {
      const next = this.eNext[e];
      if (this.eFlag[e] === 1 && this.eSeq[e] > this.userDelivered[user]) {
        this.offlinePending[user]--;
        this.backlog--;
      }
      this.release(e);
      this.expired++;
      e = next;
    }
    this.head[user] = e;
    if (e === NIL) this.tail[user] = NIL;
  }

  private firstDeliveryToUser(user: number, entry: number, now: number): void {
    const seq = this.eSeq[entry];
    if (seq <= this.userDelivered[user]) return;
    this.userDelivered[user] = seq;
    if (this.eFlag[entry] === 1) {
      this.offlinePending[user]--;
      this.backlog--;
      this.offlineWaitSumMs += now - this.eTime[entry];
      this.offlineWaitCount++;
    }
  }

  private alloc(): number {
    let e = this.free.pop();
    if (e === undefined) {
      if (this.used === this.eSeq.length) this.grow();
      e = this.used++;
    }
    this.live++;
    if (this.live > this.peakLive) this.peakLive = this.live;
    return e;
  }

  private release(e: number): void {
    this.eGen[e]++;
    this.free.push(e);
    this.live--;
  }

  private grow(): void {
    const cap = this.eSeq.length * 2;
    const g = <T extends Uint32Array | Float64Array | Int32Array | Uint8Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(cap);
      b.set(a);
      return b;
    };
    this.eSeq = g(this.eSeq);
    this.eMsg = g(this.eMsg);
    this.eConv = g(this.eConv);
    this.eTime = g(this.eTime);
    this.eNext = g(this.eNext);
    this.eFlag = g(this.eFlag);
    this.eUser = g(this.eUser);
    this.eGen = g(this.eGen);
  }
}
