/**
 * NODE ONLY. Anonymous sessions: a signed, HttpOnly cookie carrying a random user id and when it was
 * issued: `<userId>.<issued, base-36 seconds>.<base64url HMAC-SHA256(secret, userId.issued)>`. The
 * secret is generated on first start and kept in the data folder (mode 0600), so sessions survive
 * restarts of the server.
 *
 * Expiry and rotation are enforced by the server, not by the cookie's Max-Age: a cookie issued more
 * than `ttlMs` ago (default 7 days, the longest an open upload lives) is refused like a forged one
 * (new session); one older than `rotateAfterMs` (default 1 day) is re-issued with the same user id,
 * so an active user keeps their uploads and a copied cookie stops working a week after its last use.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'sdl_upload_session';
const USER_ID = /^[0-9a-f]{32}$/;
const ISSUED = /^[0-9a-z]{1,10}$/;
const DAY_MS = 24 * 3600 * 1000;
/** A cookie issued this far in the future (clock skew between restarts) is still accepted. */
const SKEW_MS = 60_000;

export interface SessionOptions {
  secure?: boolean;
  /** a session unused for this long is refused (default 7 days) */
  ttlMs?: number;
  /** a session older than this is re-issued (default 1 day) */
  rotateAfterMs?: number;
  /** the wall clock (tests) */
  now?: () => number;
}

export class Sessions {
  private readonly ttlMs: number;
  private readonly rotateAfterMs: number;
  private readonly now: () => number;

  private constructor(
    private readonly secret: Buffer,
    private readonly secure: boolean,
    options: SessionOptions,
  ) {
    this.ttlMs = options.ttlMs ?? 7 * DAY_MS;
    this.rotateAfterMs = Math.min(options.rotateAfterMs ?? DAY_MS, this.ttlMs);
    this.now = options.now ?? Date.now;
  }

  static async open(dataDir: string, options: SessionOptions = {}): Promise<Sessions> {
    await fs.mkdir(dataDir, { recursive: true });
    const file = path.join(dataDir, 'session-secret');
    let secret: Buffer;
    try {
      const fresh = randomBytes(32).toString('hex');
      await fs.writeFile(file, fresh, { flag: 'wx', mode: 0o600 });
      secret = Buffer.from(fresh, 'hex');
    } catch (e) {
      if ((e as { code?: string }).code !== 'EEXIST') throw e;
      const text = (await fs.readFile(file, 'utf8')).trim();
      if (!/^[0-9a-f]{64}$/.test(text)) throw new Error(`${file} is corrupt: delete it to start new sessions`);
      secret = Buffer.from(text, 'hex');
    }
    return new Sessions(secret, options.secure ?? false, options);
  }

  /** The cookie value for `userId`, issued at `issuedMs` (default now). */
  sign(userId: string, issuedMs = this.now()): string {
    const body = `${userId}.${Math.floor(issuedMs / 1000).toString(36)}`;
    return `${body}.${createHmac('sha256', this.secret).update(body).digest('base64url')}`;
  }

  /** The user id and issue time in a valid, unexpired cookie value, else null. */
  verify(value: string): { userId: string; issuedMs: number } | null {
    const parts = value.split('.');
    if (parts.length !== 3) return null;
    const [userId, issued] = parts;
    if (!USER_ID.test(userId) || !ISSUED.test(issued)) return null;
    const issuedMs = parseInt(issued, 36) * 1000;
    const expected = Buffer.from(this.sign(userId, issuedMs));
    const given = Buffer.from(value);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    const age = this.now() - issuedMs;
    if (age >= this.ttlMs || age < -SKEW_MS) return null;
    return { userId, issuedMs };
  }

  /**
   * Session from a Cookie header; a new one (with the Set-Cookie to send) when absent, forged or
   * expired; the same user id re-issued (Set-Cookie) when due for rotation.
   * A request that came over HTTPS gets a Secure cookie even when the server was not told to.
   */
  resolve(cookieHeader: string | undefined | null, overHttps = false): { userId: string; setCookie: string | null } {
    const value = readCookie(cookieHeader ?? '', SESSION_COOKIE);
    const session = value === null ? null : this.verify(value);
    if (session !== null) {
      const rotate = this.now() - session.issuedMs >= this.rotateAfterMs;
      return { userId: session.userId, setCookie: rotate ? this.cookie(session.userId, overHttps) : null };
    }
    const fresh = randomBytes(16).toString('hex');
    return { userId: fresh, setCookie: this.cookie(fresh, overHttps) };
  }

  cookie(userId: string, overHttps = false): string {
    const secure = this.secure || overHttps;
    return `${SESSION_COOKIE}=${this.sign(userId)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${Math.floor(this.ttlMs / 1000)}${secure ? '; Secure' : ''}`;
  }
}

/**
 * Whether a request reached us over HTTPS: its own URL, or the scheme a TLS-terminating proxy
 * reports (X-Forwarded-Proto, first hop). Only ever adds Secure, so a forged header harms no one else.
 */
export function cameOverHttps(url: string | undefined, forwardedProto: string | null | undefined, encrypted = false): boolean {
  if (encrypted || url?.startsWith('https:')) return true;
  return forwardedProto?.split(',')[0]?.trim().toLowerCase() === 'https';
}

export function readCookie(header: string, name: string): string | null {
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}
