/**
 * What a fault does to the fleet (the gateway lifecycle machine decides when it happens): a crash
 * (every client sees a reset, server memory is gone, the registry keeps stale entries until
 * re-registration or presence expiry), a drain (stop accepting, close connections spread over the
 * window, restart empty) and a partition (nobody gets a reset: clients notice at their next
 * unanswered heartbeat, the gateway at its dead-peer timeout, the load balancer at its health check).
 */
import type { Scheduler } from '../../core/scheduler';
import type { RandomStream } from '../../core/rng';
import type { SessionRegistry } from '../core/registry';
import type { Connections } from '../devices/connections';
import { NIL, type DeviceTable } from '../devices/deviceTable';
import type { Population } from '../devices/population';
import type { SyncLog } from '../core/syncLog';
import type { Gateways } from '../gateways/gateways';
import type { HeartbeatTicker } from '../gateways/heartbeatTicker';
import type { HeartbeatWheel } from '../gateways/heartbeatWheel';
import type { ChatMetrics } from '../metrics/chatMetrics';
import type { Fault } from './fault';

export interface FaultConfig {
  rttMs: number;
  heartbeatMs: number;
  pingTimeoutMs: number;
  deadPeerTimeoutMs: number;
  'lb.healthCheckMs': number;
}

export type FaultEvent = { type: 'fault'; fault: Fault };

export interface FaultParts {
  devices: DeviceTable;
  pop: Population;
  gateways: Gateways;
  wheel: HeartbeatWheel;
  ticker: HeartbeatTicker;
  connections: Connections;
  registry: SessionRegistry;
  log: SyncLog;
  /** replays a device's sync log (delivery/) */
  replay(device: number, user: number, at: number): void;
  metrics: ChatMetrics;
}

/**
 * The effects of a gateway's lifecycle transitions on the fleet. The lifecycle machine
 * (machines/gatewayLifecycle.ts) decides WHEN; lab/model.ts provides these methods as its actions.
 */
export class GatewayFaults {
  private readonly hop: number;

  constructor(
    private readonly parts: FaultParts,
    private readonly c: FaultConfig,
    private readonly scheduler: Scheduler,
    private readonly recorder: { log(event: FaultEvent): void },
    private readonly rFault: RandomStream,
  ) {
    this.hop = c.rttMs / 2;
  }

  /** A fault lands now (the lifecycle machine is told next). */
  injected(f: Fault): void {
    this.recorder.log({ type: 'fault', fault: f });
    const metrics = this.parts.metrics;
    if (metrics.firstFaultAt < 0) metrics.firstFaultAt = this.scheduler.now;
  }

  crashed(g: number): void {
    const { devices: dev, gateways, wheel, ticker, connections } = this.parts;
    const now = this.scheduler.now;
    ticker.flush(g);
    gateways.crash(g, now);
    // clients see a TCP RST about half a round trip later
    wheel.forEachOnGateway(g, (d) => connections.clientLost(d, now + this.hop, true));
    // server memory is gone; the registry keeps stale entries until re-registration or presence expiry
    const serverGw = dev.serverGw;
    for (let d = 0; d < serverGw.length; d++) {
      if (serverGw[d] === g) {
        serverGw[d] = NIL;
        connections.count(d, -1);
      }
    }
  }

  restarted(g: number): void {
    this.parts.gateways.restart(g, this.scheduler.now);
  }

  drainStarted(g: number, windowMs: number): void {
    const { devices: dev, gateways, connections } = this.parts;
    gateways.gws[g].accepting = false;
    const now = this.scheduler.now;
    const devices: number[] = [];
    for (let d = 0; d < dev.serverGw.length; d++) if (dev.serverGw[d] === g) devices.push(d);
    for (const d of devices) {
      const e = dev.epoch[d];
      this.scheduler.at(now + this.rFault.next() * windowMs, () => {
        if (dev.serverGw[d] !== g || dev.epoch[d] !== e) return;
        connections.serverClose(d);
        connections.clientLost(d, this.scheduler.now + this.hop, true);
      });
    }
  }

  partitioned(g: number): void {
    const { devices: dev, gateways, wheel, ticker, connections, registry, metrics } = this.parts;
    const gw = gateways.gws[g];
    ticker.flush(g);
    gw.partitioned = true;
    const now = this.scheduler.now;
    const c = this.c;
    const h = c.heartbeatMs;
    const s = this.scheduler;
    s.after(c['lb.healthCheckMs'], () => {
      if (gw.partitioned) gw.lbExcluded = true;
    });
    // clients: the first heartbeat after the cut goes unanswered; give up pingTimeout later
    wheel.forEachOnGateway(g, (d) => {
      const connectAt = dev.connectAt[d];
      const nextBeat = connectAt + (Math.floor((now - connectAt) / h) + 1) * h;
      const gd = dev.gen[d];
      s.at(nextBeat + c.pingTimeoutMs, () => {
        if (dev.gen[d] === gd && gw.partitioned && dev.clientGw[d] === g) connections.clientLost(d, this.scheduler.now, true);
      });
    });
    // server: dead-peer timeout after the last heartbeat it received
    for (let d = 0; d < dev.serverGw.length; d++) {
      if (dev.serverGw[d] !== g) continue;
      const e = dev.epoch[d];
      s.at(Math.max(now, dev.lastRecv[d] + c.deadPeerTimeoutMs), () => {
        if (gw.partitioned && dev.serverGw[d] === g && dev.epoch[d] === e) {
          metrics.deadPeerCloses++;
          connections.serverClose(d);
        } else if (dev.epoch[d] !== e) {
          registry.remove(d, e); // stale: the device already re-registered elsewhere
        }
      });
    }
  }

  healed(g: number): void {
    const { devices: dev, pop, gateways, wheel, connections, log } = this.parts;
    const gw = gateways.gws[g];
    if (!gw.partitioned) return;
    gw.partitioned = false;
    gw.lbExcluded = false;
    const now = this.scheduler.now;
    wheel.forEachOnGateway(g, (d) => {
      if (dev.serverGw[d] !== g) {
        // the server already closed this connection: the next packet gets a RST
        connections.clientLost(d, now + this.hop, true);
      } else {
        const u = pop.deviceUser[d];
        if (log.pendingFor(d, u) > 0) this.parts.replay(d, u, now + this.hop);
      }
    });
  }
}
