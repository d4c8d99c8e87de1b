/**
 * NODE ONLY. The balancer in front of the gateways: a TCP proxy on 127.0.0.1 that picks a gateway per
 * connection with the routing core's `LoadBalancer` (least connections, random, or consistent hash on
 * the user id read from the WebSocket request's token), as the lab's load balancer does.
 *
 * - A gateway that refuses a connection is taken out of rotation at once and the next pick is tried
 *   (a crashed process: TCP RST); health checks every `healthCheckMs` bring it back.
 * - partition(g, ms): the balancer stops forwarding g's traffic both ways (a black hole: clients notice
 *   only when their heartbeats go unanswered) and takes g out of rotation; when it ends, the
 *   connections that lived through it are cut.
 * - It counts connection attempts per second: the real reconnect storm, seen from the server side.
 */
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { LoadBalancer, type LbPolicy } from '../../simulations/chat/core/loadBalancer';

export interface BalancerGateway {
  port: number;
  up: boolean;
  partitionedUntil: number;
  connections: Set<Socket>;
}

export interface BalancerOptions {
  port?: number;
  policy: LbPolicy;
  gatewayPorts: number[];
  healthCheckMs?: number;
}

const MAX_REQUEST_HEAD = 8192;

function userOfRequest(head: string): number {
  const m = /[?&]token=([A-Za-z0-9_-]{1,64})\./.exec(head.slice(0, head.indexOf('\r\n')));
  if (!m) return 0;
  // a stable number per user id for the hash ring (FNV-1a)
  let h = 0x811c9dc5;
  for (let i = 0; i < m[1].length; i++) h = Math.imul(h ^ m[1].charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export class Balancer {
  readonly gateways: BalancerGateway[];
  private readonly lb: LoadBalancer;
  private server!: Server;
  private timer: NodeJS.Timeout | null = null;
  /** connection attempts per whole second since start (index = second) */
  readonly attemptsPerSecond: number[] = [];
  readonly startedAt = Date.now();
  attempts = 0;
  refused = 0;

  constructor(private readonly opts: BalancerOptions) {
    this.gateways = opts.gatewayPorts.map((port) => ({ port, up: true, partitionedUntil: 0, connections: new Set() }));
    this.lb = new LoadBalancer(opts.policy, this.gateways.length);
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  async listen(): Promise<void> {
    this.server = createServer({ noDelay: true }, (client) => this.accept(client));
    this.server.maxConnections = 1_000_000;
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.opts.port ?? 0, '127.0.0.1', () => resolve());
    });
    this.timer = setInterval(() => this.healthCheck(), this.opts.healthCheckMs ?? 500);
    this.timer.unref();
  }

  private accepting(g: number): boolean {
    const gw = this.gateways[g];
    return gw.up && gw.partitionedUntil <= Date.now();
  }

  private countAttempt(): void {
    this.attempts++;
    const s = Math.floor((Date.now() - this.startedAt) / 1000);
    while (this.attemptsPerSecond.length <= s) this.attemptsPerSecond.push(0);
    this.attemptsPerSecond[s]++;
  }

  private readonly sockets = new Set<Socket>();

  private accept(client: Socket): void {
    this.countAttempt();
    this.sockets.add(client);
    client.once('close', () => this.sockets.delete(client));
    client.on('error', () => {});
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      if (head.indexOf('\r\n') < 0 && head.length < MAX_REQUEST_HEAD) return;
      client.off('data', onData);
      client.pause();
      this.forward(client, head, userOfRequest(head.toString('latin1')), new Set());
    };
    client.on('data', onData);
  }

  private forward(client: Socket, head: Buffer, user: number, tried: Set<number>): void {
    const view = { gateways: this.gateways.length, accepting: (g: number) => !tried.has(g) && this.accepting(g), load: (g: number) => this.gateways[g].connections.size };
    const g = this.lb.choose(user, view, Math.random);
    if (g < 0 || client.destroyed) {
      this.refused++;
      client.end('HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nno chat gateway is accepting connections\n');
      return;
    }
    const gw = this.gateways[g];
    const upstream = connect({ port: gw.port, host: '127.0.0.1', noDelay: true });
    gw.connections.add(client);
    let connected = false;
    upstream.once('connect', () => {
      connected = true;
      upstream.write(head);
      client.on('data', (d) => {
        if (gw.partitionedUntil <= Date.now()) upstream.write(d);
      });
      upstream.on('data', (d) => {
        if (gw.partitionedUntil <= Date.now()) client.write(d);
      });
      client.resume();
    });
    upstream.on('error', () => {
      if (!connected) {
        // refused: the gateway process is gone; out of rotation until a health check finds it
        gw.up = false;
        gw.connections.delete(client);
        tried.add(g);
        this.forward(client, head, user, tried);
      }
    });
    const done = () => {
      gw.connections.delete(client);
      client.destroy();
      upstream.destroy();
    };
    upstream.on('close', () => connected && done());
    client.on('close', () => {
      if (connected) done();
      else upstream.destroy();
    });
  }

  private healthCheck(): void {
    this.gateways.forEach((gw) => {
      const probe = connect({ port: gw.port, host: '127.0.0.1' });
      probe.setTimeout(1000);
      probe.once('connect', () => {
        gw.up = true;
        probe.destroy();
      });
      const down = () => {
        gw.up = false;
        probe.destroy();
      };
      probe.once('error', down);
      probe.once('timeout', down);
    });
  }

  /** Black-hole gateway g's traffic for `ms`; afterwards its surviving connections are cut. */
  partition(g: number, ms: number): void {
    const gw = this.gateways[g];
    gw.partitionedUntil = Date.now() + ms;
    const cut = [...gw.connections];
    setTimeout(() => {
      for (const s of cut) s.destroy();
    }, ms).unref();
  }

  /** A gateway restarted on a new port. */
  replaceGateway(g: number, port: number): void {
    this.gateways[g].port = port;
    this.gateways[g].up = true;
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    const closed = new Promise<void>((r) => this.server.close(() => r()));
    for (const s of this.sockets) s.destroy();
    await closed;
  }
}
