/**
 * Each device's connection to the gateways, as plain scheduler events over the device table:
 * pick a gateway through the load balancer, wait in its accept queue, handshake, register the
 * session, join the heartbeat wheel; and when the connection is lost (reset, ping timeout, slow
 * consumer, idle cut, logout) back off by the reconnect policy and try again. The same states as
 * machines/clientConnection.ts, kept in typed arrays because a million actors would not fit.
 *
 * It also keeps the registered-device counters per user and group (server side, live gateways)
 * that presence and the fan-out tier read.
 */
import type { Scheduler } from '../../core/scheduler';
import type { RandomStream } from '../../core/rng';
import { firstAttemptDelay, retryDelay, type BackoffConfig } from '../core/backoff';
import type { BackoffPolicy } from '../core/backoffPolicy';
import type { LoadBalancer } from '../core/loadBalancer';
import type { PresenceService, PresenceSink } from '../core/presence';
import type { SessionRegistry } from '../core/registry';
import type { Gateways } from '../gateways/gateways';
import type { HeartbeatWheel } from '../gateways/heartbeatWheel';
import type { ChatMetrics } from '../metrics/chatMetrics';
import type { Groups } from '../workload/groups';
import { DEVICE_STATE, NIL, type DeviceTable } from './deviceTable';
import type { Population } from './population';

const { OFF, CONNECTING, ONLINE, BACKOFF } = DEVICE_STATE;
const MIN_RETRY_MS = 1;

export interface ConnectionConfig {
  rttMs: number;
  pingTimeoutMs: number;
  acceptRatePerSec: number;
  backlog: number;
  heartbeatMs: number;
  'lb.idleTimeoutMs': number;
  backoff: BackoffConfig;
  /** the code lab's learner policy, replacing backoff.policy (null: the built-in) */
  backoffPolicy?: BackoffPolicy | null;
  traceMessages: boolean;
}

export type ConnectionEvent = { type: 'reconnected'; device: number; attempts: number } | { type: 'recovered'; recoverMs: number };

/** What happens once a device is connected again: it catches up on what it missed (delivery/). */
export interface CatchUp {
  catchUp(device: number, user: number, at: number): void;
}

export interface ConnectionParts {
  devices: DeviceTable;
  pop: Population;
  groups: Groups;
  gateways: Gateways;
  wheel: HeartbeatWheel;
  registry: SessionRegistry;
  lb: LoadBalancer;
  presence: PresenceService;
  metrics: ChatMetrics;
}

export class Connections {
  /** registered (server-side, live gateway) devices per user, all and foreground */
  readonly userRegDevices: Uint16Array;
  readonly userRegFg: Uint16Array;
  /** the same per group */
  readonly groupRegDevices: Int32Array;
  readonly groupRegFg: Int32Array;
  private readonly hop: number;
  private readonly uConn: () => number;
  private readonly uLb: () => number;
  // the parts used on hot paths, on fields
  private readonly dev: DeviceTable;
  private readonly pop: Population;
  private readonly groups: Groups;
  /** set by the wiring (lab/model.ts): presence hears heartbeats, delivery replays on reconnect */
  presenceSink!: PresenceSink;
  catchUp!: CatchUp;

  constructor(
    private readonly parts: ConnectionParts,
    private readonly c: ConnectionConfig,
    private readonly scheduler: Scheduler,
    private readonly recorder: { log(event: ConnectionEvent): void },
    private readonly rConn: RandomStream,
    rLb: RandomStream,
  ) {
    const users = parts.pop.users;
    this.dev = parts.devices;
    this.pop = parts.pop;
    this.groups = parts.groups;
    this.userRegDevices = new Uint16Array(users);
    this.userRegFg = new Uint16Array(users);
    this.groupRegDevices = new Int32Array(parts.groups.count);
    this.groupRegFg = new Int32Array(parts.groups.count);
    this.hop = c.rttMs / 2;
    this.uConn = () => this.rConn.next();
    this.uLb = () => rLb.next();
  }

  /** Before t = 0: the device of an online user is already connected in steady state, or starts connecting. */
  placeInitial(d: number, u: number): void {
    const { lb, gateways } = this.parts;
    const g = lb.choose(u, gateways, this.uLb);
    if (g >= 0 && gateways.hasRoom(g)) {
      // already connected in steady state: heartbeat phase uniform over one interval
      const phase = this.rConn.next() * this.c.heartbeatMs;
      this.establish(d, g, -phase);
    } else {
      this.startConnecting(d, this.rConn.next() * this.c.heartbeatMs);
    }
  }

  startConnecting(d: number, delay: number): void {
    const dev = this.parts.devices;
    dev.setState(d, delay > 0 ? BACKOFF : CONNECTING);
    const gd = ++dev.gen[d];
    this.scheduler.after(delay, () => this.tryConnect(d, gd));
  }

  private tryConnect(d: number, gd: number): void {
    const { devices: dev, pop, gateways, lb, metrics } = this.parts;
    if (dev.gen[d] !== gd) return;
    const u = pop.deviceUser[d];
    if (!dev.wantsOnline[u]) {
      dev.setState(d, OFF);
      return;
    }
    const c = this.c;
    const now = this.scheduler.now;
    metrics.countAttempt(now, dev.inEpisode[d] === 1);
    dev.setState(d, CONNECTING);
    const g = lb.choose(u, gateways, this.uLb);
    if (g < 0) {
      metrics.rejected.noGateway++;
      this.failAttempt(d, now + c.rttMs);
      return;
    }
    dev.setClientGw(d, g);
    const gw = gateways.gws[g];
    if (!gw.up || gw.partitioned) {
      metrics.rejected.unreachable++;
      this.failAttempt(d, now + Math.max(c.rttMs, c.pingTimeoutMs));
      return;
    }
    if (!gateways.hasRoom(g)) {
      metrics.rejected.capacity++;
      this.failAttempt(d, now + c.rttMs);
      return;
    }
    const service = 1000 / c.acceptRatePerSec;
    const waiting = gw.acceptFreeAt > now ? Math.round((gw.acceptFreeAt - now) / service) : 0;
    if (waiting >= c.backlog) {
      metrics.rejected.backlog++;
      this.failAttempt(d, now + c.rttMs);
      return;
    }
    gw.acceptFreeAt = Math.max(now, gw.acceptFreeAt) + service;
    gw.handshaking++;
    this.scheduler.at(gw.acceptFreeAt + this.hop, () => this.handshakeDone(d, g, gd));
  }

  private failAttempt(d: number, learnedAt: number): void {
    const dev = this.parts.devices;
    dev.setState(d, BACKOFF);
    dev.setClientGw(d, NIL);
    const plugin = this.c.backoffPolicy;
    const delay = Math.max(MIN_RETRY_MS, plugin ? plugin.delayMs({ attempt: dev.attempt[d] + 1, previousDelayMs: dev.prevDelay[d] }) : retryDelay(this.c.backoff, dev.attempt[d], dev.prevDelay[d], this.uConn));
    dev.prevDelay[d] = delay;
    if (dev.attempt[d] < 65535) dev.attempt[d]++;
    const gd = ++dev.gen[d];
    this.scheduler.at(learnedAt + delay, () => this.tryConnect(d, gd));
  }

  private handshakeDone(d: number, g: number, gd: number): void {
    const { devices: dev, gateways, metrics } = this.parts;
    const gw = gateways.gws[g];
    gw.handshaking = Math.max(0, gw.handshaking - 1);
    if (dev.gen[d] !== gd) return;
    const now = this.scheduler.now;
    if (!gw.up || gw.partitioned || !gw.accepting) {
      metrics.rejected.unreachable++;
      this.failAttempt(d, now + this.hop);
      return;
    }
    const attempts = dev.attempt[d] + 1;
    this.establish(d, g, now);
    if (dev.inEpisode[d]) {
      dev.inEpisode[d] = 0;
      metrics.openEpisodes--;
      metrics.lastEpisodeEndAt = now;
      if (this.c.traceMessages) this.recorder.log({ type: 'reconnected', device: d, attempts });
      if (metrics.openEpisodes === 0 && metrics.firstFaultAt >= 0) {
        metrics.recoverMs = now - metrics.firstFaultAt;
        this.recorder.log({ type: 'recovered', recoverMs: metrics.recoverMs });
      }
    }
  }

  /** Both sides connected on gateway g; `at` is the connect time (negative for the initial steady state). */
  private establish(d: number, g: number, at: number): void {
    const { gateways, registry, wheel, presence, metrics } = this.parts;
    const dev = this.dev;
    const u = this.pop.deviceUser[d];
    const gw = gateways.gws[g];
    const old = dev.serverGw[d];
    if (old !== NIL) {
      // the previous gateway still holds a half-open connection (partition): it is superseded now,
      // and that gateway's later removal carries an old epoch, which the registry ignores
      gateways.gws[old].conns--;
      this.count(d, -1);
      dev.serverGw[d] = NIL;
    }
    gw.conns++;
    if (gw.conns > gw.peakConns) gw.peakConns = gw.conns;
    dev.setState(d, ONLINE);
    dev.setClientGw(d, g);
    dev.serverGw[d] = g;
    dev.attempt[d] = 0;
    dev.prevDelay[d] = 0;
    dev.connectAt[d] = at;
    const h = this.c.heartbeatMs;
    dev.lastRecv[d] = at;
    dev.epoch[d] = registry.put(d, g);
    this.count(d, +1);
    wheel.insert(d, g, at);
    if (dev.userOnlineDevices[u]++ === 0) dev.onlineListAdd(u);
    metrics.connectedDevices++;
    if (metrics.connectedDevices > metrics.peakConnectedDevices) metrics.peakConnectedDevices = metrics.connectedDevices;
    if (dev.slow[d] === 1) {
      dev.bufBytes[d] = 0;
      dev.bufAt[d] = Math.max(0, at);
    }
    const idleTimeoutMs = this.c['lb.idleTimeoutMs'];
    if (h >= idleTimeoutMs) {
      // nothing crosses the load balancer before the first heartbeat: it cuts the connection
      const e = dev.epoch[d];
      this.scheduler.at(Math.max(0, at + idleTimeoutMs), () => {
        if (dev.epoch[d] === e && dev.serverGw[d] === g && dev.state[d] === ONLINE) {
          metrics.idleDisconnects++;
          this.serverClose(d);
          this.clientLost(d, this.scheduler.now + this.hop, true);
        }
      });
    }
    if (at < 0) {
      // steady state before t = 0: the latest heartbeat already happened
      const last = at + Math.floor(-at / h) * h;
      dev.lastRecv[d] = last;
      presence.heartbeat(u, last > at ? last : at, this.presenceSink);
      return;
    }
    presence.heartbeat(u, at, this.presenceSink);
    this.catchUp.catchUp(d, u, at);
  }

  /** Add/remove a registered device from its user's and groups' connected-device counters. */
  count(d: number, delta: 1 | -1): void {
    const dev = this.dev;
    const gs = this.groups;
    if ((delta === 1) === (dev.counted[d] === 1)) return;
    dev.counted[d] = delta === 1 ? 1 : 0;
    const u = this.pop.deviceUser[d];
    const fg = dev.foreground[d];
    this.userRegDevices[u] += delta;
    if (fg) this.userRegFg[u] += delta;
    for (let i = gs.userStart[u]; i < gs.userStart[u + 1]; i++) {
      const grp = gs.userGroups[i];
      this.groupRegDevices[grp] += delta;
      if (fg) this.groupRegFg[grp] += delta;
    }
  }

  /** The gateway drops its side of the connection (and its registry entry). */
  serverClose(d: number): void {
    const { devices: dev, gateways, registry } = this.parts;
    const g = dev.serverGw[d];
    if (g === NIL) return;
    dev.serverGw[d] = NIL;
    gateways.gws[g].conns--;
    registry.remove(d, dev.epoch[d]);
    this.count(d, -1);
  }

  /** The client notices its connection is gone and starts reconnecting at `reconnectFrom`. */
  clientLost(d: number, reconnectFrom: number, fault: boolean): void {
    const { devices: dev, pop, wheel, metrics } = this.parts;
    if (dev.state[d] !== ONLINE) return;
    const u = pop.deviceUser[d];
    wheel.remove(d);
    dev.setClientGw(d, NIL);
    metrics.connectedDevices--;
    if (--dev.userOnlineDevices[u] === 0) dev.onlineListRemove(u);
    if (fault && !dev.inEpisode[d]) {
      dev.inEpisode[d] = 1;
      metrics.episodes++;
      metrics.openEpisodes++;
    }
    dev.attempt[d] = 0;
    // decorrelated jitter: `base` stands in for the previous delay on the first retry (§6 reference)
    dev.prevDelay[d] = 0;
    const delay = this.c.backoffPolicy ? this.c.backoffPolicy.delayMs({ attempt: 0, previousDelayMs: 0 }) : firstAttemptDelay(this.c.backoff, this.uConn);
    dev.setState(d, BACKOFF);
    const gd = ++dev.gen[d];
    const now = this.scheduler.now;
    this.scheduler.at(Math.max(now, reconnectFrom) + delay, () => this.tryConnect(d, gd));
  }

  /** The user logs out: every device closes its connection (or gives up connecting) and stays off. */
  logOut(u: number): void {
    const { devices: dev, pop, gateways, wheel, metrics } = this.parts;
    for (let d = pop.firstDevice[u]; d < pop.firstDevice[u + 1]; d++) {
      if (dev.state[d] === ONLINE) {
        if (dev.serverGw[d] === dev.clientGw[d] && !gateways.gws[dev.clientGw[d]].partitioned) this.serverClose(d);
        wheel.remove(d);
        dev.setClientGw(d, NIL);
        metrics.connectedDevices--;
        if (--dev.userOnlineDevices[u] === 0) dev.onlineListRemove(u);
      }
      if (dev.inEpisode[d]) {
        dev.inEpisode[d] = 0;
        metrics.openEpisodes--;
      }
      dev.setState(d, OFF);
      dev.gen[d]++;
    }
  }
}
