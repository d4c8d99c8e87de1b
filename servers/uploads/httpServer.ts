/**
 * NODE ONLY. A plain node:http server on the same core, for tests and the bench (no Next build), with
 * the same connection limits as the app server (servers/app/connections.ts).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createUploadService, type UploadService, type UploadServiceOptions } from './service';
import { defaultConnectionSettings, guardConnections, serverOptions, type ConnectionGuard, type ConnectionSettings } from '../app/connections';

export interface UploadHttpServer {
  service: UploadService;
  server: http.Server;
  port: number;
  /** e.g. http://127.0.0.1:40123 */
  origin: string;
  /** creation endpoint, e.g. http://127.0.0.1:40123/api/uploads */
  endpoint: string;
  guard: ConnectionGuard;
  close(): Promise<void>;
}

export async function createUploadHttpServer(
  options: UploadServiceOptions & { port?: number; host?: string; connections?: Partial<ConnectionSettings> },
): Promise<UploadHttpServer> {
  const service = await createUploadService(options);
  // Our own idle/min-rate guards cut slow bodies; Node's 300 s requestTimeout would cut honest large uploads.
  const settings = { ...defaultConnectionSettings({}), ...options.connections };
  let guard: ConnectionGuard | null = null;
  const server = http.createServer(serverOptions(settings), (req, res) => {
    if (guard?.isRefused(req.socket)) {
      req.socket.destroy();
      return;
    }
    service.handleNode(req, res).catch((e: unknown) => {
      console.error('[uploads] request failed:', e);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
      res.end('internal error');
    });
  });
  guard = guardConnections(server, settings);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://${host}:${port}`;
  const close = async () => {
    service.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { service, server, port, origin, endpoint: `${origin}${service.tus.basePath}`, guard, close };
}
