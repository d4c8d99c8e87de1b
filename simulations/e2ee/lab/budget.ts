/**
 * The e2ee lab's work budget (core/budget.ts): upper bounds, from the params alone.
 *
 * Events (scheduler): the actor's start, the machine's timers (≤ 6 + messages + 2 × group messages)
 * and one arrival per encrypted copy: each message goes to every other device, 2 × devices − 1.
 * Bytes: the recorder's events and samples, the two panes' message views, the server lines, and the
 * devices' keys and sessions (the group's members hold up to n − 1 sessions each after a re-key).
 * The real cost of a run is its cryptography (a few ms per X3DH, well under one per message); the
 * schema's maxima (60 messages, 3 devices, 8 members) keep the largest run to a few seconds (bench/e2ee.ts).
 */
import type { WorkEstimate } from '../../core/budget';
import type { E2eeParams } from './schema';

const EVENT_BYTES = 320;
const POINT_BYTES = 40;
const MESSAGE_VIEW_BYTES = 900;
const SERVER_LINE_BYTES = 400;
const SESSION_BYTES = 4096;
const DEVICE_BYTES = 2048;
const BASE_BYTES = 1 << 20;

export function copiesPerMessage(p: Pick<E2eeParams, 'devices'>): number {
  return 2 * p.devices - 1;
}

export function estimateE2ee(p: E2eeParams): WorkEstimate {
  const copies = copiesPerMessage(p);
  const timers = 8 + p.messages + 2 * p.groupMessages;
  const events = 1 + timers + p.messages * copies;
  const logged = 8 * p.devices + p.messages * (6 + 2 * copies) + 4 * p.devices * copies + 4 * p.groupMessages + 8;
  const samples = p.messages * 3 * copies + 3 * p.groupMessages + 6;
  const serverLines = 2 * p.devices + p.messages * (3 * copies + 2) + 4 * p.devices * copies + 3 * p.groupMessages + 4;
  const sessions = 2 * p.devices * copies + p.groupSize * p.groupSize + 4;
  const bytes =
    BASE_BYTES +
    logged * EVENT_BYTES +
    samples * POINT_BYTES +
    p.messages * MESSAGE_VIEW_BYTES +
    serverLines * SERVER_LINE_BYTES +
    sessions * SESSION_BYTES +
    (2 * p.devices + p.groupSize + 2) * (DEVICE_BYTES + p.oneTimePrekeys * 64);
  return { events, bytes, drivers: ['messages', 'devices', 'groupMessages', 'groupSize'] };
}
