/**
 * What the users do: who is online (a flat fraction or the two-peak diurnal curve), logins and
 * logouts around it, messages (Poisson, 1:1 or to a group, from an online sender) and online ↔ away
 * presence changes.
 */
import type { Scheduler } from '../../core/scheduler';
import type { RandomStream } from '../../core/rng';
import { DetMath } from '../../core/math';
import type { PresenceService, PresenceSink } from '../core/presence';
import type { Connections } from '../devices/connections';
import type { DeviceTable } from '../devices/deviceTable';
import type { Population } from '../devices/population';
import type { Gateways } from '../gateways/gateways';
import type { Delivery } from '../delivery/delivery';
import type { ChatMetrics } from '../metrics/chatMetrics';
import type { Groups } from './groups';

const GROUP_DRAWS = 1024;

export interface WorkloadConfig {
  users: number;
  onlineFraction: number;
  sendsPerUserPerMin: number;
  groupShare: number;
  spareGateways: number;
  'session.meanMs': number;
  'diurnal.dayMs': number;
  'presence.changesPerUserPerMin': number;
  sampleMs: number;
}

export interface WorkloadParts {
  devices: DeviceTable;
  pop: Population;
  groups: Groups;
  gateways: Gateways;
  connections: Connections;
  delivery: Delivery;
  presence: PresenceService;
  presenceSink: PresenceSink;
  metrics: ChatMetrics;
}

export interface WorkloadStreams {
  sends: RandomStream;
  churn: RandomStream;
  presence: RandomStream;
}

/** Online fraction at time t: flat, or the two-peak diurnal curve (peaks 11:00 and 14:00, lunch dip). */
function onlineFractionAt(c: Pick<WorkloadConfig, 'onlineFraction' | 'diurnal.dayMs'>, t: number): number {
  const f = c.onlineFraction;
  const day = c['diurnal.dayMs'];
  if (day <= 0) return f;
  const h = ((((t / day) * 24) % 24) + 24) % 24;
  const bump = (c: number, w: number) => DetMath.exp(-((h - c) * (h - c)) / (2 * w * w));
  const shape = 0.5 + 0.5 * Math.min(1, bump(11, 2.5) + bump(14.5, 2.5) - 0.15 * bump(12.75, 0.6));
  return f * Math.max(0, Math.min(1, shape));
}

/** Mean online session; with the diurnal curve on and no session length set, 1/48 of a day. */
function sessionMeanMs(c: Pick<WorkloadConfig, 'session.meanMs' | 'diurnal.dayMs'>): number {
  const s = c['session.meanMs'];
  return s > 0 ? s : c['diurnal.dayMs'] > 0 ? c['diurnal.dayMs'] / 48 : 0;
}

export class Workload {
  private readonly sessionMeanMs: number;

  constructor(
    private readonly parts: WorkloadParts,
    private readonly c: WorkloadConfig,
    private readonly scheduler: Scheduler,
    private readonly r: WorkloadStreams,
  ) {
    this.sessionMeanMs = sessionMeanMs(c);
  }

  private offlineMeanMs(t: number): number {
    const f = Math.min(0.999, Math.max(0.001, onlineFractionAt(this.c, t)));
    return (this.sessionMeanMs * (1 - f)) / f;
  }

  /** The steady state at t = 0: who is online, already connected; their session timers. */
  placeInitialUsers(): void {
    const { devices: dev, pop, gateways, connections, metrics } = this.parts;
    const G = gateways.gateways;
    const spares = Math.min(this.c.spareGateways, G - 1);
    for (let g = G - spares; g < G; g++) gateways.gws[g].lbExcluded = true;
    const users = this.c.users;
    const target = Math.round(onlineFractionAt(this.c, 0) * users);
    const order = new Int32Array(users);
    for (let i = 0; i < users; i++) order[i] = i;
    const r = this.r.churn;
    for (let i = 0; i < target; i++) {
      const j = i + r.int(0, users - 1 - i);
      const t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    const churn = this.sessionMeanMs > 0;
    for (let i = 0; i < users; i++) {
      const u = order[i];
      if (i < target) {
        dev.wantsOnline[u] = 1;
        metrics.demandChange(pop.firstDevice[u + 1] - pop.firstDevice[u]);
        for (let d = pop.firstDevice[u]; d < pop.firstDevice[u + 1]; d++) connections.placeInitial(d, u);
        if (churn) this.scheduler.at(r.exponential(1 / this.sessionMeanMs), () => this.logout(u));
      } else if (churn) {
        this.scheduler.at(r.exponential(1 / this.offlineMeanMs(0)), () => this.login(u));
      }
    }
    for (let g = G - spares; g < G; g++) gateways.gws[g].lbExcluded = false;
  }

  /** Schedule the first send and the first presence change. */
  start(): void {
    this.scheduleNextSend();
    this.scheduleNextPresenceChange();
  }

  private login(u: number): void {
    const { devices: dev, pop, connections, metrics } = this.parts;
    if (dev.wantsOnline[u]) return;
    dev.wantsOnline[u] = 1;
    metrics.demandChange(pop.firstDevice[u + 1] - pop.firstDevice[u]);
    for (let d = pop.firstDevice[u]; d < pop.firstDevice[u + 1]; d++) connections.startConnecting(d, 0);
    this.scheduler.after(this.r.churn.exponential(1 / this.sessionMeanMs), () => this.logout(u));
  }

  private logout(u: number): void {
    const { devices: dev, pop, connections, metrics } = this.parts;
    if (!dev.wantsOnline[u]) return;
    dev.wantsOnline[u] = 0;
    metrics.demandChange(-(pop.firstDevice[u + 1] - pop.firstDevice[u]));
    connections.logOut(u);
    this.scheduler.after(this.r.churn.exponential(1 / this.offlineMeanMs(this.scheduler.now)), () => this.login(u));
  }

  private scheduleNextSend(): void {
    const rate = (this.c.sendsPerUserPerMin / 60_000) * this.parts.devices.onlineUsers;
    const s = this.scheduler;
    if (rate <= 0) {
      if (this.c.sendsPerUserPerMin > 0) s.after(this.c.sampleMs, () => this.scheduleNextSend());
      return;
    }
    s.after(this.r.sends.exponential(rate), () => {
      this.send();
      this.scheduleNextSend();
    });
  }

  /** One message now (Poisson arrivals call it; tests too). */
  send(): void {
    const { devices: dev, groups: gs, delivery, metrics } = this.parts;
    const r = this.r.sends;
    const now = this.scheduler.now;
    const msg = metrics.sends++;
    if (gs.count > 0 && r.next() < this.c.groupShare) {
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
        if (dev.userOnlineDevices[sender] === 0) continue;
        metrics.groupSends++;
        delivery.routeGroup(msg, grp, sender, from, to, now);
        return;
      }
    }
    const users = this.c.users;
    if (dev.onlineUsers === 0 || users < 2) return;
    const sender = dev.onlineList[r.int(0, dev.onlineUsers - 1)];
    let recipient = r.int(0, users - 2);
    if (recipient >= sender) recipient++;
    delivery.routeDirect(msg, sender, recipient, now);
  }

  private scheduleNextPresenceChange(): void {
    const perMin = this.c['presence.changesPerUserPerMin'];
    if (perMin <= 0) return;
    const { devices: dev, presence, presenceSink } = this.parts;
    const s = this.scheduler;
    const rate = (perMin / 60_000) * dev.onlineUsers;
    if (rate <= 0) {
      s.after(this.c.sampleMs, () => this.scheduleNextPresenceChange());
      return;
    }
    const r = this.r.presence;
    s.after(r.exponential(rate), () => {
      if (dev.onlineUsers > 0) {
        const u = dev.onlineList[r.int(0, dev.onlineUsers - 1)];
        const away = presence.status[u] === 1;
        presence.setAway(u, away, s.now, presenceSink);
      }
      this.scheduleNextPresenceChange();
    });
  }
}
