/**
 * Disk exhaustion (research §8.4): the server keeps minFreeBytes free, answers 507 Insufficient
 * Storage before reading a byte it has no room for, and when the store fills up mid-PATCH it keeps
 * exactly what was stored, reports that offset, and the upload resumes once there is room.
 */
import { describe, expect, it } from 'vitest';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Scheduler } from '@/simulations/core/scheduler';
import { VirtualClock } from '@/simulations/core/clock';
import { TusServer } from '@/simulations/upload/server/tusServer';
import type { TusRequest } from '@/simulations/upload/server/context';
import { MemoryStore } from '@/simulations/upload/server/stores/memoryStore';
import { FileStore } from '@/servers/uploads/fileStore';
import { BodyChannel } from '@/simulations/upload/server/body';
import type { UploadStore } from '@/simulations/upload/server/store';

const TUS = { 'tus-resumable': '1.0.0' };
const OCTET = 'application/offset+octet-stream';

function setup(store: UploadStore, minFreeBytes: number) {
  const clock = new VirtualClock(new Scheduler());
  let n = 0;
  const tus = new TusServer({ store, clock, minFreeBytes, randomBytes: (k) => Uint8Array.from({ length: k }, (_, i) => (n * 31 + i) & 0xff) });
  const call = (req: Omit<TusRequest, 'userId'>) => {
    n++;
    return tus.handle({ userId: 'u1', ...req }).toPromise();
  };
  const patch = (url: string, offset: number, data: Uint8Array, declareLength = true) => {
    const body = new BodyChannel();
    for (let i = 0; i < data.length; i += 300) body.push(data.subarray(i, i + 300));
    body.end();
    const headers: Record<string, string> = { ...TUS, 'content-type': OCTET, 'upload-offset': String(offset) };
    if (declareLength) headers['content-length'] = String(data.length);
    return call({ method: 'PATCH', url, headers, body });
  };
  return { tus, call, patch };
}

const bytes = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 7 + 3) & 0xff);

describe('disk space', () => {
  it('POST asking for more than the free space minus the reserve is refused with 507 and creates nothing', async () => {
    const store = new MemoryStore(10_000);
    const { call } = setup(store, 2_000);
    const refused = await call({ method: 'POST', url: '/api/uploads', headers: { ...TUS, 'upload-length': '8001' } });
    expect(refused.status).toBe(507);
    expect(refused.body).toMatch(/not enough free space/);
    expect(store.list()).toEqual([]);
    expect((await call({ method: 'POST', url: '/api/uploads', headers: { ...TUS, 'upload-length': '8000' } })).status).toBe(201);
  });

  it('a PATCH with no room is refused with 507 and the current offset, before reading its body', async () => {
    const store = new MemoryStore(10_000);
    const { call, patch } = setup(store, 0);
    const a = (await call({ method: 'POST', url: '/api/uploads', headers: { ...TUS, 'upload-length': '6000' } })).headers.Location;
    const b = (await call({ method: 'POST', url: '/api/uploads', headers: { ...TUS, 'upload-length': '6000' } })).headers.Location;
    expect((await patch(a, 0, bytes(6000))).status).toBe(204);
    const refused = await patch(b, 0, bytes(6000));
    expect(refused.status).toBe(507);
    expect(refused.headers['Upload-Offset']).toBe('0');
    expect(refused.bodyConsumed).toBe(false);
    expect((await call({ method: 'HEAD', url: b, headers: TUS })).headers['Upload-Offset']).toBe('0');
  });

  it('the store filling up mid-PATCH: 507 with the bytes kept as the offset; after space frees up the upload resumes to the exact bytes', async () => {
    const store = new MemoryStore(10_000);
    const { call, patch } = setup(store, 0);
    const other = (await call({ method: 'POST', url: '/api/uploads', headers: { ...TUS, 'upload-length': '7000' } })).headers.Location;
    expect((await patch(other, 0, bytes(7000))).status).toBe(204);
    // deferred length and a chunked body: nothing tells the server up front how much is coming
    const url = (await call({ method: 'POST', url: '/api/uploads', headers: { ...TUS, 'upload-defer-length': '1' } })).headers.Location;
    const data = bytes(5000);
    const full = await patch(url, 0, data, false);
    expect(full.status).toBe(507);
    expect(full.headers['Upload-Offset']).toBe('3000');
    expect((await call({ method: 'HEAD', url, headers: TUS })).headers['Upload-Offset']).toBe('3000');
    expect((await call({ method: 'DELETE', url: other, headers: TUS })).status).toBe(204);
    const resumed = await call({
      method: 'PATCH',
      url,
      headers: { ...TUS, 'content-type': OCTET, 'upload-offset': '3000', 'upload-length': '5000', 'content-length': '2000' },
      body: (() => {
        const b = new BodyChannel();
        b.push(data.subarray(3000));
        b.end();
        return b;
      })(),
    });
    expect(resumed.status).toBe(204);
    const id = url.split('/').pop()!;
    expect(Buffer.from(store.bytes(id))).toEqual(Buffer.from(data));
  });

  it('the file store reports the volume’s free space, so an absurd reserve refuses creation with 507', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'upload-space-'));
    try {
      const store = new FileStore(dir);
      await store.init();
      const free = await store.freeBytes();
      expect(free).toBeGreaterThan(0);
      const { call } = setup(store, free! * 4);
      expect((await call({ method: 'POST', url: '/api/uploads', headers: { ...TUS, 'upload-length': '10' } })).status).toBe(507);
      expect((await stat(dir)).isDirectory()).toBe(true);
      expect(await store.list()).toEqual([]);
      const roomy = setup(store, 0);
      expect((await roomy.call({ method: 'POST', url: '/api/uploads', headers: { ...TUS, 'upload-length': '10' } })).status).toBe(201);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
