/**
 * A framework-independent tus 1.0.0 server: core + creation, creation-with-upload,
 * creation-defer-length, expiration, checksum (sha1, sha256) and termination, plus two small JSON
 * endpoints of our own (GET the collection: session / (videoId, user) lookup; GET an upload: info and
 * the server's SHA-256 for verification).
 *
 * Input: method, URL path, lower-cased headers, the authenticated user id, and a pull reader over
 * the streamed body. Output: status, headers, optional text body. The same instance type serves the
 * real Node/Next server (file store, wall clock) and the browser simulation (memory store, virtual
 * clock): see flow.ts for why the request logic is written as coroutines.
 *
 * This file is the server's front: options, routing and the public API. Each method lives in
 * methods/ (creation, head, patch + checksum, termination, options, our GET info); the shared state
 * is `TusContext` (context.ts); expiration.ts, sweeper.ts, recovery.ts, diskSpace.ts and
 * reservations.ts (the per-user quota) are the steps they share.
 */
import { Future, run, isPromiseLike, type Coroutine } from './flow';
import type { TimerHandle } from './clock';
import { UploadLocks } from './locks';
import { UploadIndex } from './uploadIndex';
import { EMPTY_BODY, type BodyReader } from './body';
import { sanitizeForDisplay, TUS_VERSION, UPLOAD_ID } from './protocol';
import { uploadUrl, type Reply, type SweepReport, type TusContext, type TusRequest, type TusResponse, type TusServerOptions } from './context';
import { Reservations } from './reservations';
import { SpaceLedger } from './spaceLedger';
import { Admission } from './admission';
import { internalError, reject } from './responses';
import { sweep } from './sweeper';
import { recover } from './recovery';
import { create } from './methods/creation';
import { head } from './methods/head';
import { patch } from './methods/patch';
import { terminate } from './methods/termination';
import { options } from './methods/options';
import { getCollection, getInfo } from './methods/info';

const MiB = 1024 * 1024;
const HOUR = 3_600_000;

export class TusServer {
  readonly basePath: string;
  readonly maxSize: number;
  readonly index: UploadIndex;
  private readonly ctx: TusContext;
  private sweeperTimer: TimerHandle | null = null;

  constructor(options: TusServerOptions) {
    this.basePath = (options.basePath ?? '/api/uploads').replace(/\/+$/, '');
    this.maxSize = options.maxSize ?? 4 * 1024 * MiB;
    this.index = new UploadIndex();
    this.ctx = {
      basePath: this.basePath,
      maxSize: this.maxSize,
      store: options.store,
      clock: options.clock,
      locks: new UploadLocks(options.clock),
      index: this.index,
      reservations: new Reservations(),
      space: new SpaceLedger(),
      admission: options.limits ? new Admission(options.limits, options.clock) : null,
      emit: options.onEvent ?? (() => undefined),
      log: options.log ?? (() => undefined),
      damaged: new Set(),
      o: {
        store: options.store,
        clock: options.clock,
        randomBytes: options.randomBytes,
        expireAfterMs: options.expireAfterMs ?? 24 * HOUR,
        maxLifetimeMs: options.maxLifetimeMs ?? 7 * 24 * HOUR,
        completedRetentionMs: options.completedRetentionMs ?? 24 * HOUR,
        tombstoneRetentionMs: options.tombstoneRetentionMs ?? 7 * 24 * HOUR,
        quota: options.quota ?? { bytesPerUser: 8 * 1024 * MiB, openUploadsPerUser: 10 },
        idleReadTimeoutMs: options.idleReadTimeoutMs ?? 30_000,
        minRate: options.minRate ?? { bytesPerSecond: 1024, graceMs: 20_000 },
        lockWaitMs: options.lockWaitMs ?? 3_000,
        minFreeBytes: options.minFreeBytes ?? 256 * MiB,
      },
    };
  }

  /** Rebuild the index and quota reservations from the store (after a restart). */
  recover(): Future<void> {
    return run(recover(this.ctx));
  }

  handle(req: TusRequest): Future<TusResponse> {
    const body = req.body ?? EMPTY_BODY;
    let bodyConsumed = req.body === undefined;
    const tracked: BodyReader = {
      read: () => {
        const step = body.read();
        const note = (v: Uint8Array | null) => {
          if (v === null) bodyConsumed = true;
          return v;
        };
        if (step instanceof Future) {
          const f = new Future<Uint8Array | null>();
          step.onSettle((o) => (o.ok ? f.resolve(note(o.value)) : f.reject(o.error)));
          return f;
        }
        if (isPromiseLike(step)) return Promise.resolve(step).then(note);
        return note(step as Uint8Array | null);
      },
      cancel: (r) => body.cancel(r),
    };
    const out = new Future<TusResponse>();
    run(this.dispatch({ ...req, client: req.client ?? null, body: tracked })).onSettle((o) => {
      const res = o.ok ? o.value : internalError(this.ctx, req.method, o.error);
      if (!bodyConsumed) body.cancel('response sent');
      out.resolve({ ...res, bodyConsumed });
    });
    return out;
  }

  /** Expire overdue uploads, drop old tombstones and completed uploads, prune the index. */
  sweep(): Future<SweepReport> {
    return run(sweep(this.ctx));
  }

  /** Periodic sweeper on the injected clock. Returns a stop function. */
  startSweeper(intervalMs: number): () => void {
    const clock = this.ctx.clock;
    const tick = () => {
      this.sweep().onSettle(() => {
        if (this.sweeperTimer !== null) this.sweeperTimer = clock.setTimeout(tick, intervalMs);
      });
    };
    this.sweeperTimer = clock.setTimeout(tick, intervalMs);
    return () => {
      if (this.sweeperTimer !== null) clock.clearTimeout(this.sweeperTimer);
      this.sweeperTimer = null;
    };
  }

  /** Stop sweeping and ask in-flight PATCHes to commit and finish (graceful shutdown). */
  shutdown(): void {
    if (this.sweeperTimer !== null) this.ctx.clock.clearTimeout(this.sweeperTimer);
    this.sweeperTimer = null;
    this.ctx.locks.interruptAll();
  }

  /** Bytes reserved on the store's volume by writes in progress (tests, hostile suite). */
  reservedSpace(): number {
    return this.ctx.space.reserved;
  }

  /** Open uploads and their reserved bytes, over all users. */
  openOverall(): { count: number; bytes: number } {
    return this.ctx.reservations.overall();
  }

  /** Open uploads of a user (for tests and the simulation's gauges). */
  openUploadsOf(userId: string): number {
    return this.ctx.reservations.openCount(userId);
  }

  uploadUrl(id: string): string {
    return uploadUrl(this.ctx, id);
  }

  // ---- routing ---------------------------------------------------------------------------------

  private *dispatch(req: Required<TusRequest>): Coroutine<Reply> {
    const ctx = this.ctx;
    const method = effectiveMethod(req.method, req.headers['x-http-method-override']);
    const [path, query = ''] = req.url.split('?', 2);
    const route = this.route(path);
    if (!route) return reject(ctx, method, 404, 'not found');
    if (method === 'OPTIONS') return options(ctx);
    if (method === 'GET') {
      return route.id === null ? yield* getCollection(ctx, req, query) : yield* getInfo(ctx, req, route.id);
    }
    if (!['POST', 'HEAD', 'PATCH', 'DELETE'].includes(method)) {
      return reject(ctx, method, 405, `method ${sanitizeForDisplay(method, 20)} not allowed`, { Allow: 'OPTIONS, GET, POST, HEAD, PATCH, DELETE' });
    }
    const version = req.headers['tus-resumable'];
    if (version !== TUS_VERSION) {
      return reject(ctx, method, 412, version === undefined ? 'Tus-Resumable header missing' : 'unsupported tus version', { 'Tus-Version': TUS_VERSION });
    }
    if (route.id === null) {
      if (method !== 'POST') return reject(ctx, method, 405, 'use POST to create an upload', { Allow: 'OPTIONS, GET, POST' });
      return yield* create(ctx, req);
    }
    if (method === 'POST') return reject(ctx, method, 405, 'POST goes to the collection', { Allow: 'OPTIONS, GET, HEAD, PATCH, DELETE' });
    if (method === 'HEAD') return yield* head(ctx, req, route.id);
    if (method === 'PATCH') return yield* patch(ctx, req, route.id);
    return yield* terminate(ctx, req, route.id);
  }

  /** null → not ours; id null → the collection. Ids must match the hex allowlist exactly (no decoding). */
  private route(path: string): { id: string | null } | null {
    if (path === this.basePath || path === `${this.basePath}/`) return { id: null };
    if (!path.startsWith(`${this.basePath}/`)) return null;
    const rest = path.slice(this.basePath.length + 1);
    return UPLOAD_ID.test(rest) ? { id: rest } : null;
  }
}

/**
 * The method a request is handled as. X-HTTP-Method-Override is honoured only where tus 1.0.0 needs
 * it (a client that cannot send PATCH or DELETE tunnels them through POST) and ignored everywhere
 * else: a GET, HEAD or OPTIONS never becomes a write or a DELETE, whatever its headers say.
 */
export function effectiveMethod(method: string, override: string | undefined): string {
  const real = method.trim().toUpperCase();
  if (real !== 'POST' || override === undefined) return real;
  const wanted = override.trim().toUpperCase();
  return wanted === 'PATCH' || wanted === 'DELETE' ? wanted : real;
}
