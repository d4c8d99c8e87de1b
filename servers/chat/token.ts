/**
 * NODE ONLY. Device tokens (no accounts): `<user>.<device>.<expires, base-36 s>.<base64url HMAC-SHA256>`.
 * The cluster issues them from its control endpoint; a gateway accepts a WebSocket only with a valid,
 * unexpired token, so a client cannot claim another device's queue or cursor.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export interface DeviceIdentity {
  user: string;
  device: string;
}

export function newSecret(): string {
  return randomBytes(32).toString('hex');
}

export function isValidId(id: unknown): id is string {
  return typeof id === 'string' && ID.test(id);
}

export class DeviceTokens {
  private readonly key: Buffer;

  constructor(
    secretHex: string,
    private readonly now: () => number = Date.now,
  ) {
    if (!/^[0-9a-f]{64}$/.test(secretHex)) throw new Error('device token secret must be 64 hex digits');
    this.key = Buffer.from(secretHex, 'hex');
  }

  sign(identity: DeviceIdentity, ttlMs = 24 * 3600_000): string {
    if (!isValidId(identity.user) || !isValidId(identity.device)) throw new Error('user and device ids must match [A-Za-z0-9_-]{1,64}');
    const body = `${identity.user}.${identity.device}.${Math.ceil((this.now() + ttlMs) / 1000).toString(36)}`;
    return `${body}.${this.mac(body)}`;
  }

  /** The identity in a valid, unexpired token, else null. */
  verify(token: string | null | undefined): DeviceIdentity | null {
    if (typeof token !== 'string' || token.length > 400) return null;
    const parts = token.split('.');
    if (parts.length !== 4) return null;
    const [user, device, expires, mac] = parts;
    if (!isValidId(user) || !isValidId(device) || !/^[0-9a-z]{1,10}$/.test(expires)) return null;
    const expected = Buffer.from(this.mac(`${user}.${device}.${expires}`));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    if (parseInt(expires, 36) * 1000 <= this.now()) return null;
    return { user, device };
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}
