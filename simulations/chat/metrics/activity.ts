/**
 * Bounded, deterministic samples of recent activity for the lab view: which socket writes went
 * where, and which presence changes rippled out. The view animates these; it never sees one
 * element per message.
 *
 * Sampling is by virtual time, not by chance: at most `perBucket` items are kept per bucket of
 * `bucketMs`, in a ring of `capacity`. No randomness is drawn and nothing is scheduled, so adding
 * the sample does not change a run.
 */

/** How a write reached its gateway: straight from the router, a group process, a channel server or a relay. */
export const HUB_DIRECT = 0;
export const HUB_GROUP = 1;
export const HUB_CHANNEL_SERVER = 2;
export const HUB_RELAY = 3;
export type HubKind = typeof HUB_DIRECT | typeof HUB_GROUP | typeof HUB_CHANNEL_SERVER | typeof HUB_RELAY;

/** Admits at most `perBucket` offers per bucket of `bucketMs` (offers must come in time order). */
export class BucketSampler {
  private bucket = -1;
  private taken = 0;
  constructor(
    readonly bucketMs: number,
    readonly perBucket: number,
  ) {}

  admit(t: number): boolean {
    const b = Math.floor(t / this.bucketMs);
    if (b !== this.bucket) {
      // a later bucket starts afresh; an earlier one (out-of-order offer) is refused
      if (b < this.bucket) return false;
      this.bucket = b;
      this.taken = 0;
    }
    if (this.taken >= this.perBucket) return false;
    this.taken++;
    return true;
  }
}

export interface WriteSampleItem {
  /** when the message was sent */
  sentAt: number;
  /** when the write reaches the device (NaN if it was lost: gateway partitioned, device gone) */
  arriveAt: number;
  device: number;
  /** gateway of the sender's connection, -1 if the sender had none */
  fromGateway: number;
  toGateway: number;
  hub: HubKind;
  /** channel server or relay index, -1 otherwise */
  hubIndex: number;
}

export class WriteSample {
  readonly sentAt: Float64Array;
  readonly arriveAt: Float64Array;
  readonly device: Int32Array;
  readonly fromGateway: Int16Array;
  readonly toGateway: Int16Array;
  readonly hub: Uint8Array;
  readonly hubIndex: Int32Array;
  /** index of the next slot to write */
  head = 0;
  size = 0;
  private readonly sampler: BucketSampler;

  constructor(
    readonly capacity: number,
    bucketMs: number,
    perBucket: number,
  ) {
    this.sentAt = new Float64Array(capacity);
    this.arriveAt = new Float64Array(capacity);
    this.device = new Int32Array(capacity);
    this.fromGateway = new Int16Array(capacity);
    this.toGateway = new Int16Array(capacity);
    this.hub = new Uint8Array(capacity);
    this.hubIndex = new Int32Array(capacity);
    this.sampler = new BucketSampler(bucketMs, perBucket);
  }

  offer(sentAt: number, arriveAt: number, device: number, fromGateway: number, toGateway: number, hub: HubKind, hubIndex: number): void {
    if (!this.sampler.admit(sentAt)) return;
    const i = this.head;
    this.sentAt[i] = sentAt;
    this.arriveAt[i] = arriveAt;
    this.device[i] = device;
    this.fromGateway[i] = fromGateway;
    this.toGateway[i] = toGateway;
    this.hub[i] = hub;
    this.hubIndex[i] = hubIndex;
    this.head = (i + 1) % this.capacity;
    if (this.size < this.capacity) this.size++;
  }

  /** Newest first, those sent in (from, to]. */
  recent(from: number, to: number, limit: number): WriteSampleItem[] {
    const out: WriteSampleItem[] = [];
    for (let k = 1; k <= this.size && out.length < limit; k++) {
      const i = (this.head - k + this.capacity) % this.capacity;
      const t = this.sentAt[i];
      if (t <= from) break;
      if (t > to) continue;
      out.push({
        sentAt: t,
        arriveAt: this.arriveAt[i],
        device: this.device[i],
        fromGateway: this.fromGateway[i],
        toGateway: this.toGateway[i],
        hub: this.hub[i] as HubKind,
        hubIndex: this.hubIndex[i],
      });
    }
    return out;
  }
}

export interface PresenceSampleItem {
  at: number;
  user: number;
  /** PresenceStatus: 0 offline, 1 online, 2 away */
  status: number;
  /** devices told at once (0 when coalesced: they hear it at the end of the window) */
  audience: number;
}

export class PresenceSample {
  readonly at: Float64Array;
  readonly user: Int32Array;
  readonly status: Uint8Array;
  readonly audience: Float64Array;
  head = 0;
  size = 0;
  private readonly sampler: BucketSampler;

  constructor(
    readonly capacity: number,
    bucketMs: number,
    perBucket: number,
  ) {
    this.at = new Float64Array(capacity);
    this.user = new Int32Array(capacity);
    this.status = new Uint8Array(capacity);
    this.audience = new Float64Array(capacity);
    this.sampler = new BucketSampler(bucketMs, perBucket);
  }

  offer(at: number, user: number, status: number, audience: number): void {
    if (!this.sampler.admit(at)) return;
    const i = this.head;
    this.at[i] = at;
    this.user[i] = user;
    this.status[i] = status;
    this.audience[i] = audience;
    this.head = (i + 1) % this.capacity;
    if (this.size < this.capacity) this.size++;
  }

  /** Newest first, those at (from, to]. */
  recent(from: number, to: number, limit: number): PresenceSampleItem[] {
    const out: PresenceSampleItem[] = [];
    for (let k = 1; k <= this.size && out.length < limit; k++) {
      const i = (this.head - k + this.capacity) % this.capacity;
      const t = this.at[i];
      if (t <= from) break;
      if (t > to) continue;
      out.push({ at: t, user: this.user[i], status: this.status[i], audience: this.audience[i] });
    }
    return out;
  }
}

/** Bucket length for a run: about 2,000 buckets over the run, at least 10 ms. */
export function activityBucketMs(durationMs: number): number {
  return Math.max(10, durationMs / 2000);
}
