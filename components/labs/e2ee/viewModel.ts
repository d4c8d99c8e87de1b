/**
 * What the e2ee view shows, from the run's frame: the bubbles of each phone, the server's lines, the
 * thief's table, the group's costs, the words under them. Pure.
 */
import type { E2eeFrame, E2eeParams, GroupView, MessageView, ServerEntry } from '@/simulations/e2ee';
import { groupedNumber } from '@/simulations/core/numberText';

export type Phone = 'alice' | 'bob';

export interface Bubble {
  seq: number;
  /** sent by this phone (right-hand side) or received */
  mine: boolean;
  /** the words: always on the sender's phone; on the receiver's only once it decrypted them */
  text: string | null;
  status: string;
  tone: 'ok' | 'warn' | 'bad' | 'muted';
}

export function secondsLabel(ms: number): string {
  return `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 2)} s`;
}

/** The conversation as one phone shows it. Received messages appear once they arrived (or failed). */
export function bubbles(messages: readonly MessageView[], phone: Phone): Bubble[] {
  const out: Bubble[] = [];
  for (const m of messages) {
    const mine = m.speaker === phone;
    if (mine) {
      const status = m.status === 'delivered' ? 'delivered' : m.status === 'lost' ? 'lost on the way' : m.status === 'rejected' ? 'refused by the receiver' : m.status === 'held' ? 'waiting at the server' : 'sent';
      out.push({ seq: m.seq, mine, text: m.text, status, tone: m.status === 'delivered' ? 'ok' : m.status === 'lost' || m.status === 'rejected' ? 'bad' : 'muted' });
    } else if (m.status === 'delivered') {
      out.push({ seq: m.seq, mine, text: m.text, status: m.fromSkippedKey ? 'late: opened with a stored skipped key' : m.dhStep ? 'new ratchet key: DH step' : 'decrypted', tone: m.fromSkippedKey ? 'warn' : 'ok' });
    } else if (m.status === 'rejected') {
      out.push({ seq: m.seq, mine, text: null, status: `refused: ${m.rejectReason ?? 'does not verify'}`, tone: 'bad' });
    }
  }
  return out;
}

export interface ServerRow {
  key: string;
  time: string;
  what: string;
  route: string;
  bytes: string;
  meta: string;
  hex: string;
  alarm: boolean;
}

const KIND_LABEL: Record<ServerEntry['kind'], string> = {
  'prekeys-upload': 'prekey upload',
  'prekeys-fetch': 'prekey fetch',
  relay: 'message',
  held: 'stored (offline)',
  push: 'pushed',
  'key-swap': 'KEY SWAP',
  're-encrypt': 'RE-ENCRYPT',
  'group-upload': 'group upload',
  'group-fanout': 'group fan-out',
};

export function serverRows(frame: E2eeFrame): ServerRow[] {
  const offset = frame.serverLinesTotal - frame.server.length;
  return frame.server.map((e, i) => ({
    key: String(offset + i),
    time: secondsLabel(e.t),
    what: KIND_LABEL[e.kind],
    route: `${e.from} → ${e.to}`,
    bytes: e.bytes > 0 ? `${groupedNumber(e.bytes)} B` : '',
    meta: e.meta,
    hex: e.ciphertextHex ? `${e.ciphertextHex}…` : '',
    alarm: e.kind === 'key-swap' || e.kind === 're-encrypt' || (e.kind === 'prekeys-fetch' && e.from === 'server'),
  }));
}

/** Who talks to whom, how much: the metadata the server learns even from ciphertext. */
export function metadataSummary(frame: E2eeFrame): string {
  const relays = frame.server.filter((e) => e.kind === 'relay');
  const pairs = new Set(relays.map((e) => `${e.from.split(':')[0]}↔${e.to.split(':')[0]}`));
  return `${groupedNumber(frame.uploads)} uploads, ${groupedNumber(frame.serverBytes)} bytes; it knows ${[...pairs].join(', ') || 'nobody yet'} talk, when, and how much. It never holds a private key or a word of text.`;
}

export interface TheftRow {
  seq: number;
  direction: string;
  when: 'before' | 'after';
  outcome: 'read' | 'unreadable';
  how: string;
}

export function theftRows(messages: readonly MessageView[]): TheftRow[] {
  return messages
    .filter((m) => m.attack)
    .map((m) => ({
      seq: m.seq,
      direction: m.speaker === 'alice' ? 'Alice → Bob' : 'Bob → Alice',
      when: m.attack!.beforeTheft ? 'before' : 'after',
      outcome: m.attack!.outcome,
      how: m.attack!.how,
    }));
}

export function theftSummary(rows: readonly TheftRow[], afterMessage: number): string {
  const read = (when: 'before' | 'after') => rows.filter((r) => r.when === when && r.outcome === 'read').map((r) => r.seq);
  const before = read('before');
  const after = read('after');
  const firstClosedAfter = rows.find((r) => r.when === 'after' && r.outcome === 'unreadable' && r.seq > Math.max(afterMessage, ...after));
  return (
    `Stolen after message ${afterMessage}. Before the theft: ${before.length === 0 ? 'nothing readable (forward secrecy)' : `${list(before)} readable, from keys still stored on the phone`}. ` +
    `After: ${after.length === 0 ? 'nothing yet' : `${list(after)} readable`}` +
    (firstClosedAfter ? `; from message ${firstClosedAfter.seq} on, a DH ratchet step with keys made after the theft locks the thief out (post-compromise security).` : '.')
  );
}

function list(seqs: number[]): string {
  return seqs.length === 1 ? `message ${seqs[0]}` : `messages ${seqs.join(', ')}`;
}

export function safetyGroups(digits: string): string[] {
  return digits.match(/\d{5}/g) ?? [];
}

export interface GroupRow {
  index: number;
  encryptions: number;
  uploads: number;
  bytes: number;
  readBy: string;
}

export function groupRows(g: GroupView): GroupRow[] {
  return g.sends.map((s, i) => ({ index: i + 1, encryptions: s.encryptions, uploads: s.uploads, bytes: s.bytesUploaded, readBy: `${s.readBy} of ${s.deliveries}` }));
}

export function groupSummary(g: GroupView, p: Pick<E2eeParams, 'groupSize'>): string {
  const n = p.groupSize;
  const setup = g.start && g.start.pairwiseMessages > 0 ? ` Setting up cost ${g.start.pairwiseMessages} pairwise messages (n(n − 1) = ${n * (n - 1)}).` : '';
  const leave = g.leave
    ? g.mode === 'senderKeys'
      ? ` ${cap(g.leave.member)} left after message ${g.leave.afterMessage}: ${g.leave.cost.pairwiseMessages} pairwise re-key messages ((n − 1)(n − 2) = ${(n - 1) * (n - 2)}); the leaver ${g.leave.leaverCanRead ? 'could still read' : 'cannot read'} what follows.`
      : ` ${cap(g.leave.member)} left after message ${g.leave.afterMessage}: nothing to re-key, Alice stops encrypting to them.`
    : '';
  const per = g.mode === 'senderKeys' ? '1 encryption and 1 upload per message; the server copies it to every member' : `n − 1 = ${n - 1} encryptions and uploads per message`;
  return `${g.mode === 'senderKeys' ? 'Sender Keys' : 'Pairwise fan-out'}: ${per}.${setup}${leave}`;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export interface StripMark {
  seq: number;
  fromAlice: boolean;
  kind: 'ok' | 'warn' | 'bad' | 'lost' | 'muted';
  dhStep: boolean;
  readByThief: boolean;
}

export function stripMarks(messages: readonly MessageView[]): StripMark[] {
  return messages.map((m) => ({
    seq: m.seq,
    fromAlice: m.speaker === 'alice',
    kind: m.status === 'lost' ? 'lost' : m.status === 'rejected' ? 'bad' : m.status !== 'delivered' ? 'muted' : m.fromSkippedKey ? 'warn' : 'ok',
    dhStep: m.dhStep,
    readByThief: m.attack?.outcome === 'read',
  }));
}

export function stripLabel(messages: readonly MessageView[], total: number, theftAfter: number | null): string {
  const count = (s: MessageView['status']) => messages.filter((m) => m.status === s).length;
  const steps = messages.filter((m) => m.dhStep).length;
  const read = messages.filter((m) => m.attack?.outcome === 'read').length;
  return (
    `${messages.length} of ${total} messages sent: ${count('delivered')} delivered, ${count('lost')} lost, ${count('rejected')} refused; ${steps} DH ratchet step${steps === 1 ? '' : 's'}` +
    (theftAfter !== null ? `; phone stolen after message ${theftAfter}, ${read} message${read === 1 ? '' : 's'} read by the thief` : '')
  );
}
