/**
 * NODE ONLY. A plain node:http server on the same core, for tests and the bench (no Next build).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createUploadService, type UploadService, type UploadServiceOptions } from './service';

export interface UploadHttpServer {
  service: UploadService;
  server: http.Server;
  port: number;
  /** e.g. http://127.0.0.1:40123 */
  origin: string;
  /** creation endpoint, e.g. http://127.0.0.1:40123/api/uploads */
  endpoint: string;
  close(): Promise<void>;
}

export async function createUploadHttpServer(options: UploadServiceOptions & { port?: number; host?: string }): Promise<UploadHttpServer> {
  const service = await createUploadService(options);
  const server = http.createServer((req, res) => {
    service.handleNode(req, res).catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(String(e instanceof Error ? e.message : e));
    });
  });
  // Our own idle/min-rate guards cut slow bodies; Node's 300 s requestTimeout would cut honest large uploads.
  server.requestTimeout = 0;
  server.headersTimeout = 60_000;
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
  return { service, server, port, origin, endpoint: `${origin}${service.tus.basePath}`, close };
}
