/**
 * NODE ONLY. One simulated device over a real WebSocket: connects through the balancer with its token,
 * heartbeats, reconnects with the chat core's backoff policy (the simulation's own `firstAttemptDelay` /
 * `retryDelay`), keeps the sync-log protocol (accept seq = cursor + 1, drop older as duplicates, sync on a
 * gap: the core `SyncLog` rule), resends what was never acknowledged (same id: the store deduplicates),
 * and records what the application sees: duplicates, out-of-order deliveries, latency.
 *
 * Timers are driven from outside (`tick`), so thousands of clients cost one interval, not thousands.
 */
import WebSocket from 'ws';
import { firstAttemptDelay, retryDelay, type BackoffConfig } from '../../../simulations/chat/core/backoff';
import type { LatencyHistogram } from '../../../simulations/chat/metrics/latencyHistogram';

export interface ClientEnv {
  url: string;
  backoff: BackoffConfig;
  heartbeatMs: number;
  pingTimeoutMs: number;
  connectTimeoutMs: number;
  random: () => number;
  /** conversations that fan out on read (the client keeps a cursor per such conversation) */
  readFanout: Set<string>;
  /** send time of each message id, for delivery latency */
  sentAt: Map<string, number>;
  deliveryLatency: LatencyHistogram;
  connectLatency: LatencyHistogram;
  onAttempt(now: number): void;
  onDisconnected(now: number): void;
  /**
   * A lost connection is back: the episode's length, its attempts, the time spent inside attempts
   * (handshakes, not counting stalls), and how long this process's own event loop stalled during the
   * episode (a busy machine: neither the policy nor the server).
   */
  onReconnected(episodeMs: number, attempts: number, connectingMs: number, lateMs: number): void;
  onAcknowledged(conv: string, cseq: number, id: string): void;
}

interface Outgoing {
  id: string;
  conv: string;
  body: string;
  /** sent on the current connection and not yet answered */
  inflight: boolean;
  retryAt: number;
}

export type ClientState = 'idle' | 'connecting' | 'online' | 'backoff' | 'stopped';

export class DeviceClient {
  state: ClientState = 'idle';
  private ws: WebSocket | null = null;
  private seq = 0;
  private ackedSeq = 0;
  private readonly convCursor = new Map<string, number>();
  private readonly lastCseq = new Map<string, number>();
  private readonly readSent = new Map<string, number>();
  /** `${conv}:${cseq}` of every message the application got */
  readonly received = new Set<string>();
  private outbox: Outgoing[] = [];
  private attempt = 0;
  private prevDelay = 0;
  private nextAttemptAt = 0;
  private attemptStartedAt = 0;
  private episodeStartedAt = -1;
  private episodeAttempts = 0;
  private episodeConnectingMs = 0;
  private episodeLateMs = 0;
  private nextPingAt = 0;
  private pongDeadline = Infinity;
  private syncing = false;
  private resyncWanted = false;
  private lastAckAt = 0;
  synced = false;
  duplicates = 0;
  outOfOrder = 0;
  protocolDuplicates = 0;
  gaps = 0;
  /** entries a sync answer skipped (expired or trimmed before this device got them) */
  skipped = 0;
  attempts = 0;
  maxEpisodeMs = 0;
  maxEpisodeAttempts = 0;
  gateway = -1;

  constructor(
    readonly user: string,
    readonly device: string,
    private readonly token: string,
    private readonly env: ClientEnv,
  ) {}

  /** connected at least once */
  everOnline = false;

  get online(): boolean {
    return this.state === 'online';
  }
  get pendingSends(): number {
    return this.outbox.length;
  }
  get disconnectedSince(): number {
    return this.episodeStartedAt;
  }

  start(now: number, delayMs: number): void {
    this.state = 'backoff';
    this.nextAttemptAt = now + delayMs;
  }

  stop(): void {
    this.state = 'stopped';
    this.ws?.terminate();
    this.ws = null;
  }

  queueSend(id: string, conv: string, body: string, now: number): void {
    const m: Outgoing = { id, conv, body, inflight: false, retryAt: now };
    this.outbox.push(m);
    this.env.sentAt.set(id, now);
    if (this.online) this.transmit(m);
  }

  /** Ask for everything after the cursors (end of a run, or a gap). */
  requestSync(): void {
    if (!this.online) return;
    if (this.syncing) {
      this.resyncWanted = true;
      return;
    }
    this.syncing = true;
    this.synced = false;
    const convs: Record<string, number> = {};
    for (const c of this.env.readFanout) if (this.convCursor.has(c)) convs[c] = this.convCursor.get(c)!;
    this.write({ t: 'sync', seq: this.seq, convs });
  }

  /** Conversations this client follows with a cursor (read-fanout ones it belongs to). */
  follow(conv: string): void {
    if (!this.convCursor.has(conv)) this.convCursor.set(conv, 0);
  }

  tick(now: number): void {
    if (this.state === 'backoff' && now >= this.nextAttemptAt) return this.connect(now);
    if (this.state === 'connecting' && now - this.attemptStartedAt > this.env.connectTimeoutMs) {
      this.ws?.terminate();
      return;
    }
    if (this.state !== 'online') return;
    if (now > this.pongDeadline) {
      // heartbeat unanswered: the connection is dead (a partition), go back to backoff
      this.ws?.terminate();
      return;
    }
    if (now >= this.nextPingAt) {
      this.write({ t: 'ping' });
      this.nextPingAt = now + this.env.heartbeatMs;
      if (this.pongDeadline === Infinity) this.pongDeadline = now + this.env.pingTimeoutMs;
    }
    // delivered cursor at most once a second (a cursor covers every message up to it)
    if (this.seq > this.ackedSeq && now - this.lastAckAt >= 1000) {
      this.write({ t: 'ack', seq: this.seq });
      this.ackedSeq = this.seq;
      this.lastAckAt = now;
    }
    for (const m of this.outbox) if (!m.inflight && now >= m.retryAt) this.transmit(m);
  }

  /**
   * The load generator's own event loop stalled for `ms` (a busy machine): move this client's
   * deadlines by as much, so a starved client does not blame the server for the pong it could not read.
   */
  forgiveStall(ms: number): void {
    if (this.episodeStartedAt >= 0) this.episodeLateMs += ms;
    if (this.pongDeadline !== Infinity) this.pongDeadline += ms;
    if (this.state === 'connecting') this.attemptStartedAt += ms;
  }

  readReceipts(): void {
    if (!this.online) return;
    for (const [conv, cseq] of this.lastCseq) {
      if ((this.readSent.get(conv) ?? 0) < cseq) {
        this.write({ t: 'read', conv, cseq });
        this.readSent.set(conv, cseq);
      }
    }
  }

  private connect(now: number): void {
    this.state = 'connecting';
    this.attempts++;
    this.episodeAttempts++;
    this.attemptStartedAt = now;
    this.env.onAttempt(now);
    const ws = new WebSocket(`${this.env.url}/?token=${this.token}`, { perMessageDeflate: false, handshakeTimeout: this.env.connectTimeoutMs });
    this.ws = ws;
    ws.on('message', (data) => this.onFrame(data.toString()));
    ws.on('error', () => {});
    ws.on('close', () => {
      if (this.ws === ws) this.onClosed(performance.now());
    });
  }

  private onClosed(now: number): void {
    this.ws = null;
    if (this.state === 'stopped') return;
    for (const m of this.outbox) m.inflight = false;
    this.syncing = false;
    this.resyncWanted = false;
    if (this.state === 'online') {
      // a lost connection: the first attempt waits the policy's first window
      this.episodeStartedAt = now;
      this.episodeAttempts = 0;
      this.episodeConnectingMs = 0;
      this.episodeLateMs = 0;
      this.env.onDisconnected(now);
      this.attempt = 0;
      this.prevDelay = firstAttemptDelay(this.env.backoff, this.env.random);
    } else {
      // a failed attempt
      if (this.episodeStartedAt >= 0) this.episodeConnectingMs += now - this.attemptStartedAt;
      this.prevDelay = retryDelay(this.env.backoff, this.attempt, this.prevDelay, this.env.random);
      this.attempt++;
    }
    this.state = 'backoff';
    this.nextAttemptAt = now + this.prevDelay;
  }

  private write(frame: unknown): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(frame));
  }

  private transmit(m: Outgoing): void {
    m.inflight = true;
    this.write({ t: 'send', id: m.id, conv: m.conv, body: m.body });
  }

  private onFrame(text: string): void {
    const now = performance.now();
    const f = JSON.parse(text) as { t: string; [k: string]: unknown };
    switch (f.t) {
      case 'welcome': {
        this.state = 'online';
        this.everOnline = true;
        this.gateway = f.gateway as number;
        this.env.connectLatency.add(now - this.attemptStartedAt);
        if (this.episodeStartedAt >= 0) {
          const ms = now - this.episodeStartedAt;
          this.maxEpisodeMs = Math.max(this.maxEpisodeMs, ms);
          this.maxEpisodeAttempts = Math.max(this.maxEpisodeAttempts, this.episodeAttempts);
          this.env.onReconnected(ms, this.episodeAttempts, this.episodeConnectingMs + (now - this.attemptStartedAt), this.episodeLateMs);
        }
        this.episodeStartedAt = -1;
        this.episodeAttempts = 0;
        this.attempt = 0;
        this.nextPingAt = now + this.env.random() * this.env.heartbeatMs;
        this.pongDeadline = Infinity;
        this.requestSync();
        for (const m of this.outbox) this.transmit(m);
        return;
      }
      case 'pong':
        this.pongDeadline = Infinity;
        if ((f.head as number) > this.seq) this.requestSync();
        return;
      case 'synced':
        this.syncing = false;
        if (this.resyncWanted || (f.head as number) > this.seq || f.more === true) {
          this.resyncWanted = false;
          this.requestSync();
        } else this.synced = true;
        return;
      case 'sent': {
        const i = this.outbox.findIndex((m) => m.id === f.id);
        if (i >= 0) this.outbox.splice(i, 1);
        this.env.onAcknowledged(f.conv as string, f.cseq as number, f.id as string);
        return;
      }
      case 'error': {
        const m = this.outbox.find((o) => o.id === f.id);
        if (m) {
          m.inflight = false;
          m.retryAt = now + 1000;
        }
        return;
      }
      case 'msg':
        return this.onMessage(f as unknown as { seq?: number; conv: string; cseq: number; id: string }, now);
    }
  }

  private onMessage(m: { seq?: number; replay?: boolean; conv: string; cseq: number; id: string }, now: number): void {
    // the core SyncLog rule: accept cursor + 1, drop what is at or below the cursor, repair a gap in
    // live traffic by a sync; in a sync answer a jump means entries expired (counted, then accepted)
    if (m.seq !== undefined) {
      if (m.seq <= this.seq) return void this.protocolDuplicates++;
      if (m.seq !== this.seq + 1) {
        if (!m.replay) {
          this.gaps++;
          return this.requestSync();
        }
        this.skipped += m.seq - this.seq - 1;
      }
      this.seq = m.seq;
    } else {
      const cursor = this.convCursor.get(m.conv) ?? 0;
      if (m.cseq <= cursor) return void this.protocolDuplicates++;
      if (m.cseq !== cursor + 1) {
        if (!m.replay) {
          this.gaps++;
          return this.requestSync();
        }
        this.skipped += m.cseq - cursor - 1;
      }
      this.convCursor.set(m.conv, m.cseq);
    }
    const key = `${m.conv}:${m.cseq}`;
    if (this.received.has(key)) return void this.duplicates++;
    this.received.add(key);
    const last = this.lastCseq.get(m.conv) ?? 0;
    if (m.cseq < last) this.outOfOrder++;
    else this.lastCseq.set(m.conv, m.cseq);
    const sent = this.env.sentAt.get(m.id);
    if (sent !== undefined && !this.syncing) this.env.deliveryLatency.add(now - sent);
  }
}
