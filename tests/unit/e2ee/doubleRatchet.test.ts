/**
 * The Double Ratchet (research §3.5 outcome 3 and the "done means"): the symmetric ratchet
 * gives both sides the same distinct message keys; after a DH step no old chain key is left in the
 * stored state; out-of-order messages decrypt within MAX_SKIP and fail cleanly (state untouched)
 * beyond it; any flipped bit of ciphertext or header is rejected; a replay is rejected.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { toHex, utf8, fromUtf8 } from '@/simulations/e2ee/crypto/bytes';
import { cloneState, initAlice, initBob, kdfCk, ratchetDecrypt, ratchetEncrypt, storedSecrets, type RatchetState } from '@/simulations/e2ee/crypto/doubleRatchet';
import { generateDh } from '@/simulations/e2ee/crypto/primitives';
import { keysFor } from './keys';

const AD = utf8('AD of the session');

function session(maxSkip = 1000, seed = 1) {
  const sk = keysFor('sk', seed).bytes32();
  const bobSpk = generateDh(keysFor('bob-spk', seed));
  const aliceKeys = keysFor('alice', seed);
  const bobKeys = keysFor('bob', seed);
  return { alice: initAlice(sk, bobSpk.public, maxSkip, aliceKeys), bob: initBob(sk, bobSpk, maxSkip), aliceKeys, bobKeys };
}

const snapshot = (s: RatchetState) => JSON.stringify({ ...s, skipped: [...s.skipped].map(([k, v]) => [k, toHex(v)]) }, (_k, v) => (v instanceof Uint8Array ? toHex(v) : v));

describe('symmetric-key ratchet', () => {
  it('KDF_CK: the same chain key gives both sides the same message keys mk1…mkn, all distinct, none equal to a chain key', () => {
    const start = keysFor('ck').bytes32();
    const walk = (ck: Uint8Array, n: number) => {
      const mks: string[] = [];
      const cks: string[] = [];
      for (let i = 0; i < n; i++) {
        const step = kdfCk(ck);
        mks.push(toHex(step.messageKey));
        cks.push(toHex(step.chainKey));
        ck = step.chainKey;
      }
      return { mks, cks };
    };
    const a = walk(start, 50);
    const b = walk(start.slice(), 50);
    expect(b.mks).toEqual(a.mks);
    expect(new Set(a.mks).size).toBe(50);
    expect(a.mks.some((mk) => a.cks.includes(mk))).toBe(false);
  });

  it('a conversation: Bob derives exactly the message keys Alice used', () => {
    const s = session();
    for (let i = 0; i < 5; i++) {
      const e = ratchetEncrypt(s.alice, utf8(`m${i}`), AD);
      const r = ratchetDecrypt(s.bob, e.header, e.ciphertext, AD, s.bobKeys);
      expect(r.ok && toHex(r.step!.messageKey)).toBe(toHex(e.step.messageKey));
    }
  });
});

describe('DH ratchet', () => {
  it('turns when the direction changes, and afterwards no old chain key, root key or ratchet secret is in the stored state', () => {
    const s = session();
    const seen: string[] = [];
    for (let turn = 0; turn < 6; turn++) {
      const [from, to, toKeys] = turn % 2 === 0 ? [s.alice, s.bob, s.bobKeys] : [s.bob, s.alice, s.aliceKeys];
      const before = storedSecrets(to).map(toHex);
      for (let i = 0; i < 3; i++) {
        const e = ratchetEncrypt(from, utf8(`turn ${turn} #${i}`), AD);
        const r = ratchetDecrypt(to, e.header, e.ciphertext, AD, toKeys);
        expect(r.ok).toBe(true);
        if (r.ok && i === 0) expect(r.dhSteps.map((d) => d.chain)).toEqual(['receiving', 'sending']);
        if (r.ok && i > 0) expect(r.dhSteps).toEqual([]);
      }
      // every secret the receiver held before this turn's DH step is gone now
      const after = new Set(storedSecrets(to).map(toHex));
      for (const old of before) expect(after.has(old), 'an old secret survived the DH step').toBe(false);
      seen.push(...before);
    }
    expect(seen.length).toBeGreaterThan(10);
  });

  it('Bob cannot send before he has received (he has no sending chain yet)', () => {
    expect(() => ratchetEncrypt(session().bob, utf8('x'), AD)).toThrow(/no sending chain/);
  });
});

describe('out of order, lost, replayed and tampered messages', () => {
  it('any arrival order of one chain decrypts within MAX_SKIP (property), and every stored key is used once', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }).chain((n) => fc.tuple(fc.constant(n), fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }))), ([n, order]) => {
        const s = session(n);
        const sent = Array.from({ length: n }, (_, i) => ratchetEncrypt(s.alice, utf8(`m${i}`), AD));
        for (const i of order) {
          const r = ratchetDecrypt(s.bob, sent[i].header, sent[i].ciphertext, AD, s.bobKeys);
          expect(r.ok && fromUtf8(r.plaintext)).toBe(`m${i}`);
        }
        expect(s.bob.skipped.size).toBe(0);
      }),
      { numRuns: 40 },
    );
  });

  it('messages across a DH step arrive out of order: the previous chain’s keys are stored by pn', () => {
    const s = session(10);
    const a1 = ratchetEncrypt(s.alice, utf8('a1'), AD);
    const a2 = ratchetEncrypt(s.alice, utf8('a2'), AD);
    expect(ratchetDecrypt(s.bob, a1.header, a1.ciphertext, AD, s.bobKeys).ok).toBe(true);
    const b1 = ratchetEncrypt(s.bob, utf8('b1'), AD);
    expect(ratchetDecrypt(s.alice, b1.header, b1.ciphertext, AD, s.aliceKeys).ok).toBe(true);
    const a3 = ratchetEncrypt(s.alice, utf8('a3'), AD);
    expect(a3.header.pn).toBe(2);
    const r3 = ratchetDecrypt(s.bob, a3.header, a3.ciphertext, AD, s.bobKeys);
    expect(r3.ok && r3.skippedNow).toBe(1);
    const r2 = ratchetDecrypt(s.bob, a2.header, a2.ciphertext, AD, s.bobKeys);
    expect(r2.ok && r2.fromSkipped && fromUtf8(r2.plaintext)).toBe('a2');
  });

  it('beyond MAX_SKIP: refused with too-many-skipped, the state unchanged, and the next in-range message still works', () => {
    const s = session(3);
    const sent = Array.from({ length: 6 }, (_, i) => ratchetEncrypt(s.alice, utf8(`m${i}`), AD));
    expect(ratchetDecrypt(s.bob, sent[0].header, sent[0].ciphertext, AD, s.bobKeys).ok).toBe(true);
    const before = snapshot(s.bob);
    const far = ratchetDecrypt(s.bob, sent[5].header, sent[5].ciphertext, AD, s.bobKeys);
    expect(far).toMatchObject({ ok: false, reason: 'too-many-skipped' });
    expect(snapshot(s.bob)).toBe(before);
    const near = ratchetDecrypt(s.bob, sent[4].header, sent[4].ciphertext, AD, s.bobKeys);
    expect(near.ok && near.skippedNow).toBe(3);
    const last = ratchetDecrypt(s.bob, sent[5].header, sent[5].ciphertext, AD, s.bobKeys);
    expect(last.ok).toBe(true);
  });

  it('MAX_SKIP also bounds the previous chain (pn) when a new ratchet key arrives', () => {
    const s = session(1);
    const lost = [ratchetEncrypt(s.alice, utf8('a0'), AD), ratchetEncrypt(s.alice, utf8('a1'), AD), ratchetEncrypt(s.alice, utf8('a2'), AD)];
    expect(ratchetDecrypt(s.bob, lost[0].header, lost[0].ciphertext, AD, s.bobKeys).ok).toBe(true);
    const b = ratchetEncrypt(s.bob, utf8('b'), AD);
    ratchetDecrypt(s.alice, b.header, b.ciphertext, AD, s.aliceKeys);
    const a = ratchetEncrypt(s.alice, utf8('a3'), AD);
    expect(a.header.pn).toBe(3);
    expect(ratchetDecrypt(s.bob, a.header, a.ciphertext, AD, s.bobKeys)).toMatchObject({ ok: false, reason: 'too-many-skipped' });
  });

  it('a replayed message is refused (its key is gone), and so is every flipped bit of ciphertext or header, leaving the state as it was', () => {
    const s = session();
    const e = ratchetEncrypt(s.alice, utf8('pay 10 euros'), AD);
    const good = cloneState(s.bob);
    for (let bit = 0; bit < e.ciphertext.length * 8; bit += 7) {
      const bad = e.ciphertext.slice();
      bad[bit >> 3] ^= 1 << (bit & 7);
      expect(ratchetDecrypt(s.bob, e.header, bad, AD, s.bobKeys)).toMatchObject({ ok: false, reason: 'authentication-failed' });
    }
    expect(ratchetDecrypt(s.bob, { ...e.header, n: e.header.n + 1 }, e.ciphertext, AD, s.bobKeys).ok).toBe(false);
    expect(snapshot(s.bob)).toBe(snapshot(good));
    expect(ratchetDecrypt(s.bob, e.header, e.ciphertext, AD, s.bobKeys).ok).toBe(true);
    expect(ratchetDecrypt(s.bob, e.header, e.ciphertext, AD, s.bobKeys)).toMatchObject({ ok: false });
  });
});
