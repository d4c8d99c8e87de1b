/**
 * tus 1.0.0 wire details: constants and strict header parsers. Pure functions, no I/O.
 * Every parser returns a value or an error string; the handler turns errors into 400s.
 */

export const TUS_VERSION = '1.0.0';
export const OFFSET_CONTENT_TYPE = 'application/offset+octet-stream';
export const EXTENSIONS = ['creation', 'creation-with-upload', 'creation-defer-length', 'expiration', 'checksum', 'termination'] as const;
export const CHECKSUM_ALGORITHMS = ['sha1', 'sha256'] as const;
export type ChecksumAlgorithm = (typeof CHECKSUM_ALGORITHMS)[number];

/** 460 is tus-specific (checksum extension). */
export const STATUS_CHECKSUM_MISMATCH = 460;

/** Headers a browser may read from our responses (same-origin needs none, but listed for proxies/CORS). */
export const EXPOSED_HEADERS = [
  'Location',
  'Upload-Offset',
  'Upload-Length',
  'Upload-Defer-Length',
  'Upload-Metadata',
  'Upload-Expires',
  'Tus-Resumable',
  'Tus-Version',
  'Tus-Extension',
  'Tus-Max-Size',
  'Tus-Checksum-Algorithm',
];

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(error: string): Parsed<T> => ({ ok: false, error });

/**
 * Non-negative integer header (Upload-Offset, Upload-Length). Digits only: no sign, no spaces,
 * no exponent, at most 2^53 - 1.
 */
export function parseByteCount(name: string, text: string | undefined): Parsed<number> {
  if (text === undefined) return fail(`${name} is missing`);
  if (!/^[0-9]{1,16}$/.test(text)) return fail(`${name} must be a non-negative integer, got ${JSON.stringify(text.slice(0, 40))}`);
  const n = Number(text);
  if (!Number.isSafeInteger(n)) return fail(`${name} is too large`);
  return ok(n);
}

/** Media type without parameters, lower-cased. */
export function mediaType(contentType: string | undefined): string | undefined {
  if (contentType === undefined) return undefined;
  return contentType.split(';')[0].trim().toLowerCase();
}

// ---- Upload-Metadata ---------------------------------------------------------------------------

export const METADATA_MAX_HEADER_CHARS = 4096;
export const METADATA_MAX_KEYS = 32;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const METADATA_KEY = /^[\x21-\x2b\x2d-\x7e]+$/; // printable ASCII without space (0x20) and comma (0x2c)

export type Metadata = [key: string, value: string][];

/**
 * Parse `key base64,key2 base64` strictly: unique keys, printable ASCII keys without spaces or
 * commas, canonical base64, decoded values as UTF-8 without control characters (no CR/LF/NUL, so a
 * value can never smuggle a header or a path separator into a log line).
 */
export function parseMetadata(header: string | undefined): Parsed<Metadata> {
  if (header === undefined || header.trim() === '') return ok([]);
  if (header.length > METADATA_MAX_HEADER_CHARS) return fail(`Upload-Metadata is longer than ${METADATA_MAX_HEADER_CHARS} characters`);
  const pairs = header.split(',');
  if (pairs.length > METADATA_MAX_KEYS) return fail(`Upload-Metadata has more than ${METADATA_MAX_KEYS} keys`);
  const seen = new Set<string>();
  const out: Metadata = [];
  for (const rawPair of pairs) {
    const pair = rawPair.trim();
    const parts = pair.split(' ');
    if (parts.length > 2) return fail('Upload-Metadata: a key contains a space or a value is malformed');
    const [key, encoded = ''] = parts;
    if (!key || !METADATA_KEY.test(key)) return fail(`Upload-Metadata: invalid key ${JSON.stringify(key.slice(0, 40))}`);
    if (seen.has(key)) return fail(`Upload-Metadata: duplicate key ${JSON.stringify(key)}`);
    seen.add(key);
    if (!BASE64.test(encoded)) return fail(`Upload-Metadata: value of ${JSON.stringify(key)} is not base64`);
    const value = decodeBase64Utf8(encoded);
    // eslint-disable-next-line no-control-regex -- the rule itself: a decoded value must not carry control characters
    if (/[\u0000-\u001f\u007f]/.test(value)) return fail(`Upload-Metadata: value of ${JSON.stringify(key)} contains control characters`);
    out.push([key, value]);
  }
  return ok(out);
}

/** Canonical header form of parsed metadata (what HEAD echoes: never the raw client text). */
export function formatMetadata(metadata: Metadata): string {
  return metadata.map(([k, v]) => (v === '' ? k : `${k} ${encodeBase64Utf8(v)}`)).join(',');
}

/** For JSON/logs/UI: strip anything non-printable and cap the length. */
export function sanitizeForDisplay(value: string, maxChars = 200): string {
  // eslint-disable-next-line no-control-regex
  const cleaned = value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '').replace(/[<>"'`\\]/g, '_');
  return cleaned.length > maxChars ? `${cleaned.slice(0, maxChars)}…` : cleaned;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function encodeBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i];
    const b = i + 1 < bytes.length ? bytes[i + 1] : 0;
    const c = i + 2 < bytes.length ? bytes[i + 2] : 0;
    const n = (a << 16) | (b << 8) | c;
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63];
    out += i + 1 < bytes.length ? B64[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? B64[n & 63] : '=';
  }
  return out;
}

/** Caller must have checked the text against the BASE64 pattern. */
export function decodeBase64(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let j = 0;
  for (let i = 0; i < clean.length; i++) {
    acc = (acc << 6) | B64.indexOf(clean[i]);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[j++] = (acc >> bits) & 0xff;
    }
  }
  return out.subarray(0, j);
}

export function isBase64(text: string): boolean {
  return BASE64.test(text);
}

function decodeBase64Utf8(text: string): string {
  return new TextDecoder('utf-8').decode(decodeBase64(text));
}

function encodeBase64Utf8(text: string): string {
  return encodeBase64(new TextEncoder().encode(text));
}

// ---- Upload-Checksum ---------------------------------------------------------------------------

export interface ChecksumRequest {
  algorithm: ChecksumAlgorithm;
  digest: Uint8Array;
}

/** `Upload-Checksum: sha1 <base64>`. Algorithm names are lower-case ASCII; anything else is 400. */
export function parseChecksum(header: string | undefined): Parsed<ChecksumRequest | null> {
  if (header === undefined) return ok(null);
  const m = /^([!-~]+) ([A-Za-z0-9+/=]+)$/.exec(header.trim());
  if (!m) return fail('Upload-Checksum must be "<algorithm> <base64 digest>"');
  const [, algorithm, encoded] = m;
  if (!(CHECKSUM_ALGORITHMS as readonly string[]).includes(algorithm)) {
    return fail(`Upload-Checksum: unsupported algorithm ${JSON.stringify(algorithm.slice(0, 20))}; supported: ${CHECKSUM_ALGORITHMS.join(', ')}`);
  }
  if (!isBase64(encoded)) return fail('Upload-Checksum: digest is not base64');
  const digest = decodeBase64(encoded);
  const expected = algorithm === 'sha1' ? 20 : 32;
  if (digest.length !== expected) return fail(`Upload-Checksum: a ${algorithm} digest has ${expected} bytes, got ${digest.length}`);
  return ok({ algorithm: algorithm as ChecksumAlgorithm, digest });
}

// ---- ids ---------------------------------------------------------------------------------------

/** 128 random bits as 32 lower-case hex characters. The allowlist below is the ONLY id check. */
export const UPLOAD_ID = /^[0-9a-f]{32}$/;

export function uploadIdFromBytes(bytes: Uint8Array): string {
  if (bytes.length < 16) throw new RangeError('upload ids need 16 random bytes');
  let s = '';
  for (let i = 0; i < 16; i++) s += bytes[i].toString(16).padStart(2, '0');
  return s;
}

/** videoId as the client derives it: hex SHA-256 of the file (we accept any short safe token). */
export const VIDEO_ID = /^[A-Za-z0-9_-]{1,128}$/;

/** RFC 9110 IMF-fixdate. */
export function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}
