import { TOPOLOGIES, topologyCost, meshMaxParticipants, type Limit, type Topology } from '../topology/cost';
import { expectedUnplayable, lateProbability, mouthToEarMs } from '../audio/jitterBuffer';
import type { CandidatePath } from '../ice/iceCall';
import type { ConferencingModel } from './model';

/** The CLI's --json document: bitrates in kbps, CPU in cores, delays in ms. */
export interface ConferencingResult {
  participants: number;
  topologies: Record<Topology, {
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
    breaksAt: number | null;
    breaksOn: Limit | null;
  }>;
  meshMaxParticipants: number;
  audio: {
    sent: number;
    played: number;
    late: number;
    lost: number;
    unplayableRate: number | null;
    expectedUnplayableRate: number;
    expectedLateRate: number;
    mouthToEarMs: number;
  };
  call1to1: { selected: CandidatePath; rttMs: number; turnKbps: number; checks: { path: CandidatePath; works: boolean }[] };
}

export function conferencingResult(model: ConferencingModel): ConferencingResult {
  const n = Math.max(2, model.participants);
  const topologies = {} as ConferencingResult['topologies'];
  for (const topology of TOPOLOGIES) {
    const c = topologyCost(topology, model.call, n);
    const b = model.breaks.find((x) => x.topology === topology)!;
    topologies[topology] = {
      clientUpKbps: c.clientUpKbps,
      clientDownKbps: c.clientDownKbps,
      clientEncodes: c.clientEncodes,
      clientDecodes: c.clientDecodes,
      connections: c.connections,
      serverInKbps: c.serverInKbps,
      serverOutKbps: c.serverOutKbps,
      serverCores: c.serverCores,
      turnKbps: c.turnKbps,
      exceeds: c.exceeds,
      breaksAt: b.participants,
      breaksOn: b.limit,
    };
  }
  const a = model.audio;
  return {
    participants: model.participants,
    topologies,
    meshMaxParticipants: meshMaxParticipants(model.call.uplinkKbps, model.call.videoKbps),
    audio: {
      ...a,
      unplayableRate: a.sent ? (a.late + a.lost) / a.sent : null,
      expectedUnplayableRate: expectedUnplayable(model.audioPath),
      expectedLateRate: lateProbability(model.audioPath),
      mouthToEarMs: mouthToEarMs(model.audioPath),
    },
    call1to1: { selected: model.ice.selected, rttMs: model.ice.rttMs, turnKbps: model.ice.turnKbps, checks: model.ice.checks.map((c) => ({ path: c.path, works: c.works })) },
  };
}
