/**
 * The bad-input checklist (research §6.4) as raw HTTP against the real Node server. Every case checks
 * the status the protocol asks for AND that the stored bytes are exactly what they were before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { OCTET, TUS, createUpload, headOffset, patch, raw, sleep, startServer, type TestServer } from './helpers';

let t: TestServer;
let small: TestServer; // tiny max size, short expiry, tight timeouts

beforeAll(async () => {
  const quota = { bytesPerUser: 2 ** 40, openUploadsPerUser: 10_000 };
  t = await startServer({ quota });
  small = await startServer({ quota, maxSize: 64 * 1024, expireAfterMs: 400, idleReadTimeoutMs: 300, minRate: { bytesPerSecond: 50_000, graceMs: 250 } });
});
afterAll(async () => {
  await t.stop();
  await small.stop();
});

const idOf = (url: string) => url.split('/').pop()!;
async function storedBytes(s: TestServer, url: string): Promise<Buffer | null> {
  try {
    return await readFile(path.join(s.dir, 'files', `${idOf(url)}.bin`));
  } catch {
    return null;
  }
}
/** An upload of `length` bytes holding `content` already. */
async function uploadWith(s: TestServer, length: number | 'deferred', content: string): Promise<string> {
  const url = await createUpload(s, length);
  if (content) expect((await patch(s, url, 0, content)).status).toBe(204);
  return url;
}
async function expectUntouched(s: TestServer, url: string, content: string) {
  expect((await storedBytes(s, url))?.toString()).toBe(content);
  expect(await headOffset(s, url)).toBe(content.length);
}
const uploadCount = async (s: TestServer) => (await readdir(path.join(s.dir, 'files'))).filter((n) => n.endsWith('.json')).length;

describe('1. Tus-Resumable', () => {
  for (const version of [undefined, '0.2.2', '1.0']) {
    it(`PATCH with Tus-Resumable ${version ?? '(missing)'} → 412 + Tus-Version, body not processed`, async () => {
      const url = await uploadWith(t, 10, 'abc');
      const headers: Record<string, string> = { Cookie: t.cookie, 'Content-Type': OCTET, 'Upload-Offset': '3' };
      if (version) headers['Tus-Resumable'] = version;
      const res = await raw({ method: 'PATCH', url, headers, body: 'defg' });
      expect(res.status).toBe(412);
      expect(res.headers['tus-version']).toBe('1.0.0');
      await expectUntouched(t, url, 'abc');
    });
  }
  it('POST without Tus-Resumable → 412, nothing created', async () => {
    const before = await uploadCount(t);
    const res = await raw({ method: 'POST', url: t.srv.endpoint, headers: { Cookie: t.cookie, 'Upload-Length': '5' } });
    expect(res.status).toBe(412);
    expect(await uploadCount(t)).toBe(before);
  });
  it('OPTIONS ignores Tus-Resumable and advertises version, extensions, max size, checksum algorithms', async () => {
    const res = await raw({ method: 'OPTIONS', url: t.srv.endpoint, headers: { 'Tus-Resumable': '0.0.1' } });
    expect(res.status).toBe(204);
    expect(res.headers['tus-version']).toBe('1.0.0');
    expect(String(res.headers['tus-extension']).split(',')).toEqual(
      expect.arrayContaining(['creation', 'creation-with-upload', 'creation-defer-length', 'expiration', 'checksum', 'termination']),
    );
    expect(res.headers['tus-max-size']).toBe(String(t.srv.service.tus.maxSize));
    expect(res.headers['tus-checksum-algorithm']).toBe('sha1,sha256');
  });
});

describe('2. PATCH Content-Type and Upload-Offset', () => {
  for (const ct of [undefined, 'application/octet-stream', 'text/plain']) {
    it(`Content-Type ${ct ?? '(missing)'} → 415`, async () => {
      const url = await uploadWith(t, 10, 'abc');
      const headers: Record<string, string> = { ...TUS, Cookie: t.cookie, 'Upload-Offset': '3' };
      if (ct) headers['Content-Type'] = ct;
      expect((await raw({ method: 'PATCH', url, headers, body: 'defg' })).status).toBe(415);
      await expectUntouched(t, url, 'abc');
    });
  }
  for (const off of [undefined, 'abc', '-1', '+3', '3.0', '1e3', ' 3x', '9007199254740993', '99999999999999999999']) {
    it(`Upload-Offset ${JSON.stringify(off ?? null)} → 400`, async () => {
      const url = await uploadWith(t, 10, 'abc');
      const headers: Record<string, string> = { ...TUS, Cookie: t.cookie, 'Content-Type': OCTET };
      if (off !== undefined) headers['Upload-Offset'] = off;
      expect((await raw({ method: 'PATCH', url, headers, body: 'defg' })).status).toBe(400);
      await expectUntouched(t, url, 'abc');
    });
  }
  it('Content-Type with parameters is accepted', async () => {
    const url = await uploadWith(t, 10, 'abc');
    expect((await patch(t, url, 3, 'de', { 'Content-Type': `${OCTET}; charset=binary` })).status).toBe(204);
  });
});

describe('3. offset mismatch', () => {
  for (const off of [0, 2, 4, 10]) {
    it(`Upload-Offset ${off} against offset 3 → 409, untouched`, async () => {
      const url = await uploadWith(t, 10, 'abc');
      expect((await patch(t, url, off, 'zz')).status).toBe(409);
      await expectUntouched(t, url, 'abc');
    });
  }
});

describe('4. body length', () => {
  it('Content-Length past Upload-Length → 413 before reading, untouched', async () => {
    const url = await uploadWith(t, 10, 'abc');
    expect((await patch(t, url, 3, 'defghijklmn')).status).toBe(413);
    await expectUntouched(t, url, 'abc');
  });
  it('chunked body (no Content-Length) past Upload-Length → 413, nothing of it kept', async () => {
    const url = await uploadWith(t, 10, 'abc');
    const res = await raw({
      method: 'PATCH',
      url,
      headers: { ...TUS, Cookie: t.cookie, 'Content-Type': OCTET, 'Upload-Offset': '3', 'Transfer-Encoding': 'chunked' },
      body: ['defg', 'hijklmnop'],
      partDelayMs: 20,
    });
    expect(res.status).toBe(413);
    await expectUntouched(t, url, 'abc');
  });
  it('body shorter than Content-Length (client died): what arrived is kept and resumable', async () => {
    const url = await uploadWith(t, 100, 'abc');
    const res = await raw({
      method: 'PATCH',
      url,
      headers: { ...TUS, Cookie: t.cookie, 'Content-Type': OCTET, 'Upload-Offset': '3', 'Content-Length': '50' },
      body: ['0123456789'],
      dieAfterMs: 80,
    });
    expect(res.status).toBe(0);
    await sleep(50);
    await expectUntouched(t, url, 'abc0123456789');
    expect((await patch(t, url, 13, 'x'.repeat(87))).status).toBe(204);
  });
  it('PATCH with data to a finished upload → 413; empty PATCH → 204', async () => {
    const url = await uploadWith(t, 3, 'abc');
    expect((await patch(t, url, 3, 'd')).status).toBe(413);
    expect((await patch(t, url, 3, '')).status).toBe(204);
    await expectUntouched(t, url, 'abc');
  });
});

describe('5. POST validation', () => {
  const cases: [string, Record<string, string>, number][] = [
    ['neither length header', {}, 400],
    ['both length headers', { 'Upload-Length': '5', 'Upload-Defer-Length': '1' }, 400],
    ['Upload-Defer-Length: 2', { 'Upload-Defer-Length': '2' }, 400],
    ['negative length', { 'Upload-Length': '-5' }, 400],
    ['non-numeric length', { 'Upload-Length': 'five' }, 400],
    ['length above Tus-Max-Size', { 'Upload-Length': String(8 * 1024 ** 4) }, 413],
    ['duplicate metadata key', { 'Upload-Length': '5', 'Upload-Metadata': 'a YQ==,a Yg==' }, 400],
    ['metadata value not base64', { 'Upload-Length': '5', 'Upload-Metadata': 'a !!!' }, 400],
    ['metadata key with a space', { 'Upload-Length': '5', 'Upload-Metadata': 'a b YQ==' }, 400],
    ['metadata key empty', { 'Upload-Length': '5', 'Upload-Metadata': ',a YQ==' }, 400],
    ['metadata value with CR/LF', { 'Upload-Length': '5', 'Upload-Metadata': `name ${Buffer.from('a\r\nSet-Cookie: x').toString('base64')}` }, 400],
    ['metadata value with NUL', { 'Upload-Length': '5', 'Upload-Metadata': `name ${Buffer.from('a\0b').toString('base64')}` }, 400],
    ['metadata header too long', { 'Upload-Length': '5', 'Upload-Metadata': `a ${'QUFB'.repeat(1100)}` }, 400],
    ['videoId with a path', { 'Upload-Length': '5', 'Upload-Metadata': `videoId ${Buffer.from('../../etc').toString('base64')}` }, 400],
    ['concatenation (not offered)', { 'Upload-Concat': 'partial', 'Upload-Length': '5' }, 501],
  ];
  for (const [name, headers, status] of cases) {
    it(`${name} → ${status}, nothing created`, async () => {
      const before = await uploadCount(t);
      const res = await raw({ method: 'POST', url: t.srv.endpoint, headers: { ...TUS, Cookie: t.cookie, ...headers } });
      expect(res.status).toBe(status);
      expect(await uploadCount(t)).toBe(before);
    });
  }
  it('metadata is echoed canonically by HEAD; filename is never a path', async () => {
    const name = Buffer.from('../../evil name.mp4').toString('base64');
    const url = await createUpload(t, 5, { 'Upload-Metadata': `filename ${name},flag` });
    const res = await raw({ method: 'HEAD', url, headers: { ...TUS, Cookie: t.cookie } });
    expect(res.headers['upload-metadata']).toBe(`filename ${name},flag`);
    expect(await readdir(path.join(t.dir, 'files'))).toContain(`${idOf(url)}.bin`);
    const info = (await (await fetch(url, { headers: { Cookie: t.cookie } })).json()) as { metadata: Record<string, string> };
    expect(info.metadata.filename).toBe('../../evil name.mp4');
  });
  it('Upload-Length: 0 is complete at once', async () => {
    const url = await createUpload(t, 0);
    expect(await headOffset(t, url)).toBe(0);
    const info = (await (await fetch(url, { headers: { Cookie: t.cookie } })).json()) as { state: string };
    expect(info.state).toBe('complete');
  });
});

describe('6. deferred length', () => {
  it('declare once; a different second declaration → 400; declaring the same again is fine', async () => {
    const url = await uploadWith(t, 'deferred', 'abc');
    const h = await raw({ method: 'HEAD', url, headers: { ...TUS, Cookie: t.cookie } });
    expect(h.headers['upload-defer-length']).toBe('1');
    expect((await patch(t, url, 3, 'de', { 'Upload-Length': '10' })).status).toBe(204);
    expect((await patch(t, url, 5, 'f', { 'Upload-Length': '12' })).status).toBe(400);
    await expectUntouched(t, url, 'abcde');
    expect((await patch(t, url, 5, 'f', { 'Upload-Length': '10' })).status).toBe(204);
  });
  it('declared length smaller than the stored bytes → 400', async () => {
    const url = await uploadWith(t, 'deferred', 'abcdef');
    expect((await patch(t, url, 6, '', { 'Upload-Length': '4' })).status).toBe(400);
    await expectUntouched(t, url, 'abcdef');
  });
  it('data beyond the length declared in the same PATCH → 413, untouched', async () => {
    const url = await uploadWith(t, 'deferred', 'abc');
    expect((await patch(t, url, 3, 'defghij', { 'Upload-Length': '5' })).status).toBe(413);
    await expectUntouched(t, url, 'abc');
  });
  it('deferred uploads are still bounded by Tus-Max-Size (chunked body, no Content-Length)', async () => {
    const url = await uploadWith(small, 'deferred', 'abc');
    const res = await raw({
      method: 'PATCH',
      url,
      headers: { ...TUS, Cookie: small.cookie, 'Content-Type': OCTET, 'Upload-Offset': '3', 'Transfer-Encoding': 'chunked' },
      body: [Buffer.alloc(40_000, 1), Buffer.alloc(40_000, 2)],
    });
    expect(res.status).toBe(413);
    await expectUntouched(small, url, 'abc');
  });
  it('declaring a length above Tus-Max-Size → 413', async () => {
    const url = await uploadWith(small, 'deferred', 'abc');
    expect((await patch(small, url, 3, 'd', { 'Upload-Length': String(1024 * 1024) })).status).toBe(413);
    await expectUntouched(small, url, 'abc');
  });
});

describe('7. ids', () => {
  const bad = ['0123456789abcdef0123456789abcdef', '..%2f..%2fsession-secret', '..', '%2e%2e', 'abc%00', 'a'.repeat(5000), '0123456789ABCDEF0123456789ABCDEF', '0123456789abcdef0123456789abcdef%2f'];
  for (const id of bad) {
    it(`HEAD/PATCH/DELETE on ${JSON.stringify(id.slice(0, 40))} → 404`, async () => {
      const url = `${t.srv.endpoint}/${id}`;
      for (const method of ['HEAD', 'DELETE']) expect((await raw({ method, url, headers: { ...TUS, Cookie: t.cookie } })).status).toBe(404);
      expect((await patch(t, url, 0, 'x')).status).toBe(404);
    });
  }
  it('terminated upload → 404 afterwards', async () => {
    const url = await uploadWith(t, 10, 'abc');
    expect((await raw({ method: 'DELETE', url, headers: { ...TUS, Cookie: t.cookie } })).status).toBe(204);
    expect(await storedBytes(t, url)).toBeNull();
    expect((await raw({ method: 'HEAD', url, headers: { ...TUS, Cookie: t.cookie } })).status).toBe(404);
    expect((await patch(t, url, 3, 'd')).status).toBe(404);
  });
  it('expired upload → 410 on HEAD and PATCH, bytes deleted, Upload-Expires announced', async () => {
    const created = await raw({ method: 'POST', url: small.srv.endpoint, headers: { ...TUS, Cookie: small.cookie, 'Upload-Length': '10' } });
    expect(created.headers['upload-expires']).toMatch(/GMT$/);
    const url = small.srv.origin + String(created.headers.location);
    const p = await patch(small, url, 0, 'abc');
    expect(p.headers['upload-expires']).toMatch(/GMT$/);
    await sleep(500);
    const h = await raw({ method: 'HEAD', url, headers: { ...TUS, Cookie: small.cookie } });
    expect(h.status).toBe(410);
    expect(h.headers['upload-offset']).toBeUndefined();
    expect((await patch(small, url, 3, 'd')).status).toBe(410);
    expect(await storedBytes(small, url)).toBeNull();
  });
});

describe('8. checksum', () => {
  const b64 = (algo: string, data: string) => createHash(algo).update(data).digest('base64');
  it('sha1 and sha256 digests that match → 204', async () => {
    const url = await uploadWith(t, 10, 'abc');
    expect((await patch(t, url, 3, 'de', { 'Upload-Checksum': `sha1 ${b64('sha1', 'de')}` })).status).toBe(204);
    expect((await patch(t, url, 5, 'fg', { 'Upload-Checksum': `sha256 ${b64('sha256', 'fg')}` })).status).toBe(204);
    await expectUntouched(t, url, 'abcdefg');
  });
  it('mismatch → 460, chunk discarded, offset unchanged', async () => {
    const url = await uploadWith(t, 10, 'abc');
    expect((await patch(t, url, 3, 'de', { 'Upload-Checksum': `sha256 ${b64('sha256', 'xx')}` })).status).toBe(460);
    await expectUntouched(t, url, 'abc');
  });
  for (const header of ['md5 ' + createHash('md5').update('de').digest('base64'), `SHA1 ${b64('sha1', 'de')}`, 'sha1', 'sha1 !!!!', `sha256 ${b64('sha1', 'de')}`]) {
    it(`Upload-Checksum ${JSON.stringify(header.slice(0, 12))}… → 400, untouched`, async () => {
      const url = await uploadWith(t, 10, 'abc');
      expect((await patch(t, url, 3, 'de', { 'Upload-Checksum': header })).status).toBe(400);
      await expectUntouched(t, url, 'abc');
    });
  }
});

describe('12. network: half-open and trickling connections', () => {
  it('a PATCH that goes silent is cut after the idle-read timeout (408); what arrived is kept', async () => {
    const url = await uploadWith(small, 1000, '');
    const res = await raw({
      method: 'PATCH',
      url,
      headers: { ...TUS, Cookie: small.cookie, 'Content-Type': OCTET, 'Upload-Offset': '0', 'Content-Length': '1000' },
      body: ['x'.repeat(100)],
      dieAfterMs: 2000,
    });
    expect(res.status).toBe(408);
    expect(res.headers['upload-offset']).toBe('100');
    expect(await headOffset(small, url)).toBe(100);
  });
  it('a slow trickle below the minimum rate is cut (408); what arrived is kept', async () => {
    const url = await uploadWith(small, 1000, '');
    const res = await raw({
      method: 'PATCH',
      url,
      headers: { ...TUS, Cookie: small.cookie, 'Content-Type': OCTET, 'Upload-Offset': '0', 'Content-Length': '1000' },
      body: Array.from({ length: 40 }, () => 'y'.repeat(5)),
      partDelayMs: 40,
      dieAfterMs: 1000,
    });
    expect(res.status).toBe(408);
    const kept = Number(res.headers['upload-offset']);
    expect(kept).toBeGreaterThan(0);
    expect(await headOffset(small, url)).toBe(kept);
  });
});

describe('X-HTTP-Method-Override', () => {
  it('POST with X-HTTP-Method-Override: PATCH appends', async () => {
    const url = await uploadWith(t, 10, 'abc');
    const res = await raw({
      method: 'POST',
      url,
      headers: { ...TUS, Cookie: t.cookie, 'X-HTTP-Method-Override': 'PATCH', 'Content-Type': OCTET, 'Upload-Offset': '3' },
      body: 'de',
    });
    expect(res.status).toBe(204);
    await expectUntouched(t, url, 'abcde');
  });
});
