/**
 * X3DH (Signal spec, research §3.1 and §3.5 outcome 1): Alice and Bob derive the same SK with and
 * without a one-time prekey, the one-time prekey is used once, and a forged signed prekey aborts.
 */
import { describe, expect, it } from 'vitest';
import { equalBytes, toHex } from '@/simulations/e2ee/crypto/bytes';
import { BadSignatureError, generateIdentity, generateOneTimePrekeys, generateSignedPrekey, initiate, publicIdentity, respond, UnknownPrekeyError, type OneTimePrekey, type PrekeyBundle } from '@/simulations/e2ee/crypto/x3dh';
import { generateDh } from '@/simulations/e2ee/crypto/primitives';
import { keysFor } from './keys';

function setup(seed = 1) {
  const bobKeys = keysFor('bob', seed);
  const alice = generateIdentity(keysFor('alice', seed));
  const bob = generateIdentity(bobKeys);
  const spk = generateSignedPrekey(bob, 1, bobKeys);
  const opks = new Map<number, OneTimePrekey>(generateOneTimePrekeys(1, 3, bobKeys).map((k) => [k.id, k]));
  const take = (id: number) => {
    const k = opks.get(id);
    opks.delete(id);
    return k;
  };
  const bundle = (withOpk: boolean): PrekeyBundle => ({
    identity: publicIdentity(bob),
    signedPrekey: { id: spk.id, public: spk.keys.public, signature: spk.signature },
    ...(withOpk ? { oneTimePrekey: { id: 1, public: opks.get(1)!.keys.public } } : {}),
  });
  return { alice, bob, spk, opks, take, bundle };
}

describe('X3DH', () => {
  it.each([
    [true, 4],
    [false, 3],
  ])('with one-time prekey %s: both sides derive the same 32-byte SK from %i DH outputs, and the same AD', (withOpk, count) => {
    const s = setup();
    const a = initiate(s.alice, s.bundle(withOpk), keysFor('alice-ephemeral'));
    const b = respond(s.bob, a.header, s.spk, s.take);
    expect(a.dhOutputs).toHaveLength(count);
    expect(b.dhOutputs).toHaveLength(count);
    a.dhOutputs.forEach((d, i) => expect(toHex(b.dhOutputs[i])).toBe(toHex(d)));
    expect(a.sharedKey).toHaveLength(32);
    expect(toHex(b.sharedKey)).toBe(toHex(a.sharedKey));
    expect(toHex(b.associatedData)).toBe(toHex(a.associatedData));
    expect(a.associatedData).toHaveLength(66);
  });

  it('the one-time prekey changes SK, and Bob deletes it: a second use is refused', () => {
    const s = setup();
    const withOpk = initiate(s.alice, s.bundle(true), keysFor('e'));
    const without = initiate(s.alice, s.bundle(false), keysFor('e'));
    expect(equalBytes(withOpk.sharedKey, without.sharedKey)).toBe(false);
    respond(s.bob, withOpk.header, s.spk, s.take);
    expect(s.opks.has(1)).toBe(false);
    expect(() => respond(s.bob, withOpk.header, s.spk, s.take)).toThrow(UnknownPrekeyError);
  });

  it('a signed prekey the identity key did not sign aborts (a server cannot swap only the prekey)', () => {
    const s = setup();
    const forged = { ...s.bundle(true), signedPrekey: { ...s.bundle(true).signedPrekey, public: generateDh(keysFor('mallory')).public } };
    expect(() => initiate(s.alice, forged, keysFor('e'))).toThrow(BadSignatureError);
  });

  it('different seeds give different keys; the same seed the same keys (the lab replays from its link)', () => {
    expect(toHex(initiate(setup(1).alice, setup(1).bundle(true), keysFor('e', 1)).sharedKey)).toBe(toHex(initiate(setup(1).alice, setup(1).bundle(true), keysFor('e', 1)).sharedKey));
    expect(toHex(setup(1).alice.dh.public)).not.toBe(toHex(setup(2).alice.dh.public));
  });
});
