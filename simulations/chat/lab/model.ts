/**
 * One chat run: wires the parts on the SimContext. Clients and their devices (devices/), the load
 * balancer and the gateways with their heartbeat wheels (gateways/), the routing core (core/:
 * registry, router, sync log, presence, receipts, backoff), who hears presence (presence/), message
 * delivery (delivery/), the users' behaviour (workload/), faults through each gateway's lifecycle
 * machine (faults/, machines/) and the counters (metrics/). Also samples the series and builds the
 * frame a view draws.
 *
 * Scale: devices are struct-of-arrays (typed arrays indexed by device id), groups are CSR arrays.
 * Per-message and per-delivery work is arithmetic (queue "busy until" times), not scheduler events.
 * Heartbeats are batched: every device sits in one bucket of its gateway's heartbeat wheel by its
 * phase; a tick every h / heartbeatTicks visits exactly the devices whose heartbeat fell in that
 * slice, so counts are exact and presence sees each heartbeat's exact time. Scheduler events remain
 * only where state changes per device: connect attempts, handshakes, disconnects, logins/logouts.
 *
 * LOUD: the order of construction below is the order of the seeded draws and of the first scheduled
 * events; changing it changes every run (the determinism tests pin the event logs).
 */
import type { BackoffPolicy, BackoffPolicyFactory } from '../core/backoffPolicy';
import { pluginGuard, type PluginGuard } from '../../core/pluginFailure';
import { createActor, type Actor } from 'xstate';
import type { SimContext } from '../../core/lab';
import { ConversationLogs, Router } from '../core/fanout';
import { HashRing } from '../core/hashRing';
import { LoadBalancer } from '../core/loadBalancer';
import { PresenceCoalescer, PresenceService } from '../core/presence';
import { ReceiptTracker } from '../core/receipts';
import { SessionRegistry } from '../core/registry';
import { SyncLog } from '../core/syncLog';
import { Delivery } from '../delivery/delivery';
import { Connections } from '../devices/connections';
import { DEVICE_STATE, DeviceTable } from '../devices/deviceTable';
import { buildPopulation, type Population } from '../devices/population';
import { GatewayFaults } from '../faults/gatewayFaults';
import { Gateways } from '../gateways/gateways';
import { HeartbeatTicker } from '../gateways/heartbeatTicker';
import { HeartbeatWheel } from '../gateways/heartbeatWheel';
import { gatewayEventOf, gatewayLifecycleMachine } from '../machines/gatewayLifecycle';
import { ChatMetrics } from '../metrics/chatMetrics';
import { PresenceFanout } from '../presence/presenceFanout';
import { buildGroups, type Groups } from '../workload/groups';
import { Workload } from '../workload/workload';
import { presencePeriodMs, type ChatParams } from './schema';
import { gatewaySeries, type ChatEvent, type ChatFrame, type ChatSeries, type DevicePlace } from './series';

/** The run `create` builds: its parts, for the lab's result, frame and tests (views never see it). */
export class ChatModel {
  readonly pop: Population;
  readonly groups: Groups;
  readonly devices: DeviceTable;
  readonly gateways: Gateways;
  readonly wheel: HeartbeatWheel;
  readonly ticker: HeartbeatTicker;
  readonly registry: SessionRegistry;
  readonly log: SyncLog;
  readonly conversations: ConversationLogs | null;
  readonly router: Router;
  readonly presence: PresenceService;
  readonly receipts: ReceiptTracker;
  readonly lb: LoadBalancer;
  readonly coalescer: PresenceCoalescer;
  readonly connections: Connections;
  readonly delivery: Delivery;
  readonly presenceFanout: PresenceFanout;
  readonly workload: Workload;
  readonly faults: GatewayFaults;
  /** one lifecycle actor per gateway */
  readonly lifecycles: Actor<typeof gatewayLifecycleMachine>[] = [];
  readonly metrics: ChatMetrics;
  private lastSample = { writes: 0, presence: 0, heartbeats: 0, attempts: 0, sends: 0, t: 0 };
  private samples = 0;
  /** one sample in this many is also logged as a snapshot: at most SNAPSHOTS_PER_RUN per run */
  private readonly snapshotEvery: number;

  constructor(
    readonly p: ChatParams,
    private readonly ctx: SimContext<ChatEvent, ChatSeries>,
    backoffFactory?: BackoffPolicyFactory,
  ) {
    this.snapshotEvery = Math.max(1, Math.ceil(p.durationMs / p.sampleMs / SNAPSHOTS_PER_RUN));
    const rng = ctx.rng;
    const s = ctx.scheduler;
    const rConn = rng.stream('connections');
    const rLb = rng.stream('lb');
    const backoff = { policy: p['reconnect.policy'], baseMs: p['reconnect.baseMs'], capMs: p['reconnect.capMs'] };
    // LOUD: the plug-in's seed comes from its own named stream, so the built-ins' streams are untouched
    const backoffPolicy = backoffFactory ? guardedPolicy(backoffFactory({ baseMs: backoff.baseMs, capMs: backoff.capMs }, rng.stream('yours.backoff').nextUint32()), pluginGuard(s), backoff.baseMs) : null;

    this.pop = buildPopulation(p.users, p.devicesPerUser, rng.stream('population'));
    this.groups = buildGroups(
      p.users,
      { median: p['groupSize.median'], p99: p['groupSize.p99'], max: p['groupSize.max'] },
      p.groupShare > 0 || p['presence.changesPerUserPerMin'] > 0 ? p.groupsPerUser : 0,
      rng.stream('groups'),
    );
    const n = this.pop.devices;
    const G = p.gateways;
    const anySlow = p['slowConsumer.fraction'] > 0;

    this.metrics = new ChatMetrics(p.durationMs);
    this.gateways = new Gateways(p);
    this.registry = new SessionRegistry(n, this.pop.firstDevice);
    this.log = new SyncLog(this.pop.firstDevice, { ttlMs: p.offlineTtlMs, trackExpiry: p.offlineTtlMs < p.durationMs });
    this.conversations = p.fanout === 'write' ? null : new ConversationLogs(this.groups.count, this.groups.members.length);
    this.router = new Router(this.registry, this.log, this.pop.firstDevice, this.gateways.up, p.fanout, p.fanoutThreshold, this.conversations);
    this.presence = new PresenceService(p.users, { dMs: presencePeriodMs(p), epsilonMs: p['presence.epsilon'] });
    this.receipts = new ReceiptTracker(p.receipts, p.readDelayMs, p.users + this.groups.count);
    this.lb = new LoadBalancer(p['lb.policy'], G);
    this.coalescer = new PresenceCoalescer(this.groups.count);
    const csRing = p.channelServers > 0 ? new HashRing(p.channelServers, 64) : null;

    const devices = (this.devices = new DeviceTable(this.pop, G, anySlow));
    const wheel = (this.wheel = new HeartbeatWheel(n, G, p.heartbeatMs, p.heartbeatTicks));
    const common = { devices, pop: this.pop, groups: this.groups, gateways: this.gateways, metrics: this.metrics };
    this.connections = new Connections(
      { ...common, wheel, registry: this.registry, lb: this.lb, presence: this.presence },
      { ...p, backoff, backoffPolicy },
      s,
      ctx.recorder,
      rConn,
      rLb,
    );
    this.ticker = new HeartbeatTicker({ ...common, wheel, presence: this.presence }, p.heartbeatMs, s);
    this.presenceFanout = new PresenceFanout(
      { ...common, registry: this.registry, connections: this.connections, coalescer: this.coalescer, ticker: this.ticker },
      { strategy: p['presence.strategy'], coalesceMs: p['presence.coalesceMs'], traceMessages: p.traceMessages },
      s,
      ctx.recorder,
    );
    this.delivery = new Delivery(
      { ...common, connections: this.connections, router: this.router, log: this.log, conversations: this.conversations, receipts: this.receipts, csRing },
      p,
      s,
      ctx.recorder,
    );
    this.connections.presenceSink = this.presenceFanout;
    this.connections.catchUp = this.delivery;
    this.ticker.presenceSink = this.presenceFanout;
    this.workload = new Workload(
      { ...common, connections: this.connections, delivery: this.delivery, presence: this.presence, presenceSink: this.presenceFanout },
      p,
      s,
      { sends: rng.stream('sends'), churn: rng.stream('churn'), presence: rng.stream('presence') },
    );
    this.faults = new GatewayFaults(
      { ...common, wheel, ticker: this.ticker, connections: this.connections, registry: this.registry, log: this.log, replay: (d, u, at) => this.delivery.replay(d, u, at) },
      p,
      s,
      ctx.recorder,
      rng.stream('faults'),
    );

    const rDev = rng.stream('devices');
    for (let d = 0; d < n; d++) {
      devices.foreground[d] = rDev.next() >= p.passiveFraction ? 1 : 0;
      if (anySlow) devices.slow[d] = rDev.next() < p['slowConsumer.fraction'] ? 1 : 0;
    }

    // the gateways' lifecycle machines: the machine decides when, the faults part does it
    const faults = this.faults;
    const lifecycle = gatewayLifecycleMachine.provide({
      actions: {
        crashed: ({ context }) => faults.crashed(context.gateway),
        restarted: ({ context }) => faults.restarted(context.gateway),
        drainStarted: ({ context }) => faults.drainStarted(context.gateway, context.durationMs ?? 0),
        drainFinished: ({ context }) => faults.restarted(context.gateway),
        partitioned: ({ context }) => faults.partitioned(context.gateway),
        healed: ({ context }) => faults.healed(context.gateway),
      },
    });
    let initializing = true;
    for (let g = 0; g < G; g++) {
      const actor = createActor(lifecycle, { input: { gateway: g }, clock: ctx.clock });
      actor.subscribe((snap) => {
        if (!initializing) ctx.recorder.log({ type: 'gateway', gateway: g, state: String(snap.value) });
      });
      actor.start();
      this.lifecycles.push(actor);
    }

    this.workload.placeInitialUsers();
    initializing = false;
    this.presenceFanout.initializing = false;

    this.ticker.start();
    s.at(p.sampleMs, () => this.sample());
    this.workload.start();
    this.presenceFanout.start();
    for (const f of p.faults) {
      if (f.gateway < 0 || f.gateway >= G) continue;
      s.at(f.atMs, () => {
        faults.injected(f);
        this.lifecycles[f.gateway].send(gatewayEventOf(f));
      });
    }
  }

  /** Gateway g's lifecycle state ('up', 'down', 'dead', 'draining', 'partitioned', 'partitionedForever'). */
  gatewayState(g: number): string {
    return String(this.lifecycles[g].getSnapshot().value);
  }

  /** Messages waiting for a device that is not connected (sync logs and read-fanout conversation logs). */
  offlineBacklog(): number {
    return this.log.backlog + (this.conversations?.backlog ?? 0);
  }

  private sample(): void {
    const s = this.ctx.scheduler;
    const t = s.now;
    const rec = this.ctx.recorder;
    const m = this.metrics;
    const last = this.lastSample;
    const dt = (t - last.t) / 1000;
    rec.sample('socketWritesPerSec', (m.socketWrites - last.writes) / dt);
    rec.sample('presenceDeliveriesPerSec', (m.presenceDeliveries - last.presence) / dt);
    rec.sample('heartbeatsPerSec', (m.heartbeats - last.heartbeats) / dt);
    rec.sample('sendsPerSec', (m.sends - last.sends) / dt);
    rec.sample('reconnectAttemptsPerSec', (m.attempts - last.attempts) / dt);
    let acceptCapacity = 0;
    for (let g = 0; g < this.gateways.gateways; g++) if (this.gateways.accepting(g)) acceptCapacity += this.p.acceptRatePerSec;
    rec.sample('acceptCapacityPerSec', acceptCapacity);
    rec.sample('connectedDevices', m.connectedDevices);
    rec.sample('offlineBacklog', this.offlineBacklog());
    rec.sample('latencyP50Ms', m.windowLatency.count ? m.windowLatency.quantile(0.5) : 0);
    rec.sample('latencyP99Ms', m.windowLatency.count ? m.windowLatency.quantile(0.99) : 0);
    rec.sample('latencyMaxMs', m.windowLatency.max);
    // every k-th sample also goes to the log as a snapshot a learner can step through (bounded count)
    if (this.samples++ % this.snapshotEvery === 0) {
      rec.log({
        type: 'snapshot',
        connected: m.connectedDevices,
        devices: m.demandDevices,
        sendsPerSec: (m.sends - last.sends) / dt,
        p99Ms: m.windowLatency.count ? m.windowLatency.quantile(0.99) : 0,
        reconnectsPerSec: (m.attempts - last.attempts) / dt,
      });
    }
    m.windowLatency.reset();
    for (let g = 0; g < this.gateways.gateways; g++) {
      rec.sample(gatewaySeries.connections(g), this.gateways.gws[g].conns);
      rec.sample(gatewaySeries.memoryMB(g), this.gateways.memoryMB(g));
    }
    this.lastSample = { writes: m.socketWrites, presence: m.presenceDeliveries, heartbeats: m.heartbeats, attempts: m.attempts, sends: m.sends, t };
    this.log.expire(t);
    s.at(t + this.p.sampleMs, () => this.sample());
  }
}

/** Snapshots logged per run at most (one per chart sample on short runs). */
export const SNAPSHOTS_PER_RUN = 400;

/** The learner's policy behind the plug-in guard (core/pluginFailure.ts): its first failure stops the run; until then `base`. */
function guardedPolicy(inner: BackoffPolicy, guard: PluginGuard, baseMs: number): BackoffPolicy {
  return { delayMs: (input) => guard(() => inner.delayMs(input), baseMs) };
}

/** `backoff`: the code lab's learner policy, in place of reconnect.policy. */
export function createChatModel(params: ChatParams, ctx: SimContext<ChatEvent, ChatSeries>, backoff?: BackoffPolicyFactory): ChatModel {
  return new ChatModel(params, ctx, backoff);
}

/** Sampled writes and presence changes a frame carries (the view draws at most this many). */
const FRAME_WRITES = 160;
const FRAME_PRESENCE = 24;
/** Up to this many devices a frame places sampled devices exactly (one pass over the device table). */
export const EXACT_PLACES_MAX_DEVICES = 200_000;

/**
 * What the view draws of the run now: per gateway its state and counts, the fleet totals, and the
 * newest sampled writes and presence changes with where their devices sit. O(gateways + samples)
 * (plus one pass over the devices for exact places in runs up to EXACT_PLACES_MAX_DEVICES).
 */
export function chatFrame(model: ChatModel, now: number): ChatFrame {
  const { devices: dev, gateways, metrics, pop } = model;
  const writes = metrics.recentWrites.recent(-Infinity, now, FRAME_WRITES);
  const presence = metrics.recentPresence.recent(-Infinity, now, FRAME_PRESENCE);
  const wanted = [...writes.map((w) => w.device), ...presence.map((c) => pop.firstDevice[c.user])];
  const place = placesOf(dev, wanted);
  return {
    now,
    devices: dev.devices,
    connectedDevices: metrics.connectedDevices,
    demandDevices: metrics.demandDevices,
    attempts: metrics.attempts,
    gateways: gateways.gws.map((gw, g) => ({ state: model.gatewayState(g), up: gw.up, conns: gw.conns, connected: dev.connectedVia(g), handshaking: dev.handshakingWith(g) })),
    reconnecting: dev.reconnecting,
    offline: dev.offline,
    writes: writes.map((w, i) => ({ ...w, place: place[i] })),
    presence: presence.map((c, i) => ({ ...c, place: place[writes.length + i] })),
  };
}

function kindOf(dev: DeviceTable, d: number): { kind: DevicePlace['kind']; gateway: number } {
  const s = dev.state[d];
  const g = dev.clientGw[d];
  const G = dev.gateways;
  if (s === DEVICE_STATE.ONLINE && g >= 0 && g < G) return { kind: 'connected', gateway: g };
  if (s === DEVICE_STATE.CONNECTING && g >= 0 && g < G) return { kind: 'handshaking', gateway: g };
  return s === DEVICE_STATE.OFF ? { kind: 'offline', gateway: -1 } : { kind: 'reconnecting', gateway: G };
}

function countOf(dev: DeviceTable, kind: DevicePlace['kind'], g: number): number {
  if (kind === 'connected') return dev.connectedVia(g);
  if (kind === 'handshaking') return dev.handshakingWith(g);
  return kind === 'offline' ? dev.offline : dev.reconnecting;
}

/** Places of the wanted devices: exact ranks (one pass) in runs up to EXACT_PLACES_MAX_DEVICES, else proportional. */
export function placesOf(dev: DeviceTable, wanted: readonly number[]): DevicePlace[] {
  const places: DevicePlace[] = wanted.map((d) => ({ ...kindOf(dev, d), rank: 0 }));
  if (wanted.length === 0) return places;
  const n = dev.devices;
  if (n > EXACT_PLACES_MAX_DEVICES) {
    for (let i = 0; i < wanted.length; i++) {
      const pl = places[i];
      pl.rank = Math.min(Math.max(0, countOf(dev, pl.kind, pl.gateway) - 1), Math.floor((countOf(dev, pl.kind, pl.gateway) * wanted[i]) / n));
    }
    return places;
  }
  // exact: for each wanted device, how many devices of its kind and column come before it
  const G = dev.gateways;
  const byDevice = new Map<number, number[]>();
  wanted.forEach((d, i) => {
    const list = byDevice.get(d);
    if (list) list.push(i);
    else byDevice.set(d, [i]);
  });
  const running = new Int32Array(2 * G + 2);
  const { state, clientGw } = dev;
  for (let d = 0; d < n; d++) {
    const s = state[d];
    const g = clientGw[d];
    const k = s === DEVICE_STATE.ONLINE && g >= 0 && g < G ? g : s === DEVICE_STATE.CONNECTING && g >= 0 && g < G ? G + g : s === DEVICE_STATE.OFF ? 2 * G : 2 * G + 1;
    const hit = byDevice.get(d);
    if (hit) for (const i of hit) places[i].rank = running[k];
    running[k]++;
  }
  return places;
}
