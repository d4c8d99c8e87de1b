/**
 * The tus core on virtual time (memory store, BodyChannel): expiry, sweeper, slow trickle, and the
 * property that any interleaving of cut connections and resumes ends with the exact original bytes.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Scheduler } from '@/simulations/core/scheduler';
import { VirtualClock } from '@/simulations/core/clock';
import { TusServer } from '@/simulations/upload/server/tusServer';
import type { TusRequest, TusResponse } from '@/simulations/upload/server/context';
import { MemoryStore } from '@/simulations/upload/server/stores/memoryStore';
import { FileStore } from '@/servers/uploads/fileStore';
import { BodyChannel } from '@/simulations/upload/server/body';
import { createHash } from 'node:crypto';
import type { UploadStore } from '@/simulations/upload/server/store';

const TUS = { 'tus-resumable': '1.0.0' };
const OCTET = 'application/offset+octet-stream';

function setup(options: Partial<ConstructorParameters<typeof TusServer>[0]> = {}, store: UploadStore = new MemoryStore()) {
  const scheduler = new Scheduler();
  const clock = new VirtualClock(scheduler);
  let n = 0;
  const tus = new TusServer({
    store,
    clock,
    randomBytes: (k) => Uint8Array.from({ length: k }, (_, i) => (n * 31 + i) & 0xff),
    ...options,
  });
  const next = () => n++;
  const call = async (req: Omit<TusRequest, 'userId'> & { userId?: string | null }): Promise<TusResponse> => {
    next();
    return tus.handle({ userId: 'u1', ...req }).toPromise();
  };
  return { scheduler, clock, tus, store, call };
}

async function create(call: ReturnType<typeof setup>['call'], length: number, extra: Record<string, string> = {}) {
  const r = await call({ method: 'POST', url: '/api/uploads', headers: { ...TUS, 'upload-length': String(length), ...extra } });
  expect(r.status).toBe(201);
  return r.headers.Location;
}

describe('expiry and sweeper (virtual clock)', () => {
  it('open uploads expire after expireAfterMs without progress: 410, then the sweeper deletes bytes, then tombstones go (404)', async () => {
    const { scheduler, tus, store, call } = setup({ expireAfterMs: 10_000, tombstoneRetentionMs: 60_000 });
    const meta = `videoId ${Buffer.from('v1').toString('base64')}`;
    const url = await create(call, 100, { 'upload-metadata': meta });
    const id = url.split('/').pop()!;
    const body = new BodyChannel();
    body.push(new Uint8Array(40));
    body.end();
    expect((await call({ method: 'PATCH', url, headers: { ...TUS, 'content-type': OCTET, 'upload-offset': '0' }, body })).status).toBe(204);
    scheduler.runUntil(9_000);
    expect((await call({ method: 'HEAD', url, headers: TUS })).status).toBe(200); // progress at t=0, TTL 10 s
    const stop = tus.startSweeper(5_000);
    scheduler.runUntil(15_000);
    // the sweeper at t=15 s expired it: bytes gone, tombstone answers 410, index entry gone
    expect((store as MemoryStore).totalBytes()).toBe(0);
    expect((await call({ method: 'HEAD', url, headers: TUS })).status).toBe(410);
    expect((await call({ method: 'GET', url: '/api/uploads?videoId=v1', headers: {} })).status).toBe(404);
    scheduler.runUntil(80_000);
    expect((store as MemoryStore).list()).not.toContain(id);
    expect((await call({ method: 'HEAD', url, headers: TUS })).status).toBe(404);
    stop();
  });

  it('progress slides the expiry, capped by maxLifetimeMs from creation', async () => {
    const { scheduler, call } = setup({ expireAfterMs: 10_000, maxLifetimeMs: 25_000 });
    const url = await create(call, 1000);
    for (let t = 0; t < 5; t++) {
      scheduler.runUntil(t * 8_000);
      const body = new BodyChannel();
      body.push(new Uint8Array(10));
      body.end();
      const r = await call({ method: 'PATCH', url, headers: { ...TUS, 'content-type': OCTET, 'upload-offset': String(t * 10) }, body });
      if (t * 8_000 < 25_000) expect(r.status).toBe(204);
      else expect(r.status).toBe(410);
    }
  });

  it('a slow trickle below the minimum rate is cut with 408 and the trickled bytes are kept', async () => {
    const { scheduler, call } = setup({ minRate: { bytesPerSecond: 1000, graceMs: 5_000 }, idleReadTimeoutMs: 60_000 });
    const url = await create(call, 100_000);
    const body = new BodyChannel();
    for (let i = 1; i <= 100; i++) scheduler.at(i * 200, () => body.push(new Uint8Array(10)));
    const pending = call({ method: 'PATCH', url, headers: { ...TUS, 'content-type': OCTET, 'upload-offset': '0' }, body });
    scheduler.runUntil(30_000);
    const r = await pending;
    expect(r.status).toBe(408);
    const kept = Number(r.headers['Upload-Offset']);
    expect(kept).toBeGreaterThan(0);
    const head = await call({ method: 'HEAD', url, headers: TUS });
    expect(Number(head.headers['Upload-Offset'])).toBe(kept);
  });
});

/** Upload `data` while the "network" cuts each PATCH after a chosen number of bytes; resume by HEAD each time. */
async function uploadWithCuts(store: UploadStore, data: Uint8Array, cuts: { after: number; checksum: boolean }[], chunk: number): Promise<Uint8Array | string> {
  const { call } = setup({}, store);
  const url = await create(call, data.length);
  let cutIndex = 0;
  for (let guard = 0; guard < 1000; guard++) {
    const head = await call({ method: 'HEAD', url, headers: TUS });
    const offset = Number(head.headers['Upload-Offset']);
    if (offset === data.length) break;
    const end = Math.min(data.length, offset + chunk);
    const piece = data.subarray(offset, end);
    const cut = cuts[cutIndex++];
    const body = new BodyChannel();
    const headers: Record<string, string> = { ...TUS, 'content-type': OCTET, 'upload-offset': String(offset) };
    if (cut?.checksum) headers['upload-checksum'] = `sha1 ${createHash('sha1').update(piece).digest('base64')}`;
    const pending = call({ method: 'PATCH', url, headers, body });
    const deliver = cut ? Math.min(cut.after, piece.length) : piece.length;
    for (let i = 0; i < deliver; i += 777) body.push(piece.subarray(i, Math.min(deliver, i + 777)));
    if (cut && cut.after < piece.length) body.fail();
    else body.end();
    await pending;
  }
  const info = await call({ method: 'GET', url, headers: {} });
  return (JSON.parse(info.body!) as { sha256: string }).sha256;
}

describe('property: random interleavings of disconnects and resumes end with the exact original bytes', () => {
  const arb = fc.record({
    size: fc.integer({ min: 1, max: 60_000 }),
    chunk: fc.integer({ min: 1_000, max: 70_000 }),
    cuts: fc.array(fc.record({ after: fc.integer({ min: 0, max: 70_000 }), checksum: fc.boolean() }), { maxLength: 25 }),
    seed: fc.integer({ min: 0, max: 255 }),
  });
  const bytes = (size: number, seed: number) => Uint8Array.from({ length: size }, (_, i) => (i * 7 + seed * 13 + (i >> 8)) & 0xff);

  it('memory store', async () => {
    await fc.assert(
      fc.asyncProperty(arb, async ({ size, chunk, cuts, seed }) => {
        const data = bytes(size, seed);
        const expected = createHash('sha256').update(data).digest('hex');
        expect(await uploadWithCuts(new MemoryStore(), data, cuts, chunk)).toBe(expected);
      }),
      { numRuns: 150 },
    );
  });

  it('file store (async path)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'upload-prop-'));
    try {
      let k = 0;
      await fc.assert(
        fc.asyncProperty(arb, async ({ size, chunk, cuts, seed }) => {
          const store = new FileStore(path.join(dir, String(k++)));
          await store.init();
          const data = bytes(size, seed);
          expect(await uploadWithCuts(store, data, cuts, chunk)).toBe(createHash('sha256').update(data).digest('hex'));
        }),
        { numRuns: 25 },
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

/**
 * The (videoId, user) lookup and a POST for the same video read the upload without taking its lock.
 * They must not act on the journal mark of a checksummed PATCH that is still streaming: that once
 * truncated the bytes under the writer (memory store at once, file store after its 1 MiB batch).
 */
describe('a checksummed PATCH in flight is not disturbed by lookups that do not lock', () => {
  const MiB = 1024 * 1024;
  const data = Uint8Array.from({ length: 2 * MiB + 123 }, (_, i) => (i * 13 + (i >> 11)) & 0xff);
  const meta = `videoId ${Buffer.from('v-check').toString('base64')}`;
  const settle = () => new Promise((r) => setTimeout(r, 30));

  async function run(store: UploadStore) {
    const { call } = setup({}, store);
    const url = await create(call, data.length, { 'upload-metadata': meta });
    const body = new BodyChannel();
    const checksum = `sha256 ${createHash('sha256').update(data).digest('base64')}`;
    const pending = call({ method: 'PATCH', url, headers: { ...TUS, 'content-type': OCTET, 'upload-offset': '0', 'upload-checksum': checksum }, body });
    const firstPart = Math.floor(1.5 * MiB);
    for (let i = 0; i < firstPart; i += 64 * 1024) body.push(data.subarray(i, Math.min(firstPart, i + 64 * 1024)));
    await settle();
    // unverified bytes do not count yet: the lookup and the 409 both say 0
    const lookup = await call({ method: 'GET', url: '/api/uploads?videoId=v-check', headers: {} });
    expect(lookup.status).toBe(200);
    expect(JSON.parse(lookup.body!).offset).toBe(0);
    const again = await call({ method: 'POST', url: '/api/uploads', headers: { ...TUS, 'upload-length': String(data.length), 'upload-metadata': meta } });
    expect(again.status).toBe(409);
    expect(again.headers['Upload-Offset']).toBe('0');
    await settle();
    for (let i = firstPart; i < data.length; i += 64 * 1024) body.push(data.subarray(i, Math.min(data.length, i + 64 * 1024)));
    body.end();
    const r = await pending;
    expect(r.status).toBe(204);
    expect(r.headers['Upload-Offset']).toBe(String(data.length));
    const info = JSON.parse((await call({ method: 'GET', url, headers: {} })).body!) as { sha256: string; offset: number };
    expect(info.offset).toBe(data.length);
    expect(info.sha256).toBe(createHash('sha256').update(data).digest('hex'));
  }

  it('memory store', async () => {
    await run(new MemoryStore());
  });

  it('file store', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'upload-journal-'));
    try {
      const store = new FileStore(dir);
      await store.init();
      await run(store);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('a journal mark left behind (crash or failed write mid-PATCH)', () => {
  async function leaveMark() {
    const s = setup();
    const url = await create(s.call, 6);
    const id = url.split('/').pop()!;
    const body = new BodyChannel();
    body.push(new TextEncoder().encode('abc'));
    body.end();
    expect((await s.call({ method: 'PATCH', url, headers: { ...TUS, 'content-type': OCTET, 'upload-offset': '0' }, body })).status).toBe(204);
    const store = s.store as MemoryStore;
    store.update({ ...store.get(id)!.record, pendingFrom: 3 });
    store.openAppender(id).write(new TextEncoder().encode('unverified'));
    return { ...s, url, id, store };
  }

  it('does not count in the offset; the next PATCH cuts it away under the lock before appending', async () => {
    const { call, url, id, store } = await leaveMark();
    expect((await call({ method: 'HEAD', url, headers: TUS })).headers['Upload-Offset']).toBe('3');
    const body = new BodyChannel();
    body.push(new TextEncoder().encode('def'));
    body.end();
    expect((await call({ method: 'PATCH', url, headers: { ...TUS, 'content-type': OCTET, 'upload-offset': '3' }, body })).status).toBe(204);
    expect(new TextDecoder().decode(store.bytes(id))).toBe('abcdef');
  });

  it('is cut away when a restarted server recovers', async () => {
    const { clock, id, store } = await leaveMark();
    const restarted = new TusServer({ store, clock, randomBytes: (k) => new Uint8Array(k) });
    await restarted.recover().toPromise();
    expect(new TextDecoder().decode(store.bytes(id))).toBe('abc');
    expect(store.get(id)!.record.pendingFrom).toBeNull();
  });
});
