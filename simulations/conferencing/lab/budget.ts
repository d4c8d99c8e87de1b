/**
 * The conferencing lab's work budget (core/budget.ts). Events: one per join (N − 1), at most one
 * break per topology, at most three ICE checks and one selection, and one audio packet per 20 ms of
 * run. Bytes: the stored events and series points (one delay point per packet, a few per join) and
 * the frame's sweep over N.
 */
import type { WorkEstimate } from '../../core/budget';
import { PACKET_MS } from '../audio/jitterBuffer';
import { MAX_PARTICIPANTS } from '../topology/cost';
import type { ConferencingParams } from './schema';

const EVENT_BYTES = 200;
const POINT_BYTES = 40;
const SWEEP_BYTES = 3 * MAX_PARTICIPANTS * 200;
const BASE_BYTES = 1 << 20;

export function estimateConferencing(p: ConferencingParams): WorkEstimate {
  const packets = Math.floor((p.durationS * 1000) / PACKET_MS) + 1;
  const joins = p.participants - 1;
  const events = joins + 3 + 4 + packets;
  const points = 6 * joins + packets + Math.ceil(packets / 25) + 1;
  return { events, bytes: BASE_BYTES + SWEEP_BYTES + events * EVENT_BYTES + points * POINT_BYTES, drivers: ['durationS', 'participants'] };
}
