/**
 * NODE ONLY. The lab's production server: Next's request handler hosted in a Node http server of
 * ours, because `next start` cannot set the connection limits (servers/app/connections.ts): its 300 s
 * requestTimeout cut honest slow uploads, and it never closed idle sockets.
 *
 *   node servers/app/start.mjs [--port 3000]      (what `npm start` runs after `next build`)
 *
 * Listens on 127.0.0.1 only. Every request runs inside the request context (clientAddress.ts) so the
 * upload routes learn the client's address for the per-address limits: the socket's peer, or with
 * UPLOAD_TRUSTED_PROXIES set and the peer one of them, the client its X-Forwarded-For names. A URL
 * whose path is not valid percent-encoding gets 400 here (Next answered 500).
 */
import http from 'node:http';
import next from 'next';
import { parseTrustedProxies, requestClient, sharedRequestContext } from '../uploads/clientAddress';
import { uploadService } from '../uploads/nextService';
import { defaultConnectionSettings, guardConnections, serverOptions, type ConnectionGuard } from './connections';
import { badRequest, wellFormedPath } from './requests';

const HOST = '127.0.0.1';

export interface AppServer {
  server: http.Server;
  port: number;
  guard: ConnectionGuard;
  close(): Promise<void>;
}

export async function startAppServer(options: { port: number; dir?: string }): Promise<AppServer> {
  const settings = defaultConnectionSettings();
  const trusted = parseTrustedProxies(process.env.UPLOAD_TRUSTED_PROXIES);
  const app = next({ dev: false, hostname: HOST, port: options.port, dir: options.dir ?? process.cwd() });
  const handle = app.getRequestHandler();
  await app.prepare();
  // Start the upload service now: recovery and the stray-file sweep run before the first request.
  await uploadService().catch(() => undefined);
  const context = sharedRequestContext();
  let guard: ConnectionGuard | null = null;
  const server = http.createServer(serverOptions(settings), (req, res) => {
    if (guard?.isRefused(req.socket)) {
      req.socket.destroy();
      return;
    }
    if (!wellFormedPath(req.url)) {
      badRequest(res, 'bad request: the URL is not valid percent-encoding');
      return;
    }
    const client = requestClient(req.socket.remoteAddress, header(req.headers['x-forwarded-for']), trusted);
    context.run({ client }, () => {
      handle(req, res).catch((e: unknown) => {
        console.error('[app] request failed:', e);
        if (!res.headersSent) {
          res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
        }
        res.end('internal error\n');
      });
    });
  });
  guard = guardConnections(server, settings);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, HOST, () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  const close = async () => {
    (await uploadService().catch(() => null))?.close();
    server.closeIdleConnections();
    const done = new Promise<void>((resolve) => server.close(() => resolve()));
    const t = setTimeout(() => server.closeAllConnections(), 5_000);
    await done;
    clearTimeout(t);
    await app.close();
  };
  return { server, port, guard, close };
}

function header(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v.join(', ') : v;
}

/** `--port N` or env PORT, default 3000. */
function portFromArgs(argv: string[]): number {
  const i = argv.indexOf('--port');
  const text = i >= 0 ? argv[i + 1] : process.env.PORT;
  if (text === undefined) return 3000;
  if (!/^[0-9]{1,5}$/.test(text) || Number(text) > 65535) {
    console.error(`bad port ${JSON.stringify(text)}`);
    process.exit(2);
  }
  return Number(text);
}

export async function main(argv = process.argv.slice(2)): Promise<void> {
  process.env.NEXT_TELEMETRY_DISABLED = '1';
  const srv = await startAppServer({ port: portFromArgs(argv) });
  console.log(`ready on http://${HOST}:${srv.port}`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    srv.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
