/** The demo uplink (X-Upload-Throttle): the server reads a body no faster than asked, and a cut mid-body keeps what arrived. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toFuture } from '@/simulations/upload/server/flow';
import { MIN_THROTTLE_BYTES_PER_SECOND, throttleBody, throttleRateOf, type BodyReader } from '@/simulations/upload/server/body';
import { createUpload, headOffset, patch, randomData, raw, serverSha, sha256Hex, startServer, TUS, OCTET, type TestServer } from './helpers';

class FakeClock {
  t = 0;
  timers: { at: number; fn: () => void }[] = [];
  now = () => this.t;
  setTimeout = (fn: () => void, ms: number) => {
    const timer = { at: this.t + ms, fn };
    this.timers.push(timer);
    return timer;
  };
  clearTimeout = (h: unknown) => {
    this.timers = this.timers.filter((x) => x !== h);
  };
  advance(ms: number) {
    this.t += ms;
    const due = this.timers.filter((x) => x.at <= this.t);
    this.timers = this.timers.filter((x) => x.at > this.t);
    for (const x of due) x.fn();
  }
}

function chunks(sizes: number[]): BodyReader {
  const queue = sizes.map((n) => new Uint8Array(n));
  return { read: () => queue.shift() ?? null, cancel: () => undefined };
}

describe('throttleBody', () => {
  it('delivers the first chunk at once, then waits until the bytes already read are due', () => {
    const clock = new FakeClock();
    const rate = 100_000;
    const body = throttleBody(chunks([100_000, 100_000, 50_000]), rate, clock);
    expect((body.read() as Uint8Array).length).toBe(100_000);
    const second = toFuture(body.read());
    expect(second.settled).toBe(false);
    clock.advance(999);
    expect(second.settled).toBe(false);
    clock.advance(1);
    expect(second.settled).toBe(true);
    const third = toFuture(body.read());
    clock.advance(999);
    expect(third.settled).toBe(false);
    clock.advance(1);
    expect(third.settled).toBe(true);
    // the end-of-body read waits for the last chunk's time (250 kB at 100 kB/s = 2.5 s), then yields null
    const end = toFuture(body.read());
    clock.advance(499);
    expect(end.settled).toBe(false);
    clock.advance(1);
    let value: Uint8Array | null | undefined;
    end.onSettle((o) => (value = o.ok ? o.value : undefined));
    expect(value).toBeNull();
  });

  it('cancel stops the pending timer; rates below the floor are raised; bad headers ignored', () => {
    const clock = new FakeClock();
    let cancelled = false;
    const inner: BodyReader = { read: () => new Uint8Array(1000), cancel: () => (cancelled = true) };
    const body = throttleBody(inner, 1, clock);
    body.read();
    const pending = toFuture(body.read());
    // floor: 1000 bytes at MIN rate
    expect(clock.timers[0].at).toBeCloseTo((1000 * 1000) / MIN_THROTTLE_BYTES_PER_SECOND, 6);
    body.cancel('stop');
    expect(cancelled).toBe(true);
    expect(clock.timers).toHaveLength(0);
    expect(pending.settled).toBe(false);
    expect(throttleRateOf(undefined)).toBeNull();
    expect(throttleRateOf('abc')).toBeNull();
    expect(throttleRateOf('0')).toBeNull();
    expect(throttleRateOf('-5')).toBeNull();
    expect(throttleRateOf('10')).toBe(MIN_THROTTLE_BYTES_PER_SECOND);
    expect(throttleRateOf('250000')).toBe(250_000);
  });
});

describe('X-Upload-Throttle over HTTP', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startServer();
  });
  afterAll(async () => t.stop());

  it('a throttled PATCH takes about length / rate; the bytes are intact', async () => {
    const data = randomData(384 * 1024);
    const url = await createUpload(t, data.length);
    const started = performance.now();
    const res = await patch(t, url, 0, data, { 'X-Upload-Throttle': String(512 * 1024) });
    const elapsed = performance.now() - started;
    expect(res.status).toBe(204);
    expect(res.headers['upload-offset']).toBe(String(data.length));
    // everything but the last socket read is paced: ≥ (384 KiB − 64 KiB) / 512 KiB/s ≈ 0.62 s
    expect(elapsed).toBeGreaterThan(450);
    expect(await serverSha(t, url)).toBe(sha256Hex(data));
  });

  it('a client cut mid-body keeps the bytes that arrived; the upload resumes from that offset', async () => {
    const data = randomData(1024 * 1024);
    const url = await createUpload(t, data.length);
    const half = data.subarray(0, 512 * 1024);
    await raw({
      method: 'PATCH',
      url,
      headers: { ...TUS, Cookie: t.cookie, 'Content-Type': OCTET, 'Upload-Offset': '0', 'Content-Length': String(data.length), 'X-Upload-Throttle': String(1024 * 1024) },
      body: half,
      dieAfterMs: 150,
    });
    // HEAD takes the lock over from the (still draining) PATCH: it commits what it has read
    const offset = (await headOffset(t, url))!;
    expect(offset).toBeGreaterThan(0);
    expect(offset).toBeLessThanOrEqual(half.length);
    const rest = await patch(t, url, offset, data.subarray(offset));
    expect(rest.status).toBe(204);
    expect(await serverSha(t, url)).toBe(sha256Hex(data));
  });
});
