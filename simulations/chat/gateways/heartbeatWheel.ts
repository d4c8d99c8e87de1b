/**
 * Each gateway's heartbeat wheel: every client-online device sits in one bucket of its gateway by
 * its heartbeat phase (intrusive doubly linked lists over Int32Arrays). A tick every
 * `heartbeatMs / buckets` visits exactly the devices whose heartbeat fell in that slice.
 */
import { NIL } from '../devices/deviceTable';

export class HeartbeatWheel {
  readonly buckets: number;
  readonly tickMs: number;
  /** next device in the same bucket (walk with `head(g, b)` then `next[d]` until NIL) */
  readonly next: Int32Array;
  private readonly prev: Int32Array;
  private readonly bucketOf: Int32Array;
  private readonly heads: Int32Array;

  constructor(
    devices: number,
    gateways: number,
    private readonly heartbeatMs: number,
    ticks: number,
  ) {
    this.buckets = Math.max(1, ticks);
    this.tickMs = heartbeatMs / this.buckets;
    this.next = new Int32Array(devices).fill(NIL);
    this.prev = new Int32Array(devices).fill(NIL);
    this.bucketOf = new Int32Array(devices).fill(NIL);
    this.heads = new Int32Array(gateways * this.buckets).fill(NIL);
  }

  /** First device of gateway g's bucket b (NIL if empty). */
  head(g: number, b: number): number {
    return this.heads[g * this.buckets + b];
  }

  /** Put device d (connected at `connectAt`) into gateway g's bucket for its phase. */
  insert(d: number, g: number, connectAt: number): void {
    const h = this.heartbeatMs;
    const phase = ((connectAt % h) + h) % h;
    const b = Math.min(this.buckets - 1, Math.floor(phase / this.tickMs));
    const slot = g * this.buckets + b;
    const head = this.heads[slot];
    this.next[d] = head;
    this.prev[d] = NIL;
    if (head !== NIL) this.prev[head] = d;
    this.heads[slot] = d;
    this.bucketOf[d] = slot;
  }

  remove(d: number): void {
    const slot = this.bucketOf[d];
    if (slot === NIL) return;
    const prev = this.prev[d];
    const next = this.next[d];
    if (prev !== NIL) this.next[prev] = next;
    else this.heads[slot] = next;
    if (next !== NIL) this.prev[next] = prev;
    this.bucketOf[d] = NIL;
    this.next[d] = this.prev[d] = NIL;
  }

  /** Visit the client-online devices of gateway g (a snapshot: `visit` may remove them). */
  forEachOnGateway(g: number, visit: (d: number) => void): void {
    const list: number[] = [];
    for (let b = 0; b < this.buckets; b++) {
      for (let d = this.heads[g * this.buckets + b]; d !== NIL; d = this.next[d]) list.push(d);
    }
    for (const d of list) visit(d);
  }
}
