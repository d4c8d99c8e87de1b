/**
 * Pieces of the real upload panel that need no React: a browser File as the client's FileSource,
 * localStorage as its UrlStorage, a transport wrapper with a "cut the connection" switch and a
 * request log, and the chunk map. The HTTP client itself is simulations/upload/client (the same
 * XState machine the simulation runs).
 */
import type { FileSource, HttpRequestSpec, HttpTransport, TransportCallbacks, UrlStorage } from '@/simulations/upload';

/** Header the lab's server honours to read a request body at most this fast (a demo uplink). */
export const THROTTLE_HEADER = 'X-Upload-Throttle';

export function fileSourceOf(blob: Blob): FileSource {
  return {
    size: blob.size,
    read: (offset, length) =>
      blob
        .slice(offset, Math.min(blob.size, offset + length))
        .arrayBuffer()
        .then((b) => new Uint8Array(b)),
  };
}

/** localStorage, or nothing when it is unavailable (private mode, quota): uploads then resume by lookup only. */
export function browserUrlStorage(storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null): UrlStorage {
  return {
    get: (key) => {
      try {
        return storage?.getItem(key) ?? null;
      } catch {
        return null;
      }
    },
    set: (key, value) => {
      try {
        storage?.setItem(key, value);
      } catch {
        /* full or disabled: the server-side (videoId, user) lookup still finds the upload */
      }
    },
    remove: (key) => {
      try {
        storage?.removeItem(key);
      } catch {
        /* ignore */
      }
    },
  };
}

export interface RequestLogEntry {
  n: number;
  method: string;
  url: string;
  /** Upload-Offset sent with a PATCH */
  offset: number | null;
  bodyBytes: number;
  status: number | null;
  /** Upload-Offset in the answer */
  responseOffset: number | null;
  error: string | null;
  done: boolean;
}

/**
 * Wraps the fetch transport: `cut()` aborts every request in flight (mid-chunk for a PATCH) and keeps
 * the "cable" unplugged, so further requests fail at once like a device without a network, until
 * `reconnect()`. Every request is logged. `throttleBytesPerSecond` asks the server to read bodies
 * no faster than that, so a loopback upload lasts long enough to be cut.
 */
export class CuttableTransport implements HttpTransport {
  private inFlight = new Set<{ abort(): void }>();
  private unplugged = false;
  private counter = 0;
  readonly log: RequestLogEntry[] = [];
  throttleBytesPerSecond: number | null = null;

  constructor(
    private readonly inner: HttpTransport,
    private readonly onChange: () => void = () => undefined,
    private readonly defer: (fn: () => void) => void = (fn) => queueMicrotask(fn),
  ) {}

  get connected(): boolean {
    return !this.unplugged;
  }

  get requestsInFlight(): number {
    return this.inFlight.size;
  }

  cut(): number {
    this.unplugged = true;
    const handles = [...this.inFlight];
    this.inFlight.clear();
    for (const h of handles) h.abort();
    this.onChange();
    return handles.length;
  }

  reconnect(): void {
    this.unplugged = false;
    this.onChange();
  }

  send(request: HttpRequestSpec, callbacks: TransportCallbacks): { abort(): void } {
    const entry: RequestLogEntry = {
      n: ++this.counter,
      method: request.method,
      url: request.url,
      offset: request.headers['Upload-Offset'] !== undefined ? Number(request.headers['Upload-Offset']) : null,
      bodyBytes: request.body?.length ?? 0,
      status: null,
      responseOffset: null,
      error: null,
      done: false,
    };
    this.log.push(entry);
    if (this.log.length > 200) this.log.splice(0, this.log.length - 200);
    const finish = (error: string | null) => {
      entry.done = true;
      entry.error = error;
      this.onChange();
    };
    if (this.unplugged) {
      let aborted = false;
      this.defer(() => {
        if (aborted) return;
        finish('offline: the connection is cut');
        callbacks.onError(new Error('offline: the connection is cut'));
      });
      this.onChange();
      return { abort: () => (aborted = true) };
    }
    const headers = { ...request.headers };
    if (request.body && this.throttleBytesPerSecond !== null) headers[THROTTLE_HEADER] = String(Math.round(this.throttleBytesPerSecond));
    let handle: { abort(): void } | null = null;
    const tracked = {
      abort: () => {
        this.inFlight.delete(tracked);
        handle?.abort();
      },
    };
    this.inFlight.add(tracked);
    handle = this.inner.send(
      { ...request, headers },
      {
        onProgress: callbacks.onProgress,
        onResponse: (response) => {
          this.inFlight.delete(tracked);
          entry.status = response.status;
          const offset = response.headers['upload-offset'];
          entry.responseOffset = offset !== undefined && /^[0-9]+$/.test(offset) ? Number(offset) : null;
          finish(null);
          callbacks.onResponse(response);
        },
        onError: (e) => {
          this.inFlight.delete(tracked);
          finish(e.name === 'AbortError' || /abort/i.test(e.message) ? 'aborted (connection cut)' : e.message);
          callbacks.onError(e);
        },
      },
    );
    this.onChange();
    return tracked;
  }
}

/** The offset the server reported on the first successful HEAD of this page: where a resumed upload restarted. */
export function resumedFrom(log: readonly RequestLogEntry[]): number | null {
  const head = log.find((e) => e.method === 'HEAD' && e.status === 200 && e.responseOffset !== null);
  return head ? head.responseOffset : null;
}

export type CellState = 'committed' | 'partial' | 'sending' | 'pending';

/**
 * The chunk map: the file in `cells` equal cells. A cell is committed when the server's offset is
 * past its end, partial when the offset falls inside it, sending when the PATCH in flight covers it.
 */
export function chunkMap(fileSize: number, committed: number, inFlight: { from: number; to: number } | null, cells: number): CellState[] {
  if (fileSize <= 0 || cells <= 0) return [];
  const out: CellState[] = [];
  for (let i = 0; i < cells; i++) {
    const from = Math.floor((i * fileSize) / cells);
    const to = Math.floor(((i + 1) * fileSize) / cells);
    if (to <= from) continue;
    if (committed >= to) out.push('committed');
    else if (inFlight && inFlight.from < to && inFlight.to > Math.max(from, committed)) out.push(committed > from ? 'partial' : 'sending');
    else if (committed > from) out.push('partial');
    else out.push('pending');
  }
  return out;
}

/** Cells for a file: one per chunk when that is few enough, else capped. */
export function cellCount(fileSize: number, chunkBytes: number, max = 96): number {
  if (fileSize <= 0) return 0;
  return Math.max(1, Math.min(max, Math.ceil(fileSize / chunkBytes)));
}

export function formatRate(bytesPerSecond: number): string {
  const mbit = (bytesPerSecond * 8) / 1e6;
  return `${Number(mbit.toPrecision(3))} Mbit/s`;
}
