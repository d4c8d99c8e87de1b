/**
 * NODE ONLY. The one upload service of a Next.js server process, shared by the route handlers in
 * app/api/uploads/. Data folder: env UPLOAD_DATA_DIR, default ./data/uploads (gitignored).
 * Kept on globalThis so dev-mode module reloads do not start a second sweeper on the same folder,
 * and so our app server (servers/app) and the bundled route handlers share it.
 *
 * The client address for the per-address limits comes from the request context our app server runs
 * Next's handler in (clientAddress.ts); under `next dev` it is unknown and only the global limits apply.
 */
import path from 'node:path';
import { createUploadService, DEFAULT_LIMITS, type UploadService } from './service';
import { sharedRequestContext } from './clientAddress';

const KEY = Symbol.for('system-design-lab.upload-service');

export function uploadService(): Promise<UploadService> {
  const g = globalThis as unknown as Record<symbol, Promise<UploadService> | undefined>;
  let service = g[KEY];
  if (!service) {
    const dataDir = process.env.UPLOAD_DATA_DIR || path.join(process.cwd(), 'data', 'uploads');
    service = createUploadService({ dataDir, limits: DEFAULT_LIMITS });
    service.catch((e: unknown) => {
      console.error(`[uploads] the upload service could not start: ${e instanceof Error ? e.message : String(e)}`);
      if (g[KEY] === service) g[KEY] = undefined;
    });
    g[KEY] = service;
  }
  return service;
}

export async function handleUploadRequest(request: Request): Promise<Response> {
  let service: UploadService;
  try {
    service = await uploadService();
  } catch {
    // the reason is in the server log; never echo it (paths, input) to the client
    return new Response('upload service unavailable; try again later', {
      status: 503,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff', 'Retry-After': '10' },
    });
  }
  return service.handleWeb(request, sharedRequestContext().getStore()?.client ?? null);
}
