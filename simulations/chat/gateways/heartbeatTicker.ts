/**
 * The heartbeat clock: one tick every `heartbeatMs / heartbeatTicks` visits the devices of every
 * gateway whose heartbeat fell in that slice (HeartbeatWheel), counts each beat exactly and hands
 * the ones a live, reachable gateway received to presence with their exact time. Presence timers sit
 * in a second wheel on the same ticks: they fire at most one tick late, but the presence rule
 * publishes transitions stamped with their exact time.
 */
import type { Scheduler } from '../../core/scheduler';
import type { PresenceService, PresenceSink } from '../core/presence';
import { NIL, type DeviceTable } from '../devices/deviceTable';
import type { Population } from '../devices/population';
import type { ChatMetrics } from '../metrics/chatMetrics';
import type { Gateways } from './gateways';
import type { HeartbeatWheel } from './heartbeatWheel';

export interface HeartbeatParts {
  devices: DeviceTable;
  pop: Population;
  gateways: Gateways;
  wheel: HeartbeatWheel;
  presence: PresenceService;
  metrics: ChatMetrics;
}

export class HeartbeatTicker {
  private tickIndex = 0;
  private readonly wheelSize: number;
  private readonly wheelUsers: number[][];
  /** set by the wiring (lab/model.ts) */
  presenceSink!: PresenceSink;

  constructor(
    private readonly parts: HeartbeatParts,
    private readonly heartbeatMs: number,
    private readonly scheduler: Scheduler,
  ) {
    this.wheelSize = Math.ceil(parts.presence.expiryMs / parts.wheel.tickMs) + 3;
    this.wheelUsers = Array.from({ length: this.wheelSize }, () => []);
  }

  /** Schedule the first tick. */
  start(): void {
    this.scheduler.at(this.parts.wheel.tickMs, () => this.tick());
  }

  /** A presence timer for `user` due at `dueAt` (fires on the first tick at or after it). */
  arm(user: number, dueAt: number): void {
    const idx = Math.max(Math.ceil(dueAt / this.parts.wheel.tickMs - 1e-9), this.tickIndex + 1);
    const slot = idx % this.wheelSize;
    this.wheelUsers[slot].push(user);
  }

  /**
   * Deliver to presence the heartbeats gateway g received since the last tick (they were sent before
   * a crash or partition that happens now, but the batch that would count them runs later).
   */
  flush(g: number): void {
    const { devices: dev, pop, gateways, wheel, presence } = this.parts;
    const gw = gateways.gws[g];
    if (!gw.up || gw.partitioned) return;
    const now = this.scheduler.now;
    const lastTick = this.tickIndex * wheel.tickMs;
    const h = this.heartbeatMs;
    const b = this.tickIndex % wheel.buckets;
    for (let d = wheel.head(g, b); d !== NIL; d = wheel.next[d]) {
      const c = dev.connectAt[d];
      const beat = c + Math.floor((now - c) / h) * h;
      if (beat <= lastTick || beat <= c || dev.serverGw[d] !== g) continue;
      dev.lastRecv[d] = beat;
      presence.heartbeat(pop.deviceUser[d], beat, this.presenceSink);
    }
  }

  private tick(): void {
    const { devices: dev, pop, gateways, wheel, presence, metrics } = this.parts;
    const s = this.scheduler;
    const t = s.now;
    this.tickIndex++;
    const b = (this.tickIndex - 1) % wheel.buckets;
    const h = this.heartbeatMs;
    const windowStart = t - wheel.tickMs - 1e-6;
    // LOUD: the hot loop of large runs (every connected device once per heartbeat interval): keep
    // the arrays on locals
    const next = wheel.next;
    const connectAt = dev.connectAt;
    const serverGw = dev.serverGw;
    const lastRecv = dev.lastRecv;
    const deviceUser = pop.deviceUser;
    const sink = this.presenceSink;
    for (let g = 0; g < gateways.gateways; g++) {
      const gw = gateways.gws[g];
      const received = gw.up && !gw.partitioned;
      for (let d = wheel.head(g, b); d !== NIL; d = next[d]) {
        const c = connectAt[d];
        const beat = c + Math.floor((t - c) / h) * h;
        if (beat <= windowStart || beat <= c) continue;
        metrics.heartbeats++;
        if (received && serverGw[d] === g) {
          lastRecv[d] = beat;
          presence.heartbeat(deviceUser[d], beat, sink);
        }
      }
    }
    // presence triggers due by now (after the heartbeats of this slice; see PresenceService)
    const slot = this.tickIndex % this.wheelSize;
    const users = this.wheelUsers[slot];
    if (users.length > 0) {
      this.wheelUsers[slot] = [];
      for (let i = 0; i < users.length; i++) presence.trigger(users[i], t, sink);
    }
    s.at((this.tickIndex + 1) * wheel.tickMs, () => this.tick());
  }
}
