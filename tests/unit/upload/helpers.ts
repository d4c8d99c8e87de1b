import http from 'node:http';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createUploadHttpServer, type UploadHttpServer } from '@/servers/uploads/httpServer';

export interface TestServer {
  srv: UploadHttpServer;
  dir: string;
  cookie: string;
  /** a session cookie of a second user */
  otherCookie: string;
  stop(): Promise<void>;
}

export async function startServer(options: Partial<Parameters<typeof createUploadHttpServer>[0]> = {}): Promise<TestServer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'upload-test-'));
  const srv = await createUploadHttpServer({ dataDir: dir, ...options });
  const cookie = await newSession(srv.endpoint);
  const otherCookie = await newSession(srv.endpoint);
  return {
    srv,
    dir,
    cookie,
    otherCookie,
    stop: async () => {
      await srv.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export async function newSession(endpoint: string): Promise<string> {
  const res = await fetch(endpoint);
  const set = res.headers.get('set-cookie');
  if (!set) throw new Error('no session cookie');
  await res.text();
  return set.split(';')[0];
}

export function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export function randomData(bytes: number): Buffer {
  return randomBytes(bytes);
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface RawRequest {
  method: string;
  url: string;
  headers?: Record<string, string | number>;
  /** whole body, or parts written one by one */
  body?: Uint8Array | string | (Uint8Array | string)[];
  /** after writing the body parts, wait this long and then destroy the socket (client died) */
  dieAfterMs?: number;
  /** ms between parts */
  partDelayMs?: number;
}

/** One request over a fresh socket, with full control of headers and of how the body is sent. */
export function raw(req: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const r = http.request(req.url, { method: req.method, headers: req.headers, agent: false });
    let settled = false;
    r.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        settled = true;
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', () => undefined);
    });
    r.on('error', (e) => {
      if (!settled) {
        settled = true;
        if (req.dieAfterMs !== undefined) resolve({ status: 0, headers: {}, body: 'client died' });
        else reject(e);
      }
    });
    const parts = req.body === undefined ? [] : Array.isArray(req.body) ? req.body : [req.body];
    const write = async () => {
      for (const p of parts) {
        r.write(p);
        if (req.partDelayMs) await sleep(req.partDelayMs);
      }
      if (req.dieAfterMs !== undefined) {
        await sleep(req.dieAfterMs);
        if (!settled) {
          settled = true;
          r.destroy();
          resolve({ status: 0, headers: {}, body: 'client died' });
        }
      } else r.end();
    };
    void write();
  });
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export const TUS = { 'Tus-Resumable': '1.0.0' };
export const OCTET = 'application/offset+octet-stream';

/** Create an upload and return its absolute URL. */
export async function createUpload(t: TestServer, length: number | 'deferred', extra: Record<string, string> = {}, cookie = t.cookie): Promise<string> {
  const headers: Record<string, string> = { ...TUS, Cookie: cookie, ...extra };
  if (length === 'deferred') headers['Upload-Defer-Length'] = '1';
  else headers['Upload-Length'] = String(length);
  const res = await raw({ method: 'POST', url: t.srv.endpoint, headers });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${res.body}`);
  return t.srv.origin + String(res.headers.location);
}

export async function headOffset(t: TestServer, url: string, cookie = t.cookie): Promise<number | null> {
  const res = await raw({ method: 'HEAD', url, headers: { ...TUS, Cookie: cookie } });
  return res.status === 200 ? Number(res.headers['upload-offset']) : null;
}

export async function patch(t: TestServer, url: string, offset: number, body: Uint8Array | string, extra: Record<string, string> = {}, cookie = t.cookie) {
  return raw({ method: 'PATCH', url, headers: { ...TUS, Cookie: cookie, 'Content-Type': OCTET, 'Upload-Offset': String(offset), ...extra }, body });
}

export async function serverSha(t: TestServer, url: string, cookie = t.cookie): Promise<string | null> {
  const res = await fetch(url, { headers: { Cookie: cookie } });
  const info = (await res.json()) as { sha256: string | null };
  return info.sha256;
}
