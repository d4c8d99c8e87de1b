/**
 * One end-to-end encrypted conversation between Alice and Bob (each with `devices` devices), relayed
 * by a server that sees only what a server sees, plus the thief and the malicious server of the lab.
 * Every step runs the real cryptography (crypto/); this module only decides who sends what to whom,
 * what the network does to it, and records it. The machine (machines/conversation.ts) calls it on
 * virtual time.
 */
import type { Rng } from '../../core/rng';
import type { Scheduler } from '../../core/scheduler';
import { Eavesdropper } from '../attack/compromise';
import { fromUtf8, shortHex, toHex, utf8 } from '../crypto/bytes';
import { storedSecrets } from '../crypto/doubleRatchet';
import { SeededKeySource } from '../crypto/keySource';
import { safetyNumber } from '../crypto/safetyNumber';
import { GROUP_NAMES, GroupChat, type GroupMode, type GroupSendCost, type RekeyCost } from '../group/groupChat';
import { Device, envelopeBytes, type Envelope, type ReceiveResult } from '../parties/device';
import { PrekeyDirectory, uploadBytes } from '../parties/server';
import type { ConversationObserver, NetworkFate } from './events';
import { GROUP_LINES, writeScript, type ScriptLine, type Speaker } from './script';
import { NETWORK_LATENCY_MS, REORDER_DELAY_MS } from './timeline';

export interface ConversationConfig {
  messages: number;
  turnLength: number;
  oneTimePrekeys: number;
  devices: number;
  lossProbability: number;
  reorderProbability: number;
  maxSkip: number;
  compromiseAfter: number;
  maliciousServer: boolean;
  groupSize: number;
  groupMessages: number;
  groupMode: GroupMode;
  memberLeaves: boolean;
}

export interface ConversationPorts {
  scheduler: Scheduler;
  rng: Rng;
  observer: ConversationObserver;
}

export type MessageStatus = 'held' | 'in-flight' | 'delivered' | 'lost' | 'rejected';

/** One message of the Alice phone ↔ Bob phone conversation, as the two client panes show it. */
export interface MessageView {
  seq: number;
  speaker: Speaker;
  text: string;
  sentAt: number;
  fate: NetworkFate;
  status: MessageStatus;
  arrivedAt: number | null;
  n: number;
  pn: number;
  ratchetKey: string;
  chainKeyBefore: string;
  chainKeyAfter: string;
  messageKey: string;
  bytes: number;
  copies: number;
  carriesX3dh: boolean;
  /** the receiver turned its DH ratchet on this message */
  dhStep: boolean;
  fromSkippedKey: boolean;
  rejectReason: string | null;
  attack: { outcome: 'read' | 'unreadable'; how: string; beforeTheft: boolean } | null;
}

/** One line of the server pane: only what a server sees. */
export interface ServerEntry {
  t: number;
  kind: 'prekeys-upload' | 'prekeys-fetch' | 'relay' | 'held' | 'push' | 'key-swap' | 're-encrypt' | 'group-upload' | 'group-fanout';
  from: string;
  to: string;
  bytes: number;
  /** what else is on the wire in the clear: ratchet key, counters, prekey ids */
  meta: string;
  /** the first bytes of the ciphertext, hex (empty for key operations) */
  ciphertextHex: string;
}

export interface SessionView {
  device: string;
  peer: string;
  role: 'initiator' | 'responder';
  x3dhDh: string[];
  sharedKey: string;
  usedOneTimePrekey: boolean;
  rootKey: string;
  sendChain: string | null;
  receiveChain: string | null;
  ratchetKey: string;
  remoteRatchetKey: string | null;
  sent: number;
  received: number;
  skippedKeys: number;
  secretsStored: number;
}

export interface GroupView {
  mode: GroupMode;
  members: number;
  start: RekeyCost | null;
  sends: GroupSendCost[];
  leave: { member: string; cost: RekeyCost; leaverCanRead: boolean; afterMessage: number } | null;
}

const HEX_SHOWN = 48;

function peerOf(s: Speaker): Speaker {
  return s === 'alice' ? 'bob' : 'alice';
}

export class Conversation {
  readonly script: ScriptLine[];
  readonly devices = new Map<string, Device>();
  readonly directory = new PrekeyDirectory();
  readonly messages: MessageView[] = [];
  readonly server: ServerEntry[] = [];
  /** the primary conversation's envelopes as the server relayed them (what a recording attacker holds) */
  readonly recorded: Envelope[] = [];
  private held: Envelope[] = [];
  bobOnline = false;
  private readonly network;
  thief: Eavesdropper | null = null;
  theft: { afterMessage: number; at: number; secrets: number } | null = null;
  private readonly mallory: { asBob: Device; asAlice: Device } | null = null;
  mitmRead = 0;
  safety: { alice: string; bob: string; match: boolean } | null = null;
  serverBytes = 0;
  uploads = 0;
  dhRatchetSteps = 0;
  group: GroupChat | null = null;
  groupView: GroupView | null = null;

  constructor(
    readonly config: ConversationConfig,
    private readonly ports: ConversationPorts,
  ) {
    this.script = writeScript(config.messages, config.turnLength, ports.rng.stream('script'));
    this.network = ports.rng.stream('network');
    if (config.maliciousServer) {
      const keys = new SeededKeySource(ports.rng.stream('keys:server'));
      // LOUD: the server's two fake devices carry the ids of the people they impersonate
      this.mallory = { asBob: new Device('bob:1', 'bob', keys, config.maxSkip, 1), asAlice: new Device('alice:1', 'alice', keys, config.maxSkip, 1) };
    }
  }

  private get now(): number {
    return this.ports.scheduler.now;
  }

  private note(entry: Omit<ServerEntry, 't'>): void {
    this.server.push({ t: this.now, ...entry });
  }

  private deviceIds(user: Speaker): string[] {
    return Array.from({ length: this.config.devices }, (_, i) => `${user}:${i + 1}`);
  }

  /** Every device makes its keys and uploads the public halves; Bob's phones then go offline. */
  register(): void {
    for (const user of ['alice', 'bob'] as const) {
      for (const id of this.deviceIds(user)) {
        const device = new Device(id, user, new SeededKeySource(this.ports.rng.stream(`keys:${id}`)), this.config.maxSkip, this.config.oneTimePrekeys);
        this.devices.set(id, device);
        this.directory.publish(id, device.upload());
        const bytes = uploadBytes(this.config.oneTimePrekeys);
        this.ports.observer.log({ type: 'register', device: id, oneTimePrekeys: this.config.oneTimePrekeys, bytes });
        this.note({ kind: 'prekeys-upload', from: id, to: 'server', bytes, meta: `identity key, signed prekey #1, ${this.config.oneTimePrekeys} one-time prekeys (public halves)`, ciphertextHex: '' });
        this.count(bytes, 1);
      }
    }
    if (this.mallory) {
      const forged = this.mallory.asBob;
      this.directory.swapBundle('bob:1', () => {
        const keys = forged.upload();
        return { identity: keys.identity, signedPrekey: keys.signedPrekey, oneTimePrekey: keys.oneTimePrekeys[0] };
      });
    }
    for (const id of this.deviceIds('bob')) this.ports.observer.log({ type: 'presence', device: id, online: false });
  }

  private count(bytes: number, uploads: number): void {
    this.serverBytes += bytes;
    this.uploads += uploads;
    this.ports.observer.sample('serverBytes', this.serverBytes);
    this.ports.observer.sample('uploads', this.uploads);
  }

  /** `from` gets a session with `to`, fetching `to`'s prekey bundle from the server (X3DH initiator). */
  private ensureSession(from: Device, to: string): void {
    if (from.sessions.has(to)) return;
    // LOUD: the swap targets Alice's phone only; the server's own fake devices fetch in intercept()
    const forged = this.directory.isSwapped(to);
    const bundle = this.directory.takeBundle(to);
    const opk = bundle.oneTimePrekey?.id ?? null;
    this.ports.observer.log({ type: 'fetch', by: from.id, of: to, oneTimePrekeyId: opk, oneTimePrekeysLeft: this.directory.oneTimePrekeysLeft(to), forged });
    this.note({ kind: 'prekeys-fetch', from: from.id, to, bytes: 64 + 100 + (opk === null ? 0 : 36), meta: opk === null ? 'no one-time prekey left: signed prekey only' : `one-time prekey #${opk} handed out and deleted`, ciphertextHex: '' });
    if (forged) {
      this.ports.observer.log({ type: 'key-swap', device: to });
      this.note({ kind: 'key-swap', from: 'server', to: from.id, bytes: 0, meta: `MALICIOUS: handed out the server's own keys as ${to}'s`, ciphertextHex: '' });
    }
    const session = from.startSession(to, bundle);
    this.ports.observer.log({ type: 'x3dh', device: from.id, peer: to, role: 'initiator', dhCount: session.x3dh.dhOutputs.length, sharedKey: shortHex(session.x3dh.sharedKey) });
  }

  /** Message `seq` of the script: its speaker's first device encrypts it for every other device. */
  sendMessage(seq: number): void {
    const line = this.script[seq - 1];
    const sender = this.device(`${line.speaker}:1`);
    const peerPrimary = `${peerOf(line.speaker)}:1`;
    const targets = [...this.deviceIds(peerOf(line.speaker)), ...this.deviceIds(line.speaker).slice(1)];
    const plaintext = utf8(line.text);
    for (const to of targets) {
      this.ensureSession(sender, to);
      const { envelope, result } = sender.encrypt(to, seq, plaintext);
      const primary = to === peerPrimary;
      if (primary) {
        const bytes = envelopeBytes(envelope);
        this.messages.push({
          seq,
          speaker: line.speaker,
          text: line.text,
          sentAt: this.now,
          fate: 'on-time',
          status: 'in-flight',
          arrivedAt: null,
          n: result.step.n,
          pn: result.header.pn,
          ratchetKey: shortHex(result.header.dh),
          chainKeyBefore: shortHex(result.step.chainKeyBefore),
          chainKeyAfter: shortHex(result.step.chainKeyAfter),
          messageKey: shortHex(result.step.messageKey),
          bytes,
          copies: targets.length,
          carriesX3dh: envelope.x3dh !== null,
          dhStep: false,
          fromSkippedKey: false,
          rejectReason: null,
          attack: null,
        });
        this.ports.observer.log({ type: 'send', seq, from: sender.id, to, n: result.step.n, pn: result.header.pn, chainKey: shortHex(result.step.chainKeyAfter), messageKey: shortHex(result.step.messageKey), bytes, copies: targets.length, carriesX3dh: envelope.x3dh !== null });
      }
      this.relay(envelope, primary);
    }
  }

  private device(id: string): Device {
    const d = this.devices.get(id);
    if (!d) throw new Error(`unknown device ${id}`);
    return d;
  }

  private drawFate(seq: number, primary: boolean): NetworkFate {
    // LOUD: message 1 always arrives on time, so Bob has a session to reply on (the lab's simplification)
    if (!primary || seq === 1) return 'on-time';
    const u = this.network.next();
    if (u < this.config.lossProbability) return 'lost';
    return u < this.config.lossProbability + this.config.reorderProbability ? 'delayed' : 'on-time';
  }

  private relay(incoming: Envelope, primary: boolean): void {
    const bytes = envelopeBytes(incoming);
    const fate = this.drawFate(incoming.seq, primary);
    this.count(bytes, 1);
    this.note({
      kind: 'relay',
      from: incoming.from,
      to: incoming.to,
      bytes,
      meta: `${incoming.x3dh ? `X3DH header (IK, EK, SPK #${incoming.x3dh.signedPrekeyId}${incoming.x3dh.oneTimePrekeyId === undefined ? '' : `, OPK #${incoming.x3dh.oneTimePrekeyId}`}) · ` : ''}ratchet key ${shortHex(incoming.header.dh)} · n ${incoming.header.n} · pn ${incoming.header.pn}`,
      ciphertextHex: toHex(incoming.ciphertext).slice(0, HEX_SHOWN),
    });
    const envelope = primary ? this.intercept(incoming) : incoming;
    if (primary) {
      const view = this.messages.find((m) => m.seq === incoming.seq);
      if (view) view.fate = fate;
      this.recorded.push(envelope);
      if (this.thief) this.attempt(envelope, false);
    }
    this.ports.observer.log({ type: 'relay', seq: incoming.seq, from: incoming.from, to: incoming.to, bytes, fate });
    if (fate === 'lost') {
      if (primary) this.setStatus(incoming.seq, 'lost');
      return;
    }
    const delay = NETWORK_LATENCY_MS + (fate === 'delayed' ? REORDER_DELAY_MS : 0);
    this.ports.scheduler.after(delay, () => this.arrive(envelope, primary));
  }

  /** The malicious server decrypts what Alice's phone sent to "Bob" (its own keys) and re-encrypts it to the real Bob, and back. */
  private intercept(e: Envelope): Envelope {
    if (!this.mallory) return e;
    const [endpoint, onward] = e.to === 'bob:1' ? [this.mallory.asBob, this.mallory.asAlice] : [this.mallory.asAlice, this.mallory.asBob];
    const opened = endpoint.receive(e);
    if (!opened.ok) return e;
    this.mitmRead += 1;
    this.ports.observer.log({ type: 'mitm-read', seq: e.seq });
    if (!onward.sessions.has(e.to)) {
      const bundle = this.directory.takeGenuineBundle(e.to);
      this.note({ kind: 'prekeys-fetch', from: 'server', to: e.to, bytes: 0, meta: `MALICIOUS: the server fetches ${e.to}'s real keys for itself`, ciphertextHex: '' });
      onward.startSession(e.to, bundle);
    }
    const { envelope } = onward.encrypt(e.to, e.seq, opened.plaintext);
    this.note({ kind: 're-encrypt', from: e.from, to: e.to, bytes: envelopeBytes(envelope), meta: 'MALICIOUS: decrypted with its own keys and re-encrypted for the real recipient', ciphertextHex: toHex(envelope.ciphertext).slice(0, HEX_SHOWN) });
    return envelope;
  }

  private arrive(e: Envelope, primary: boolean): void {
    if (e.to.startsWith('bob:') && !this.bobOnline) {
      this.held.push(e);
      this.note({ kind: 'held', from: e.from, to: e.to, bytes: envelopeBytes(e), meta: `${e.to} is offline: stored until it connects`, ciphertextHex: '' });
      if (primary) this.setStatus(e.seq, 'held');
      return;
    }
    this.note({ kind: 'push', from: e.from, to: e.to, bytes: envelopeBytes(e), meta: `delivered to ${e.to}`, ciphertextHex: '' });
    const receiver = this.device(e.to);
    const r = receiver.receive(e);
    this.afterReceive(receiver, e, r, primary);
  }

  private afterReceive(receiver: Device, e: Envelope, r: ReceiveResult, primary: boolean): void {
    if (r.x3dh) this.ports.observer.log({ type: 'x3dh', device: receiver.id, peer: e.from, role: 'responder', dhCount: r.x3dh.dhOutputs.length, sharedKey: shortHex(r.x3dh.sharedKey) });
    if (!r.ok) {
      this.ports.observer.log({ type: 'reject', seq: e.seq, to: e.to, reason: r.reason, detail: r.detail });
      if (primary) {
        const view = this.messages.find((m) => m.seq === e.seq);
        if (view) {
          view.status = 'rejected';
          view.rejectReason = r.detail;
          view.arrivedAt = this.now;
        }
      }
      return;
    }
    const expected = this.script[e.seq - 1].text;
    // LOUD: a decryption that "works" but gives other words is a bug in the protocol code, not a lab outcome
    if (fromUtf8(r.plaintext) !== expected) throw new Error(`message ${e.seq} decrypted to different text on ${receiver.id}`);
    if (primary) {
      this.dhRatchetSteps += r.dhSteps.length > 0 ? 1 : 0;
      for (const step of r.dhSteps) this.ports.observer.log({ type: 'dh-ratchet', device: receiver.id, peer: e.from, chain: step.chain, ratchetKey: shortHex(step.ownKey), rootKey: shortHex(step.rootKeyAfter) });
      const view = this.messages.find((m) => m.seq === e.seq);
      if (view) {
        view.status = 'delivered';
        view.arrivedAt = this.now;
        view.dhStep = r.dhSteps.length > 0;
        view.fromSkippedKey = r.fromSkipped;
      }
      this.ports.observer.sample('skippedKeys', r.session?.state.skipped.size ?? 0);
      this.checkSafetyNumbers();
    }
    this.ports.observer.log({ type: 'deliver', seq: e.seq, to: e.to, n: e.header.n, fromSkipped: r.fromSkipped, skippedStored: r.skippedNow, primary });
  }

  private setStatus(seq: number, status: MessageStatus): void {
    const view = this.messages.find((m) => m.seq === seq);
    if (view) view.status = status;
  }

  bobComesOnline(): void {
    this.bobOnline = true;
    for (const id of this.deviceIds('bob')) this.ports.observer.log({ type: 'presence', device: id, online: true });
    const waiting = this.held;
    this.held = [];
    for (const e of waiting) this.arrive(e, e.to === 'bob:1' && e.from === 'alice:1');
  }

  /** Both phones show a safety number once both have the session; equal only if nobody swapped a key. */
  private checkSafetyNumbers(): void {
    if (this.safety) return;
    const alice = this.device('alice:1');
    const bob = this.device('bob:1');
    const a = alice.sessions.get('bob:1');
    const b = bob.sessions.get('alice:1');
    if (!a || !b) return;
    const onAlice = safetyNumber(alice.publicIdentity, 'alice', a.peerIdentity, 'bob');
    const onBob = safetyNumber(bob.publicIdentity, 'bob', b.peerIdentity, 'alice');
    this.safety = { alice: onAlice, bob: onBob, match: onAlice === onBob };
    this.ports.observer.log({ type: 'safety-number', match: this.safety.match });
  }

  /** The thief copies Bob's phone, then tries every ciphertext it recorded so far. */
  stealBobsPhone(afterMessage: number): void {
    const bob = this.device('bob:1');
    const stolen = bob.steal();
    this.theft = { afterMessage, at: this.now, secrets: stolen.secretsHeld };
    this.ports.observer.log({ type: 'compromise', device: bob.id, secrets: stolen.secretsHeld, afterMessage });
    if (!stolen.sessions.has('alice:1')) return;
    this.thief = new Eavesdropper(stolen, 'bob:1', 'alice:1', new SeededKeySource(this.ports.rng.stream('keys:thief')));
    for (const e of this.recorded) this.attempt(e, true);
  }

  private attempt(e: Envelope, beforeTheft: boolean): void {
    if (!this.thief) return;
    const a = this.thief.attempt(e, beforeTheft);
    this.ports.observer.log({ type: 'attempt', seq: e.seq, outcome: a.outcome, beforeTheft });
    const view = this.messages.find((m) => m.seq === e.seq);
    if (view) view.attack = { outcome: a.outcome, how: a.how, beforeTheft };
    if (a.outcome === 'read' && a.plaintext !== this.script[e.seq - 1].text) throw new Error(`thief decrypted message ${e.seq} to different text`);
  }

  startGroup(): void {
    const names = GROUP_NAMES.slice(0, this.config.groupSize).map(String);
    this.group = new GroupChat(names, this.config.groupMode, this.directory, new SeededKeySource(this.ports.rng.stream('keys:group')), this.config.maxSkip);
    const start = this.group.start();
    this.groupView = { mode: this.config.groupMode, members: names.length, start, sends: [], leave: null };
    this.count(start.bytes, start.pairwiseMessages);
    this.ports.observer.log({ type: 'group-start', mode: this.config.groupMode, members: names.length, pairwiseMessages: start.pairwiseMessages, x3dhSessions: start.x3dhSessions });
    if (start.pairwiseMessages > 0) this.note({ kind: 'group-upload', from: 'every member', to: 'every other member', bytes: start.bytes, meta: `${start.pairwiseMessages} pairwise sender-key messages (${start.x3dhSessions} X3DH sessions set up)`, ciphertextHex: '' });
  }

  sendGroupMessage(index: number): void {
    if (!this.group || !this.groupView) return;
    const text = `${GROUP_LINES[(index - 1) % GROUP_LINES.length]} (group #${index})`;
    const cost = this.group.send(text);
    this.groupView.sends.push(cost);
    this.count(cost.bytesUploaded, cost.uploads);
    const members = this.group.members.length;
    this.ports.observer.log({ type: 'group-send', index, mode: this.group.mode, members, encryptions: cost.encryptions, uploads: cost.uploads, deliveries: cost.deliveries, bytes: cost.bytesUploaded, readBy: cost.readBy });
    this.note({ kind: 'group-upload', from: this.group.sender.id, to: this.group.mode === 'pairwise' ? `${members - 1} members, one copy each` : 'the group', bytes: cost.bytesUploaded, meta: `${cost.uploads} upload${cost.uploads === 1 ? '' : 's'}, ${cost.encryptions} encryption${cost.encryptions === 1 ? '' : 's'}`, ciphertextHex: '' });
    if (this.group.mode === 'senderKeys') this.note({ kind: 'group-fanout', from: 'server', to: `${members - 1} members`, bytes: cost.bytesUploaded * cost.deliveries, meta: 'the server copies the one upload to every member', ciphertextHex: '' });
  }

  memberLeaves(afterMessage: number): void {
    if (!this.group || !this.groupView || this.group.members.length <= 2) return;
    const left = this.group.leave();
    this.groupView.leave = { ...left, afterMessage };
    this.groupView.members = this.group.members.length;
    this.count(left.cost.bytes, left.cost.pairwiseMessages);
    this.ports.observer.log({ type: 'member-leave', member: left.member, mode: this.group.mode, pairwiseMessages: left.cost.pairwiseMessages, leaverCanRead: left.leaverCanRead });
  }

  /** Alice's phone's and Bob's phone's sessions with each other, as key fingerprints. */
  sessionView(deviceId: string, peer: string): SessionView | null {
    const session = this.devices.get(deviceId)?.sessions.get(peer);
    if (!session) return null;
    const s = session.state;
    return {
      device: deviceId,
      peer,
      role: session.role,
      x3dhDh: session.x3dh.dhOutputs.map((d) => shortHex(d)),
      sharedKey: shortHex(session.x3dh.sharedKey),
      usedOneTimePrekey: session.x3dh.usedOneTimePrekey,
      rootKey: shortHex(s.rootKey),
      sendChain: s.sendChain ? shortHex(s.sendChain) : null,
      receiveChain: s.receiveChain ? shortHex(s.receiveChain) : null,
      ratchetKey: shortHex(s.dhSelf.public),
      remoteRatchetKey: s.dhRemote ? shortHex(s.dhRemote) : null,
      sent: s.sent,
      received: s.received,
      skippedKeys: s.skipped.size,
      secretsStored: storedSecrets(s).length,
    };
  }

  oneTimePrekeysLeft(device: string): number {
    return this.directory.oneTimePrekeysLeft(device);
  }
}
