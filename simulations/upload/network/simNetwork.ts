/**
 * A simulated uplink between one browser and one server: bandwidth, one-way latency, and outages.
 * Implements the client's HttpTransport. Request bodies travel as packets: a packet is "sent" when the
 * link has serialized it (the client's progress) and reaches the server `latencyMs` later. An outage
 * fails every open connection at once: packets still in the pipe are lost, the server's body reader
 * sees ConnectionLost (and commits what arrived), the client gets a network error.
 *
 * All timing is on the simulation scheduler; nothing here reads a real clock.
 */
import type { Scheduler } from '../../core/scheduler';
import { BodyChannel, ConnectionLost } from '../server/body';
import type { Future } from '../server/flow';
import type { HttpRequestSpec, HttpResponseData, HttpTransport, TransportCallbacks } from '../client/transport';

export interface SimServerRequest {
  method: string;
  url: string;
  headers: Record<string, string | undefined>;
  userId: string | null;
  body?: BodyChannel;
}

export interface SimServerResponse {
  status: number;
  headers: Record<string, string>;
  body?: string;
}

/** Whatever answers at the far end (our tus server, a plain POST sink, a GCS-style server). */
export interface SimEndpoint {
  readonly up: boolean;
  handle(req: SimServerRequest): Future<SimServerResponse>;
  /** connections currently open to this endpoint fail when it goes down */
  onDown(listener: () => void): () => void;
}

export interface LinkParams {
  /** bytes per ms */
  bytesPerMs: number;
  latencyMs: number;
  packetBytes: number;
}

export interface NetworkTrace {
  requestStart(r: { id: number; method: string; url: string; bodyBytes: number }): void;
  requestEnd(r: { id: number; method: string; status: number | null; sent: number; delivered: number; error?: string }): void;
}

interface OpenRequest {
  id: number;
  spec: HttpRequestSpec;
  callbacks: TransportCallbacks;
  channel: BodyChannel | null;
  sent: number;
  delivered: number;
  timers: number[];
  finished: boolean;
  unsubscribe: () => void;
}

export class SimLink {
  private up = true;
  private freeAt = 0;
  private open = new Set<OpenRequest>();
  private nextId = 1;

  constructor(
    private readonly scheduler: Scheduler,
    private readonly params: LinkParams,
    private readonly trace: NetworkTrace,
  ) {}

  get isUp(): boolean {
    return this.up;
  }

  /** Outage begins: every open connection dies. Returns, per cut request, body bytes sent and delivered. */
  goDown(): { method: string; url: string; bodyBytes: number; sent: number; delivered: number }[] {
    this.up = false;
    const cut = [...this.open].map((r) => ({ method: r.spec.method, url: r.spec.url, bodyBytes: r.spec.body?.length ?? 0, sent: r.sent, delivered: r.delivered }));
    for (const r of [...this.open]) this.fail(r, 'link down');
    return cut;
  }

  goUp(): void {
    this.up = true;
  }

  /** A transport bound to one browser (its user id plays the role of the session cookie). */
  transport(endpoint: SimEndpoint, userId: string): HttpTransport {
    return { send: (spec, callbacks) => this.send(endpoint, userId, spec, callbacks) };
  }

  private send(endpoint: SimEndpoint, userId: string, spec: HttpRequestSpec, callbacks: TransportCallbacks): { abort(): void } {
    const s = this.scheduler;
    const req: OpenRequest = { id: this.nextId++, spec, callbacks, channel: null, sent: 0, delivered: 0, timers: [], finished: false, unsubscribe: () => undefined };
    this.trace.requestStart({ id: req.id, method: spec.method, url: spec.url, bodyBytes: spec.body?.length ?? 0 });
    if (!this.up || !endpoint.up) {
      // connection refused / no route: noticed after a round trip
      req.timers.push(s.after(2 * this.params.latencyMs, () => this.fail(req, this.up ? 'connection refused' : 'offline')));
      this.open.add(req);
      return { abort: () => this.fail(req, 'aborted') };
    }
    this.open.add(req);
    req.unsubscribe = endpoint.onDown(() => this.fail(req, 'server went away'));
    const body = spec.body;
    if (body && body.length > 0) req.channel = new BodyChannel();
    // headers reach the server after one latency
    req.timers.push(
      s.after(this.params.latencyMs, () => {
        if (req.finished) return;
        const headers: Record<string, string | undefined> = {};
        for (const [k, v] of Object.entries(spec.headers)) headers[k.toLowerCase()] = v;
        if (body && body.length > 0) headers['content-length'] = String(body.length);
        endpoint.handle({ method: spec.method, url: spec.url, headers, userId, body: req.channel ?? undefined }).onSettle((o) => {
          if (req.finished) return;
          const res = o.ok ? o.value : { status: 500, headers: {}, body: String(o.error) };
          // the response travels back
          req.timers.push(
            s.after(this.params.latencyMs, () => {
              if (req.finished) return;
              req.finished = true;
              this.close(req);
              const lower: Record<string, string> = {};
              for (const [k, v] of Object.entries(res.headers)) lower[k.toLowerCase()] = v;
              this.trace.requestEnd({ id: req.id, method: spec.method, status: res.status, sent: req.sent, delivered: req.delivered });
              callbacks.onResponse({ status: res.status, headers: lower, body: spec.method === 'HEAD' ? '' : (res.body ?? '') } satisfies HttpResponseData);
            }),
          );
        });
      }),
    );
    if (body && body.length > 0) this.sendNextPacket(req, body);
    return { abort: () => this.fail(req, 'aborted') };
  }

  /** Serialize one packet on the shared link, then schedule the next: concurrent requests interleave. */
  private sendNextPacket(req: OpenRequest, body: Uint8Array): void {
    if (req.finished || req.sent >= body.length) return;
    const s = this.scheduler;
    const size = Math.min(this.params.packetBytes, body.length - req.sent);
    const start = Math.max(s.now, this.freeAt);
    const doneAt = start + size / this.params.bytesPerMs;
    this.freeAt = doneAt;
    const from = req.sent;
    req.timers.push(
      s.at(doneAt, () => {
        if (req.finished) return;
        req.sent = from + size;
        req.callbacks.onProgress?.(req.sent);
        req.timers.push(
          s.after(this.params.latencyMs, () => {
            if (req.finished || !req.channel) return;
            req.channel.push(body.subarray(from, from + size));
            req.delivered = from + size;
            if (req.delivered === body.length) req.channel.end();
          }),
        );
        this.sendNextPacket(req, body);
      }),
    );
  }

  private fail(req: OpenRequest, reason: string): void {
    if (req.finished) return;
    req.finished = true;
    this.close(req);
    req.channel?.fail(new ConnectionLost(reason));
    this.trace.requestEnd({ id: req.id, method: req.spec.method, status: null, sent: req.sent, delivered: req.delivered, error: reason });
    req.callbacks.onError(new Error(reason));
  }

  private close(req: OpenRequest): void {
    for (const t of req.timers) this.scheduler.cancel(t);
    req.timers = [];
    req.unsubscribe();
    this.open.delete(req);
  }
}
