/**
 * One client device: its identity, its private prekeys and one Double Ratchet session per peer
 * device (a phone and a laptop of the same person are two devices with two separate sessions).
 * Everything here is what lives on the device; the server only ever sees `bundle()` and envelopes.
 */
import { cloneState, initAlice, RATCHET_HEADER_BYTES, initBob, ratchetDecrypt, ratchetEncrypt, storedSecrets, type DecryptResult, type DhStep, type EncryptResult, type RatchetHeader, type RatchetState } from '../crypto/doubleRatchet';
import type { KeySource } from '../crypto/primitives';
import {
  generateIdentity,
  generateOneTimePrekeys,
  generateSignedPrekey,
  initiate,
  publicIdentity,
  respond,
  type Identity,
  type OneTimePrekey,
  type PrekeyBundle,
  type PublicIdentity,
  type SignedPrekey,
  type X3dhHeader,
  type X3dhTrace,
  X3DH_HEADER_BYTES,
} from '../crypto/x3dh';

export interface Session {
  readonly peer: string;
  /** the identity key this device believes the peer has (what its safety number is computed from) */
  readonly peerIdentity: PublicIdentity;
  readonly associatedData: Uint8Array;
  readonly state: RatchetState;
  /** Alice's X3DH header, sent with every message until the first reply arrives (X3DH §3.3) */
  pendingX3dh: X3dhHeader | null;
  readonly x3dh: X3dhTrace;
  readonly role: 'initiator' | 'responder';
}

/** What travels: the X3DH header while a session is new, the ratchet header, the AEAD ciphertext. */
export interface Envelope {
  readonly seq: number;
  readonly from: string;
  readonly to: string;
  readonly x3dh: X3dhHeader | null;
  readonly header: RatchetHeader;
  readonly ciphertext: Uint8Array;
}

export type ReceiveResult = DecryptResult & { x3dh: X3dhTrace | null; session: Session | null };

export class Device {
  readonly identity: Identity;
  readonly signedPrekey: SignedPrekey;
  private readonly oneTimePrekeys = new Map<number, OneTimePrekey>();
  readonly sessions = new Map<string, Session>();

  constructor(
    readonly id: string,
    readonly user: string,
    private readonly keys: KeySource,
    readonly maxSkip: number,
    oneTimePrekeys: number,
  ) {
    this.identity = generateIdentity(keys);
    this.signedPrekey = generateSignedPrekey(this.identity, 1, keys);
    for (const opk of generateOneTimePrekeys(1, oneTimePrekeys, keys)) this.oneTimePrekeys.set(opk.id, opk);
  }

  get publicIdentity(): PublicIdentity {
    return publicIdentity(this.identity);
  }

  /** The public half of every prekey, for the server. */
  upload(): { identity: PublicIdentity; signedPrekey: { id: number; public: Uint8Array; signature: Uint8Array }; oneTimePrekeys: { id: number; public: Uint8Array }[] } {
    return {
      identity: this.publicIdentity,
      signedPrekey: { id: this.signedPrekey.id, public: this.signedPrekey.keys.public, signature: this.signedPrekey.signature },
      oneTimePrekeys: [...this.oneTimePrekeys.values()].map((k) => ({ id: k.id, public: k.keys.public })),
    };
  }

  get oneTimePrekeysLeft(): number {
    return this.oneTimePrekeys.size;
  }

  /** X3DH as the initiator; throws BadSignatureError if the bundle's signature fails. */
  startSession(peer: string, bundle: PrekeyBundle): Session {
    const init = initiate(this.identity, bundle, this.keys);
    const session: Session = {
      peer,
      peerIdentity: bundle.identity,
      associatedData: init.associatedData,
      state: initAlice(init.sharedKey, bundle.signedPrekey.public, this.maxSkip, this.keys),
      pendingX3dh: init.header,
      x3dh: init,
      role: 'initiator',
    };
    this.sessions.set(peer, session);
    return session;
  }

  encrypt(peer: string, seq: number, plaintext: Uint8Array): { envelope: Envelope; result: EncryptResult; session: Session } {
    const session = this.sessions.get(peer);
    if (!session) throw new Error(`${this.id} has no session with ${peer}`);
    const result = ratchetEncrypt(session.state, plaintext, session.associatedData);
    return { envelope: { seq, from: this.id, to: peer, x3dh: session.pendingX3dh, header: result.header, ciphertext: result.ciphertext }, result, session };
  }

  receive(envelope: Envelope): ReceiveResult {
    let session = this.sessions.get(envelope.from) ?? null;
    let x3dh: X3dhTrace | null = null;
    if (!session && envelope.x3dh) {
      const header = envelope.x3dh;
      const answer = respond(this.identity, header, this.signedPrekey, (id) => {
        const k = this.oneTimePrekeys.get(id);
        this.oneTimePrekeys.delete(id);
        return k;
      });
      x3dh = answer;
      session = {
        peer: envelope.from,
        peerIdentity: header.identity,
        associatedData: answer.associatedData,
        state: initBob(answer.sharedKey, this.signedPrekey.keys, this.maxSkip),
        pendingX3dh: null,
        x3dh: answer,
        role: 'responder',
      };
    }
    if (!session) return { ok: false, reason: 'authentication-failed', detail: `no session with ${envelope.from}`, x3dh: null, session: null };
    const result = ratchetDecrypt(session.state, envelope.header, envelope.ciphertext, session.associatedData, this.keys);
    if (result.ok) {
      this.sessions.set(envelope.from, session);
      if (session.role === 'initiator') session.pendingX3dh = null;
    }
    return { ...result, x3dh, session: result.ok ? session : null };
  }

  /** What a thief who copies this device's storage gets: every private key and session state, copied. */
  steal(): StolenDevice {
    return {
      device: this.id,
      identity: this.identity,
      sessions: new Map([...this.sessions].map(([peer, s]) => [peer, { ...s, state: cloneState(s.state) }])),
      secretsHeld: [...this.sessions.values()].reduce((n, s) => n + storedSecrets(s.state).length, 2 + 1 + this.oneTimePrekeys.size),
    };
  }
}

export interface StolenDevice {
  readonly device: string;
  readonly identity: Identity;
  readonly sessions: Map<string, Session>;
  readonly secretsHeld: number;
}

export function dhStepsOf(r: ReceiveResult): DhStep[] {
  return r.ok ? r.dhSteps : [];
}

/** Bytes on the wire for an envelope: the X3DH header while pending, the ratchet header, the ciphertext. */
export function envelopeBytes(e: Envelope): number {
  return (e.x3dh ? X3DH_HEADER_BYTES : 0) + RATCHET_HEADER_BYTES + e.ciphertext.length;
}

