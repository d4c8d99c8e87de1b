/**
 * X3DH key agreement (Marlinspike & Perrin, "The X3DH Key Agreement Protocol", rev. 1, 2016).
 * Curve X25519, hash SHA-256, info = X3DH_INFO. Bob publishes a prekey bundle to the server; Alice
 * fetches it while Bob is offline, verifies the signed prekey, and derives SK from 3 DH outputs,
 * or 4 when the server still had a one-time prekey. Bob derives the same SK from Alice's initial
 * message and deletes the one-time prekey it used.
 */
import { concatBytes, toHex, utf8 } from './bytes';
import { dh, generateDh, generateSigning, hkdfSha256, sign, verify, KEY_BYTES, type DhKeyPair, type KeySource, type SigningKeyPair } from './primitives';

export const X3DH_INFO = utf8('SystemDesignLab X3DH');

/** Encode(PK), X3DH §2.5: one byte naming the curve (0x05 for Curve25519, as libsignal), then the 32-byte u-coordinate. */
export function encodeKey(publicKey: Uint8Array): Uint8Array {
  return concatBytes(Uint8Array.of(0x05), publicKey);
}

/**
 * A device's long-term identity: the X25519 key X3DH uses (IK) and an Ed25519 key that signs the
 * prekey. The safety number covers both.
 */
export interface Identity {
  readonly dh: DhKeyPair;
  readonly signing: SigningKeyPair;
}

export interface PublicIdentity {
  readonly dh: Uint8Array;
  readonly signing: Uint8Array;
}

export function generateIdentity(source: KeySource): Identity {
  return { dh: generateDh(source), signing: generateSigning(source) };
}

export function publicIdentity(id: Identity): PublicIdentity {
  return { dh: id.dh.public, signing: id.signing.public };
}

export interface SignedPrekey {
  readonly id: number;
  readonly keys: DhKeyPair;
  readonly signature: Uint8Array;
}

export interface OneTimePrekey {
  readonly id: number;
  readonly keys: DhKeyPair;
}

/** What the server stores for a device and hands out: public keys only. */
export interface PrekeyBundle {
  readonly identity: PublicIdentity;
  readonly signedPrekey: { id: number; public: Uint8Array; signature: Uint8Array };
  /** absent when the server has run out of one-time prekeys */
  readonly oneTimePrekey?: { id: number; public: Uint8Array };
}

export function generateSignedPrekey(identity: Identity, id: number, source: KeySource): SignedPrekey {
  const keys = generateDh(source);
  return { id, keys, signature: sign(identity.signing, encodeKey(keys.public)) };
}

export function generateOneTimePrekeys(firstId: number, count: number, source: KeySource): OneTimePrekey[] {
  return Array.from({ length: count }, (_, i) => ({ id: firstId + i, keys: generateDh(source) }));
}

/** X3DH §2.2: F = 32 bytes of 0xFF for X25519, so the first 32 bytes of input never equal a valid key. */
const F = new Uint8Array(KEY_BYTES).fill(0xff);
const ZERO_SALT = new Uint8Array(KEY_BYTES);

export function kdfSk(dhOutputs: Uint8Array[]): Uint8Array {
  return hkdfSha256(concatBytes(F, ...dhOutputs), ZERO_SALT, X3DH_INFO, KEY_BYTES);
}

/** AD = Encode(IK_A) ‖ Encode(IK_B) (X3DH §3.3). */
export function associatedData(initiator: PublicIdentity, responder: PublicIdentity): Uint8Array {
  return concatBytes(encodeKey(initiator.dh), encodeKey(responder.dh));
}

/** The part of Alice's initial message X3DH adds (sent in the clear, in every message until Bob replies). */
export interface X3dhHeader {
  readonly identity: PublicIdentity;
  readonly ephemeral: Uint8Array;
  readonly signedPrekeyId: number;
  readonly oneTimePrekeyId?: number;
}

export const X3DH_HEADER_BYTES = 32 + 32 + 32 + 4 + 4;

export interface X3dhTrace {
  /** DH1…DH3 or DH1…DH4, in order */
  readonly dhOutputs: Uint8Array[];
  readonly sharedKey: Uint8Array;
  readonly usedOneTimePrekey: boolean;
}

export interface X3dhInitiation extends X3dhTrace {
  readonly header: X3dhHeader;
  readonly associatedData: Uint8Array;
}

export class BadSignatureError extends Error {
  constructor() {
    super('the signed prekey signature does not verify: abort (X3DH §3.3)');
  }
}

/** Alice's side: verify the bundle, make EK_A, compute DH1..DH4 and SK. Throws BadSignatureError. */
export function initiate(alice: Identity, bundle: PrekeyBundle, source: KeySource): X3dhInitiation {
  if (!verify(bundle.identity.signing, encodeKey(bundle.signedPrekey.public), bundle.signedPrekey.signature)) throw new BadSignatureError();
  const ephemeral = generateDh(source);
  const dhOutputs = [dh(alice.dh, bundle.signedPrekey.public), dh(ephemeral, bundle.identity.dh), dh(ephemeral, bundle.signedPrekey.public)];
  if (bundle.oneTimePrekey) dhOutputs.push(dh(ephemeral, bundle.oneTimePrekey.public));
  const aliceIdentity = publicIdentity(alice);
  return {
    dhOutputs,
    sharedKey: kdfSk(dhOutputs),
    usedOneTimePrekey: bundle.oneTimePrekey !== undefined,
    header: { identity: aliceIdentity, ephemeral: ephemeral.public, signedPrekeyId: bundle.signedPrekey.id, oneTimePrekeyId: bundle.oneTimePrekey?.id },
    associatedData: associatedData(aliceIdentity, bundle.identity),
  };
}

export class UnknownPrekeyError extends Error {}

/**
 * Bob's side. `takeOneTimePrekey` removes the prekey from Bob's store (X3DH §3.4: delete it, so a
 * later compromise cannot recompute this SK).
 */
export function respond(
  bob: Identity,
  header: X3dhHeader,
  signedPrekey: SignedPrekey,
  takeOneTimePrekey: (id: number) => OneTimePrekey | undefined,
): X3dhTrace & { associatedData: Uint8Array } {
  if (signedPrekey.id !== header.signedPrekeyId) throw new UnknownPrekeyError(`signed prekey ${header.signedPrekeyId} is not ours`);
  const dhOutputs = [dh(signedPrekey.keys, header.identity.dh), dh(bob.dh, header.ephemeral), dh(signedPrekey.keys, header.ephemeral)];
  if (header.oneTimePrekeyId !== undefined) {
    const opk = takeOneTimePrekey(header.oneTimePrekeyId);
    if (!opk) throw new UnknownPrekeyError(`one-time prekey ${header.oneTimePrekeyId} was already used or never existed`);
    dhOutputs.push(dh(opk.keys, header.ephemeral));
  }
  return { dhOutputs, sharedKey: kdfSk(dhOutputs), usedOneTimePrekey: header.oneTimePrekeyId !== undefined, associatedData: associatedData(header.identity, publicIdentity(bob)) };
}

export function describeHeader(h: X3dhHeader): string {
  return `IK_A ${toHex(h.identity.dh).slice(0, 8)}…, EK_A ${toHex(h.ephemeral).slice(0, 8)}…, SPK #${h.signedPrekeyId}${h.oneTimePrekeyId === undefined ? ', no OPK' : `, OPK #${h.oneTimePrekeyId}`}`;
}
