import { AEAD_TAG_BYTES } from '../crypto/primitives';
import { utf8 } from '../crypto/bytes';
import type { E2eeModel } from './model';

/** The CLI's --json document: what happened to the conversation, what the attackers got, what it cost. */
export interface E2eeResult {
  simulatedS: number;
  x3dh: { dhOperations: number | null; usedOneTimePrekey: boolean | null; bothSidesAgree: boolean | null };
  messages: { sent: number; delivered: number; lost: number; delayed: number; rejected: number; openedWithSkippedKey: number };
  dhRatchetSteps: number;
  /** skipped message keys Bob's phone stores right now */
  skippedKeysStored: number;
  server: { uploads: number; bytes: number; prekeyFetches: number; seesPlaintext: false };
  /** bytes a 1:1 message costs beyond its text: AEAD tag + ratchet header (+ X3DH header while new) */
  overheadBytesPerMessage: { min: number | null; max: number | null; aeadTag: number };
  compromise: { afterMessage: number; readable: number[]; unreadable: number[] } | null;
  /**
   * How many relayed messages the thief opened, sent up to and after the theft (null without one).
   * Always an object so lessons can name `stolenPhoneOpens.before` / `.after` (Predict, Challenge).
   */
  stolenPhoneOpens: { before: number | null; after: number | null };
  maliciousServer: { messagesRead: number; safetyNumbersMatch: boolean | null } | null;
  safetyNumbersMatch: boolean | null;
  group: {
    mode: string;
    members: number;
    uploadsPerMessage: number[];
    encryptionsPerMessage: number[];
    distributionMessages: number;
    leave: { member: string; rekeyPairwiseMessages: number; leaverCanRead: boolean } | null;
  } | null;
}

export function e2eeResult({ params, conversation: c }: E2eeModel, now: number): E2eeResult {
  const alice = c.devices.get('alice:1')?.sessions.get('bob:1');
  const bob = c.devices.get('bob:1')?.sessions.get('alice:1');
  const agree = alice && bob ? alice.x3dh.sharedKey.every((b, i) => b === bob.x3dh.sharedKey[i]) : null;
  const overheads = c.messages.map((m) => m.bytes - utf8(m.text).length);
  const attacked = c.messages.filter((m) => m.attack);
  const g = c.groupView;
  return {
    simulatedS: now / 1000,
    x3dh: { dhOperations: alice ? alice.x3dh.dhOutputs.length : null, usedOneTimePrekey: alice ? alice.x3dh.usedOneTimePrekey : null, bothSidesAgree: agree },
    messages: {
      sent: c.messages.length,
      delivered: c.messages.filter((m) => m.status === 'delivered').length,
      lost: c.messages.filter((m) => m.fate === 'lost').length,
      delayed: c.messages.filter((m) => m.fate === 'delayed').length,
      rejected: c.messages.filter((m) => m.status === 'rejected').length,
      openedWithSkippedKey: c.messages.filter((m) => m.fromSkippedKey).length,
    },
    dhRatchetSteps: c.dhRatchetSteps,
    skippedKeysStored: bob?.state.skipped.size ?? 0,
    server: { uploads: c.uploads, bytes: c.serverBytes, prekeyFetches: c.server.filter((e) => e.kind === 'prekeys-fetch').length, seesPlaintext: false },
    overheadBytesPerMessage: { min: overheads.length ? Math.min(...overheads) : null, max: overheads.length ? Math.max(...overheads) : null, aeadTag: AEAD_TAG_BYTES },
    compromise: c.theft
      ? { afterMessage: c.theft.afterMessage, readable: attacked.filter((m) => m.attack?.outcome === 'read').map((m) => m.seq), unreadable: attacked.filter((m) => m.attack?.outcome === 'unreadable').map((m) => m.seq) }
      : null,
    stolenPhoneOpens: stolenPhoneOpens(c.theft?.afterMessage, attacked.filter((m) => m.attack?.outcome === 'read').map((m) => m.seq)),
    maliciousServer: params.maliciousServer ? { messagesRead: c.mitmRead, safetyNumbersMatch: c.safety?.match ?? null } : null,
    safetyNumbersMatch: c.safety?.match ?? null,
    group: g
      ? {
          mode: g.mode,
          members: g.members,
          uploadsPerMessage: g.sends.map((s) => s.uploads),
          encryptionsPerMessage: g.sends.map((s) => s.encryptions),
          distributionMessages: g.start?.pairwiseMessages ?? 0,
          leave: g.leave ? { member: g.leave.member, rekeyPairwiseMessages: g.leave.cost.pairwiseMessages, leaverCanRead: g.leave.leaverCanRead } : null,
        }
      : null,
  };
}

function stolenPhoneOpens(afterMessage: number | undefined, opened: number[]): E2eeResult['stolenPhoneOpens'] {
  if (afterMessage === undefined) return { before: null, after: null };
  return { before: opened.filter((seq) => seq <= afterMessage).length, after: opened.filter((seq) => seq > afterMessage).length };
}
