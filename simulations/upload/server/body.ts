/**
 * Request bodies as pull readers. `read()` gives the next chunk, or null at the end of the body,
 * and throws when the connection died.
 */
import { Future, type Step } from './flow';

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
