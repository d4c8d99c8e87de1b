/**
 * The chat system on the discrete-event scheduler: clients and their devices, a load balancer,
 * gateways, the routing core (registry, router, sync log, presence, receipts, backoff) and the
 * workload and faults that drive them.
 *
 * Scale: devices are struct-of-arrays (typed arrays indexed by device id), groups are CSR arrays.
 * Per-message and per-delivery work is arithmetic (queue "busy until" times), not scheduler events.
 * Heartbeats are batched: every device sits in one bucket of its gateway's heartbeat wheel by its
 * phase; a tick every h / heartbeatTicks visits exactly the devices whose heartbeat fell in that
 * slice, so counts are exact and presence sees each heartbeat's exact time. Scheduler events remain
 * only where state changes per device: connect attempts, handshakes, disconnects, logins/logouts.
 *
 * LOUD: acknowledgements are applied when a write is computed (its arrival time is in the future but
 * known); a fault that lands inside that in-flight window does not retract it.
 */
import type { SimContext } from '../../core/lab';
import type { RandomStream } from '../../core/rng';
import { createActor, type Actor } from 'xstate';
import { firstAttemptDelay, retryDelay, type BackoffConfig } from '../core/backoff';
import { capacity, effectiveKBPerConnection, sendLanes, KB_PER_GB } from '../core/capacity';
import { ConversationLogs, Router, usesWriteFanout, type RouterPorts } from '../core/fanout';
import { HashRing } from '../core/hashRing';
import { LoadBalancer, type LbView } from '../core/loadBalancer';
import { PresenceCoalescer, PresenceService, presenceAudience, PRESENCE_OFFLINE, type PresenceSink, type PresenceStatus } from '../core/presence';
import { ReceiptTracker } from '../core/receipts';
import { NO_GATEWAY, SessionRegistry } from '../core/registry';
import { SyncLog } from '../core/syncLog';
import { gatewayLifecycleMachine } from '../machines/gatewayLifecycle';
import { presencePeriodMs, type ChatParams, type Fault } from '../params';
import { buildGroups, buildPopulation, type Groups, type Population } from './groups';
import { LatencyHistogram } from './metrics';
import { activityBucketMs, PresenceSample, WriteSample, HUB_CHANNEL_SERVER, HUB_DIRECT, HUB_GROUP, HUB_RELAY, type HubKind } from './activity';
import { DetMath } from '../../core/math';

export type ChatEvent =
  | { type: 'fault'; fault: Fault }
  | { type: 'gateway'; gateway: number; state: string }
  | { type: 'send'; msg: number; sender: number; group: number; size: number; to?: number }
  | { type: 'deliver'; msg: number; device: number; user: number; via: 'socket' | 'sync'; latencyMs: number }
  | { type: 'offline'; msg: number; user: number }
  | { type: 'presence'; user: number; status: PresenceStatus; at: number }
  | { type: 'reconnected'; device: number; attempts: number }
  | { type: 'recovered'; recoverMs: number };

const OFF = 0;
const CONNECTING = 1;
const ONLINE = 2;
const BACKOFF = 3;
const NIL = -1;
/** Values of `ChatModel.state[device]` (for views). */
export const DEVICE_STATE = { OFF, CONNECTING, ONLINE, BACKOFF } as const;
const MIN_RETRY_MS = 1;
const GROUP_DRAWS = 1024;

interface GatewayState {
  up: boolean;
  accepting: boolean;
  partitioned: boolean;
  /** LB health check excludes it (crash: at once; partition: after the dead-peer timeout) */
  lbExcluded: boolean;
  conns: number;
  handshaking: number;
  peakConns: number;
  acceptFreeAt: number;
  laneFree: Float64Array;
  writes: number;
  actor: Actor<typeof gatewayLifecycleMachine>;
}

export class ChatModel implements RouterPorts, PresenceSink, LbView {
  readonly p: ChatParams;
  readonly pop: Population;
  readonly groups: Groups;
  readonly gateways: number;
  readonly gws: GatewayState[] = [];
  readonly registry: SessionRegistry;
  readonly log: SyncLog;
  readonly router: Router;
  readonly conversations: ConversationLogs | null;
  /** the router's view of which gateways are alive (mirrors GatewayState.up) */
  private readonly gatewayUp: Uint8Array;
  readonly presence: PresenceService;
  readonly receipts: ReceiptTracker;
  readonly lb: LoadBalancer;
  readonly coalescer: PresenceCoalescer;
  private readonly csRing: HashRing | null;
  private readonly csBusy: Float64Array;
  private readonly backoff: BackoffConfig;

  // ---- device state (struct of arrays) ----
  readonly state: Uint8Array;
  /** gateway the CLIENT believes it is connected to (or connecting to) */
  readonly clientGw: Int32Array;
  /** gateway that holds the SERVER side of the connection */
  readonly serverGw: Int32Array;
  readonly epoch: Uint32Array;
  readonly attempt: Uint16Array;
  readonly prevDelay: Float64Array;
  readonly connectAt: Float64Array;
  readonly lastRecv: Float64Array;
  readonly gen: Uint32Array;
  readonly foreground: Uint8Array;
  /** device counted in its groups' connected-device counters */
  private readonly counted: Uint8Array;
  readonly slow: Uint8Array;
  private readonly bufBytes: Float64Array;
  private readonly bufAt: Float64Array;
  /** device is reconnecting after a fault (for attempts per client / recovery) */
  private readonly inEpisode: Uint8Array;
  private readonly hbNext: Int32Array;
  private readonly hbPrev: Int32Array;
  private readonly hbBucket: Int32Array;
  private readonly hbHead: Int32Array;

  // ---- user state ----
  readonly wantsOnline: Uint8Array;
  /** client-side online devices per user */
  readonly userOnlineDevices: Uint16Array;
  private readonly onlineList: Int32Array;
  private readonly onlinePos: Int32Array;
  onlineUsers = 0;
  /** registered (server-side, live gateway) devices per user, all and foreground */
  private readonly userRegDevices: Uint16Array;
  private readonly userRegFg: Uint16Array;
  readonly groupRegDevices: Int32Array;
  readonly groupRegFg: Int32Array;
  private readonly groupBusy: Float64Array;

  // ---- timing ----
  readonly tickMs: number;
  private readonly buckets: number;
  private tickIndex = 0;
  private readonly wheelSize: number;
  private readonly wheelUsers: number[][];
  private readonly wheelDue: number[][];
  private readonly gwArrive: Float64Array;
  private readonly gwArriveStamp: Float64Array;
  private readonly lanes: number;
  private readonly hop: number;

  // ---- randomness ----
  private readonly rSend: RandomStream;
  private readonly rConn: RandomStream;
  private readonly rChurn: RandomStream;
  private readonly rPresence: RandomStream;
  private readonly rFault: RandomStream;
  private readonly rLb: RandomStream;
  private readonly uConn: () => number;
  private readonly uLb: () => number;

  // ---- counters ----
  sends = 0;
  groupSends = 0;
  socketWrites = 0;
  realtimeWrites = 0;
  syncWrites = 0;
  lostWrites = 0;
  pushes = 0;
  heartbeats = 0;
  presenceChanges = 0;
  presenceDeliveries = 0;
  attempts = 0;
  faultAttempts = 0;
  episodes = 0;
  openEpisodes = 0;
  rejected = { backlog: 0, capacity: 0, unreachable: 0, noGateway: 0 };
  slowDisconnects = 0;
  idleDisconnects = 0;
  deadPeerCloses = 0;
  connectedDevices = 0;
  peakConnectedDevices = 0;
  /** devices of users who want to be online (what the fleet must hold) */
  demandDevices = 0;
  peakDemandDevices = 0;
  firstFaultAt = -1;
  lastEpisodeEndAt = -1;
  recoverMs: number | null = null;
  readonly latency = new LatencyHistogram();
  readonly windowLatency = new LatencyHistogram();
  readonly syncLatency = new LatencyHistogram();
  readonly presenceDelay = new LatencyHistogram();
  readonly attemptsPerSecond: Float64Array;
  private acceptWindowStart = 0;
  private initializing = true;
  private lastSample = { writes: 0, presence: 0, heartbeats: 0, attempts: 0, sends: 0, t: 0 };
  private currentMsg = 0;
  private currentGroup = -1;
  private currentConvOwnerStart = 0;
  private currentRelays = 0;
  private currentTwoLevel = false;
  private currentTwoLevelClock = 0;
  private currentSendAt = 0;
  private currentConv = 0;
  private currentFromGw = NIL;
  private currentOwner = NIL;
  /** bounded samples of recent writes and presence changes, for the lab view's animation */
  readonly recentWrites: WriteSample;
  readonly recentPresence: PresenceSample;

  constructor(
    params: ChatParams,
    readonly ctx: SimContext<ChatEvent>,
  ) {
    this.p = params;
    const p = params;
    const rng = ctx.rng;
    this.rSend = rng.stream('sends');
    this.rConn = rng.stream('connections');
    this.rChurn = rng.stream('churn');
    this.rPresence = rng.stream('presence');
    this.rFault = rng.stream('faults');
    this.rLb = rng.stream('lb');
    this.uConn = () => this.rConn.next();
    this.uLb = () => this.rLb.next();
    this.backoff = { policy: p['reconnect.policy'], baseMs: p['reconnect.baseMs'], capMs: p['reconnect.capMs'] };

    this.pop = buildPopulation(p.users, p.devicesPerUser, rng.stream('population'));
    this.groups = buildGroups(
      p.users,
      { median: p['groupSize.median'], p99: p['groupSize.p99'], max: p['groupSize.max'] },
      p.groupShare > 0 || p['presence.changesPerUserPerMin'] > 0 ? p.groupsPerUser : 0,
      rng.stream('groups'),
    );
    const n = this.pop.devices;
    const users = p.users;
    const G = (this.gateways = p.gateways);

    this.registry = new SessionRegistry(n, this.pop.firstDevice);
    this.log = new SyncLog(this.pop.firstDevice, { ttlMs: p.offlineTtlMs, trackExpiry: p.offlineTtlMs < p.durationMs });
    this.conversations = p.fanout === 'write' ? null : new ConversationLogs(this.groups.count, this.groups.members.length);
    this.gatewayUp = new Uint8Array(G).fill(1);
    this.router = new Router(this.registry, this.log, this.pop.firstDevice, this.gatewayUp, p.fanout, p.fanoutThreshold, this.conversations);
    this.presence = new PresenceService(users, { dMs: presencePeriodMs(p), epsilonMs: p['presence.epsilon'] });
    this.receipts = new ReceiptTracker(p.receipts, p.readDelayMs, users + this.groups.count);
    this.lb = new LoadBalancer(p['lb.policy'], G);
    this.coalescer = new PresenceCoalescer(this.groups.count);
    this.csRing = p.channelServers > 0 ? new HashRing(p.channelServers, 64) : null;
    this.csBusy = new Float64Array(Math.max(1, p.channelServers));

    this.state = new Uint8Array(n);
    this.clientGw = new Int32Array(n).fill(NIL);
    this.serverGw = new Int32Array(n).fill(NIL);
    this.epoch = new Uint32Array(n);
    this.attempt = new Uint16Array(n);
    this.prevDelay = new Float64Array(n);
    this.connectAt = new Float64Array(n);
    this.lastRecv = new Float64Array(n);
    this.gen = new Uint32Array(n);
    this.foreground = new Uint8Array(n);
    this.counted = new Uint8Array(n);
    this.slow = new Uint8Array(n);
    const anySlow = p['slowConsumer.fraction'] > 0;
    this.bufBytes = new Float64Array(anySlow ? n : 0);
    this.bufAt = new Float64Array(anySlow ? n : 0);
    this.inEpisode = new Uint8Array(n);
    this.buckets = Math.max(1, p.heartbeatTicks);
    this.tickMs = p.heartbeatMs / this.buckets;
    this.hbNext = new Int32Array(n).fill(NIL);
    this.hbPrev = new Int32Array(n).fill(NIL);
    this.hbBucket = new Int32Array(n).fill(NIL);
    this.hbHead = new Int32Array(G * this.buckets).fill(NIL);

    this.wantsOnline = new Uint8Array(users);
    this.userOnlineDevices = new Uint16Array(users);
    this.onlineList = new Int32Array(users);
    this.onlinePos = new Int32Array(users).fill(NIL);
    this.userRegDevices = new Uint16Array(users);
    this.userRegFg = new Uint16Array(users);
    this.groupRegDevices = new Int32Array(this.groups.count);
    this.groupRegFg = new Int32Array(this.groups.count);
    this.groupBusy = new Float64Array(this.groups.count);

    this.wheelSize = Math.ceil(this.presence.expiryMs / this.tickMs) + 3;
    this.wheelUsers = Array.from({ length: this.wheelSize }, () => []);
    this.wheelDue = Array.from({ length: this.wheelSize }, () => []);
    this.gwArrive = new Float64Array(G);
    this.gwArriveStamp = new Float64Array(G).fill(-1);
    this.lanes = sendLanes(p.serverModel, p.cores);
    this.hop = p.rttMs / 2;
    this.attemptsPerSecond = new Float64Array(Math.ceil(p.durationMs / 1000) + 2);
    this.recentWrites = new WriteSample(1024, activityBucketMs(p.durationMs), 8);
    this.recentPresence = new PresenceSample(256, activityBucketMs(p.durationMs), 2);

    const rDev = rng.stream('devices');
    for (let d = 0; d < n; d++) {
      this.foreground[d] = rDev.next() >= p.passiveFraction ? 1 : 0;
      if (anySlow) this.slow[d] = rDev.next() < p['slowConsumer.fraction'] ? 1 : 0;
    }

    for (let g = 0; g < G; g++) this.gws.push(this.makeGateway(g));

    this.placeInitialUsers();
    this.initializing = false;

    const s = ctx.scheduler;
    s.at(this.tickMs, () => this.tick());
    s.at(p.sampleMs, () => this.sample());
    this.scheduleNextSend();
    this.scheduleNextPresenceChange();
    if (p['presence.strategy'] === 'coalesced') s.at(p['presence.coalesceMs'], () => this.flushCoalesced());
    for (const f of p.faults) {
      if (f.gateway < 0 || f.gateway >= G) continue;
      s.at(f.atMs, () => this.applyFault(f));
    }
  }

  // =============================================================================================
  // setup
  // =============================================================================================

  private makeGateway(g: number): GatewayState {
    const gw: GatewayState = {
      up: true,
      accepting: true,
      partitioned: false,
      lbExcluded: false,
      conns: 0,
      handshaking: 0,
      peakConns: 0,
      acceptFreeAt: 0,
      laneFree: new Float64Array(this.lanes),
      writes: 0,
      actor: undefined as unknown as Actor<typeof gatewayLifecycleMachine>,
    };
    const machine = gatewayLifecycleMachine.provide({
      actions: {
        crashed: () => this.crashGateway(g),
        restarted: () => this.restartGateway(g),
        drainStarted: ({ context }) => this.startDrain(g, context.durationMs ?? 0),
        drainFinished: () => this.restartGateway(g),
        partitioned: () => this.startPartition(g),
        healed: () => this.healPartition(g),
      },
    });
    gw.actor = createActor(machine, { input: { gateway: g }, clock: this.ctx.clock });
    gw.actor.subscribe((snap) => {
      if (!this.initializing) this.ctx.recorder.log({ type: 'gateway', gateway: g, state: String(snap.value) });
    });
    gw.actor.start();
    return gw;
  }

  /** Online fraction at time t: flat, or the two-peak diurnal curve (peaks 11:00 and 14:00, lunch dip). */
  onlineFractionAt(t: number): number {
    const f = this.p.onlineFraction;
    const day = this.p['diurnal.dayMs'];
    if (day <= 0) return f;
    const h = ((((t / day) * 24) % 24) + 24) % 24;
    const bump = (c: number, w: number) => DetMath.exp(-((h - c) * (h - c)) / (2 * w * w));
    const shape = 0.5 + 0.5 * Math.min(1, bump(11, 2.5) + bump(14.5, 2.5) - 0.15 * bump(12.75, 0.6));
    return f * Math.max(0, Math.min(1, shape));
  }

  /** Mean online session; with the diurnal curve on and no session length set, 1/48 of a day. */
  get sessionMeanMs(): number {
    const s = this.p['session.meanMs'];
    return s > 0 ? s : this.p['diurnal.dayMs'] > 0 ? this.p['diurnal.dayMs'] / 48 : 0;
  }

  private offlineMeanMs(t: number): number {
    const f = Math.min(0.999, Math.max(0.001, this.onlineFractionAt(t)));
    return (this.sessionMeanMs * (1 - f)) / f;
  }

  private placeInitialUsers(): void {
    const p = this.p;
    const spares = Math.min(p.spareGateways, this.gateways - 1);
    for (let g = this.gateways - spares; g < this.gateways; g++) this.gws[g].lbExcluded = true;
    const users = p.users;
    const target = Math.round(this.onlineFractionAt(0) * users);
    const order = new Int32Array(users);
    for (let i = 0; i < users; i++) order[i] = i;
    const r = this.rChurn;
    for (let i = 0; i < target; i++) {
      const j = i + r.int(0, users - 1 - i);
      const t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    const h = p.heartbeatMs;
    const churn = this.sessionMeanMs > 0;
    for (let i = 0; i < users; i++) {
      const u = order[i];
      if (i < target) {
        this.wantsOnline[u] = 1;
        this.demandChange(this.pop.firstDevice[u + 1] - this.pop.firstDevice[u]);
        for (let d = this.pop.firstDevice[u]; d < this.pop.firstDevice[u + 1]; d++) {
          const g = this.lb.choose(u, this, this.uLb);
          if (g >= 0 && this.hasRoom(g)) {
            // already connected in steady state: heartbeat phase uniform over one interval
            const phase = this.rConn.next() * h;
            this.establish(d, g, -phase);
          } else {
            this.startConnecting(d, this.rConn.next() * h);
          }
        }
        if (churn) this.ctx.scheduler.at(r.exponential(1 / this.sessionMeanMs), () => this.logout(u));
      } else if (churn) {
        this.ctx.scheduler.at(r.exponential(1 / this.offlineMeanMs(0)), () => this.login(u));
      }
    }
    for (let g = this.gateways - spares; g < this.gateways; g++) this.gws[g].lbExcluded = false;
  }

  // =============================================================================================
  // LbView and RouterPorts
  // =============================================================================================

  accepting(g: number): boolean {
    const gw = this.gws[g];
    return gw.up && gw.accepting && !gw.lbExcluded;
  }
  load(g: number): number {
    return this.gws[g].conns + this.gws[g].handshaking;
  }

  private capacityConns(): number {
    const m = effectiveKBPerConnection(this.p.serverModel, this.p.memoryPerConnectionKB, this.p.threadStackKB);
    return Math.min(Math.floor((this.p.gatewayRamGB * KB_PER_GB) / m), this.p.fdLimit);
  }

  private hasRoom(g: number): boolean {
    return this.gws[g].conns + this.gws[g].handshaking < this.capacityConns();
  }

  socketWrite(device: number, user: number, g: number, entry: number, order: number): void {
    const gw = this.gws[g];
    const p = this.p;
    // when the copy reaches the gateway
    let arrive: number;
    if (this.currentGroup < 0) {
      arrive = this.currentSendAt + this.hop + 2 * p.interNodeMs;
    } else if (this.currentTwoLevel) {
      if (this.gwArriveStamp[g] !== this.currentMsg) {
        this.gwArriveStamp[g] = this.currentMsg;
        this.currentTwoLevelClock += p.fanoutCostUs / 1000;
        this.gwArrive[g] = this.currentTwoLevelClock + p.interNodeMs;
      }
      arrive = this.gwArrive[g];
    } else if (this.currentRelays > 1) {
      const R = this.currentRelays;
      const relay = order % R;
      const k = Math.floor(order / R);
      const relayStart = this.currentConvOwnerStart + ((relay + 1) * p.fanoutCostUs) / 1000 + p.interNodeMs;
      arrive = relayStart + ((k + 1) * p.fanoutCostUs) / 1000 + p.interNodeMs;
    } else {
      arrive = this.currentConvOwnerStart + ((order + 1) * p.fanoutCostUs) / 1000 + p.interNodeMs;
    }
    const lane = device % this.lanes;
    const start = arrive > gw.laneFree[lane] ? arrive : gw.laneFree[lane];
    const finish = start + p.sendCostUs / 1000;
    gw.laneFree[lane] = finish;
    gw.writes++;
    this.socketWrites++;
    this.realtimeWrites++;
    const lost = gw.partitioned || this.serverGw[device] !== g || this.clientGw[device] !== g || this.state[device] !== ONLINE;
    this.sampleWrite(device, g, order, lost ? NaN : finish + this.hop);
    if (lost) {
      this.lostWrites++;
      return;
    }
    let deliverAt = finish + this.hop;
    if (this.slow[device] === 1) {
      const rate = p['slowConsumer.bytesPerSec'] / 1000;
      const drained = (finish - this.bufAt[device]) * rate;
      const buffered = Math.max(0, this.bufBytes[device] - drained) + p.messageBytes;
      this.bufAt[device] = finish;
      if (buffered > p['slowConsumer.bufferKB'] * 1024) {
        this.bufBytes[device] = 0;
        this.lostWrites++;
        this.slowDisconnects++;
        const e = this.epoch[device];
        const gd = this.gen[device];
        this.ctx.scheduler.at(finish, () => {
          if (this.gen[device] === gd && this.epoch[device] === e && this.serverGw[device] === g) {
            this.serverClose(device);
            this.clientLost(device, this.ctx.scheduler.now + this.hop, true);
          }
        });
        return;
      }
      this.bufBytes[device] = buffered;
      deliverAt += buffered / rate;
    }
    this.acceptDelivery(device, user, entry, deliverAt, 'socket');
  }

  private sampleWrite(device: number, g: number, order: number, arriveAt: number): void {
    let hub: HubKind = HUB_DIRECT;
    let hubIndex = NIL;
    if (this.currentGroup >= 0) {
      if (this.currentTwoLevel) {
        hub = HUB_CHANNEL_SERVER;
        hubIndex = this.currentOwner;
      } else if (this.currentRelays > 1) {
        hub = HUB_RELAY;
        hubIndex = order % this.currentRelays;
      } else {
        hub = HUB_GROUP;
      }
    }
    this.recentWrites.offer(this.currentSendAt, arriveAt, device, this.currentFromGw, g, hub, hubIndex);
  }

  offlineRecipient(user: number, entry: number): void {
    this.pushes++;
    if (this.p.traceMessages) this.ctx.recorder.log({ type: 'offline', msg: this.log.msgOf(entry), user });
  }

  /** Device-side acceptance of one entry (in-order, deduplicated), plus receipts and latency. */
  private acceptDelivery(device: number, user: number, entry: number, at: number, via: 'socket' | 'sync'): void {
    const before = this.log.userDelivered[user];
    const outcome = this.log.deliver(device, user, entry, at);
    if (outcome === 'gap') {
      this.replay(device, user, at);
      return;
    }
    if (outcome !== 'ok') return;
    this.recordDelivery(device, user, entry, at, via, before);
  }

  private recordDelivery(device: number, user: number, entry: number, at: number, via: 'socket' | 'sync', userDeliveredBefore: number): void {
    const latency = at - this.log.timeOf(entry);
    if (via === 'socket') {
      this.latency.addAlsoTo(this.windowLatency, latency);
    } else {
      this.syncLatency.add(latency);
    }
    if (this.log.seqOf(entry) > userDeliveredBefore) {
      this.receipts.onUserDelivery(user, this.log.convOf(entry), at, this.foreground[device] === 1);
    }
    if (this.p.traceMessages) {
      this.ctx.recorder.log({ type: 'deliver', msg: this.log.msgOf(entry), device, user, via, latencyMs: latency });
    }
  }

  /** Replay everything after the device's cursor (reconnect sync, or repair after a gap). */
  private replay(device: number, user: number, at: number): void {
    let writeEntries = 0;
    const convs = new Set<number>();
    const fanoutMode = this.p.fanout;
    const threshold = this.p.fanoutThreshold;
    let before = this.log.userDelivered[user];
    this.log.replay(device, user, at, (entry) => {
      this.socketWrites++;
      this.syncWrites++;
      const conv = this.log.convOf(entry);
      const size = conv >= this.p.users ? this.groups.start[conv - this.p.users + 1] - this.groups.start[conv - this.p.users] : 2;
      if (usesWriteFanout(fanoutMode, threshold, size)) writeEntries++;
      else convs.add(conv);
      this.recordDelivery(device, user, entry, at, 'sync', before);
      before = Math.max(before, this.log.seqOf(entry));
    });
    this.router.countSyncReads(writeEntries, convs.size);
    this.log.trim(user);
  }

  /** Read-fanout groups: scan each conversation log with news since the member's cursor (see Router.syncConversation). */
  private scanConversations(d: number, u: number, at: number): void {
    const gs = this.groups;
    const users = this.p.users;
    for (let j = gs.userStart[u]; j < gs.userStart[u + 1]; j++) {
      const g = gs.userGroups[j];
      this.router.syncConversation(gs.userGroupSlot[j], g, users + g, u, d, at, (msg, sentAt) => {
        this.socketWrites++;
        this.syncWrites++;
        this.syncLatency.add(at - sentAt);
        this.receipts.onUserDelivery(u, users + g, at, this.foreground[d] === 1);
        if (this.p.traceMessages) this.ctx.recorder.log({ type: 'deliver', msg, device: d, user: u, via: 'sync', latencyMs: at - sentAt });
      });
    }
    this.log.trim(u);
  }

  // =============================================================================================
  // PresenceSink
  // =============================================================================================

  publish(user: number, status: PresenceStatus, at: number): void {
    if (this.initializing) return;
    this.presenceChanges++;
    if (this.p.traceMessages) this.ctx.recorder.log({ type: 'presence', user, status, at });
    const strategy = this.p['presence.strategy'];
    const gs = this.groups;
    const ownAll = this.userRegDevices[user];
    const ownFg = this.userRegFg[user];
    let audience = 0;
    for (let i = gs.userStart[user]; i < gs.userStart[user + 1]; i++) {
      const g = gs.userGroups[i];
      if (strategy === 'coalesced') this.coalescer.markDirty(g);
      else audience += presenceAudience(strategy, this.groupRegDevices[g] - ownAll, this.groupRegFg[g] - ownFg);
    }
    this.presenceDeliveries += audience;
    this.recentPresence.offer(this.ctx.scheduler.now, user, status, audience);
    if (status === PRESENCE_OFFLINE) {
      // presence expiry also evicts registry entries left behind by a dead gateway
      for (let d = this.pop.firstDevice[user]; d < this.pop.firstDevice[user + 1]; d++) {
        const g = this.registry.gatewayOf[d];
        if (g !== NO_GATEWAY && !this.gws[g].up) this.registry.evict(d);
      }
    }
  }

  arm(user: number, dueAt: number): void {
    const idx = Math.max(Math.ceil(dueAt / this.tickMs - 1e-9), this.tickIndex + 1);
    const slot = idx % this.wheelSize;
    this.wheelUsers[slot].push(user);
    this.wheelDue[slot].push(dueAt);
  }

  private flushCoalesced(): void {
    this.coalescer.flush((g) => {
      this.presenceDeliveries += this.groupRegDevices[g];
    });
    this.ctx.scheduler.after(this.p['presence.coalesceMs'], () => this.flushCoalesced());
  }

  // =============================================================================================
  // connections
  // =============================================================================================

  private startConnecting(d: number, delay: number): void {
    this.state[d] = delay > 0 ? BACKOFF : CONNECTING;
    const gd = ++this.gen[d];
    this.ctx.scheduler.after(delay, () => this.tryConnect(d, gd));
  }

  private tryConnect(d: number, gd: number): void {
    if (this.gen[d] !== gd) return;
    const u = this.pop.deviceUser[d];
    if (!this.wantsOnline[u]) {
      this.state[d] = OFF;
      return;
    }
    const now = this.ctx.scheduler.now;
    this.attempts++;
    if (this.inEpisode[d]) this.faultAttempts++;
    const sec = Math.floor(now / 1000);
    if (sec < this.attemptsPerSecond.length) this.attemptsPerSecond[sec]++;
    this.state[d] = CONNECTING;
    const g = this.lb.choose(u, this, this.uLb);
    if (g < 0) {
      this.rejected.noGateway++;
      this.failAttempt(d, now + this.p.rttMs);
      return;
    }
    this.clientGw[d] = g;
    const gw = this.gws[g];
    if (!gw.up || gw.partitioned) {
      this.rejected.unreachable++;
      this.failAttempt(d, now + Math.max(this.p.rttMs, this.p.pingTimeoutMs));
      return;
    }
    if (!this.hasRoom(g)) {
      this.rejected.capacity++;
      this.failAttempt(d, now + this.p.rttMs);
      return;
    }
    const service = 1000 / this.p.acceptRatePerSec;
    const waiting = gw.acceptFreeAt > now ? Math.round((gw.acceptFreeAt - now) / service) : 0;
    if (waiting >= this.p.backlog) {
      this.rejected.backlog++;
      this.failAttempt(d, now + this.p.rttMs);
      return;
    }
    gw.acceptFreeAt = Math.max(now, gw.acceptFreeAt) + service;
    gw.handshaking++;
    this.ctx.scheduler.at(gw.acceptFreeAt + this.hop, () => this.handshakeDone(d, g, gd));
  }

  private failAttempt(d: number, learnedAt: number): void {
    this.state[d] = BACKOFF;
    this.clientGw[d] = NIL;
    const delay = Math.max(MIN_RETRY_MS, retryDelay(this.backoff, this.attempt[d], this.prevDelay[d], this.uConn));
    this.prevDelay[d] = delay;
    if (this.attempt[d] < 65535) this.attempt[d]++;
    const gd = ++this.gen[d];
    this.ctx.scheduler.at(learnedAt + delay, () => this.tryConnect(d, gd));
  }

  private handshakeDone(d: number, g: number, gd: number): void {
    const gw = this.gws[g];
    gw.handshaking = Math.max(0, gw.handshaking - 1);
    if (this.gen[d] !== gd) return;
    const now = this.ctx.scheduler.now;
    if (!gw.up || gw.partitioned || !gw.accepting) {
      this.rejected.unreachable++;
      this.failAttempt(d, now + this.hop);
      return;
    }
    const attempts = this.attempt[d] + 1;
    this.establish(d, g, now);
    if (this.inEpisode[d]) {
      this.inEpisode[d] = 0;
      this.openEpisodes--;
      this.lastEpisodeEndAt = now;
      if (this.p.traceMessages) this.ctx.recorder.log({ type: 'reconnected', device: d, attempts });
      if (this.openEpisodes === 0 && this.firstFaultAt >= 0) {
        this.recoverMs = now - this.firstFaultAt;
        this.ctx.recorder.log({ type: 'recovered', recoverMs: this.recoverMs });
      }
    }
  }

  /** Both sides connected on gateway g; `at` is the connect time (negative for the initial steady state). */
  private establish(d: number, g: number, at: number): void {
    const u = this.pop.deviceUser[d];
    const gw = this.gws[g];
    const old = this.serverGw[d];
    if (old !== NIL) {
      // the previous gateway still holds a half-open connection (partition): it is superseded now,
      // and that gateway's later removal carries an old epoch, which the registry ignores
      this.gws[old].conns--;
      this.count(d, -1);
      this.serverGw[d] = NIL;
    }
    gw.conns++;
    if (gw.conns > gw.peakConns) gw.peakConns = gw.conns;
    this.state[d] = ONLINE;
    this.clientGw[d] = g;
    this.serverGw[d] = g;
    this.attempt[d] = 0;
    this.prevDelay[d] = 0;
    this.connectAt[d] = at;
    const h = this.p.heartbeatMs;
    this.lastRecv[d] = at;
    this.epoch[d] = this.registry.put(d, g);
    this.count(d, +1);
    this.hbInsert(d, g);
    if (this.userOnlineDevices[u]++ === 0) this.onlineListAdd(u);
    this.connectedDevices++;
    if (this.connectedDevices > this.peakConnectedDevices) this.peakConnectedDevices = this.connectedDevices;
    if (this.slow[d] === 1) {
      this.bufBytes[d] = 0;
      this.bufAt[d] = Math.max(0, at);
    }
    if (this.p.heartbeatMs >= this.p['lb.idleTimeoutMs']) {
      // nothing crosses the load balancer before the first heartbeat: it cuts the connection
      const e = this.epoch[d];
      this.ctx.scheduler.at(Math.max(0, at + this.p['lb.idleTimeoutMs']), () => {
        if (this.epoch[d] === e && this.serverGw[d] === g && this.state[d] === ONLINE) {
          this.idleDisconnects++;
          this.serverClose(d);
          this.clientLost(d, this.ctx.scheduler.now + this.hop, true);
        }
      });
    }
    if (at < 0) {
      // steady state before t = 0: the latest heartbeat already happened
      const last = at + Math.floor(-at / h) * h;
      this.lastRecv[d] = last;
      this.presence.heartbeat(u, last > at ? last : at, this);
      return;
    }
    this.presence.heartbeat(u, at, this);
    if (this.log.pendingFor(d, u) > 0) this.replay(d, u, at);
    if (this.conversations) this.scanConversations(d, u, at);
  }

  /** Add/remove a registered device from its user's and groups' connected-device counters. */
  private count(d: number, delta: 1 | -1): void {
    if ((delta === 1) === (this.counted[d] === 1)) return;
    this.counted[d] = delta === 1 ? 1 : 0;
    const u = this.pop.deviceUser[d];
    const fg = this.foreground[d];
    this.userRegDevices[u] += delta;
    if (fg) this.userRegFg[u] += delta;
    const gs = this.groups;
    for (let i = gs.userStart[u]; i < gs.userStart[u + 1]; i++) {
      const grp = gs.userGroups[i];
      this.groupRegDevices[grp] += delta;
      if (fg) this.groupRegFg[grp] += delta;
    }
  }

  /** The gateway drops its side of the connection (and its registry entry). */
  private serverClose(d: number): void {
    const g = this.serverGw[d];
    if (g === NIL) return;
    this.serverGw[d] = NIL;
    this.gws[g].conns--;
    this.registry.remove(d, this.epoch[d]);
    this.count(d, -1);
  }

  /** The client notices its connection is gone and starts reconnecting at `reconnectFrom`. */
  private clientLost(d: number, reconnectFrom: number, fault: boolean): void {
    if (this.state[d] !== ONLINE) return;
    const u = this.pop.deviceUser[d];
    this.hbRemove(d);
    this.clientGw[d] = NIL;
    this.connectedDevices--;
    if (--this.userOnlineDevices[u] === 0) this.onlineListRemove(u);
    if (fault && !this.inEpisode[d]) {
      this.inEpisode[d] = 1;
      this.episodes++;
      this.openEpisodes++;
    }
    this.attempt[d] = 0;
    // decorrelated jitter: `base` stands in for the previous delay on the first retry (§6 reference)
    this.prevDelay[d] = 0;
    const delay = firstAttemptDelay(this.backoff, this.uConn);
    this.state[d] = BACKOFF;
    const gd = ++this.gen[d];
    const now = this.ctx.scheduler.now;
    this.ctx.scheduler.at(Math.max(now, reconnectFrom) + delay, () => this.tryConnect(d, gd));
  }

  // ---- sessions (login / logout) ----

  private login(u: number): void {
    if (this.wantsOnline[u]) return;
    this.wantsOnline[u] = 1;
    this.demandChange(this.pop.firstDevice[u + 1] - this.pop.firstDevice[u]);
    for (let d = this.pop.firstDevice[u]; d < this.pop.firstDevice[u + 1]; d++) this.startConnecting(d, 0);
    this.ctx.scheduler.after(this.rChurn.exponential(1 / this.sessionMeanMs), () => this.logout(u));
  }

  private logout(u: number): void {
    if (!this.wantsOnline[u]) return;
    this.wantsOnline[u] = 0;
    this.demandChange(-(this.pop.firstDevice[u + 1] - this.pop.firstDevice[u]));
    for (let d = this.pop.firstDevice[u]; d < this.pop.firstDevice[u + 1]; d++) {
      if (this.state[d] === ONLINE) {
        if (this.serverGw[d] === this.clientGw[d] && !this.gws[this.clientGw[d]].partitioned) this.serverClose(d);
        this.hbRemove(d);
        this.clientGw[d] = NIL;
        this.connectedDevices--;
        if (--this.userOnlineDevices[u] === 0) this.onlineListRemove(u);
      }
      if (this.inEpisode[d]) {
        this.inEpisode[d] = 0;
        this.openEpisodes--;
      }
      this.state[d] = OFF;
      this.gen[d]++;
    }
    this.ctx.scheduler.after(this.rChurn.exponential(1 / this.offlineMeanMs(this.ctx.scheduler.now)), () => this.login(u));
  }

  private demandChange(delta: number): void {
    this.demandDevices += delta;
    if (this.demandDevices > this.peakDemandDevices) this.peakDemandDevices = this.demandDevices;
  }

  private onlineListAdd(u: number): void {
    this.onlinePos[u] = this.onlineUsers;
    this.onlineList[this.onlineUsers++] = u;
  }
  private onlineListRemove(u: number): void {
    const i = this.onlinePos[u];
    const last = this.onlineList[--this.onlineUsers];
    this.onlineList[i] = last;
    this.onlinePos[last] = i;
    this.onlinePos[u] = NIL;
  }

  // ---- heartbeat wheel (intrusive lists per gateway and phase bucket) ----

  private hbInsert(d: number, g: number): void {
    const h = this.p.heartbeatMs;
    const phase = ((this.connectAt[d] % h) + h) % h;
    const b = Math.min(this.buckets - 1, Math.floor(phase / this.tickMs));
    const slot = g * this.buckets + b;
    const head = this.hbHead[slot];
    this.hbNext[d] = head;
    this.hbPrev[d] = NIL;
    if (head !== NIL) this.hbPrev[head] = d;
    this.hbHead[slot] = d;
    this.hbBucket[d] = slot;
  }

  private hbRemove(d: number): void {
    const slot = this.hbBucket[d];
    if (slot === NIL) return;
    const prev = this.hbPrev[d];
    const next = this.hbNext[d];
    if (prev !== NIL) this.hbNext[prev] = next;
    else this.hbHead[slot] = next;
    if (next !== NIL) this.hbPrev[next] = prev;
    this.hbBucket[d] = NIL;
    this.hbNext[d] = this.hbPrev[d] = NIL;
  }

  /** Visit the client-online devices of gateway g. */
  private forEachOnGateway(g: number, visit: (d: number) => void): void {
    const list: number[] = [];
    for (let b = 0; b < this.buckets; b++) {
      for (let d = this.hbHead[g * this.buckets + b]; d !== NIL; d = this.hbNext[d]) list.push(d);
    }
    for (const d of list) visit(d);
  }

  private tick(): void {
    const s = this.ctx.scheduler;
    const t = s.now;
    this.tickIndex++;
    const b = (this.tickIndex - 1) % this.buckets;
    const h = this.p.heartbeatMs;
    const windowStart = t - this.tickMs - 1e-6;
    for (let g = 0; g < this.gateways; g++) {
      const gw = this.gws[g];
      const received = gw.up && !gw.partitioned;
      for (let d = this.hbHead[g * this.buckets + b]; d !== NIL; d = this.hbNext[d]) {
        const c = this.connectAt[d];
        const beat = c + Math.floor((t - c) / h) * h;
        if (beat <= windowStart || beat <= c) continue;
        this.heartbeats++;
        if (received && this.serverGw[d] === g) {
          this.lastRecv[d] = beat;
          this.presence.heartbeat(this.pop.deviceUser[d], beat, this);
        }
      }
    }
    // presence triggers due by now (after the heartbeats of this slice; see PresenceService)
    const slot = this.tickIndex % this.wheelSize;
    const users = this.wheelUsers[slot];
    if (users.length > 0) {
      this.wheelUsers[slot] = [];
      this.wheelDue[slot] = [];
      for (let i = 0; i < users.length; i++) this.presence.trigger(users[i], t, this);
    }
    s.at((this.tickIndex + 1) * this.tickMs, () => this.tick());
  }

  // =============================================================================================
  // workload
  // =============================================================================================

  private sendRatePerMs(): number {
    return (this.p.sendsPerUserPerMin / 60_000) * this.onlineUsers;
  }

  private scheduleNextSend(): void {
    const rate = this.sendRatePerMs();
    const s = this.ctx.scheduler;
    if (rate <= 0) {
      if (this.p.sendsPerUserPerMin > 0) s.after(this.p.sampleMs, () => this.scheduleNextSend());
      return;
    }
    s.after(this.rSend.exponential(rate), () => {
      this.send();
      this.scheduleNextSend();
    });
  }

  private send(): void {
    const r = this.rSend;
    const gs = this.groups;
    const now = this.ctx.scheduler.now;
    const msg = this.sends++;
    this.currentMsg = msg;
    this.currentSendAt = now;
    if (gs.count > 0 && r.next() < this.p.groupShare) {
      // LOUD: only an online member sends. (group, member) is drawn uniformly and redrawn until the
      // member is online, so a group is picked in proportion to its online SHARE: the size mix stays
      // the configured one and the recipients' expected online count stays f·(g − 1) (outcome 1).
      // Picking the group first and then an online member in it would lower that to about g·f − 1.
      // After GROUP_DRAWS misses (nobody online, almost) the message becomes a direct one.
      for (let tries = 0; tries < GROUP_DRAWS; tries++) {
        const grp = r.int(0, gs.count - 1);
        const from = gs.start[grp];
        const to = gs.start[grp + 1];
        const sender = gs.members[from + r.int(0, to - from - 1)];
        if (this.userOnlineDevices[sender] === 0) continue;
        this.groupSends++;
        this.routeGroup(msg, grp, sender, from, to, now);
        return;
      }
    }
    if (this.onlineUsers === 0 || this.p.users < 2) return;
    const sender = this.onlineList[r.int(0, this.onlineUsers - 1)];
    let recipient = r.int(0, this.p.users - 2);
    if (recipient >= sender) recipient++;
    this.currentGroup = -1;
    this.currentTwoLevel = false;
    this.currentRelays = 0;
    this.dmTarget[0] = recipient;
    if (this.p.traceMessages) this.ctx.recorder.log({ type: 'send', msg, sender, group: -1, size: 2, to: recipient });
    this.currentFromGw = this.senderGateway(sender);
    this.router.route(msg, 2, this.currentFromGw, this.dmTarget, 0, 1, sender, sender, -1, now, this);
  }

  private readonly dmTarget = new Int32Array(1);

  private senderGateway(user: number): number {
    for (let d = this.pop.firstDevice[user]; d < this.pop.firstDevice[user + 1]; d++) if (this.serverGw[d] !== NIL) return this.serverGw[d];
    return NIL;
  }

  private routeGroup(msg: number, grp: number, sender: number, from: number, to: number, now: number): void {
    const p = this.p;
    const size = to - from;
    if (p.traceMessages) this.ctx.recorder.log({ type: 'send', msg, sender, group: grp, size });
    const atRouter = now + this.hop + p.interNodeMs;
    this.currentGroup = grp;
    let ownerBusy: Float64Array;
    let owner: number;
    if (this.csRing) {
      owner = this.csRing.lookup(grp);
      ownerBusy = this.csBusy;
      this.currentTwoLevel = true;
      this.currentRelays = 0;
    } else {
      owner = grp;
      ownerBusy = this.groupBusy;
      this.currentTwoLevel = false;
      this.currentRelays = p.relays > 1 && this.groupRegDevices[grp] >= p.relayThreshold ? p.relays : 0;
    }
    const start = Math.max(atRouter, ownerBusy[owner]);
    this.currentConvOwnerStart = start;
    this.currentTwoLevelClock = start;
    this.currentOwner = owner;
    this.currentFromGw = this.senderGateway(sender);
    const res = this.router.route(msg, size, this.currentFromGw, this.groups.members, from, to, sender, p.users + grp, grp, now, this);
    const cost = p.fanoutCostUs / 1000;
    if (this.currentTwoLevel) ownerBusy[owner] = this.currentTwoLevelClock;
    else if (this.currentRelays > 1) ownerBusy[owner] = start + this.currentRelays * cost;
    else ownerBusy[owner] = start + res.writes * cost;
  }

  private scheduleNextPresenceChange(): void {
    const perMin = this.p['presence.changesPerUserPerMin'];
    if (perMin <= 0) return;
    const s = this.ctx.scheduler;
    const rate = (perMin / 60_000) * this.onlineUsers;
    if (rate <= 0) {
      s.after(this.p.sampleMs, () => this.scheduleNextPresenceChange());
      return;
    }
    s.after(this.rPresence.exponential(rate), () => {
      if (this.onlineUsers > 0) {
        const u = this.onlineList[this.rPresence.int(0, this.onlineUsers - 1)];
        const away = this.presence.status[u] === 1;
        this.presence.setAway(u, away, this.ctx.scheduler.now, this);
      }
      this.scheduleNextPresenceChange();
    });
  }

  // =============================================================================================
  // faults (driven through each gateway's lifecycle machine)
  // =============================================================================================

  private applyFault(f: Fault): void {
    this.ctx.recorder.log({ type: 'fault', fault: f });
    if (this.firstFaultAt < 0) this.firstFaultAt = this.ctx.scheduler.now;
    const actor = this.gws[f.gateway].actor;
    if (f.type === 'gateway-crash') actor.send({ type: 'CRASH', durationMs: f.durationMs });
    else if (f.type === 'drain') actor.send({ type: 'DRAIN', durationMs: f.durationMs });
    else actor.send({ type: 'PARTITION', durationMs: f.durationMs });
  }

  /**
   * Deliver to presence the heartbeats gateway g received since the last tick (they were sent before
   * a crash or partition that happens now, but the batch that would count them runs later).
   */
  private flushHeartbeats(g: number): void {
    const gw = this.gws[g];
    if (!gw.up || gw.partitioned) return;
    const now = this.ctx.scheduler.now;
    const lastTick = this.tickIndex * this.tickMs;
    const h = this.p.heartbeatMs;
    const b = this.tickIndex % this.buckets;
    for (let d = this.hbHead[g * this.buckets + b]; d !== NIL; d = this.hbNext[d]) {
      const c = this.connectAt[d];
      const beat = c + Math.floor((now - c) / h) * h;
      if (beat <= lastTick || beat <= c || this.serverGw[d] !== g) continue;
      this.lastRecv[d] = beat;
      this.presence.heartbeat(this.pop.deviceUser[d], beat, this);
    }
  }

  private crashGateway(g: number): void {
    const gw = this.gws[g];
    const now = this.ctx.scheduler.now;
    this.flushHeartbeats(g);
    gw.up = false;
    this.gatewayUp[g] = 0;
    gw.accepting = false;
    gw.lbExcluded = true;
    gw.partitioned = false;
    // clients see a TCP RST about half a round trip later
    this.forEachOnGateway(g, (d) => this.clientLost(d, now + this.hop, true));
    // server memory is gone; the registry keeps stale entries until re-registration or presence expiry
    for (let d = 0; d < this.serverGw.length; d++) {
      if (this.serverGw[d] === g) {
        this.serverGw[d] = NIL;
        this.count(d, -1);
      }
    }
    gw.conns = 0;
    gw.handshaking = 0;
    gw.acceptFreeAt = now;
    gw.laneFree.fill(now);
  }

  private restartGateway(g: number): void {
    const gw = this.gws[g];
    const now = this.ctx.scheduler.now;
    gw.up = true;
    this.gatewayUp[g] = 1;
    gw.accepting = true;
    gw.lbExcluded = false;
    gw.partitioned = false;
    gw.acceptFreeAt = now;
    gw.laneFree.fill(now);
  }

  private startDrain(g: number, windowMs: number): void {
    const gw = this.gws[g];
    gw.accepting = false;
    const now = this.ctx.scheduler.now;
    const devices: number[] = [];
    for (let d = 0; d < this.serverGw.length; d++) if (this.serverGw[d] === g) devices.push(d);
    for (const d of devices) {
      const e = this.epoch[d];
      this.ctx.scheduler.at(now + this.rFault.next() * windowMs, () => {
        if (this.serverGw[d] !== g || this.epoch[d] !== e) return;
        this.serverClose(d);
        this.clientLost(d, this.ctx.scheduler.now + this.hop, true);
      });
    }
  }

  private startPartition(g: number): void {
    const gw = this.gws[g];
    this.flushHeartbeats(g);
    gw.partitioned = true;
    const now = this.ctx.scheduler.now;
    const p = this.p;
    const h = p.heartbeatMs;
    const s = this.ctx.scheduler;
    s.after(p['lb.healthCheckMs'], () => {
      if (gw.partitioned) gw.lbExcluded = true;
    });
    // clients: the first heartbeat after the cut goes unanswered; give up pingTimeout later
    this.forEachOnGateway(g, (d) => {
      const c = this.connectAt[d];
      const nextBeat = c + (Math.floor((now - c) / h) + 1) * h;
      const gd = this.gen[d];
      s.at(nextBeat + p.pingTimeoutMs, () => {
        if (this.gen[d] === gd && gw.partitioned && this.clientGw[d] === g) this.clientLost(d, this.ctx.scheduler.now, true);
      });
    });
    // server: dead-peer timeout after the last heartbeat it received
    for (let d = 0; d < this.serverGw.length; d++) {
      if (this.serverGw[d] !== g) continue;
      const e = this.epoch[d];
      s.at(Math.max(now, this.lastRecv[d] + p.deadPeerTimeoutMs), () => {
        if (gw.partitioned && this.serverGw[d] === g && this.epoch[d] === e) {
          this.deadPeerCloses++;
          this.serverClose(d);
        } else if (this.epoch[d] !== e) {
          this.registry.remove(d, e); // stale: the device already re-registered elsewhere
        }
      });
    }
  }

  private healPartition(g: number): void {
    const gw = this.gws[g];
    if (!gw.partitioned) return;
    gw.partitioned = false;
    gw.lbExcluded = false;
    const now = this.ctx.scheduler.now;
    this.forEachOnGateway(g, (d) => {
      if (this.serverGw[d] !== g) {
        // the server already closed this connection: the next packet gets a RST
        this.clientLost(d, now + this.hop, true);
      } else {
        const u = this.pop.deviceUser[d];
        if (this.log.pendingFor(d, u) > 0) this.replay(d, u, now + this.hop);
      }
    });
  }

  // =============================================================================================
  // sampling and results
  // =============================================================================================

  private sample(): void {
    const s = this.ctx.scheduler;
    const t = s.now;
    const rec = this.ctx.recorder;
    const last = this.lastSample;
    const dt = (t - last.t) / 1000;
    rec.sample('socketWritesPerSec', (this.socketWrites - last.writes) / dt);
    rec.sample('presenceDeliveriesPerSec', (this.presenceDeliveries - last.presence) / dt);
    rec.sample('heartbeatsPerSec', (this.heartbeats - last.heartbeats) / dt);
    rec.sample('sendsPerSec', (this.sends - last.sends) / dt);
    rec.sample('reconnectAttemptsPerSec', (this.attempts - last.attempts) / dt);
    let acceptCapacity = 0;
    for (let g = 0; g < this.gateways; g++) if (this.accepting(g)) acceptCapacity += this.p.acceptRatePerSec;
    rec.sample('acceptCapacityPerSec', acceptCapacity);
    rec.sample('connectedDevices', this.connectedDevices);
    rec.sample('offlineBacklog', this.log.backlog + (this.conversations?.backlog ?? 0));
    rec.sample('latencyP50Ms', this.windowLatency.count ? this.windowLatency.quantile(0.5) : 0);
    rec.sample('latencyP99Ms', this.windowLatency.count ? this.windowLatency.quantile(0.99) : 0);
    rec.sample('latencyMaxMs', this.windowLatency.max);
    this.windowLatency.reset();
    const kb = effectiveKBPerConnection(this.p.serverModel, this.p.memoryPerConnectionKB, this.p.threadStackKB);
    for (let g = 0; g < this.gateways; g++) {
      rec.sample(`gateway.${g}.connections`, this.gws[g].conns);
      rec.sample(`gateway.${g}.memoryMB`, (this.gws[g].conns * kb) / 1024);
    }
    this.lastSample = { writes: this.socketWrites, presence: this.presenceDeliveries, heartbeats: this.heartbeats, attempts: this.attempts, sends: this.sends, t };
    this.log.expire(t);
    s.at(t + this.p.sampleMs, () => this.sample());
  }

  private offlineWaitMean(): number {
    const sum = this.log.offlineWaitSumMs + (this.conversations?.waitSumMs ?? 0);
    const n = this.log.offlineWaitCount + (this.conversations?.waitCount ?? 0);
    return n ? sum / n : 0;
  }

  result(): ChatResult {
    const p = this.p;
    const kb = effectiveKBPerConnection(p.serverModel, p.memoryPerConnectionKB, p.threadStackKB);
    const durS = Math.max(1e-9, this.ctx.scheduler.now / 1000);
    const cap = capacity({
      connections: this.peakDemandDevices,
      serverModel: p.serverModel,
      memoryPerConnectionKB: p.memoryPerConnectionKB,
      threadStackKB: p.threadStackKB,
      gatewayRamGB: p.gatewayRamGB,
      fdLimit: p.fdLimit,
      cpuMicrosPerSec: ((this.socketWrites + this.heartbeats + this.presenceDeliveries) / durS) * p.sendCostUs,
      cores: p.cores,
    });
    let peakPerGateway = 0;
    for (const gw of this.gws) peakPerGateway = Math.max(peakPerGateway, gw.peakConns);
    let peakAttempts = 0;
    for (let i = 0; i < this.attemptsPerSecond.length; i++) peakAttempts = Math.max(peakAttempts, this.attemptsPerSecond[i]);
    const round = (x: number, k = 3) => (Number.isFinite(x) ? Math.round(x * 10 ** k) / 10 ** k : null);
    return {
      sends: this.sends,
      groupSends: this.groupSends,
      socketWrites: this.socketWrites,
      realtimeWrites: this.realtimeWrites,
      syncWrites: this.syncWrites,
      lostWrites: this.lostWrites,
      offlineEnqueues: this.router.offlineEnqueues,
      pushes: this.pushes,
      receipts: this.receipts.total,
      deliveredReceipts: this.receipts.delivered,
      readReceipts: this.receipts.read,
      heartbeats: this.heartbeats,
      presenceChanges: this.presenceChanges,
      presenceDeliveries: this.presenceDeliveries,
      gatewaysTouchedMean: round(this.router.messagesWithOnlineRecipients ? this.router.gatewaysTouchedSum / this.router.messagesWithOnlineRecipients : 0, 4),
      crossGatewayShare: round(this.realtimeWrites ? this.router.crossGatewayWrites / this.router.writes : 0, 4),
      deliveryLatencyMs: { p50: round(this.latency.quantile(0.5)), p99: round(this.latency.quantile(0.99)), max: round(this.latency.count ? this.latency.max : NaN) },
      syncLatencyMs: { p50: round(this.syncLatency.quantile(0.5)), max: round(this.syncLatency.count ? this.syncLatency.max : NaN) },
      reconnect: {
        attemptsPerClient: round(this.episodes ? this.faultAttempts / this.episodes : 0, 3),
        peakAttemptsPerSec: peakAttempts,
        recoverMs: this.recoverMs === null ? null : round(this.recoverMs, 1),
        attempts: this.attempts,
        clients: this.episodes,
        stillDisconnected: this.openEpisodes,
        rejected: { ...this.rejected },
      },
      gatewaysNeeded: cap.gatewaysNeeded,
      gatewaysNeededBy: { memory: cap.byMemory, fd: cap.byFd, cpu: cap.byCpu },
      memoryPerGatewayMB: round((peakPerGateway * kb) / 1024, 1),
      memoryPerConnectionKB: kb,
      maxConnectionsPerGateway: cap.maxConnectionsPerGateway,
      connectedDevices: this.connectedDevices,
      peakConnectedDevices: this.peakConnectedDevices,
      peakDemandDevices: this.peakDemandDevices,
      offlineBacklog: this.log.backlog + (this.conversations?.backlog ?? 0),
      offlineWaitMeanMs: round(this.offlineWaitMean(), 1),
      storage: { writes: this.router.storage.writes, messageRows: this.router.storage.messageRows, inboxRows: this.router.storage.inboxRows, inboxReads: this.router.storage.inboxReads, logScans: this.router.storage.logScans },
      registry: { puts: this.registry.puts, removes: this.registry.removes, evictions: this.registry.evictions, staleRemovesIgnored: this.registry.staleRemovesIgnored, staleRoutes: this.router.staleRoutes },
      duplicatesSuppressed: this.log.duplicates,
      lostToTtl: this.log.lostToTtl,
      slowConsumerDisconnects: this.slowDisconnects,
      idleTimeoutDisconnects: this.idleDisconnects,
      deadPeerCloses: this.deadPeerCloses,
      gateways: this.gws.map((gw, i) => ({ id: i, state: String(gw.actor.getSnapshot().value), connections: gw.conns, peakConnections: gw.peakConns, memoryMB: round((gw.conns * kb) / 1024, 1), writes: gw.writes })),
      groups: this.groups.count,
      devices: this.pop.devices,
    };
  }
}

export interface ChatResult {
  sends: number;
  groupSends: number;
  socketWrites: number;
  realtimeWrites: number;
  syncWrites: number;
  lostWrites: number;
  offlineEnqueues: number;
  pushes: number;
  receipts: number;
  deliveredReceipts: number;
  readReceipts: number;
  heartbeats: number;
  presenceChanges: number;
  presenceDeliveries: number;
  gatewaysTouchedMean: number | null;
  crossGatewayShare: number | null;
  deliveryLatencyMs: { p50: number | null; p99: number | null; max: number | null };
  syncLatencyMs: { p50: number | null; max: number | null };
  reconnect: {
    attemptsPerClient: number | null;
    peakAttemptsPerSec: number;
    recoverMs: number | null;
    attempts: number;
    clients: number;
    stillDisconnected: number;
    rejected: { backlog: number; capacity: number; unreachable: number; noGateway: number };
  };
  gatewaysNeeded: number;
  gatewaysNeededBy: { memory: number; fd: number; cpu: number };
  memoryPerGatewayMB: number | null;
  memoryPerConnectionKB: number;
  maxConnectionsPerGateway: number;
  connectedDevices: number;
  peakConnectedDevices: number;
  peakDemandDevices: number;
  offlineBacklog: number;
  offlineWaitMeanMs: number | null;
  storage: { writes: number; messageRows: number; inboxRows: number; inboxReads: number; logScans: number };
  registry: { puts: number; removes: number; evictions: number; staleRemovesIgnored: number; staleRoutes: number };
  duplicatesSuppressed: number;
  lostToTtl: number;
  slowConsumerDisconnects: number;
  idleTimeoutDisconnects: number;
  deadPeerCloses: number;
  gateways: { id: number; state: string; connections: number; peakConnections: number; memoryMB: number | null; writes: number }[];
  groups: number;
  devices: number;
}
