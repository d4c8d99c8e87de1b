/**
 * Getting a message to every device: the routing core (core/fanout.ts Router) plans the fan-out and
 * calls back here for every socket write and every offline recipient. This part times each write
 * (the owner process, a relay or a channel server, then the gateway's send lanes: "busy until"
 * arithmetic, not scheduler events), applies slow consumers' send buffers, accepts the write on the
 * device (in order, deduplicated, via the sync log), counts receipts and latency, and replays what a
 * device missed when it connects (the per-user sync log, and the conversation logs of fan-out on read).
 *
 * LOUD: acknowledgements are applied when a write is computed (its arrival time is in the future but
 * known); a fault that lands inside that in-flight window does not retract it.
 */
import type { Scheduler } from '../../core/scheduler';
import { usesWriteFanout, type ConversationLogs, type FanoutMode, type Router, type RouterPorts } from '../core/fanout';
import type { HashRing } from '../core/hashRing';
import type { ReceiptTracker } from '../core/receipts';
import type { SyncLog } from '../core/syncLog';
import type { CatchUp, Connections } from '../devices/connections';
import { DEVICE_STATE, NIL, type DeviceTable } from '../devices/deviceTable';
import type { Population } from '../devices/population';
import type { Gateways } from '../gateways/gateways';
import { HUB_CHANNEL_SERVER, HUB_DIRECT, HUB_GROUP, HUB_RELAY, type HubKind } from '../metrics/activity';
import type { ChatMetrics } from '../metrics/chatMetrics';
import type { Groups } from '../workload/groups';

const ONLINE = DEVICE_STATE.ONLINE;

export interface DeliveryConfig {
  users: number;
  rttMs: number;
  interNodeMs: number;
  sendCostUs: number;
  fanoutCostUs: number;
  relays: number;
  relayThreshold: number;
  channelServers: number;
  fanout: FanoutMode;
  fanoutThreshold: number;
  messageBytes: number;
  'slowConsumer.bytesPerSec': number;
  'slowConsumer.bufferKB': number;
  traceMessages: boolean;
}

export type DeliveryEvent =
  | { type: 'send'; msg: number; sender: number; group: number; size: number; to?: number }
  | { type: 'deliver'; msg: number; device: number; user: number; via: 'socket' | 'sync'; latencyMs: number }
  | { type: 'offline'; msg: number; user: number };

export interface DeliveryParts {
  devices: DeviceTable;
  pop: Population;
  groups: Groups;
  gateways: Gateways;
  connections: Connections;
  router: Router;
  log: SyncLog;
  conversations: ConversationLogs | null;
  receipts: ReceiptTracker;
  /** channel servers on a consistent-hash ring (Slack), or null */
  csRing: HashRing | null;
  metrics: ChatMetrics;
}

export class Delivery implements RouterPorts, CatchUp {
  private readonly hop: number;
  /** busy-until per channel server, and per group process */
  private readonly csBusy: Float64Array;
  private readonly groupBusy: Float64Array;
  /** per gateway: when the current two-level message reaches it (stamped with the message id) */
  private readonly gwArrive: Float64Array;
  private readonly gwArriveStamp: Float64Array;
  private readonly dmTarget = new Int32Array(1);
  // the parts, on fields (hot paths: one load each)
  private readonly dev: DeviceTable;
  private readonly gateways: Gateways;
  private readonly metrics: ChatMetrics;
  private readonly log: SyncLog;
  // the message being routed (the Router calls socketWrite once per recipient device)
  private currentMsg = 0;
  private currentGroup = -1;
  private currentConvOwnerStart = 0;
  private currentRelays = 0;
  private currentTwoLevel = false;
  private currentTwoLevelClock = 0;
  private currentSendAt = 0;
  private currentFromGw = NIL;
  private currentOwner = NIL;

  constructor(
    private readonly parts: DeliveryParts,
    private readonly c: DeliveryConfig,
    private readonly scheduler: Scheduler,
    private readonly recorder: { log(event: DeliveryEvent): void },
  ) {
    const G = parts.gateways.gateways;
    this.dev = parts.devices;
    this.gateways = parts.gateways;
    this.metrics = parts.metrics;
    this.log = parts.log;
    this.hop = c.rttMs / 2;
    this.csBusy = new Float64Array(Math.max(1, c.channelServers));
    this.groupBusy = new Float64Array(parts.groups.count);
    this.gwArrive = new Float64Array(G);
    this.gwArriveStamp = new Float64Array(G).fill(-1);
  }

  /** A 1:1 message `msg` from `sender` to `recipient`, sent now. */
  routeDirect(msg: number, sender: number, recipient: number, now: number): void {
    this.currentMsg = msg;
    this.currentSendAt = now;
    this.currentGroup = -1;
    this.currentTwoLevel = false;
    this.currentRelays = 0;
    this.dmTarget[0] = recipient;
    if (this.c.traceMessages) this.recorder.log({ type: 'send', msg, sender, group: -1, size: 2, to: recipient });
    this.currentFromGw = this.senderGateway(sender);
    this.parts.router.route(msg, 2, this.currentFromGw, this.dmTarget, 0, 1, sender, sender, -1, now, this);
  }

  /** A message `msg` from `sender` to group `grp` (members[from, to)), sent now. */
  routeGroup(msg: number, grp: number, sender: number, from: number, to: number, now: number): void {
    const c = this.c;
    const { groups, connections, router, csRing } = this.parts;
    this.currentMsg = msg;
    this.currentSendAt = now;
    const size = to - from;
    if (c.traceMessages) this.recorder.log({ type: 'send', msg, sender, group: grp, size });
    const atRouter = now + this.hop + c.interNodeMs;
    this.currentGroup = grp;
    let ownerBusy: Float64Array;
    let owner: number;
    if (csRing) {
      owner = csRing.lookup(grp);
      ownerBusy = this.csBusy;
      this.currentTwoLevel = true;
      this.currentRelays = 0;
    } else {
      owner = grp;
      ownerBusy = this.groupBusy;
      this.currentTwoLevel = false;
      this.currentRelays = c.relays > 1 && connections.groupRegDevices[grp] >= c.relayThreshold ? c.relays : 0;
    }
    const start = Math.max(atRouter, ownerBusy[owner]);
    this.currentConvOwnerStart = start;
    this.currentTwoLevelClock = start;
    this.currentOwner = owner;
    this.currentFromGw = this.senderGateway(sender);
    const res = router.route(msg, size, this.currentFromGw, groups.members, from, to, sender, c.users + grp, grp, now, this);
    const cost = c.fanoutCostUs / 1000;
    if (this.currentTwoLevel) ownerBusy[owner] = this.currentTwoLevelClock;
    else if (this.currentRelays > 1) ownerBusy[owner] = start + this.currentRelays * cost;
    else ownerBusy[owner] = start + res.writes * cost;
  }

  private senderGateway(user: number): number {
    const { pop, devices: dev } = this.parts;
    for (let d = pop.firstDevice[user]; d < pop.firstDevice[user + 1]; d++) if (dev.serverGw[d] !== NIL) return dev.serverGw[d];
    return NIL;
  }

  socketWrite(device: number, user: number, g: number, entry: number, order: number): void {
    const dev = this.dev;
    const gateways = this.gateways;
    const metrics = this.metrics;
    const gw = gateways.gws[g];
    const p = this.c;
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
    const lane = device % gateways.lanes;
    const start = arrive > gw.laneFree[lane] ? arrive : gw.laneFree[lane];
    const finish = start + p.sendCostUs / 1000;
    gw.laneFree[lane] = finish;
    gw.writes++;
    metrics.socketWrites++;
    metrics.realtimeWrites++;
    const lost = gw.partitioned || dev.serverGw[device] !== g || dev.clientGw[device] !== g || dev.state[device] !== ONLINE;
    this.sampleWrite(device, g, order, lost ? NaN : finish + this.hop);
    if (lost) {
      metrics.lostWrites++;
      return;
    }
    let deliverAt = finish + this.hop;
    if (dev.slow[device] === 1) {
      const rate = p['slowConsumer.bytesPerSec'] / 1000;
      const drained = (finish - dev.bufAt[device]) * rate;
      const buffered = Math.max(0, dev.bufBytes[device] - drained) + p.messageBytes;
      dev.bufAt[device] = finish;
      if (buffered > p['slowConsumer.bufferKB'] * 1024) {
        dev.bufBytes[device] = 0;
        metrics.lostWrites++;
        metrics.slowDisconnects++;
        const e = dev.epoch[device];
        const gd = dev.gen[device];
        this.scheduler.at(finish, () => {
          if (dev.gen[device] === gd && dev.epoch[device] === e && dev.serverGw[device] === g) {
            this.parts.connections.serverClose(device);
            this.parts.connections.clientLost(device, this.scheduler.now + this.hop, true);
          }
        });
        return;
      }
      dev.bufBytes[device] = buffered;
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
    this.metrics.recentWrites.offer(this.currentSendAt, arriveAt, device, this.currentFromGw, g, hub, hubIndex);
  }

  offlineRecipient(user: number, entry: number): void {
    this.parts.metrics.pushes++;
    if (this.c.traceMessages) this.recorder.log({ type: 'offline', msg: this.parts.log.msgOf(entry), user });
  }

  /** Device-side acceptance of one entry (in-order, deduplicated), plus receipts and latency. */
  private acceptDelivery(device: number, user: number, entry: number, at: number, via: 'socket' | 'sync'): void {
    const log = this.log;
    const before = log.userDelivered[user];
    const outcome = log.deliver(device, user, entry, at);
    if (outcome === 'gap') {
      this.replay(device, user, at);
      return;
    }
    if (outcome !== 'ok') return;
    this.recordDelivery(device, user, entry, at, via, before);
  }

  private recordDelivery(device: number, user: number, entry: number, at: number, via: 'socket' | 'sync', userDeliveredBefore: number): void {
    const log = this.log;
    const metrics = this.metrics;
    const latency = at - log.timeOf(entry);
    if (via === 'socket') {
      metrics.latency.addAlsoTo(metrics.windowLatency, latency);
    } else {
      metrics.syncLatency.add(latency);
    }
    if (log.seqOf(entry) > userDeliveredBefore) {
      this.parts.receipts.onUserDelivery(user, log.convOf(entry), at, this.dev.foreground[device] === 1);
    }
    if (this.c.traceMessages) {
      this.recorder.log({ type: 'deliver', msg: log.msgOf(entry), device, user, via, latencyMs: latency });
    }
  }

  /** A device (re)connected at `at`: it replays its sync log and scans its read-fanout conversations. */
  catchUp(device: number, user: number, at: number): void {
    if (this.parts.log.pendingFor(device, user) > 0) this.replay(device, user, at);
    if (this.parts.conversations) this.scanConversations(device, user, at);
  }

  /** Replay everything after the device's cursor (reconnect sync, or repair after a gap). */
  replay(device: number, user: number, at: number): void {
    const { log, groups, router, metrics } = this.parts;
    const users = this.c.users;
    let writeEntries = 0;
    const convs = new Set<number>();
    const fanoutMode = this.c.fanout;
    const threshold = this.c.fanoutThreshold;
    let before = log.userDelivered[user];
    log.replay(device, user, at, (entry) => {
      metrics.socketWrites++;
      metrics.syncWrites++;
      const conv = log.convOf(entry);
      const size = conv >= users ? groups.start[conv - users + 1] - groups.start[conv - users] : 2;
      if (usesWriteFanout(fanoutMode, threshold, size)) writeEntries++;
      else convs.add(conv);
      this.recordDelivery(device, user, entry, at, 'sync', before);
      before = Math.max(before, log.seqOf(entry));
    });
    router.countSyncReads(writeEntries, convs.size);
    log.trim(user);
  }

  /** Read-fanout groups: scan each conversation log with news since the member's cursor (see Router.syncConversation). */
  private scanConversations(d: number, u: number, at: number): void {
    const { groups: gs, router, metrics, receipts, log, devices: dev } = this.parts;
    const users = this.c.users;
    for (let j = gs.userStart[u]; j < gs.userStart[u + 1]; j++) {
      const g = gs.userGroups[j];
      router.syncConversation(gs.userGroupSlot[j], g, users + g, u, d, at, (msg, sentAt) => {
        metrics.socketWrites++;
        metrics.syncWrites++;
        metrics.syncLatency.add(at - sentAt);
        receipts.onUserDelivery(u, users + g, at, dev.foreground[d] === 1);
        if (this.c.traceMessages) this.recorder.log({ type: 'deliver', msg, device: d, user: u, via: 'sync', latencyMs: at - sentAt });
      });
    }
    log.trim(u);
  }
}
