/**
 * The chat lab's parameter schema: flat, dotted keys mirroring the scenario file
 * (`presence.d`, `groupSize.median`, `reconnect.policy`, …). Times are virtual milliseconds.
 */
import type { ParamError, ParamSchema, ParamsOf } from '../../core/params';
import { RECONNECT_POLICIES } from '../core/backoff';
import { SERVER_MODELS } from '../core/capacity';
import { FANOUT_MODES } from '../core/fanout';
import { LB_POLICIES } from '../core/loadBalancer';
import { PRESENCE_STRATEGIES } from '../core/presence';
import { RECEIPT_MODES } from '../core/receipts';
import { checkFaults, type Fault } from '../faults/fault';
import { groupedNumber } from '@/simulations/core/numberText';

const G_WORKLOAD = 'Workload';
const G_GATEWAY = 'Gateways';
const G_CONN = 'Connections';
const G_PRESENCE = 'Presence';
const G_FANOUT = 'Fan-out';
const G_FAULTS = 'Faults';

export const chatSchema = {
  users: { type: 'number', integer: true, min: 2, max: 5_000_000, default: 10_000, scale: 'log', group: G_WORKLOAD, description: 'Users (each with one or more devices).' },
  devicesPerUser: { type: 'number', min: 1, max: 3, default: 1.3, step: 0.1, group: G_WORKLOAD, description: 'Mean devices per user (fractional part = share of users with one more device); multi-device multiplies deliveries.' },
  onlineFraction: { type: 'number', min: 0, max: 1, default: 0.6, step: 0.01, group: G_WORKLOAD, description: 'Share of users online (all their devices connected); the peak of the diurnal curve when it is on.' },
  sendsPerUserPerMin: { type: 'number', min: 0, max: 120, default: 1, step: 0.1, group: G_WORKLOAD, description: 'Messages each online user sends per minute (Poisson).' },
  groupShare: { type: 'number', min: 0, max: 1, default: 0.3, step: 0.01, group: G_WORKLOAD, description: 'Share of messages sent to groups (the rest are 1:1).' },
  'groupSize.median': { type: 'number', integer: true, min: 2, max: 5_000_000, default: 6, scale: 'log', group: G_WORKLOAD, description: 'Median group size (members, sender included).' },
  'groupSize.p99': { type: 'number', integer: true, min: 2, max: 5_000_000, default: 500, scale: 'log', group: G_WORKLOAD, description: '99th percentile group size (the heavy tail).' },
  'groupSize.max': { type: 'number', integer: true, min: 2, max: 5_000_000, default: 1024, scale: 'log', group: G_WORKLOAD, description: 'Largest group (cap). median = p99 = max gives fixed-size groups.' },
  groupsPerUser: { type: 'number', min: 0.01, max: 50, default: 3, step: 0.1, group: G_WORKLOAD, advanced: true, description: 'Group memberships per user (sets the number of groups).' },
  messageBytes: { type: 'number', integer: true, min: 16, max: 1_000_000, default: 250, unit: 'B', group: G_WORKLOAD, advanced: true, description: 'Message size on the wire (payload + framing).' },
  passiveFraction: { type: 'number', min: 0, max: 1, default: 0, step: 0.01, group: G_WORKLOAD, description: 'Share of sessions that are passive (connected, app in background / not looking).' },
  'session.meanMs': { type: 'number', min: 0, max: 86_400_000, default: 0, unit: 'ms', group: G_WORKLOAD, advanced: true, description: 'Mean online session length; users then stay offline long enough to keep the online fraction (0 = nobody logs in or out).' },
  'diurnal.dayMs': { type: 'number', min: 0, max: 86_400_000, default: 0, unit: 'ms', group: G_WORKLOAD, advanced: true, description: 'Length of one compressed virtual day for the diurnal online curve (peaks 11:00 and 14:00; users log in and out to follow it, sessions default to 1/48 day); 0 = flat.' },
  readDelayMs: { type: 'number', min: 0, max: 3_600_000, default: 3000, unit: 'ms', group: G_WORKLOAD, advanced: true, description: 'Time a foreground reader takes to read; messages arriving within it form one read burst.' },

  gateways: { type: 'number', integer: true, min: 1, max: 256, default: 4, group: G_GATEWAY, description: 'Gateway servers (numbered from 0).' },
  spareGateways: { type: 'number', integer: true, min: 0, max: 255, default: 0, group: G_GATEWAY, advanced: true, description: 'The last this-many gateways start empty (spare capacity that takes the reconnect storm).' },
  serverModel: { type: 'enum', options: SERVER_MODELS, default: 'actor' as const, group: G_GATEWAY, description: 'How a gateway handles connections: a thread each (1 MB stack), one event loop, or one lightweight process each (BEAM).' },
  memoryPerConnectionKB: { type: 'number', min: 0.5, max: 65_536, default: 25, unit: 'KB', group: G_GATEWAY, description: 'Memory per connection, user space + kernel (25 KB ≈ WhatsApp 2012 all-in).' },
  threadStackKB: { type: 'number', min: 0, max: 65_536, default: 1024, unit: 'KB', group: G_GATEWAY, advanced: true, description: 'Stack per thread (thread-per-connection only), added to memory per connection.' },
  gatewayRamGB: { type: 'number', min: 0.01, max: 4096, default: 64, unit: 'GB', group: G_GATEWAY, description: 'RAM per gateway usable for connections.' },
  fdLimit: { type: 'number', integer: true, min: 16, max: 100_000_000, default: 1_048_576, scale: 'log', group: G_GATEWAY, description: 'File descriptors per gateway process (1,024 = default ulimit / select() FD_SETSIZE).' },
  acceptRatePerSec: { type: 'number', min: 1, max: 10_000_000, default: 5000, unit: '/s', scale: 'log', group: G_GATEWAY, description: 'Handshakes (TLS + auth) a gateway completes per second.' },
  backlog: { type: 'number', integer: true, min: 1, max: 10_000_000, default: 4096, scale: 'log', group: G_GATEWAY, description: 'Accept backlog: handshakes that may wait; more are refused (somaxconn; 128 was the old default).' },
  cores: { type: 'number', integer: true, min: 1, max: 1024, default: 24, group: G_GATEWAY, advanced: true, description: 'Cores per gateway (send lanes for thread and actor models; an event loop uses one).' },
  sendCostUs: { type: 'number', min: 0, max: 100_000, default: 5, unit: 'µs', group: G_GATEWAY, description: 'CPU per socket write on a gateway (≈25 µs Node ws, ≈5 µs BEAM).' },
  fanoutCostUs: { type: 'number', min: 0, max: 100_000, default: 5, unit: 'µs', group: G_GATEWAY, advanced: true, description: 'CPU per target for the process that fans a group message out (guild process, channel server or relay).' },
  'lb.policy': { type: 'enum', options: LB_POLICIES, default: 'least-connections' as const, group: G_GATEWAY, description: 'How the load balancer picks a gateway for a new connection.' },
  'lb.idleTimeoutMs': { type: 'number', min: 1000, max: 3_600_000, default: 60_000, unit: 'ms', group: G_GATEWAY, advanced: true, description: 'Load balancer idle timeout: a connection silent this long is cut (heartbeats must be more frequent).' },
  'lb.healthCheckMs': { type: 'number', min: 100, max: 3_600_000, default: 10_000, unit: 'ms', group: G_GATEWAY, advanced: true, description: 'A gateway the load balancer cannot reach is taken out of rotation after this long (health-check interval × failures).' },
  channelServers: { type: 'number', integer: true, min: 0, max: 1024, default: 0, group: G_FANOUT, description: 'Channel-server tier (Slack): groups placed on channel servers by consistent hashing, which send ONE copy per gateway; 0 = each group has its own process sending per session.' },
  relays: { type: 'number', integer: true, min: 0, max: 10_000, default: 0, group: G_FANOUT, description: 'Relays per huge group (Discord): the fan-out is split across this many parallel processes; 0 = none.' },
  relayThreshold: { type: 'number', integer: true, min: 1, max: 5_000_000, default: 5000, group: G_FANOUT, advanced: true, description: 'Online recipients above which a group message goes through relays.' },
  rttMs: { type: 'number', min: 0, max: 5000, default: 50, unit: 'ms', group: G_CONN, advanced: true, description: 'Client ↔ gateway round trip.' },
  interNodeMs: { type: 'number', min: 0, max: 1000, default: 0.5, unit: 'ms', group: G_CONN, advanced: true, description: 'One hop between server processes (router, channel server, relay, gateway).' },

  heartbeatMs: { type: 'number', min: 100, max: 3_600_000, default: 30_000, unit: 'ms', group: G_CONN, description: 'Client heartbeat interval h (heartbeats/s = connections / h); presence d follows it unless presence.d is set.' },
  pingTimeoutMs: { type: 'number', min: 100, max: 3_600_000, default: 20_000, unit: 'ms', group: G_CONN, advanced: true, description: 'Client gives up on a connection when a heartbeat is not acknowledged within this.' },
  deadPeerTimeoutMs: { type: 'number', min: 100, max: 3_600_000, default: 60_000, unit: 'ms', group: G_CONN, advanced: true, description: 'Gateway closes a connection that sent no heartbeat for this long.' },
  'reconnect.policy': { type: 'enum', options: RECONNECT_POLICIES, default: 'full-jitter' as const, group: G_CONN, description: 'Reconnect backoff: none retries at once; jitter spreads a storm.' },
  'reconnect.baseMs': { type: 'number', min: 0, max: 3_600_000, default: 1000, unit: 'ms', group: G_CONN, description: 'Backoff base: the width of the first reconnect window.' },
  'reconnect.capMs': { type: 'number', min: 0, max: 3_600_000, default: 30_000, unit: 'ms', group: G_CONN, description: 'Backoff cap.' },

  'presence.d': { type: 'number', min: 0, max: 3_600_000, default: 0, unit: 'ms', group: G_PRESENCE, description: 'Presence heartbeat period d: a user goes offline d + 2ε after the last heartbeat. 0 = the heartbeat interval h (presence hears the connection heartbeats); never below h, or users flap offline between beats.' },
  'presence.epsilon': { type: 'number', min: 0, max: 600_000, default: 5000, unit: 'ms', group: G_PRESENCE, description: 'Presence slack ε for network delay.' },
  'presence.strategy': { type: 'enum', options: PRESENCE_STRATEGIES, default: 'all-members' as const, group: G_PRESENCE, description: 'Who hears a presence change: every online group member, only foreground sessions, or one coalesced update per window.' },
  'presence.changesPerUserPerMin': { type: 'number', min: 0, max: 60, default: 0.1, step: 0.01, group: G_PRESENCE, description: 'Online ↔ away changes per online user per minute.' },
  'presence.coalesceMs': { type: 'number', min: 10, max: 600_000, default: 5000, unit: 'ms', group: G_PRESENCE, advanced: true, description: 'Coalescing window for the coalesced strategy.' },

  fanout: { type: 'enum', options: FANOUT_MODES, default: 'hybrid' as const, group: G_FANOUT, description: 'Fan-out on write (an inbox row per recipient), on read (one log row, recipients scan), or hybrid.' },
  fanoutThreshold: { type: 'number', integer: true, min: 2, max: 5_000_000, default: 100, group: G_FANOUT, description: 'Hybrid: groups up to this size fan out on write, bigger ones on read.' },
  receipts: { type: 'enum', options: RECEIPT_MODES, default: 'per-message' as const, group: G_FANOUT, description: 'Delivered/read receipts per message, or one cursor per conversation per read burst.' },
  offlineTtlMs: { type: 'number', min: 1000, max: 31_536_000_000, default: 2_592_000_000, unit: 'ms', group: G_FANOUT, advanced: true, description: 'How long undelivered messages wait in the offline queue (30 days).' },

  'slowConsumer.fraction': { type: 'number', min: 0, max: 1, default: 0, step: 0.01, group: G_FAULTS, description: 'Share of devices on a slow link.' },
  'slowConsumer.bytesPerSec': { type: 'number', min: 1, max: 1e9, default: 2000, unit: 'B/s', group: G_FAULTS, advanced: true, description: 'Drain rate of a slow device.' },
  'slowConsumer.bufferKB': { type: 'number', min: 1, max: 1e6, default: 64, unit: 'KB', group: G_FAULTS, advanced: true, description: 'Per-socket send buffer; a slow consumer that overflows it is disconnected.' },
  faults: { type: 'json', default: [] as Fault[], check: checkFaults, group: G_FAULTS, description: 'Faults: list of {atMs, type: "gateway-crash" | "drain" | "partition", gateway, durationMs?}; a crashed gateway returns after durationMs.' },

  durationMs: { type: 'number', min: 1000, max: 86_400_000, default: 60_000, unit: 'ms', group: 'Run', description: 'Virtual time to simulate.' },
  sampleMs: { type: 'number', min: 10, max: 3_600_000, default: 1000, unit: 'ms', group: 'Run', advanced: true, description: 'Chart sample period.' },
  heartbeatTicks: { type: 'number', integer: true, min: 1, max: 10_000, default: 300, group: 'Run', advanced: true, description: 'Heartbeats are processed in this many batches per interval (exact counts; timers late by at most one batch).' },
  traceMessages: { type: 'boolean', default: false, group: 'Run', advanced: true, description: 'Log every send and delivery as events (small runs and tests).' },
} satisfies ParamSchema;

export type ChatSchema = typeof chatSchema;
export type ChatParams = ParamsOf<ChatSchema>;

/** The presence period d in ms (`presence.d`, or the heartbeat interval when it is 0). */
export function presencePeriodMs(p: Pick<ChatParams, 'presence.d' | 'heartbeatMs'>): number {
  return p['presence.d'] > 0 ? p['presence.d'] : p.heartbeatMs;
}

/** Group memberships the model can hold (three Int32 arrays each, plus cursors): about 0.5 GB at the cap. */
export const MAX_MEMBERSHIPS = 30_000_000;

/** Checks that span several keys; each error names the key to fix. */
export function crossCheck(p: ChatParams): ParamError[] {
  const errors: ParamError[] = [];
  const err = (field: string, message: string) => errors.push({ field, value: (p as Record<string, unknown>)[field], message });
  if (p['groupSize.p99'] < p['groupSize.median']) err('groupSize.p99', `groupSize.p99 = ${p['groupSize.p99']} is invalid: must be >= groupSize.median (${p['groupSize.median']})`);
  if (p['groupSize.max'] < p['groupSize.p99']) err('groupSize.max', `groupSize.max = ${p['groupSize.max']} is invalid: must be >= groupSize.p99 (${p['groupSize.p99']})`);
  if (p.spareGateways >= p.gateways) err('spareGateways', `spareGateways = ${p.spareGateways} is invalid: must be below gateways (${p.gateways})`);
  const memberships = p.users * p.groupsPerUser;
  if (memberships > MAX_MEMBERSHIPS) err('groupsPerUser', `groupsPerUser = ${p.groupsPerUser} is invalid: users × groupsPerUser = ${groupedNumber(Math.round(memberships))} group memberships, at most ${groupedNumber(MAX_MEMBERSHIPS)} fit in memory (lower groupsPerUser or users)`);
  const d = p['presence.d'];
  if (d > 0 && d < p.heartbeatMs) err('presence.d', `presence.d = ${d} is invalid: must be 0 (the heartbeat interval) or >= heartbeatMs (${p.heartbeatMs}); presence hears the connection heartbeats, so a shorter d marks every user offline between two beats`);
  if (p['reconnect.capMs'] < p['reconnect.baseMs']) err('reconnect.capMs', `reconnect.capMs = ${p['reconnect.capMs']} is invalid: must be >= reconnect.baseMs (${p['reconnect.baseMs']})`);
  p.faults.forEach((f, i) => {
    if (f.gateway >= p.gateways) err('faults', `faults[${i}].gateway = ${f.gateway} is invalid: gateways are numbered 0 to ${p.gateways - 1}`);
  });
  return errors;
}
