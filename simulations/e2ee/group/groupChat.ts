/**
 * A group of n members, one phone each, where Alice sends. Two ways to encrypt a group message:
 *  - pairwise fan-out: one Double Ratchet encryption and one upload per other member (n − 1);
 *  - Sender Keys (WhatsApp, "Group Messages"): one encryption, one signature, one upload; the server
 *    fans it out. Each member first sends its sender key to every other member over the pairwise
 *    sessions, and when someone leaves every remaining member makes a new one and sends it again:
 *    (n − 1)(n − 2) pairwise messages.
 * Every count here is of operations actually done (encryptions run, envelopes relayed, decryptions
 * that verified), not of a formula.
 */
import { fromUtf8, utf8 } from '../crypto/bytes';
import type { KeySource } from '../crypto/primitives';
import { createSenderKey, distribution, encodeDistribution, receiveDistribution, senderKeyDecrypt, senderKeyEncrypt, SIGNATURE_BYTES, type ReceivedSenderKey, type SenderKey } from '../crypto/senderKeys';
import { Device, envelopeBytes } from '../parties/device';
import type { PrekeyDirectory } from '../parties/server';

export type GroupMode = 'pairwise' | 'senderKeys';

export interface GroupSendCost {
  readonly encryptions: number;
  readonly uploads: number;
  /** copies the server delivers */
  readonly deliveries: number;
  readonly bytesUploaded: number;
  /** members whose decryption verified and gave back the plaintext */
  readonly readBy: number;
}

export interface RekeyCost {
  readonly pairwiseMessages: number;
  readonly x3dhSessions: number;
  readonly bytes: number;
}

const SENDER_KEY_HEADER_BYTES = 4 + 4;

export class GroupChat {
  readonly members: Device[];
  private readonly senderKeys = new Map<string, SenderKey>();
  /** receiver id → sender id → the sender key it holds */
  private readonly held = new Map<string, Map<string, ReceivedSenderKey>>();
  private nextSeq = 1;
  private keyIds = 0;
  x3dhSessions = 0;

  constructor(
    names: string[],
    readonly mode: GroupMode,
    private readonly directory: PrekeyDirectory,
    private readonly keys: KeySource,
    maxSkip: number,
  ) {
    this.members = names.map((name) => new Device(`${name}@group`, name, keys, maxSkip, 2));
    for (const m of this.members) directory.publish(m.id, m.upload());
  }

  get sender(): Device {
    return this.members[0];
  }

  get groupAd(): Uint8Array {
    return utf8(`group:${this.members.map((m) => m.user).join(',')}`);
  }

  /** A pairwise message from one member to another, establishing the session with X3DH if needed. */
  private pairwise(from: Device, to: Device, plaintext: Uint8Array): number {
    if (!from.sessions.has(to.id)) {
      from.startSession(to.id, this.directory.takeBundle(to.id));
      this.x3dhSessions += 1;
    }
    const { envelope } = from.encrypt(to.id, this.nextSeq++, plaintext);
    const r = to.receive(envelope);
    if (!r.ok) throw new Error(`group: ${to.id} could not decrypt from ${from.id}: ${r.detail}`);
    return envelopeBytes(envelope);
  }

  /** A member makes a new sender key and sends it to every other member pairwise. */
  private distributeSenderKey(from: Device): RekeyCost {
    const key = createSenderKey(++this.keyIds, this.keys);
    this.senderKeys.set(from.id, key);
    const x3dhBefore = this.x3dhSessions;
    let messages = 0;
    let bytes = 0;
    for (const to of this.members) {
      if (to === from) continue;
      bytes += this.pairwise(from, to, encodeDistribution(distribution(key)));
      let byReceiver = this.held.get(to.id);
      if (!byReceiver) this.held.set(to.id, (byReceiver = new Map()));
      byReceiver.set(from.id, receiveDistribution(distribution(key)));
      messages += 1;
    }
    return { pairwiseMessages: messages, x3dhSessions: this.x3dhSessions - x3dhBefore, bytes };
  }

  /** Before the first group message: Sender Keys distributes every member's key; pairwise needs nothing. */
  start(): RekeyCost {
    if (this.mode === 'pairwise') return { pairwiseMessages: 0, x3dhSessions: 0, bytes: 0 };
    return this.members.reduce<RekeyCost>((sum, m) => add(sum, this.distributeSenderKey(m)), { pairwiseMessages: 0, x3dhSessions: 0, bytes: 0 });
  }

  send(text: string): GroupSendCost {
    const plaintext = utf8(text);
    const others = this.members.slice(1);
    if (this.mode === 'pairwise') {
      let bytes = 0;
      for (const to of others) bytes += this.pairwise(this.sender, to, plaintext);
      return { encryptions: others.length, uploads: others.length, deliveries: others.length, bytesUploaded: bytes, readBy: others.length };
    }
    const key = this.senderKeys.get(this.sender.id);
    if (!key) throw new Error('group: the sender has no sender key');
    const message = senderKeyEncrypt(key, plaintext, this.groupAd);
    let readBy = 0;
    for (const to of others) {
      const received = this.held.get(to.id)?.get(this.sender.id);
      const opened = received ? senderKeyDecrypt(received, message, this.groupAd) : null;
      if (opened && fromUtf8(opened) === text) readBy += 1;
    }
    return { encryptions: 1, uploads: 1, deliveries: others.length, bytesUploaded: SENDER_KEY_HEADER_BYTES + message.ciphertext.length + SIGNATURE_BYTES, readBy };
  }

  /**
   * The last member leaves. Pairwise: nothing to re-key (the sender just stops encrypting to them).
   * Sender Keys: everyone forgets every sender key, and each remaining member distributes a new one.
   */
  leave(): { member: string; cost: RekeyCost; leaverCanRead: boolean } {
    const gone = this.members.pop();
    if (!gone) throw new Error('group: nobody left to leave');
    const leaverKey = this.heldFromSender(gone.user);
    if (this.mode === 'pairwise') return { member: gone.user, cost: { pairwiseMessages: 0, x3dhSessions: 0, bytes: 0 }, leaverCanRead: false };
    this.senderKeys.clear();
    this.held.clear();
    const cost = this.start();
    return { member: gone.user, cost, leaverCanRead: this.canOpenNextMessage(leaverKey) };
  }

  /** Whether a (copied) sender key opens the sender's next message: encrypts a probe on a copy of the sender's key. */
  private canOpenNextMessage(key: ReceivedSenderKey | undefined): boolean {
    const current = this.senderKeys.get(this.sender.id);
    if (!current || !key) return false;
    const probe = senderKeyEncrypt({ ...current }, utf8('probe'), this.groupAd);
    return senderKeyDecrypt({ ...key }, probe, this.groupAd) !== null;
  }

  /** The sender key a member holds from the sender right now (a copy). */
  heldFromSender(member: string): ReceivedSenderKey | undefined {
    const k = this.held.get(`${member}@group`)?.get(this.sender.id);
    return k ? { ...k } : undefined;
  }
}

function add(a: RekeyCost, b: RekeyCost): RekeyCost {
  return { pairwiseMessages: a.pairwiseMessages + b.pairwiseMessages, x3dhSessions: a.x3dhSessions + b.x3dhSessions, bytes: a.bytes + b.bytes };
}

export const GROUP_NAMES = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy', 'niaj', 'olivia'] as const;
