/**
 * The chat server of an end-to-end encrypted system: a prekey directory and a relay. It stores
 * public keys and ciphertext only, hands out each one-time prekey once (X3DH §3.2), and falls back to
 * the signed prekey alone when they run out. A malicious server can hand out keys of its own
 * (`swapBundle`); that is the attack safety numbers catch.
 */
import type { PrekeyBundle, PublicIdentity } from '../crypto/x3dh';

interface StoredKeys {
  identity: PublicIdentity;
  signedPrekey: { id: number; public: Uint8Array; signature: Uint8Array };
  oneTimePrekeys: { id: number; public: Uint8Array }[];
}

export class PrekeyDirectory {
  private readonly byDevice = new Map<string, StoredKeys>();
  private readonly swaps = new Map<string, () => PrekeyBundle>();

  publish(device: string, keys: StoredKeys): void {
    this.byDevice.set(device, { ...keys, oneTimePrekeys: [...keys.oneTimePrekeys] });
  }

  /** LOUD: the attack. From now on a fetch of `device` returns whatever `forge` makes. */
  swapBundle(device: string, forge: () => PrekeyBundle): void {
    this.swaps.set(device, forge);
  }

  isSwapped(device: string): boolean {
    return this.swaps.has(device);
  }

  oneTimePrekeysLeft(device: string): number {
    return this.byDevice.get(device)?.oneTimePrekeys.length ?? 0;
  }

  /** A bundle for `device`, removing the one-time prekey it hands out (or the forgery, after swapBundle). */
  takeBundle(device: string): PrekeyBundle {
    const forged = this.swaps.get(device);
    return forged ? forged() : this.takeGenuineBundle(device);
  }

  /** The real bundle even after a swap (what the malicious server uses to reach the real device). */
  takeGenuineBundle(device: string): PrekeyBundle {
    const keys = this.byDevice.get(device);
    if (!keys) throw new Error(`no prekeys published for ${device}`);
    const oneTimePrekey = keys.oneTimePrekeys.shift();
    return { identity: keys.identity, signedPrekey: keys.signedPrekey, ...(oneTimePrekey ? { oneTimePrekey } : {}) };
  }
}

/** Bytes of a prekey upload: identity (32 + 32), signed prekey (4 + 32 + 64 signature), 36 per one-time prekey. */
export function uploadBytes(oneTimePrekeys: number): number {
  return 64 + 100 + 36 * oneTimePrekeys;
}
