/**
 * NODE ONLY. Anonymous sessions: a signed, HttpOnly cookie carrying a random user id.
 * `<userId>.<base64url HMAC-SHA256(secret, userId)>`. The secret is generated on first start and kept
 * in the data folder (mode 0600), so sessions survive restarts of the server.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'sdl_upload_session';
const USER_ID = /^[0-9a-f]{32}$/;
const ONE_YEAR_S = 365 * 24 * 3600;

export class Sessions {
  private constructor(
    private readonly secret: Buffer,
    private readonly secure: boolean,
  ) {}

  static async open(dataDir: string, options: { secure?: boolean } = {}): Promise<Sessions> {
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
    return new Sessions(secret, options.secure ?? false);
  }

  sign(userId: string): string {
    return `${userId}.${createHmac('sha256', this.secret).update(userId).digest('base64url')}`;
  }

  /** The user id in a valid cookie value, else null. */
  verify(value: string): string | null {
    const dot = value.indexOf('.');
    if (dot < 0) return null;
    const userId = value.slice(0, dot);
    if (!USER_ID.test(userId)) return null;
    const expected = Buffer.from(this.sign(userId));
    const given = Buffer.from(value);
    return expected.length === given.length && timingSafeEqual(expected, given) ? userId : null;
  }

  /**
   * Session from a Cookie header; a new one (with the Set-Cookie to send) when absent or forged.
   * A request that came over HTTPS gets a Secure cookie even when the server was not told to.
   */
  resolve(cookieHeader: string | undefined | null, overHttps = false): { userId: string; setCookie: string | null } {
    const value = readCookie(cookieHeader ?? '', SESSION_COOKIE);
    const userId = value === null ? null : this.verify(value);
    if (userId !== null) return { userId, setCookie: null };
    const fresh = randomBytes(16).toString('hex');
    return { userId: fresh, setCookie: this.cookie(fresh, overHttps) };
  }

  cookie(userId: string, overHttps = false): string {
    const secure = this.secure || overHttps;
    return `${SESSION_COOKIE}=${this.sign(userId)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${ONE_YEAR_S}${secure ? '; Secure' : ''}`;
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
