/**
 * Sender Keys (WhatsApp Encryption Overview, "Group Messages"): each member makes a 32-byte chain
 * key and a signing key, sends both to every other member once over the pairwise sessions, then
 * encrypts each group message ONCE under the next hash-ratcheted message key and signs it; the server
 * fans the one upload out. Message keys come from the same KDF_CK as the Double Ratchet.
 */
import { concatBytes, uint32 } from './bytes';
import { aeadDecrypt, aeadEncrypt, generateSigning, sign, verify, type KeySource, type SigningKeyPair } from './primitives';
import { kdfCk } from './doubleRatchet';

export interface SenderKey {
  readonly keyId: number;
  chainKey: Uint8Array;
  iteration: number;
  readonly signing: SigningKeyPair;
}

/** What the sender distributes over the pairwise sessions: the chain key now and the public signing key. */
export interface SenderKeyDistribution {
  readonly keyId: number;
  readonly chainKey: Uint8Array;
  readonly iteration: number;
  readonly signingPublic: Uint8Array;
}

export interface ReceivedSenderKey {
  readonly keyId: number;
  chainKey: Uint8Array;
  iteration: number;
  readonly signingPublic: Uint8Array;
}

export interface SenderKeyMessage {
  readonly keyId: number;
  readonly iteration: number;
  readonly ciphertext: Uint8Array;
  readonly signature: Uint8Array;
}

export const SENDER_KEY_DISTRIBUTION_BYTES = 4 + 32 + 4 + 32;
export const SIGNATURE_BYTES = 64;

export function createSenderKey(keyId: number, source: KeySource): SenderKey {
  return { keyId, chainKey: source.bytes32(), iteration: 0, signing: generateSigning(source) };
}

export function distribution(key: SenderKey): SenderKeyDistribution {
  return { keyId: key.keyId, chainKey: key.chainKey, iteration: key.iteration, signingPublic: key.signing.public };
}

export function encodeDistribution(d: SenderKeyDistribution): Uint8Array {
  return concatBytes(uint32(d.keyId), d.chainKey, uint32(d.iteration), d.signingPublic);
}

export function receiveDistribution(d: SenderKeyDistribution): ReceivedSenderKey {
  return { keyId: d.keyId, chainKey: d.chainKey, iteration: d.iteration, signingPublic: d.signingPublic };
}

const signed = (keyId: number, iteration: number, ciphertext: Uint8Array) => concatBytes(uint32(keyId), uint32(iteration), ciphertext);

export function senderKeyEncrypt(key: SenderKey, plaintext: Uint8Array, groupAd: Uint8Array): SenderKeyMessage {
  const { chainKey, messageKey } = kdfCk(key.chainKey);
  const iteration = key.iteration;
  key.chainKey = chainKey;
  key.iteration += 1;
  const ciphertext = aeadEncrypt(messageKey, plaintext, concatBytes(groupAd, uint32(key.keyId), uint32(iteration)));
  return { keyId: key.keyId, iteration, ciphertext, signature: sign(key.signing, signed(key.keyId, iteration, ciphertext)) };
}

/** In-order receive (the lab's group messages arrive in order); null when the signature or tag fails. */
export function senderKeyDecrypt(key: ReceivedSenderKey, message: SenderKeyMessage, groupAd: Uint8Array): Uint8Array | null {
  if (message.keyId !== key.keyId || message.iteration !== key.iteration) return null;
  if (!verify(key.signingPublic, signed(message.keyId, message.iteration, message.ciphertext), message.signature)) return null;
  const { chainKey, messageKey } = kdfCk(key.chainKey);
  const plaintext = aeadDecrypt(messageKey, message.ciphertext, concatBytes(groupAd, uint32(message.keyId), uint32(message.iteration)));
  if (!plaintext) return null;
  key.chainKey = chainKey;
  key.iteration += 1;
  return plaintext;
}
