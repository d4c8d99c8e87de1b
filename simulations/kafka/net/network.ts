/**
 * Point-to-point links with latency and bandwidth (a FIFO serialisation queue per direction), and
 * cuts (network partitions) between two nodes. A message in transit when its link is cut is lost.
 * Nodes: brokers 0..B-1, PRODUCER, CONTROLLER.
 */
import type { Scheduler } from '../../core/scheduler';

export const PRODUCER = 100;
export const CONTROLLER = 101;

export interface LinkSpec {
  latencyMs: number;
  bytesPerMs: number;
}

/** 10 Gbit/s, 1 ms one way: a cloud availability-zone hop. */
export const DEFAULT_LINK: LinkSpec = { latencyMs: 1, bytesPerMs: 1_250_000 };

const key = (a: number, b: number) => a * 1024 + b;

export class Network {
  private freeAt = new Map<number, number>();
  private cuts = new Map<number, number>();
  bytesSent = 0;
  messagesLost = 0;

  constructor(
    private readonly scheduler: Scheduler,
    readonly link: LinkSpec = DEFAULT_LINK,
  ) {}

  isCut(a: number, b: number): boolean {
    return (this.cuts.get(key(Math.min(a, b), Math.max(a, b))) ?? 0) > 0;
  }

  /** Cuts nest: two overlapping partition faults need two heals. */
  cut(a: number, b: number): void {
    const k = key(Math.min(a, b), Math.max(a, b));
    this.cuts.set(k, (this.cuts.get(k) ?? 0) + 1);
  }

  heal(a: number, b: number): void {
    const k = key(Math.min(a, b), Math.max(a, b));
    const n = (this.cuts.get(k) ?? 0) - 1;
    if (n <= 0) this.cuts.delete(k);
    else this.cuts.set(k, n);
  }

  /**
   * Send `bytes` from src to dst; `deliver` runs on arrival unless the link is cut at either end of
   * the trip. Returns the time the last byte leaves src (socket write complete), or -1 if cut.
   */
  send(src: number, dst: number, bytes: number, deliver: () => void): number {
    if (this.isCut(src, dst)) {
      this.messagesLost++;
      return -1;
    }
    const k = key(src, dst);
    const now = this.scheduler.now;
    const start = Math.max(now, this.freeAt.get(k) ?? 0);
    const written = start + bytes / this.link.bytesPerMs;
    this.freeAt.set(k, written);
    this.bytesSent += bytes;
    this.scheduler.at(written + this.link.latencyMs, () => {
      if (this.isCut(src, dst)) {
        this.messagesLost++;
        return;
      }
      deliver();
    });
    return written;
  }
}
