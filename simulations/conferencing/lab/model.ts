/**
 * The run `create` builds: participants join one by one (the cost of each topology at every size),
 * an audio call's packets cross a lossy path into a fixed jitter buffer, and a 1:1 call runs its ICE
 * checks. Everything is on virtual time; the only randomness is the audio path's named stream.
 */
import type { SimContext } from '../../core/lab';
import type { RandomStream } from '../../core/rng';
import { breakPoints, meshMaxParticipants, sweep, topologyCost, TOPOLOGIES, type BreakPoint, type CallConfig, type Limit, type Topology, type TopologyCost } from '../topology/cost';
import { expectedUnplayable, mouthToEarMs, PACKET_MS, sendPacket, type AudioPathConfig } from '../audio/jitterBuffer';
import { connect, type IceConfig, type IceOutcome } from '../ice/iceCall';
import type { ConferencingParams } from './schema';
import type { ConferencingEvent, ConferencingFrame, ConferencingSeriesName, SweepPoint } from './series';

type ConferencingContext = SimContext<ConferencingEvent, ConferencingSeriesName>;

export interface ConferencingModel {
  readonly params: ConferencingParams;
  readonly call: CallConfig;
  readonly audioPath: AudioPathConfig;
  readonly ice: IceOutcome;
  readonly breaks: BreakPoint[];
  readonly sweep: Record<Topology, SweepPoint[]>;
  participants: number;
  iceChecksDone: number;
  iceDone: boolean;
  audio: { sent: number; played: number; late: number; lost: number };
}

export function callConfig(p: ConferencingParams): CallConfig {
  return {
    videoKbps: p.videoKbps,
    simulcastLayers: p.simulcastLayers,
    visibleTiles: p.visibleTiles,
    uplinkKbps: p.uplinkKbps,
    downlinkKbps: p.downlinkKbps,
    turnShare: p.turnShare,
    serverNicMbps: p.serverNicMbps,
    serverCores: p.serverCores,
    decodeCores: p.decodeCores,
    encodeCores: p.encodeCores,
    forwardCoresPerGbps: p.forwardCoresPerGbps,
    mcuLayout: p.mcuLayout,
  };
}

export function audioPathConfig(p: ConferencingParams): AudioPathConfig {
  return { baseDelayMs: p.baseDelayMs, jitterMs: p.jitterMs, loss: p.lossRate, bufferMs: p.jitterBufferMs };
}

export function iceConfig(p: ConferencingParams): IceConfig {
  return { natA: p.natA, natB: p.natB, udpBlocked: p.udpBlocked, directRttMs: 2 * p.baseDelayMs, turnDetourMs: p.turnDetourMs, videoKbps: p.videoKbps };
}

/** When participant n (2…N) joins: spread over the first half of the run, at most one a second. */
export function joinTimeMs(p: ConferencingParams, n: number): number {
  const gap = Math.min(1000, (p.durationS * 1000) / 2 / Math.max(1, p.participants - 1));
  return (n - 2) * gap;
}

/** Audio packets whose playout slot falls inside the run. */
export function audioPackets(p: ConferencingParams): number {
  const firstSlot = p.baseDelayMs + p.jitterBufferMs;
  return Math.max(0, Math.floor((p.durationS * 1000 - firstSlot) / PACKET_MS) + 1);
}

/** Checks start once both sides have gathered (one round trip to STUN), one check per round trip. */
function iceCheckTimeMs(ice: IceConfig, index: number): number {
  return (index + 1) * ice.directRttMs;
}

const LIMIT_UNITS: Record<Limit, string> = { 'client uplink': 'kbps', 'client downlink': 'kbps', 'server NIC': 'Mbps', 'server CPU': 'cores' };

function limitValues(cost: TopologyCost, call: CallConfig, limit: Limit): { needed: number; available: number } {
  switch (limit) {
    case 'client uplink':
      return { needed: cost.clientUpKbps, available: call.uplinkKbps };
    case 'client downlink':
      return { needed: cost.clientDownKbps, available: call.downlinkKbps };
    case 'server NIC':
      return { needed: Math.max(cost.serverInKbps, cost.serverOutKbps) / 1000, available: call.serverNicMbps };
    case 'server CPU':
      return { needed: cost.serverCores, available: call.serverCores };
  }
}

function sweepPoints(call: CallConfig): Record<Topology, SweepPoint[]> {
  const rows = sweep(call);
  const out = {} as Record<Topology, SweepPoint[]>;
  TOPOLOGIES.forEach((topology, i) => {
    out[topology] = rows[i].map((c) => ({
      participants: c.participants,
      clientUpKbps: c.clientUpKbps,
      clientDownKbps: c.clientDownKbps,
      serverOutKbps: c.serverOutKbps,
      serverCores: c.serverCores,
      broken: c.exceeds.length > 0,
    }));
  });
  return out;
}

export function createConferencing(params: ConferencingParams, ctx: ConferencingContext): ConferencingModel {
  const call = callConfig(params);
  const audioPath = audioPathConfig(params);
  const iceCfg = iceConfig(params);
  const model: ConferencingModel = {
    params,
    call,
    audioPath,
    ice: connect(iceCfg),
    breaks: breakPoints(call),
    sweep: sweepPoints(call),
    participants: 1,
    iceChecksDone: 0,
    iceDone: false,
    audio: { sent: 0, played: 0, late: 0, lost: 0 },
  };
  const { scheduler, recorder } = ctx;
  const horizon = params.durationS * 1000;

  model.ice.checks.forEach((check, i) => {
    scheduler.at(iceCheckTimeMs(iceCfg, i), () => {
      model.iceChecksDone = i + 1;
      recorder.log({ type: 'ice-check', path: check.path, works: check.works, why: check.why });
      if (check.works) {
        model.iceDone = true;
        recorder.log({ type: 'ice-selected', path: model.ice.selected, rttMs: model.ice.rttMs, turnKbps: model.ice.turnKbps });
      }
    });
  });

  const broken = new Set<Topology>();
  const join = (n: number) => {
    model.participants = n;
    const costs = TOPOLOGIES.map((t) => topologyCost(t, call, n));
    const [mesh, sfu, mcu] = costs;
    recorder.log({ type: 'join', participants: n, meshUpKbps: mesh.clientUpKbps, sfuDownKbps: sfu.clientDownKbps, sfuServerOutKbps: sfu.serverOutKbps, mcuServerCores: mcu.serverCores });
    recorder.sample('participants', n);
    recorder.sample('mesh.clientUpKbps', mesh.clientUpKbps);
    recorder.sample('sfu.clientUpKbps', sfu.clientUpKbps);
    recorder.sample('mcu.clientUpKbps', mcu.clientUpKbps);
    recorder.sample('sfu.serverOutKbps', sfu.serverOutKbps);
    recorder.sample('mcu.serverCores', mcu.serverCores);
    for (const cost of costs) {
      if (broken.has(cost.topology) || cost.exceeds.length === 0) continue;
      broken.add(cost.topology);
      const limit = cost.exceeds[0];
      recorder.log({ type: 'break', topology: cost.topology, participants: n, limit, ...limitValues(cost, call, limit), unit: LIMIT_UNITS[limit] });
    }
  };
  for (let n = 2; n <= params.participants; n++) scheduler.at(joinTimeMs(params, n), () => join(n));

  const path: RandomStream = ctx.rng.stream('audio-path');
  const packets = audioPackets(params);
  const playPacket = (seq: number) => {
    const packet = sendPacket(seq, audioPath, path);
    model.audio.sent++;
    model.audio[packet.outcome]++;
    recorder.log({ type: 'audio', seq, outcome: packet.outcome, delayMs: packet.delayMs, bufferMs: audioPath.bufferMs });
    if (packet.delayMs !== null) recorder.sample('audio.delayMs', packet.delayMs);
    if ((seq + 1) % 25 === 0 || seq === packets - 1) recorder.sample('audio.unplayable', (model.audio.late + model.audio.lost) / model.audio.sent);
    if (seq + 1 < packets) scheduler.at(playoutMs(seq + 1), () => playPacket(seq + 1));
  };
  const playoutMs = (seq: number) => seq * PACKET_MS + audioPath.baseDelayMs + audioPath.bufferMs;
  if (packets > 0 && playoutMs(0) <= horizon) scheduler.at(playoutMs(0), () => playPacket(0));
  return model;
}

export function conferencingFrame(model: ConferencingModel): ConferencingFrame {
  const n = Math.max(2, model.participants);
  return {
    participants: model.participants,
    costs: TOPOLOGIES.map((t) => {
      const c = topologyCost(t, model.call, n);
      return {
        topology: t,
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
      };
    }),
    breaks: model.breaks.map((b) => ({ ...b })),
    meshMax: meshMaxParticipants(model.call.uplinkKbps, model.call.videoKbps),
    sweep: model.sweep,
    audio: { ...model.audio, mouthToEarMs: mouthToEarMs(model.audioPath), expectedUnplayable: expectedUnplayable(model.audioPath) },
    ice: {
      checks: model.ice.checks.slice(0, model.iceChecksDone).map((c) => ({ ...c })),
      selected: model.iceDone ? model.ice.selected : null,
      rttMs: model.iceDone ? model.ice.rttMs : null,
      turnKbps: model.iceDone ? model.ice.turnKbps : null,
    },
  };
}
