/**
 * Groups (research §3.5 outcome 4): uploads per group message are n − 1 pairwise and 1 with Sender
 * Keys; distributing sender keys costs n(n − 1) pairwise messages and a leave (n − 1)(n − 2); the
 * member who left cannot read what is sent after the re-key. All counted from operations done.
 */
import { describe, expect, it } from 'vitest';
import { utf8 } from '@/simulations/e2ee/crypto/bytes';
import { createSenderKey, distribution, receiveDistribution, senderKeyDecrypt, senderKeyEncrypt } from '@/simulations/e2ee/crypto/senderKeys';
import { GROUP_NAMES, GroupChat, type GroupMode } from '@/simulations/e2ee/group/groupChat';
import { PrekeyDirectory } from '@/simulations/e2ee/parties/server';
import { keysFor } from './keys';

const group = (n: number, mode: GroupMode) => new GroupChat(GROUP_NAMES.slice(0, n).map(String), mode, new PrekeyDirectory(), keysFor(`group-${n}-${mode}`), 100);

describe('group messages', () => {
  it.each([3, 6])('n = %i: pairwise uploads n − 1 per message, Sender Keys 1, and every member reads it', (n) => {
    const pairwise = group(n, 'pairwise');
    expect(pairwise.start().pairwiseMessages).toBe(0);
    const senderKeys = group(n, 'senderKeys');
    expect(senderKeys.start()).toMatchObject({ pairwiseMessages: n * (n - 1), x3dhSessions: (n * (n - 1)) / 2 });
    for (let i = 0; i < 3; i++) {
      expect(pairwise.send(`hello ${i}`)).toMatchObject({ uploads: n - 1, encryptions: n - 1, deliveries: n - 1, readBy: n - 1 });
      expect(senderKeys.send(`hello ${i}`)).toMatchObject({ uploads: 1, encryptions: 1, deliveries: n - 1, readBy: n - 1 });
    }
  });

  it.each([4, 7])('n = %i: a leave costs (n − 1)(n − 2) pairwise messages with Sender Keys, none pairwise; the leaver is locked out', (n) => {
    const sk = group(n, 'senderKeys');
    sk.start();
    sk.send('before');
    const left = sk.leave();
    expect(left.cost.pairwiseMessages).toBe((n - 1) * (n - 2));
    expect(left.leaverCanRead).toBe(false);
    expect(sk.send('after')).toMatchObject({ uploads: 1, readBy: n - 2 });
    const pw = group(n, 'pairwise');
    pw.send('before');
    expect(pw.leave().cost.pairwiseMessages).toBe(0);
    expect(pw.send('after')).toMatchObject({ uploads: n - 2 });
  });

  it('without the re-key, the leaver WOULD read on: the old sender key still opens the next message (why re-keying is needed)', () => {
    const key = createSenderKey(1, keysFor('sender'));
    const leaverCopy = receiveDistribution(distribution(key));
    const ad = utf8('group');
    expect(senderKeyDecrypt(leaverCopy, senderKeyEncrypt(key, utf8('one'), ad), ad)).not.toBeNull();
    expect(senderKeyDecrypt(leaverCopy, senderKeyEncrypt(key, utf8('two'), ad), ad)).not.toBeNull();
  });

  it('a sender-key message with a flipped ciphertext bit or a forged signature is refused', () => {
    const key = createSenderKey(1, keysFor('sender'));
    const ad = utf8('group');
    const m = senderKeyEncrypt(key, utf8('hello'), ad);
    const flipped = { ...m, ciphertext: m.ciphertext.map((b, i) => (i === 3 ? b ^ 0x10 : b)) };
    expect(senderKeyDecrypt(receiveDistribution(distribution({ ...key, chainKey: key.chainKey, iteration: 0 })), flipped, ad)).toBeNull();
    const forged = { ...m, signature: m.signature.map((b, i) => (i === 0 ? b ^ 1 : b)) };
    expect(senderKeyDecrypt(receiveDistribution({ ...distribution(key), iteration: 0 }), forged, ad)).toBeNull();
  });
});
