/**
 * The learner's code in a link's fragment (never sent to the server, code-lab.md §5):
 * `#code=v1.<base64url(deflate-raw(JSON { v, lab, code }))>`, with the built-in CompressionStream
 * (browsers and Node 20). Decoding never throws: a corrupt or oversized link is a message.
 */
export const CODE_FRAGMENT_KEY = 'code';
export const CODE_LINK_VERSION = 'v1';
/** decompressed JSON at most this big (a bomb-sized link is refused, not inflated) */
export const MAX_SHARED_CODE_BYTES = 64 * 1024;

export interface SharedCode {
  lab: string;
  code: string;
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream, limit = Infinity): Promise<Uint8Array> {
  const reader = new Blob([bytes as BlobPart]).stream().pipeThrough(stream).getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel();
      throw new RangeError(`the shared code is larger than ${limit / 1024} KB`);
    }
    parts.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new SyntaxError('not base64url');
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** `v1.<payload>` for the fragment's `code=` value. */
export async function encodeSharedCode(shared: SharedCode): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify({ v: 1, lab: shared.lab, code: shared.code }));
  if (json.length > MAX_SHARED_CODE_BYTES) throw new RangeError(`your code is too long to share in a link (${Math.ceil(json.length / 1024)} KB; at most ${MAX_SHARED_CODE_BYTES / 1024} KB): download it as a .ts file instead`);
  return `${CODE_LINK_VERSION}.${toBase64Url(await pipe(json, new CompressionStream('deflate-raw')))}`;
}

export type DecodedSharedCode = { ok: true; shared: SharedCode } | { ok: false; error: string };

export async function decodeSharedCode(value: string): Promise<DecodedSharedCode> {
  const fail = (why: string): DecodedSharedCode => ({ ok: false, error: `The code in this link could not be read: ${why}. The editor keeps your own code.` });
  const dot = value.indexOf('.');
  if (dot < 0 || value.slice(0, dot) !== CODE_LINK_VERSION) return fail(`unknown format ${JSON.stringify(value.slice(0, Math.max(0, Math.min(dot, 8))))} (expected ${CODE_LINK_VERSION})`);
  let bytes: Uint8Array;
  try {
    bytes = fromBase64Url(value.slice(dot + 1));
  } catch {
    return fail('it is not valid base64url (was the link cut short?)');
  }
  let json: Uint8Array;
  try {
    json = await pipe(bytes, new DecompressionStream('deflate-raw'), MAX_SHARED_CODE_BYTES);
  } catch (e) {
    return fail(e instanceof RangeError ? e.message : 'it is corrupt (the compressed data does not unpack)');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json));
  } catch {
    return fail('it does not hold valid JSON');
  }
  const p = parsed as Partial<SharedCode & { v: number }>;
  if (!p || p.v !== 1 || typeof p.lab !== 'string' || typeof p.code !== 'string') return fail('it is not a code-lab link');
  return { ok: true, shared: { lab: p.lab, code: p.code } };
}

/** The `code=` value in a location hash (`#code=…` or `#a=b&code=…`), or null. */
export function codeFromHash(hash: string): string | null {
  return new URLSearchParams(hash.replace(/^#/, '')).get(CODE_FRAGMENT_KEY);
}
