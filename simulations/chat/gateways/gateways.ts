/**
 * The gateway processes: whether each is up, accepting, partitioned or out of the load balancer's
 * rotation, its connections and handshakes (its memory), its accept queue and its send lanes. The
 * load balancer sees them through `LbView`; the router through `up` (one byte per gateway).
 */
import { effectiveKBPerConnection, KB_PER_GB, sendLanes, type ServerModel } from '../core/capacity';
import type { LbView } from '../core/loadBalancer';

export interface GatewayConfig {
  gateways: number;
  serverModel: ServerModel;
  cores: number;
  memoryPerConnectionKB: number;
  threadStackKB: number;
  gatewayRamGB: number;
  fdLimit: number;
}

export interface Gateway {
  up: boolean;
  accepting: boolean;
  partitioned: boolean;
  /** LB health check excludes it (crash: at once; partition: after the health-check delay) */
  lbExcluded: boolean;
  /** server-side connections it holds (its memory) */
  conns: number;
  handshaking: number;
  peakConns: number;
  /** when its accept queue is free (handshakes are served one after another) */
  acceptFreeAt: number;
  /** per send lane: busy until */
  laneFree: Float64Array;
  writes: number;
}

export class Gateways implements LbView {
  readonly gateways: number;
  readonly gws: Gateway[] = [];
  /** the router's view of which gateways are alive (mirrors Gateway.up) */
  readonly up: Uint8Array;
  readonly lanes: number;
  /** memory per connection, KB (thread stacks included) */
  readonly kbPerConnection: number;
  /** connections one gateway can hold (memory or file descriptors) */
  readonly capacityConns: number;

  constructor(c: GatewayConfig) {
    const G = (this.gateways = c.gateways);
    this.up = new Uint8Array(G).fill(1);
    this.lanes = sendLanes(c.serverModel, c.cores);
    this.kbPerConnection = effectiveKBPerConnection(c.serverModel, c.memoryPerConnectionKB, c.threadStackKB);
    this.capacityConns = Math.min(Math.floor((c.gatewayRamGB * KB_PER_GB) / this.kbPerConnection), c.fdLimit);
    for (let g = 0; g < G; g++) {
      this.gws.push({
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
      });
    }
  }

  accepting(g: number): boolean {
    const gw = this.gws[g];
    return gw.up && gw.accepting && !gw.lbExcluded;
  }

  load(g: number): number {
    return this.gws[g].conns + this.gws[g].handshaking;
  }

  hasRoom(g: number): boolean {
    return this.gws[g].conns + this.gws[g].handshaking < this.capacityConns;
  }

  /** The process died: its memory (connections, handshakes, queues) is gone. */
  crash(g: number, now: number): void {
    const gw = this.gws[g];
    gw.up = false;
    this.up[g] = 0;
    gw.accepting = false;
    gw.lbExcluded = true;
    gw.partitioned = false;
    gw.conns = 0;
    gw.handshaking = 0;
    gw.acceptFreeAt = now;
    gw.laneFree.fill(now);
  }

  /** Back up, empty, and in the load balancer's rotation again. */
  restart(g: number, now: number): void {
    const gw = this.gws[g];
    gw.up = true;
    this.up[g] = 1;
    gw.accepting = true;
    gw.lbExcluded = false;
    gw.partitioned = false;
    gw.acceptFreeAt = now;
    gw.laneFree.fill(now);
  }

  /** Memory in use on gateway g, MB. */
  memoryMB(g: number): number {
    return (this.gws[g].conns * this.kbPerConnection) / 1024;
  }
}
