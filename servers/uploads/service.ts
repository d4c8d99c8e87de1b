/**
 * NODE ONLY. The real upload service: the tus core + file store + sessions + sweeper, with adapters
 * for Node's http module (tests, bench) and for WHATWG Request/Response (the Next route handlers).
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { effectiveMethod, TusServer } from '../../simulations/upload/server/tusServer';
import type { TusServerOptions, TusResponse } from '../../simulations/upload/server/context';
import type { AdmissionLimits } from '../../simulations/upload/server/admission';
import { readerFromAsyncIterable, throttleBody, throttleRateOf, type BodyReader } from '../../simulations/upload/server/body';
import { FileStore, type FileStoreOptions } from './fileStore';
import { cameOverHttps, Sessions, type SessionOptions } from './session';
import { requestClient } from './clientAddress';
import { wallClock } from './wallClock';

export interface UploadServiceOptions extends Partial<Omit<TusServerOptions, 'store' | 'clock' | 'randomBytes'>> {
  dataDir: string;
  /** default 60 s */
  sweepIntervalMs?: number;
  secureCookies?: boolean;
  /** session expiry and rotation (session.ts) */
  sessions?: Omit<SessionOptions, 'secure'>;
  /** the file store's capacity (a small volume) and whether it reports its free space (fileStore.ts) */
  storeOptions?: FileStoreOptions;
  /** peers whose X-Forwarded-For is believed (clientAddress.ts); default none */
  trustedProxies?: readonly string[];
}

const GiB = 1024 ** 3;

/** The real server's limits (nextService.ts); tests and the bench run without unless they ask. */
export const DEFAULT_LIMITS: AdmissionLimits = {
  perClient: { openUploads: 20, bytes: 16 * GiB, creationsPerMinute: 60 },
  global: { openUploads: 2_000, bytes: 256 * GiB, creationsPerMinute: 600 },
};

/** Every upload API response: never sniffed as anything but what it says (bodies are text or JSON). */
const ALWAYS = { 'X-Content-Type-Options': 'nosniff' };

export interface UploadService {
  tus: TusServer;
  store: FileStore;
  sessions: Sessions;
  handleNode(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** `client`: the requester's address key when the host knows it (servers/app passes it). */
  handleWeb(request: Request, client?: string | null): Promise<Response>;
  /** Stop the sweeper and ask in-flight PATCHes to commit. */
  close(): void;
}

const BODY_METHODS = new Set(['POST', 'PATCH']);

/** The lab's demo uplink: `X-Upload-Throttle: <bytes/s>` makes the server read this body slowly (see body.ts). */
function throttled(body: BodyReader, headers: Record<string, string | undefined>): BodyReader {
  const rate = throttleRateOf(headers['x-upload-throttle']);
  return rate === null ? body : throttleBody(body, rate, wallClock);
}

export async function createUploadService(options: UploadServiceOptions): Promise<UploadService> {
  const dataDir = path.resolve(options.dataDir);
  const log = options.log ?? ((line: string) => console.error(`[uploads] ${line}`));
  const store = new FileStore(path.join(dataDir, 'files'), options.storeOptions);
  await store.init();
  if (store.straysRemoved > 0) log(`removed ${store.straysRemoved} stray temp file(s) left by an interrupted write`);
  const sessions = await Sessions.open(dataDir, { ...options.sessions, secure: options.secureCookies });
  const trustedProxies = options.trustedProxies ?? [];
  const tus = new TusServer({
    ...options,
    log,
    store,
    clock: wallClock,
    randomBytes: (n) => new Uint8Array(randomBytes(n)),
  });
  await tus.recover().toPromise();
  const stopSweeper = tus.startSweeper(options.sweepIntervalMs ?? 60_000);

  const headersFor = (r: TusResponse, setCookie: string | null): Record<string, string> => {
    const h: Record<string, string> = { ...r.headers, ...ALWAYS };
    if (setCookie) h['Set-Cookie'] = setCookie;
    if (!r.bodyConsumed) h['Connection'] = 'close';
    return h;
  };

  return {
    tus,
    store,
    sessions,
    async handleNode(req, res) {
      const headers: Record<string, string | undefined> = {};
      for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
      const overHttps = cameOverHttps(undefined, headers['x-forwarded-proto'], 'encrypted' in req.socket && req.socket.encrypted === true);
      const { userId, setCookie } = sessions.resolve(req.headers.cookie, overHttps);
      const method = req.method ?? 'GET';
      const declaresBody = (headers['content-length'] !== undefined && headers['content-length'] !== '0') || headers['transfer-encoding'] !== undefined;
      const hasBody = declaresBody && BODY_METHODS.has(effectiveMethod(method, headers['x-http-method-override']));
      const client = requestClient(req.socket.remoteAddress, headers['x-forwarded-for'], trustedProxies);
      const r = await tus
        .handle({ method, url: req.url ?? '/', headers, userId, client, body: hasBody ? throttled(readerFromAsyncIterable(req), headers) : undefined })
        .toPromise();
      const out = headersFor(r, setCookie);
      const text = r.body && method.toUpperCase() !== 'HEAD' && r.status !== 204 ? r.body : undefined;
      if (text !== undefined) out['Content-Length'] = String(Buffer.byteLength(text));
      res.writeHead(r.status, out);
      res.end(text);
      // Unread request body (early rejection, timeout, takeover): close rather than drain it.
      if (hasBody && !r.bodyConsumed) res.on('finish', () => req.socket.destroy());
    },
    async handleWeb(request, client = null) {
      const url = new URL(request.url);
      const headers: Record<string, string | undefined> = {};
      request.headers.forEach((v, k) => (headers[k] = v));
      const { userId, setCookie } = sessions.resolve(request.headers.get('cookie'), cameOverHttps(request.url, request.headers.get('x-forwarded-proto')));
      const body = request.body
        ? readerFromAsyncIterable(request.body as unknown as AsyncIterable<Uint8Array>, (it) => {
            Promise.resolve(it.return?.()).catch(() => undefined);
          })
        : undefined;
      const r = await tus.handle({ method: request.method, url: url.pathname + url.search, headers, userId, client, body: body && throttled(body, headers) }).toPromise();
      const out = headersFor(r, setCookie);
      const nullBody = request.method === 'HEAD' || r.status === 204 || r.status === 304;
      return new Response(nullBody ? null : (r.body ?? null), { status: r.status, headers: out });
    },
    close() {
      stopSweeper();
      tus.shutdown();
    },
  };
}
