/**
 * Who hears a presence change: the presence service (core/presence.ts) decides WHEN a user's status
 * changes; this part counts the devices each change is delivered to (every online group member,
 * only foreground sessions, or one coalesced update per group per window), and lets presence expiry
 * evict registry entries a dead gateway left behind. Presence timers run on the heartbeat ticks.
 */
import type { Scheduler } from '../../core/scheduler';
import { PRESENCE_OFFLINE, presenceAudience, type PresenceCoalescer, type PresenceSink, type PresenceStatus, type PresenceStrategy } from '../core/presence';
import { NO_GATEWAY, type SessionRegistry } from '../core/registry';
import type { Connections } from '../devices/connections';
import type { Population } from '../devices/population';
import type { Gateways } from '../gateways/gateways';
import type { HeartbeatTicker } from '../gateways/heartbeatTicker';
import type { ChatMetrics } from '../metrics/chatMetrics';
import type { Groups } from '../workload/groups';

export interface PresenceFanoutConfig {
  strategy: PresenceStrategy;
  coalesceMs: number;
  traceMessages: boolean;
}

export type PresenceEvent = { type: 'presence'; user: number; status: PresenceStatus; at: number };

export interface PresenceParts {
  pop: Population;
  groups: Groups;
  gateways: Gateways;
  registry: SessionRegistry;
  connections: Connections;
  coalescer: PresenceCoalescer;
  ticker: HeartbeatTicker;
  metrics: ChatMetrics;
}

export class PresenceFanout implements PresenceSink {
  /** true while the initial steady state is placed: those transitions are not news */
  initializing = true;

  constructor(
    private readonly parts: PresenceParts,
    private readonly c: PresenceFanoutConfig,
    private readonly scheduler: Scheduler,
    private readonly recorder: { log(event: PresenceEvent): void },
  ) {}

  /** Start the coalescing windows (coalesced strategy only). */
  start(): void {
    if (this.c.strategy === 'coalesced') this.scheduler.at(this.c.coalesceMs, () => this.flushCoalesced());
  }

  publish(user: number, status: PresenceStatus, at: number): void {
    if (this.initializing) return;
    const { pop, groups: gs, gateways, registry, connections, coalescer, metrics } = this.parts;
    metrics.presenceChanges++;
    if (this.c.traceMessages) this.recorder.log({ type: 'presence', user, status, at });
    const strategy = this.c.strategy;
    const ownAll = connections.userRegDevices[user];
    const ownFg = connections.userRegFg[user];
    let audience = 0;
    for (let i = gs.userStart[user]; i < gs.userStart[user + 1]; i++) {
      const g = gs.userGroups[i];
      if (strategy === 'coalesced') coalescer.markDirty(g);
      else audience += presenceAudience(strategy, connections.groupRegDevices[g] - ownAll, connections.groupRegFg[g] - ownFg);
    }
    metrics.presenceDeliveries += audience;
    metrics.recentPresence.offer(this.scheduler.now, user, status, audience);
    if (status === PRESENCE_OFFLINE) {
      // presence expiry also evicts registry entries left behind by a dead gateway
      for (let d = pop.firstDevice[user]; d < pop.firstDevice[user + 1]; d++) {
        const g = registry.gatewayOf[d];
        if (g !== NO_GATEWAY && !gateways.gws[g].up) registry.evict(d);
      }
    }
  }

  arm(user: number, dueAt: number): void {
    this.parts.ticker.arm(user, dueAt);
  }

  private flushCoalesced(): void {
    const { coalescer, connections, metrics } = this.parts;
    coalescer.flush((g) => {
      metrics.presenceDeliveries += connections.groupRegDevices[g];
    });
    this.scheduler.after(this.c.coalesceMs, () => this.flushCoalesced());
  }
}
