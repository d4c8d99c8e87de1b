/**
 * The two protocols the lab compares tus with, each a small server + client on the same simulated
 * network:
 * - plain POST: the whole file in one request; a cut connection loses everything, retry from byte 0.
 * - YouTube/GCS style: POST opens a session; PUT chunks with `Content-Range: bytes a-b/total`; after
 *   a failure, an empty PUT with `Content-Range: bytes *\/total` asks for progress and gets
 *   308 Resume Incomplete + `Range: bytes=0-N`. The server persists in 256 KiB units, so the tail of a
 *   cut chunk that did not fill a unit is lost (clients must trust Range).
 */
import type { Scheduler } from '../../core/scheduler';
import { run, wait, type Coroutine, type Future } from '../server/flow';
import { ConnectionLost } from '../server/body';
import type { SimEndpoint, SimServerRequest, SimServerResponse } from '../network/simNetwork';
import type { FileSource, HttpResponseData, HttpTransport } from '../client/transport';
import { backoffDelay, type BackoffPolicy } from '../client/backoff';
import { toFuture } from '../server/flow';

export const GCS_UNIT = 256 * 1024;

abstract class SimpleEndpoint implements SimEndpoint {
  up = true;
  private listeners = new Set<() => void>();
  onDown(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  /** Process crash: open connections die; what was persisted stays (GCS sessions are durable). */
  crash(): void {
    this.up = false;
    for (const l of [...this.listeners]) l();
    this.listeners.clear();
  }
  restart(): void {
    this.up = true;
  }
  abstract handle(req: SimServerRequest): Future<SimServerResponse>;
}

/** Counts bytes; a request that does not deliver the whole body stores nothing. */
export class PlainPostServer extends SimpleEndpoint {
  completed = false;
  handle(req: SimServerRequest): Future<SimServerResponse> {
    return run(this.receive(req));
  }
  private *receive(req: SimServerRequest): Coroutine<SimServerResponse> {
    const expected = Number(req.headers['content-length'] ?? 0);
    let received = 0;
    try {
      for (;;) {
        const chunk = req.body ? yield* wait(req.body.read()) : null;
        if (chunk === null) break;
        received += chunk.length;
      }
    } catch (e) {
      if (e instanceof ConnectionLost) return { status: 400, headers: {} };
      throw e;
    }
    if (received !== expected) return { status: 400, headers: {} };
    this.completed = true;
    return { status: 201, headers: {} };
  }
}

export class GcsStyleServer extends SimpleEndpoint {
  private sessions = new Map<string, { total: number; persisted: number }>();
  private next = 1;

  persisted(url: string): number {
    return this.sessions.get(url)?.persisted ?? 0;
  }

  handle(req: SimServerRequest): Future<SimServerResponse> {
    return run(this.dispatch(req));
  }

  private *dispatch(req: SimServerRequest): Coroutine<SimServerResponse> {
    if (req.method === 'POST') {
      const total = Number(req.headers['x-upload-content-length']);
      if (!Number.isSafeInteger(total) || total <= 0) return { status: 400, headers: {} };
      const url = `/gcs/session-${this.next++}`;
      this.sessions.set(url, { total, persisted: 0 });
      return { status: 200, headers: { Location: url } };
    }
    const session = this.sessions.get(req.url);
    if (!session || req.method !== 'PUT') return { status: 404, headers: {} };
    const range = req.headers['content-range'] ?? '';
    const status = () => this.progress(session);
    if (/^bytes \*\/\d+$/.test(range)) return status();
    const m = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(range);
    if (!m) return { status: 400, headers: {} };
    const first = Number(m[1]);
    if (first !== session.persisted) return status();
    let received = 0;
    try {
      for (;;) {
        const chunk = req.body ? yield* wait(req.body.read()) : null;
        if (chunk === null) break;
        received += chunk.length;
      }
    } catch (e) {
      if (!(e instanceof ConnectionLost)) throw e;
      session.persisted = first + Math.floor(received / GCS_UNIT) * GCS_UNIT;
      return status();
    }
    session.persisted = first + received;
    return status();
  }

  private progress(s: { total: number; persisted: number }): SimServerResponse {
    if (s.persisted >= s.total) return { status: 200, headers: {} };
    return { status: 308, headers: s.persisted > 0 ? { Range: `bytes=0-${s.persisted - 1}` } : {} };
  }
}

export interface BaselineClientEvents {
  onDone(): void;
  onAttemptFailed(): void;
}

interface ClientDeps {
  scheduler: Scheduler;
  transport: HttpTransport;
  random: () => number;
  backoff: BackoffPolicy;
  file: FileSource;
}

/** Plain POST client: all or nothing, backoff between attempts. */
export class PlainPostClient {
  done = false;
  attempts = 0;
  private failures = 0;

  constructor(
    private readonly d: ClientDeps,
    private readonly events: BaselineClientEvents,
  ) {}

  start(): void {
    this.attempts++;
    toFuture(this.d.file.read(0, this.d.file.size)).onSettle((o) => {
      if (!o.ok) return;
      this.d.transport.send(
        { method: 'POST', url: '/plain', headers: {}, body: o.value },
        {
          onResponse: (r) => (r.status === 201 ? this.finish() : this.retry()),
          onError: () => this.retry(),
        },
      );
    });
  }

  private finish(): void {
    this.done = true;
    this.events.onDone();
  }

  private retry(): void {
    this.events.onAttemptFailed();
    const delay = backoffDelay(this.failures++, this.d.backoff, this.d.random);
    this.d.scheduler.after(delay, () => this.start());
  }
}

/** YouTube/GCS-style client: session, Content-Range chunks (multiples of 256 KiB), 308 + Range to resume. */
export class GcsStyleClient {
  done = false;
  offset = 0;
  private session: string | null = null;
  private failures = 0;
  readonly chunkBytes: number;

  constructor(
    private readonly d: ClientDeps,
    chunkBytes: number,
    private readonly events: BaselineClientEvents,
  ) {
    this.chunkBytes = Math.max(GCS_UNIT, Math.floor(chunkBytes / GCS_UNIT) * GCS_UNIT);
  }

  start(): void {
    this.d.transport.send(
      { method: 'POST', url: '/gcs', headers: { 'X-Upload-Content-Length': String(this.d.file.size) } },
      {
        onResponse: (r) => {
          if (r.status !== 200 || !r.headers['location']) return this.retry(() => this.start());
          this.session = r.headers['location'];
          this.putChunk();
        },
        onError: () => this.retry(() => this.start()),
      },
    );
  }

  private putChunk(): void {
    const total = this.d.file.size;
    const end = Math.min(total, this.offset + this.chunkBytes);
    toFuture(this.d.file.read(this.offset, end - this.offset)).onSettle((o) => {
      if (!o.ok) return;
      this.d.transport.send(
        { method: 'PUT', url: this.session!, headers: { 'Content-Range': `bytes ${this.offset}-${end - 1}/${total}` }, body: o.value },
        { onResponse: (r) => this.onStatus(r), onError: () => this.retry(() => this.queryStatus()) },
      );
    });
  }

  private queryStatus(): void {
    this.d.transport.send(
      { method: 'PUT', url: this.session!, headers: { 'Content-Range': `bytes */${this.d.file.size}` } },
      { onResponse: (r) => this.onStatus(r), onError: () => this.retry(() => this.queryStatus()) },
    );
  }

  private onStatus(r: HttpResponseData): void {
    if (r.status === 200 || r.status === 201) {
      this.offset = this.d.file.size;
      this.done = true;
      this.events.onDone();
      return;
    }
    if (r.status === 308) {
      const m = /^bytes=0-(\d+)$/.exec(r.headers['range'] ?? '');
      const next = m ? Number(m[1]) + 1 : 0;
      if (next > this.offset) this.failures = 0;
      this.offset = next;
      this.putChunk();
      return;
    }
    this.retry(() => this.queryStatus());
  }

  private retry(then: () => void): void {
    this.events.onAttemptFailed();
    const delay = backoffDelay(this.failures++, this.d.backoff, this.d.random);
    this.d.scheduler.after(delay, then);
  }
}
