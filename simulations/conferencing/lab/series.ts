/**
 * The conferencing lab's recorder contract: the events a call logs, the series it samples, and the
 * frame a view draws (the costs at the current call size, where each topology breaks, the sweep over
 * N, the audio counters and the 1:1 call's ICE outcome so far).
 */
import type { Limit, Topology } from '../topology/cost';
import type { CandidatePath } from '../ice/iceCall';
import type { PacketOutcome } from '../audio/jitterBuffer';

export type ConferencingEvent =
  | { type: 'ice-check'; path: CandidatePath; works: boolean; why: string }
  | { type: 'ice-selected'; path: CandidatePath; rttMs: number; turnKbps: number }
  | { type: 'join'; participants: number; meshUpKbps: number; sfuDownKbps: number; sfuServerOutKbps: number; mcuServerCores: number }
  | { type: 'break'; topology: Topology; participants: number; limit: Limit; needed: number; available: number; unit: string }
  | { type: 'audio'; seq: number; outcome: PacketOutcome; delayMs: number | null; bufferMs: number };

export const CONFERENCING_SERIES = [
  'participants',
  'mesh.clientUpKbps',
  'sfu.clientUpKbps',
  'mcu.clientUpKbps',
  'sfu.serverOutKbps',
  'mcu.serverCores',
  'audio.delayMs',
  'audio.unplayable',
] as const;
export type ConferencingSeriesName = (typeof CONFERENCING_SERIES)[number];

/** One point of the chart over N. */
export interface SweepPoint {
  participants: number;
  clientUpKbps: number;
  clientDownKbps: number;
  serverOutKbps: number;
  serverCores: number;
  broken: boolean;
}

export interface CostRow {
  topology: Topology;
  clientUpKbps: number;
  clientDownKbps: number;
  clientEncodes: number;
  clientDecodes: number;
  connections: number;
  serverInKbps: number;
  serverOutKbps: number;
  serverCores: number;
  turnKbps: number;
  exceeds: Limit[];
}

export interface ConferencingFrame {
  participants: number;
  costs: CostRow[];
  breaks: { topology: Topology; participants: number | null; limit: Limit | null }[];
  meshMax: number;
  sweep: Record<Topology, SweepPoint[]>;
  audio: { sent: number; played: number; late: number; lost: number; mouthToEarMs: number; expectedUnplayable: number };
  ice: { checks: { path: CandidatePath; works: boolean; why: string }[]; selected: CandidatePath | null; rttMs: number | null; turnKbps: number | null };
}
