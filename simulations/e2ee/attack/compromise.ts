/**
 * "Compromise Bob at message k": a thief copies everything on Bob's device (a `StolenDevice`) and
 * records every ciphertext of the conversation the server relays, before and after the theft. Which
 * messages it can read is not a rule: it TRIES to decrypt each one with what it holds, with the same
 * Double Ratchet code Bob runs, and a message counts as read only if the AEAD tag verifies and the
 * plaintext comes out.
 *
 * - Messages to Bob: the thief runs a copy of Bob's session forward over the ciphertexts in the order
 *   the server relayed them (a passive attacker can do all of that). Its DH ratchet steps use key
 *   pairs of its own, since Bob's new private keys are made after the theft.
 * - Messages from Bob: the thief holds Bob's sending chain key at the theft, so it can derive the keys
 *   of later messages on that chain; a message on a later chain (Bob's next ratchet key) is out of reach.
 */
import { concatBytes, equalBytes, fromUtf8, toHex } from '../crypto/bytes';
import { encodeHeader, kdfCk, ratchetDecrypt, type RatchetState } from '../crypto/doubleRatchet';
import { aeadDecrypt, type KeySource } from '../crypto/primitives';
import type { Envelope, Session, StolenDevice } from '../parties/device';

export type AttackOutcome = 'read' | 'unreadable';

export interface AttackAttempt {
  readonly seq: number;
  readonly outcome: AttackOutcome;
  /** why, in a few words, from how the decryption went */
  readonly how: string;
  readonly plaintext: string | null;
}

export class Eavesdropper {
  private readonly session: Session;
  private readonly working: RatchetState;
  private readonly bobSendKey: Uint8Array;
  private bobSendChain: Uint8Array | null;
  private bobSendNext: number;
  readonly attempts: AttackAttempt[] = [];

  constructor(
    readonly stolen: StolenDevice,
    readonly victim: string,
    readonly peer: string,
    private readonly keys: KeySource,
  ) {
    const session = stolen.sessions.get(peer);
    if (!session) throw new Error(`${victim} has no session with ${peer} to steal`);
    this.session = session;
    this.working = session.state;
    this.bobSendKey = session.state.dhSelf.public;
    this.bobSendChain = session.state.sendChain;
    this.bobSendNext = session.state.sent;
  }

  /** Try one recorded ciphertext of the conversation; call in the order the server relayed them. */
  attempt(e: Envelope, beforeTheft: boolean): AttackAttempt {
    const result = e.to === this.victim ? this.tryIncoming(e, beforeTheft) : this.tryOutgoing(e, beforeTheft);
    this.attempts.push(result);
    return result;
  }

  private tryIncoming(e: Envelope, beforeTheft: boolean): AttackAttempt {
    const r = ratchetDecrypt(this.working, e.header, e.ciphertext, this.session.associatedData, this.keys);
    if (!r.ok) {
      const how = r.reason === 'too-many-skipped' ? 'too far ahead of the stolen chain (MAX_SKIP)' : beforeTheft ? 'its message key was deleted once Bob read it' : 'needs a DH secret made after the theft';
      return { seq: e.seq, outcome: 'unreadable', how, plaintext: null };
    }
    const how = r.fromSkipped ? 'a skipped message key was still stored' : r.dhSteps.length > 0 ? 'the stolen ratchet key still answers this chain' : 'the stolen receiving chain key';
    return { seq: e.seq, outcome: 'read', how, plaintext: fromUtf8(r.plaintext) };
  }

  private tryOutgoing(e: Envelope, beforeTheft: boolean): AttackAttempt {
    const sameChain = this.bobSendChain !== null && equalBytes(e.header.dh, this.bobSendKey);
    if (!sameChain && !beforeTheft) {
      return { seq: e.seq, outcome: 'unreadable', how: `sent on a ratchet key made after the theft (${toHex(e.header.dh).slice(0, 8)}…)`, plaintext: null };
    }
    if (!sameChain || e.header.n < this.bobSendNext) return { seq: e.seq, outcome: 'unreadable', how: 'sent before the theft: its chain key was already replaced', plaintext: null };
    // the stolen chain key only runs forward; MAX_SKIP does not bind an attacker, the run's length does
    let chain = this.bobSendChain as Uint8Array;
    let messageKey: Uint8Array | null = null;
    for (let n = this.bobSendNext; n <= e.header.n; n++) {
      const step = kdfCk(chain);
      chain = step.chainKey;
      messageKey = step.messageKey;
    }
    const plaintext = messageKey ? aeadDecrypt(messageKey, e.ciphertext, concatBytes(this.session.associatedData, encodeHeader(e.header))) : null;
    if (!plaintext) return { seq: e.seq, outcome: 'unreadable', how: 'the derived key does not open it', plaintext: null };
    return { seq: e.seq, outcome: 'read', how: 'the stolen sending chain key', plaintext: fromUtf8(plaintext) };
  }
}
