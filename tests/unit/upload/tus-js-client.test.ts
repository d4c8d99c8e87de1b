/**
 * An independent client (tus-js-client 4.3.1, Node) against our real server on 127.0.0.1:0.
 * Every scenario ends by comparing the server's SHA-256 of the stored bytes with the local one.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import * as tus from 'tus-js-client';
import { newSession, randomData, serverSha, sha256Hex, startServer, sleep, type TestServer } from './helpers';

const MiB = 1024 * 1024;

type Previous = Awaited<ReturnType<tus.Upload['findPreviousUploads']>>[number];

/** URL storage kept in memory (tus-js-client's Node default remembers nothing). */
class MemoryUrlStorage {
  entries = new Map<string, Previous & { fingerprint: string }>();
  private n = 0;
  async findAllUploads() {
    return [...this.entries.values()];
  }
  async findUploadsByFingerprint(fp: string) {
    return [...this.entries.values()].filter((e) => e.fingerprint === fp);
  }
  async removeUpload(key: string) {
    this.entries.delete(key);
  }
  async addUpload(fingerprint: string, upload: Previous) {
    const key = `tus::${fingerprint}::${this.n++}`;
    this.entries.set(key, { ...upload, fingerprint, urlStorageKey: key });
    return key;
  }
}

interface RunOptions extends Partial<tus.Upload['options']> {
  onUpload?: (u: tus.Upload) => void;
}

function runUpload(input: Buffer | Pick<ReadableStreamDefaultReader, 'read'>, options: RunOptions): Promise<tus.Upload> {
  return new Promise((resolve, reject) => {
    const upload = new tus.Upload(input as Buffer, {
      retryDelays: [0, 200, 400, 800, 1600],
      ...options,
      onSuccess: () => resolve(upload),
      onError: (e) => reject(e),
    });
    options.onUpload?.(upload);
    upload.start();
  });
}

let server: TestServer | null = null;
afterEach(async () => {
  await server?.stop();
  server = null;
});

describe('tus-js-client against the real Node server', () => {
  it('plain upload: one PATCH, byte-identical', async () => {
    server = await startServer();
    const data = randomData(3 * MiB + 17);
    const up = await runUpload(data, { endpoint: server.srv.endpoint, headers: { Cookie: server.cookie }, metadata: { filename: 'clip.mp4' } });
    expect(await serverSha(server, up.url!)).toBe(sha256Hex(data));
  });

  it('abort, then resume by fingerprint from URL storage (HEAD gives the committed offset)', async () => {
    server = await startServer();
    const data = randomData(8 * MiB);
    const videoId = sha256Hex(data);
    const storage = new MemoryUrlStorage();
    const common = {
      endpoint: server.srv.endpoint,
      headers: { Cookie: server.cookie },
      chunkSize: MiB,
      metadata: { videoId, filename: 'clip.mp4' },
      fingerprint: async () => `${videoId}:user`,
      urlStorage: storage,
    };
    await new Promise<void>((resolve, reject) => {
      const first = new tus.Upload(data, {
        ...common,
        onChunkComplete: (_c, accepted) => {
          if (accepted >= 3 * MiB) void first.abort().then(resolve);
        },
        onError: reject,
      });
      first.start();
    });
    const heads: string[] = [];
    const second = new tus.Upload(data, { ...common });
    const previous = await second.findPreviousUploads();
    expect(previous).toHaveLength(1);
    second.resumeFromPreviousUpload(previous[0]);
    await new Promise<void>((resolve, reject) => {
      second.options.onAfterResponse = (req, res) => {
        if (req.getMethod() === 'HEAD') heads.push(res.getHeader('Upload-Offset') ?? '');
      };
      second.options.onSuccess = () => resolve();
      second.options.onError = reject;
      second.start();
    });
    expect(Number(heads[0])).toBeGreaterThanOrEqual(3 * MiB);
    expect(second.url).toBe(previous[0].uploadUrl);
    expect(await serverSha(server, second.url!)).toBe(videoId);
  });

  it('resume by upload URL (the (videoId, user) lookup hands it out)', async () => {
    server = await startServer();
    const data = randomData(4 * MiB);
    const videoId = sha256Hex(data);
    await new Promise<void>((resolve, reject) => {
      const first = new tus.Upload(data, {
        endpoint: server!.srv.endpoint,
        headers: { Cookie: server!.cookie },
        chunkSize: MiB,
        metadata: { videoId },
        onChunkComplete: (_c, accepted) => {
          if (accepted >= 2 * MiB) void first.abort().then(resolve);
        },
        onError: reject,
      });
      first.start();
    });
    const lookup = (await (await fetch(`${server.srv.endpoint}?videoId=${videoId}`, { headers: { Cookie: server.cookie } })).json()) as { uploadUrl: string; offset: number };
    expect(lookup.offset).toBe(2 * MiB);
    const up = await runUpload(data, { uploadUrl: server.srv.origin + lookup.uploadUrl, headers: { Cookie: server.cookie }, chunkSize: MiB });
    expect(await serverSha(server, up.url!)).toBe(videoId);
  });

  it('creation-with-upload: the first chunk rides on the POST', async () => {
    server = await startServer();
    const data = randomData(2 * MiB + 5);
    const posts: string[] = [];
    const up = await runUpload(data, {
      endpoint: server.srv.endpoint,
      headers: { Cookie: server.cookie },
      chunkSize: MiB,
      uploadDataDuringCreation: true,
      onAfterResponse: (req, res) => {
        if (req.getMethod() === 'POST') posts.push(res.getHeader('Upload-Offset') ?? '');
      },
    });
    expect(posts).toEqual([String(MiB)]);
    expect(await serverSha(server, up.url!)).toBe(sha256Hex(data));
  });

  it('deferred length: a stream of unknown size, length declared on the last PATCH', async () => {
    server = await startServer();
    const data = randomData(3 * MiB + 1234);
    const stream = Readable.from((function* () {
      for (let i = 0; i < data.length; i += 200_000) yield data.subarray(i, i + 200_000);
    })());
    const lengths: (string | undefined)[] = [];
    const up = await runUpload(stream as unknown as Buffer, {
      endpoint: server.srv.endpoint,
      headers: { Cookie: server.cookie },
      chunkSize: MiB,
      uploadLengthDeferred: true,
      onBeforeRequest: (req) => {
        if (req.getMethod() === 'PATCH') lengths.push(req.getHeader('Upload-Length'));
      },
    });
    expect(lengths.slice(0, -1).every((l) => l === undefined)).toBe(true);
    expect(lengths[lengths.length - 1]).toBe(String(data.length));
    expect(await serverSha(server, up.url!)).toBe(sha256Hex(data));
  });

  it('server SIGKILLed mid-PATCH and restarted on the same data dir: offset = bytes on disk, client resumes', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'upload-crash-'));
    const children: ChildProcess[] = [];
    const startChild = (port: number, env: Record<string, string> = {}) =>
      new Promise<number>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'fixtures/server-process.ts'), dir, String(port)], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
        children.push(child);
        child.stdout!.on('data', (b: Buffer) => {
          const m = /listening (\d+)/.exec(b.toString());
          if (m) resolve(Number(m[1]));
        });
        child.once('exit', (code) => reject(new Error(`server exited ${code}`)));
      });
    try {
      // the first server SIGKILLs itself once 12 MiB of the upload are on disk: always mid-PATCH
      const port = await startChild(0, { CRASH_AT_BYTES: String(12 * MiB) });
      let killed = false;
      let restarted: Promise<number> | null = null;
      children[0].once('exit', (_code, signal) => {
        killed = signal === 'SIGKILL';
        restarted = sleep(150).then(() => startChild(port));
      });
      const endpoint = `http://127.0.0.1:${port}/api/uploads`;
      const cookie = await newSession(endpoint);
      const data = randomData(48 * MiB);
      const heads: number[] = [];
      const up = await runUpload(data, {
        endpoint,
        headers: { Cookie: cookie },
        retryDelays: [300, 600, 1000, 2000, 4000],
        onAfterResponse: (req, res) => {
          if (req.getMethod() === 'HEAD') heads.push(Number(res.getHeader('Upload-Offset')));
        },
      });
      expect(killed).toBe(true);
      await restarted;
      const id = up.url!.split('/').pop()!;
      expect(heads.length).toBeGreaterThanOrEqual(1);
      expect(heads[0]).toBeGreaterThan(0);
      expect(heads[0]).toBeLessThan(data.length);
      expect((await stat(path.join(dir, 'files', `${id}.bin`))).size).toBe(data.length);
      const info = (await (await fetch(up.url!, { headers: { Cookie: cookie } })).json()) as { sha256: string };
      expect(info.sha256).toBe(sha256Hex(data));
    } finally {
      for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    }
  });
});
