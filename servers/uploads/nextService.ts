/**
 * NODE ONLY. The one upload service of a Next.js server process, shared by the route handlers in
 * app/api/uploads/. Data folder: env UPLOAD_DATA_DIR, default ./data/uploads (gitignored).
 * Kept on globalThis so dev-mode module reloads do not start a second sweeper on the same folder.
 */
import path from 'node:path';
import { createUploadService, type UploadService } from './service';

const KEY = Symbol.for('system-design-lab.upload-service');

export function uploadService(): Promise<UploadService> {
  const g = globalThis as unknown as Record<symbol, Promise<UploadService> | undefined>;
  let service = g[KEY];
  if (!service) {
    const dataDir = process.env.UPLOAD_DATA_DIR || path.join(process.cwd(), 'data', 'uploads');
    service = createUploadService({ dataDir });
    service.catch(() => {
      if (g[KEY] === service) g[KEY] = undefined;
    });
    g[KEY] = service;
  }
  return service;
}

export async function handleUploadRequest(request: Request): Promise<Response> {
  try {
    return await (await uploadService()).handleWeb(request);
  } catch (e) {
    return new Response(`upload service unavailable: ${e instanceof Error ? e.message : String(e)}`, { status: 503 });
  }
}
