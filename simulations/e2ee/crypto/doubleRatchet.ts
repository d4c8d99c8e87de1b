/**
 * The Double Ratchet (Perrin & Marlinspike, "The Double Ratchet Algorithm", rev. 1, 2016), §3 with
 * the recommended functions of §5.2: KDF_RK = HKDF-SHA-256(salt = rk, ikm = DH output), 64 bytes →
 * (rk, ck); KDF_CK: mk = HMAC-SHA-256(ck, 0x01), ck' = HMAC-SHA-256(ck, 0x02). AEAD: see primitives.ts.
 *
 * A session is a `RatchetState`. `ratchetEncrypt` / `ratchetDecrypt` change it; a failed decrypt
 * leaves it exactly as it was (§3.5: "any state changes are discarded"). Every function returns a
 * trace of the keys it derived, so the lab can show them (truncated).
 */
import { concatBytes, equalBytes, toHex, uint32, utf8 } from './bytes';
import { aeadDecrypt, aeadEncrypt, dh, generateDh, hkdfSha256, hmacSha256, KEY_BYTES, type DhKeyPair, type KeySource } from './primitives';

const KDF_RK_INFO = utf8('SystemDesignLab Ratchet');
/** LOUD: §5.2: the constants 0x01 (message key) and 0x02 (next chain key). Changing them breaks interop with every implementation. */
const MESSAGE_KEY_CONSTANT = Uint8Array.of(0x01);
const CHAIN_KEY_CONSTANT = Uint8Array.of(0x02);

export interface RatchetHeader {
  /** the sender's current ratchet public key */
  readonly dh: Uint8Array;
  /** messages in the sender's previous sending chain */
  readonly pn: number;
  /** this message's number in the current sending chain */
  readonly n: number;
}

export const RATCHET_HEADER_BYTES = 32 + 4 + 4;

export function encodeHeader(h: RatchetHeader): Uint8Array {
  return concatBytes(h.dh, uint32(h.pn), uint32(h.n));
}

export interface RatchetState {
  dhSelf: DhKeyPair;
  dhRemote: Uint8Array | null;
  rootKey: Uint8Array;
  sendChain: Uint8Array | null;
  receiveChain: Uint8Array | null;
  sent: number;
  received: number;
  previousChainLength: number;
  /** skipped message keys by `${hex(ratchet key)}:${n}`, oldest first */
  skipped: Map<string, Uint8Array>;
  readonly maxSkip: number;
}

export function kdfRk(rootKey: Uint8Array, dhOut: Uint8Array): { rootKey: Uint8Array; chainKey: Uint8Array } {
  const okm = hkdfSha256(dhOut, rootKey, KDF_RK_INFO, 2 * KEY_BYTES);
  return { rootKey: okm.slice(0, KEY_BYTES), chainKey: okm.slice(KEY_BYTES) };
}

export function kdfCk(chainKey: Uint8Array): { chainKey: Uint8Array; messageKey: Uint8Array } {
  return { messageKey: hmacSha256(chainKey, MESSAGE_KEY_CONSTANT), chainKey: hmacSha256(chainKey, CHAIN_KEY_CONSTANT) };
}

/** Alice after X3DH: SK and Bob's signed prekey as his first ratchet key (§3.3 RatchetInitAlice). */
export function initAlice(sharedKey: Uint8Array, bobRatchetKey: Uint8Array, maxSkip: number, source: KeySource): RatchetState {
  const dhSelf = generateDh(source);
  const { rootKey, chainKey } = kdfRk(sharedKey, dh(dhSelf, bobRatchetKey));
  return { dhSelf, dhRemote: bobRatchetKey, rootKey, sendChain: chainKey, receiveChain: null, sent: 0, received: 0, previousChainLength: 0, skipped: new Map(), maxSkip };
}

/** Bob after X3DH: his signed prekey pair is his first ratchet key pair (§3.3 RatchetInitBob). */
export function initBob(sharedKey: Uint8Array, signedPrekey: DhKeyPair, maxSkip: number): RatchetState {
  return { dhSelf: signedPrekey, dhRemote: null, rootKey: sharedKey, sendChain: null, receiveChain: null, sent: 0, received: 0, previousChainLength: 0, skipped: new Map(), maxSkip };
}

export function cloneState(s: RatchetState): RatchetState {
  return { ...s, skipped: new Map(s.skipped) };
}

/** Every secret the state holds right now (what an attacker who copies the device's storage gets). */
export function storedSecrets(s: RatchetState): Uint8Array[] {
  return [s.dhSelf.secret, s.rootKey, ...(s.sendChain ? [s.sendChain] : []), ...(s.receiveChain ? [s.receiveChain] : []), ...s.skipped.values()];
}

export interface ChainStep {
  readonly n: number;
  readonly chainKeyBefore: Uint8Array;
  readonly chainKeyAfter: Uint8Array;
  readonly messageKey: Uint8Array;
}

export interface DhStep {
  readonly remoteKey: Uint8Array;
  readonly ownKey: Uint8Array;
  readonly dhOutput: Uint8Array;
  readonly rootKeyBefore: Uint8Array;
  readonly rootKeyAfter: Uint8Array;
  readonly chainKey: Uint8Array;
  readonly chain: 'receiving' | 'sending';
}

export interface EncryptResult {
  readonly header: RatchetHeader;
  readonly ciphertext: Uint8Array;
  readonly step: ChainStep;
}

export function ratchetEncrypt(s: RatchetState, plaintext: Uint8Array, ad: Uint8Array): EncryptResult {
  if (!s.sendChain) throw new Error('no sending chain yet: Bob must receive before he can send (§3.3)');
  const before = s.sendChain;
  const { chainKey, messageKey } = kdfCk(before);
  const header: RatchetHeader = { dh: s.dhSelf.public, pn: s.previousChainLength, n: s.sent };
  s.sendChain = chainKey;
  const step: ChainStep = { n: s.sent, chainKeyBefore: before, chainKeyAfter: chainKey, messageKey };
  s.sent += 1;
  return { header, ciphertext: aeadEncrypt(messageKey, plaintext, concatBytes(ad, encodeHeader(header))), step };
}

export type DecryptFailure = 'too-many-skipped' | 'authentication-failed';

export type DecryptResult =
  | { ok: true; plaintext: Uint8Array; step: ChainStep | null; fromSkipped: boolean; dhSteps: DhStep[]; skippedNow: number }
  | { ok: false; reason: DecryptFailure; detail: string };

const skipKey = (ratchetKey: Uint8Array, n: number) => `${toHex(ratchetKey)}:${n}`;

class TooManySkipped extends Error {}

/** §3.5 SkipMessageKeys: store the keys of messages not yet received, at most maxSkip ahead. */
function skipMessageKeys(s: RatchetState, until: number): number {
  if (!s.receiveChain || !s.dhRemote) return 0;
  if (s.received + s.maxSkip < until) throw new TooManySkipped(`message ${until} is ${until - s.received} ahead of the next expected (${s.received}); MAX_SKIP is ${s.maxSkip}`);
  let stored = 0;
  while (s.received < until) {
    const { chainKey, messageKey } = kdfCk(s.receiveChain);
    s.skipped.set(skipKey(s.dhRemote, s.received), messageKey);
    s.receiveChain = chainKey;
    s.received += 1;
    stored += 1;
  }
  return stored;
}

/** §3.5 DHRatchet: a new remote ratchet key turns the ratchet twice (new receiving, then new sending chain). */
function dhRatchet(s: RatchetState, header: RatchetHeader, source: KeySource): DhStep[] {
  s.previousChainLength = s.sent;
  s.sent = 0;
  s.received = 0;
  s.dhRemote = header.dh;
  const receiveOut = dh(s.dhSelf, s.dhRemote);
  const r1 = kdfRk(s.rootKey, receiveOut);
  const receiving: DhStep = { remoteKey: header.dh, ownKey: s.dhSelf.public, dhOutput: receiveOut, rootKeyBefore: s.rootKey, rootKeyAfter: r1.rootKey, chainKey: r1.chainKey, chain: 'receiving' };
  s.rootKey = r1.rootKey;
  s.receiveChain = r1.chainKey;
  s.dhSelf = generateDh(source);
  const sendOut = dh(s.dhSelf, s.dhRemote);
  const r2 = kdfRk(s.rootKey, sendOut);
  const sending: DhStep = { remoteKey: header.dh, ownKey: s.dhSelf.public, dhOutput: sendOut, rootKeyBefore: s.rootKey, rootKeyAfter: r2.rootKey, chainKey: r2.chainKey, chain: 'sending' };
  s.rootKey = r2.rootKey;
  s.sendChain = r2.chainKey;
  return [receiving, sending];
}

/**
 * §3.5 RatchetDecrypt. On success `s` moves on; on failure it is untouched (the work happens on a
 * copy, committed only when the tag verifies).
 */
export function ratchetDecrypt(s: RatchetState, header: RatchetHeader, ciphertext: Uint8Array, ad: Uint8Array, source: KeySource): DecryptResult {
  const fullAd = concatBytes(ad, encodeHeader(header));
  const stored = s.skipped.get(skipKey(header.dh, header.n));
  if (stored) {
    const plaintext = aeadDecrypt(stored, ciphertext, fullAd);
    if (!plaintext) return { ok: false, reason: 'authentication-failed', detail: 'the skipped message key does not open this ciphertext' };
    s.skipped.delete(skipKey(header.dh, header.n));
    return { ok: true, plaintext, step: null, fromSkipped: true, dhSteps: [], skippedNow: 0 };
  }
  const work = cloneState(s);
  let dhSteps: DhStep[] = [];
  let skippedNow = 0;
  try {
    if (!work.dhRemote || !equalBytes(header.dh, work.dhRemote)) {
      skippedNow += skipMessageKeys(work, header.pn);
      dhSteps = dhRatchet(work, header, source);
    }
    skippedNow += skipMessageKeys(work, header.n);
  } catch (e) {
    if (e instanceof TooManySkipped) return { ok: false, reason: 'too-many-skipped', detail: e.message };
    throw e;
  }
  if (!work.receiveChain) return { ok: false, reason: 'authentication-failed', detail: 'no receiving chain' };
  if (header.n < work.received) return { ok: false, reason: 'authentication-failed', detail: `message ${header.n} of this chain was already received and its key deleted` };
  const before = work.receiveChain;
  const { chainKey, messageKey } = kdfCk(before);
  const plaintext = aeadDecrypt(messageKey, ciphertext, fullAd);
  if (!plaintext) return { ok: false, reason: 'authentication-failed', detail: 'the AES-GCM tag does not verify' };
  work.receiveChain = chainKey;
  work.received += 1;
  Object.assign(s, work);
  return { ok: true, plaintext, step: { n: header.n, chainKeyBefore: before, chainKeyAfter: chainKey, messageKey }, fromSkipped: false, dhSteps, skippedNow };
}
