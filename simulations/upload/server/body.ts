/**
 * Request bodies as pull readers. `read()` gives the next chunk, or null at the end of the body,
 * and throws when the connection died.
 */
import { Future, isPromiseLike, toFuture, type Step } from './flow';

export interface BodyReader {
  read(): Step<Uint8Array | null>;
  /** Stop reading (timeout, takeover, early rejection). Must not throw. */
  cancel(reason: unknown): void;
}

export class ConnectionLost extends Error {
  constructor(message = 'connection lost') {
    super(message);
    this.name = 'ConnectionLost';
  }
}

/**
 * Real servers: Node's IncomingMessage and WHATWG ReadableStream are both async iterables.
 * `onCancel` decides what stopping means. LOUD: for a Node IncomingMessage do NOT destroy the
 * request here (that kills the socket before the response is written); the HTTP adapter answers
 * with `Connection: close` instead. For a WHATWG stream, cancelling the stream is fine.
 */
export function readerFromAsyncIterable(body: AsyncIterable<Uint8Array>, onCancel?: (it: AsyncIterator<Uint8Array>) => void): BodyReader {
  const it = body[Symbol.asyncIterator]();
  let cancelled = false;
  return {
    read: () =>
      it.next().then(
        (r) => (r.done ? null : r.value),
        (e: unknown) => {
          throw e instanceof Error ? new ConnectionLost(e.message) : new ConnectionLost();
        },
      ),
    cancel: () => {
      if (cancelled) return;
      cancelled = true;
      onCancel?.(it);
    },
  };
}

/**
 * Simulated connection: the network pushes chunks as they arrive in virtual time, the handler
 * pulls them. Reads settle synchronously inside the network's scheduler event.
 */
export class BodyChannel implements BodyReader {
  private queue: Uint8Array[] = [];
  private ended = false;
  private failure: unknown = null;
  private waiting: Future<Uint8Array | null> | null = null;
  cancelled = false;

  push(chunk: Uint8Array): void {
    if (this.ended || this.failure || this.cancelled) return;
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = null;
      w.resolve(chunk);
    } else this.queue.push(chunk);
  }

  end(): void {
    if (this.ended || this.failure) return;
    this.ended = true;
    this.flushEnd();
  }

  fail(error: unknown = new ConnectionLost()): void {
    if (this.ended || this.failure) return;
    this.failure = error;
    if (this.waiting && this.queue.length === 0) {
      const w = this.waiting;
      this.waiting = null;
      w.reject(error);
    }
  }

  read(): Step<Uint8Array | null> {
    const next = this.queue.shift();
    if (next) return next;
    if (this.failure) throw this.failure;
    if (this.ended) return null;
    this.waiting = new Future();
    return this.waiting;
  }

  cancel(): void {
    this.cancelled = true;
    this.queue = [];
  }

  private flushEnd(): void {
    if (this.waiting && this.queue.length === 0) {
      const w = this.waiting;
      this.waiting = null;
      w.resolve(null);
    }
  }
}

export const EMPTY_BODY: BodyReader = { read: () => null, cancel: () => undefined };

/** Demo uplinks: a server never reads a throttled body slower than this (above the slow-trickle guard). */
export const MIN_THROTTLE_BYTES_PER_SECOND = 64 * 1024;

/**
 * Read `body` no faster than `bytesPerSecond` on average: each read waits until the bytes already
 * delivered are "due". With a real socket the unread bytes back up into TCP buffers, so the sender
 * really slows down. The lab uses it (header X-Upload-Throttle) so that an upload over loopback
 * lasts long enough to cut the connection mid-chunk.
 */
export function throttleBody(body: BodyReader, bytesPerSecond: number, clock: { now(): number; setTimeout(fn: () => void, ms: number): unknown; clearTimeout(h: unknown): void }): BodyReader {
  const rate = Math.max(MIN_THROTTLE_BYTES_PER_SECOND, bytesPerSecond);
  const started = clock.now();
  let delivered = 0;
  let timer: unknown = null;
  const note = (v: Uint8Array | null) => {
    if (v) delivered += v.length;
    return v;
  };
  const readNow = (): Step<Uint8Array | null> => {
    const step = body.read();
    if (step instanceof Future || isPromiseLike(step)) {
      const f = new Future<Uint8Array | null>();
      toFuture(step).onSettle((o) => (o.ok ? f.resolve(note(o.value)) : f.reject(o.error)));
      return f;
    }
    return note(step);
  };
  return {
    read: () => {
      const waitMs = started + (delivered * 1000) / rate - clock.now();
      if (waitMs <= 0) return readNow();
      const f = new Future<Uint8Array | null>();
      timer = clock.setTimeout(() => {
        timer = null;
        try {
          toFuture(readNow()).onSettle((o) => (o.ok ? f.resolve(o.value) : f.reject(o.error)));
        } catch (e) {
          f.reject(e);
        }
      }, waitMs);
      return f;
    },
    cancel: (reason) => {
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
      body.cancel(reason);
    },
  };
}

/** The rate asked for by a request's X-Upload-Throttle header (bytes/s), or null when absent or invalid. */
export function throttleRateOf(header: string | undefined): number | null {
  if (header === undefined || !/^[0-9]{1,12}$/.test(header.trim())) return null;
  const rate = Number(header.trim());
  return rate > 0 ? Math.max(MIN_THROTTLE_BYTES_PER_SECOND, rate) : null;
}
