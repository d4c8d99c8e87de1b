/** The WHATWG Request/Response adapter the Next route handlers use (no next build needed). */
import { describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { createUploadService } from '@/servers/uploads/service';

describe('handleWeb (Next route adapter)', () => {
  it('session cookie, POST, streamed PATCH (ReadableStream body), HEAD, info with SHA-256; foreign cookie → 404', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'upload-web-'));
    const service = await createUploadService({ dataDir: dir });
    try {
      const base = 'http://localhost/api/uploads';
      const session = await service.handleWeb(new Request(base));
      const setCookie = session.headers.get('set-cookie')!;
      expect(setCookie).toMatch(/HttpOnly/);
      const cookie = setCookie.split(';')[0];
      const created = await service.handleWeb(new Request(base, { method: 'POST', headers: { cookie, 'tus-resumable': '1.0.0', 'upload-length': '300000' } }));
      expect(created.status).toBe(201);
      const url = `http://localhost${created.headers.get('location')}`;
      const data = Uint8Array.from({ length: 300_000 }, (_, i) => i & 0xff);
      const stream = new ReadableStream<Uint8Array>({
        start(c) {
          for (let i = 0; i < data.length; i += 50_000) c.enqueue(data.subarray(i, i + 50_000));
          c.close();
        },
      });
      const patched = await service.handleWeb(
        new Request(url, { method: 'PATCH', headers: { cookie, 'tus-resumable': '1.0.0', 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' }, body: stream, duplex: 'half' } as RequestInit),
      );
      expect(patched.status).toBe(204);
      expect(patched.headers.get('upload-offset')).toBe('300000');
      const info = (await (await service.handleWeb(new Request(url, { headers: { cookie } }))).json()) as { sha256: string };
      expect(info.sha256).toBe(createHash('sha256').update(data).digest('hex'));
      const other = (await service.handleWeb(new Request(base))).headers.get('set-cookie')!.split(';')[0];
      expect((await service.handleWeb(new Request(url, { method: 'HEAD', headers: { cookie: other, 'tus-resumable': '1.0.0' } }))).status).toBe(404);
    } finally {
      service.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
  it('the session cookie is Secure when the request came over HTTPS (own URL or X-Forwarded-Proto), not over plain HTTP', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'upload-web-'));
    const service = await createUploadService({ dataDir: dir });
    try {
      const cookieFor = async (url: string, headers: Record<string, string> = {}) => (await service.handleWeb(new Request(url, { headers }))).headers.get('set-cookie')!;
      expect(await cookieFor('http://localhost/api/uploads')).not.toMatch(/Secure/);
      expect(await cookieFor('https://lab.example/api/uploads')).toMatch(/; Secure/);
      expect(await cookieFor('http://127.0.0.1:3000/api/uploads', { 'x-forwarded-proto': 'https' })).toMatch(/; Secure/);
      expect(await cookieFor('http://127.0.0.1:3000/api/uploads', { 'x-forwarded-proto': 'http' })).not.toMatch(/Secure/);
    } finally {
      service.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
