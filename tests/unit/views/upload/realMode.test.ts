/**
 * Real mode without a browser: the same pieces the panel wires together (upload machine, fetch
 * transport, CuttableTransport, URL storage keyed by (file hash, user)) against the real upload
 * server on 127.0.0.1 with the demo uplink: cut mid-upload, reconnect, "reload" (a new actor with
 * the same storage) resumes from the server's offset, and the final SHA-256 is verified.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActor, type Actor } from 'xstate';
import { uploadMachine, type UploadMachine } from '@/simulations/upload/machines/uploadMachine';
import { createFetchTransport } from '@/components/labs/upload/parts/fetchTransport';
import { MemoryUrlStorage, type HttpRequestSpec, type HttpTransport, type TransportCallbacks } from '@/simulations/upload/client/transport';
import { browserUrlStorage, cellCount, chunkMap, CuttableTransport, fileSourceOf, resumedFrom, THROTTLE_HEADER } from '@/components/labs/upload/parts/realMode';
import { randomData, sha256Hex, sleep, startServer, type TestServer } from '../../upload/helpers';

class FakeTransport implements HttpTransport {
  sent: { request: HttpRequestSpec; callbacks: TransportCallbacks; aborted: boolean }[] = [];
  send(request: HttpRequestSpec, callbacks: TransportCallbacks) {
    const entry = { request, callbacks, aborted: false };
    this.sent.push(entry);
    return { abort: () => void (entry.aborted = true) };
  }
}

describe('CuttableTransport', () => {
  it('cut aborts what is in flight and fails later requests until reconnect; logs requests; adds the throttle header to bodies', () => {
    const inner = new FakeTransport();
    const deferred: (() => void)[] = [];
    const t = new CuttableTransport(inner, () => undefined, (fn) => deferred.push(fn));
    t.throttleBytesPerSecond = 250_000;
    const errors: string[] = [];
    const cb = (name: string): TransportCallbacks => ({ onResponse: () => errors.push(`${name}: response`), onError: (e) => errors.push(`${name}: ${e.message}`) });
    t.send({ method: 'PATCH', url: '/api/uploads/ab', headers: { 'Upload-Offset': '10' }, body: new Uint8Array(5) }, cb('patch'));
    t.send({ method: 'HEAD', url: '/api/uploads/ab', headers: {} }, cb('head'));
    expect(inner.sent[0].request.headers[THROTTLE_HEADER]).toBe('250000');
    expect(inner.sent[1].request.headers[THROTTLE_HEADER]).toBeUndefined();
    inner.sent[1].callbacks.onResponse({ status: 200, headers: { 'upload-offset': '10' }, body: '' });
    expect(t.requestsInFlight).toBe(1);
    expect(t.cut()).toBe(1);
    expect(inner.sent[0].aborted).toBe(true);
    expect(t.connected).toBe(false);
    inner.sent[0].callbacks.onError(Object.assign(new Error('This operation was aborted'), { name: 'AbortError' }));
    t.send({ method: 'HEAD', url: '/api/uploads/ab', headers: {} }, cb('offline'));
    expect(inner.sent).toHaveLength(2);
    deferred.forEach((fn) => fn());
    expect(errors).toEqual(['head: response', 'patch: This operation was aborted', 'offline: offline: the connection is cut']);
    t.reconnect();
    t.send({ method: 'HEAD', url: '/api/uploads/ab', headers: {} }, cb('again'));
    expect(inner.sent).toHaveLength(3);
    expect(t.log.map((e) => [e.method, e.offset, e.status, e.responseOffset, e.error])).toEqual([
      ['PATCH', 10, null, null, 'aborted (connection cut)'],
      ['HEAD', null, 200, 10, null],
      ['HEAD', null, null, null, 'offline: the connection is cut'],
      ['HEAD', null, null, null, null],
    ]);
    expect(resumedFrom(t.log)).toBe(10);
  });
});

describe('chunk map and storage helpers', () => {
  it('cells: committed up to the offset, partial where it falls inside, sending under the PATCH in flight', () => {
    expect(chunkMap(100, 35, { from: 35, to: 60 }, 4)).toEqual(['committed', 'partial', 'sending', 'pending']);
    expect(chunkMap(100, 0, null, 4)).toEqual(['pending', 'pending', 'pending', 'pending']);
    expect(chunkMap(100, 100, null, 4)).toEqual(['committed', 'committed', 'committed', 'committed']);
    expect(chunkMap(0, 0, null, 4)).toEqual([]);
    expect(cellCount(3 * 1024 * 1024, 256 * 1024)).toBe(12);
    expect(cellCount(1e12, 1024)).toBe(96);
    expect(cellCount(10, 1024)).toBe(1);
  });

  it('storage never throws (private mode, quota)', () => {
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
      removeItem: () => {
        throw new Error('denied');
      },
    };
    const s = browserUrlStorage(broken);
    expect(s.get('k')).toBeNull();
    expect(() => s.set('k', 'v')).not.toThrow();
    expect(() => s.remove('k')).not.toThrow();
    expect(browserUrlStorage(null).get('k')).toBeNull();
  });

  it('fileSourceOf reads slices of a Blob', async () => {
    const src = fileSourceOf(new Blob([Uint8Array.from([1, 2, 3, 4, 5])]));
    expect(src.size).toBe(5);
    expect([...(await (src.read(1, 3) as Promise<Uint8Array>))]).toEqual([2, 3, 4]);
    expect([...(await (src.read(4, 10) as Promise<Uint8Array>))]).toEqual([5]);
  });
});

describe('real mode against the real server', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startServer();
  });
  afterAll(async () => t.stop());

  /** what the browser does for us: same origin (relative URLs) and the session cookie */
  const sameOrigin = (): HttpTransport => {
    const fetchTransport = createFetchTransport();
    return { send: (r, cb) => fetchTransport.send({ ...r, url: t.srv.origin + r.url, headers: { ...r.headers, Cookie: t.cookie } }, cb) };
  };

  const waitFor = async (what: string, predicate: () => boolean, timeoutMs = 15_000) => {
    const deadline = performance.now() + timeoutMs;
    while (!predicate()) {
      if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(10);
    }
  };

  it('cut mid-upload, reconnect, reload resumes from the server offset, SHA-256 verified', async () => {
    const data = randomData(1536 * 1024);
    const file = fileSourceOf(new Blob([new Uint8Array(data)]));
    const mem = new MemoryUrlStorage();
    const userId = ((await (await fetch(t.srv.endpoint, { headers: { Cookie: t.cookie } })).json()) as { userId: string }).userId;

    const startActor = (transport: CuttableTransport): Actor<UploadMachine> => {
      const ports = {
        transport,
        clock: { setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms), clearTimeout: (h: unknown) => clearTimeout(h as NodeJS.Timeout) },
        random: () => 0.1,
        storage: mem,
      };
      const actor = createActor(uploadMachine, { input: { file, userId, endpoint: '/api/uploads', chunkBytes: 256 * 1024, filename: 'clip.mp4', backoff: { baseMs: 50, maxMs: 200, maxAttempts: 100 }, ports } });
      actor.start();
      return actor;
    };

    const first = new CuttableTransport(sameOrigin());
    first.throttleBytesPerSecond = 1024 * 1024;
    const a = startActor(first);
    await waitFor('some progress', () => a.getSnapshot().context.offset >= 256 * 1024);
    await waitFor('a PATCH in flight', () => first.requestsInFlight > 0);
    first.cut();
    await waitFor('offline', () => String(a.getSnapshot().value) === 'offline');
    await sleep(100);
    expect(String(a.getSnapshot().value)).not.toBe('uploading');
    first.reconnect();
    a.send({ type: 'PAUSE' });
    a.send({ type: 'RESUME' });
    await waitFor('more progress after reconnect', () => a.getSnapshot().context.offset >= 768 * 1024);
    // "reload": the page goes away mid-upload
    a.stop();
    const stored = [...mem.map.entries()];
    expect(stored).toHaveLength(1);
    expect(stored[0][0]).toBe(`upload-url:${sha256Hex(data)}:${userId}`);

    const second = new CuttableTransport(sameOrigin());
    const b = startActor(second);
    await waitFor('complete', () => ['complete', 'failed', 'expired'].includes(String(b.getSnapshot().value)));
    const snap = b.getSnapshot();
    expect(snap.value).toBe('complete');
    expect(snap.context.serverSha256).toBe(sha256Hex(data));
    const from = resumedFrom(second.log);
    expect(from).toBeGreaterThanOrEqual(768 * 1024);
    expect(second.log.some((e) => e.method === 'POST')).toBe(false);
    // verified: the URL is forgotten
    expect(mem.map.size).toBe(0);
  });
});
