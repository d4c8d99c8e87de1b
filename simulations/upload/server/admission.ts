/**
 * Limits that hold without cookies (a new cookie is free): per client address and for the whole
 * server, on open uploads, bytes reserved by open uploads, and the creation rate. Checked at
 * creation; a refusal is 429 with Retry-After. Off unless `TusServerOptions.limits` is given (the
 * simulation runs without them; the real server sets them, servers/uploads/service.ts).
 */
import type { ServerClock } from './clock';
import type { Reservations } from './reservations';

export interface LimitSet {
  /** open (unfinished) uploads */
  openUploads: number;
  /** bytes reserved by open uploads (declared lengths; a deferred one: what it stored) */
  bytes: number;
  /** creations per minute, with a burst of the same size */
  creationsPerMinute: number;
}

export interface AdmissionLimits {
  perClient: LimitSet;
  global: LimitSet;
}

export type Refusal = { status: 429; reason: string; retryAfterS: number };

/** Token bucket: `perMinute` tokens a minute, at most `perMinute` saved up. */
class Bucket {
  tokens: number;
  at: number;
  constructor(
    readonly perMinute: number,
    now: number,
  ) {
    this.tokens = perMinute;
    this.at = now;
  }
  refill(now: number): void {
    this.tokens = Math.min(this.perMinute, this.tokens + ((now - this.at) * this.perMinute) / 60_000);
    this.at = now;
  }
  /** ms until one token is there */
  wait(): number {
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) * 60_000) / this.perMinute);
  }
}

/** Most client buckets kept; full (idle) ones are dropped first. */
const MAX_BUCKETS = 10_000;
const IDLE_RETRY_AFTER_S = 60;

export class Admission {
  private readonly clients = new Map<string, Bucket>();
  private readonly globalBucket: Bucket;

  constructor(
    readonly limits: AdmissionLimits,
    private readonly clock: ServerClock,
  ) {
    this.globalBucket = new Bucket(limits.global.creationsPerMinute, clock.now());
  }

  /** May `client` create an upload of `bytes` (0 when deferred)? Takes a creation token when yes. */
  admit(reservations: Reservations, client: string | null, bytes: number): Refusal | null {
    const now = this.clock.now();
    const { perClient, global } = this.limits;
    const all = reservations.overall();
    if (all.count >= global.openUploads) return refuse(`the server holds its maximum of ${global.openUploads} open uploads`, IDLE_RETRY_AFTER_S);
    if (all.bytes + bytes > global.bytes) return refuse('the server has reserved all the bytes it accepts for open uploads', IDLE_RETRY_AFTER_S);
    let bucket: Bucket | null = null;
    if (client !== null) {
      const mine = reservations.ofClient(client);
      if (mine.count >= perClient.openUploads) return refuse(`at most ${perClient.openUploads} open uploads per client address`, IDLE_RETRY_AFTER_S);
      if (mine.bytes + bytes > perClient.bytes) return refuse('per-address storage limit reached: finish or delete an upload first', IDLE_RETRY_AFTER_S);
      bucket = this.clients.get(client) ?? null;
      if (!bucket) {
        if (this.clients.size >= MAX_BUCKETS) this.prune(now);
        bucket = new Bucket(perClient.creationsPerMinute, now);
        this.clients.set(client, bucket);
      }
      bucket.refill(now);
      if (bucket.tokens < 1) return refuse('too many uploads created from this address; slow down', Math.ceil(bucket.wait() / 1000));
    }
    this.globalBucket.refill(now);
    if (this.globalBucket.tokens < 1) return refuse('too many uploads created; slow down', Math.ceil(this.globalBucket.wait() / 1000));
    this.globalBucket.tokens -= 1;
    if (bucket) bucket.tokens -= 1;
    return null;
  }

  private prune(now: number): void {
    for (const [k, b] of this.clients) {
      b.refill(now);
      if (b.tokens >= b.perMinute) this.clients.delete(k);
    }
    // still full of busy addresses: forget the oldest half (they get a fresh bucket: bounded memory wins)
    if (this.clients.size >= MAX_BUCKETS) {
      let n = this.clients.size / 2;
      for (const k of this.clients.keys()) {
        if (n-- <= 0) break;
        this.clients.delete(k);
      }
    }
  }
}

function refuse(reason: string, retryAfterS: number): Refusal {
  return { status: 429, reason, retryAfterS: Math.max(1, retryAfterS) };
}
