/**
 * The producer's connections (the Java client's NetworkClient and InFlightRequests): one connection
 * per broker with reconnect backoff, at most max.in.flight.requests.per.connection requests on it,
 * request.timeout.ms on the oldest one (a timeout closes the connection), and what a closed
 * connection means for the requests still on it.
 */
import type { ClusterEnv, ProduceRequest } from '../types';
import type { LeaderLookup } from './metadata';
import type { ProducerBatch } from './accumulator';

export const RECONNECT_BACKOFF_MS = 50;
export const RECONNECT_BACKOFF_MAX_MS = 1000;

/** What the producer can do with the cluster. */
export interface ProducerCluster extends LeaderLookup {
  /** can a TCP connection to this broker be opened right now (process up, link not cut)? */
  canConnect(node: number): boolean;
  deliver(node: number, req: ProduceRequest): void;
  /** the client closed a connection (the broker drops requests it has not read yet) */
  disconnected(node: number, gen: number): void;
}

export interface InFlightRequest {
  req: ProduceRequest;
  batches: ProducerBatch[];
  node: number;
}

/** What a closed connection or a reconnect needs from the sender. */
export interface ConnectionListener {
  wake(t: number): void;
  requestMetadata(): void;
  /** the request's connection closed before its response: every batch in it failed */
  requestFailed(f: InFlightRequest, now: number): void;
}

export class NetworkClient {
  private readonly inflight: InFlightRequest[][];
  private readonly connGen: number[];
  private readonly connected: boolean[];
  private readonly reconnectAt: number[];
  private readonly reconnectBackoff: number[];
  private readonly timeoutArmedAt: number[];

  constructor(
    private readonly env: ClusterEnv,
    private readonly maxInFlight: number,
    private readonly requestTimeoutMs: number,
    private readonly cluster: ProducerCluster,
    private readonly listener: ConnectionListener,
    brokers: number,
  ) {
    this.inflight = Array.from({ length: brokers }, () => []);
    this.connGen = new Array(brokers).fill(0);
    this.connected = new Array(brokers).fill(false);
    this.reconnectAt = new Array(brokers).fill(0);
    this.reconnectBackoff = new Array(brokers).fill(RECONNECT_BACKOFF_MS);
    this.timeoutArmedAt = new Array(brokers).fill(Infinity);
  }

  get nodes(): number {
    return this.inflight.length;
  }

  inFlightCount(node: number): number {
    return this.inflight[node].length;
  }

  /** The requests on the wire to this node, oldest first (a live array: do not mutate). */
  inFlightRequests(node: number): readonly InFlightRequest[] {
    return this.inflight[node];
  }

  /** The generation of the node's current connection (a response on an older one is ignored). */
  generation(node: number): number {
    return this.connGen[node];
  }

  /** Connect if needed (with backoff); true when a request can go out on the connection now. */
  ready(node: number, now: number): boolean {
    if (!this.connected[node]) {
      if (now < this.reconnectAt[node]) {
        // LOUD: without this wake-up a batch for an unreachable leader sleeps until its expiry
        this.listener.wake(this.reconnectAt[node]);
        return false;
      }
      if (this.cluster.canConnect(node)) {
        this.connected[node] = true;
        this.connGen[node]++;
        this.reconnectBackoff[node] = RECONNECT_BACKOFF_MS;
      } else {
        this.reconnectAt[node] = now + this.reconnectBackoff[node];
        this.reconnectBackoff[node] = Math.min(RECONNECT_BACKOFF_MAX_MS, this.reconnectBackoff[node] * 2);
        this.listener.requestMetadata();
        this.listener.wake(this.reconnectAt[node]);
        return false;
      }
    }
    return this.inflight[node].length < this.maxInFlight;
  }

  /** Connection closed (broker died, or a request timed out): everything in flight on it fails. */
  disconnect(node: number, why: string): void {
    if (!this.connected[node]) return;
    const now = this.env.scheduler.now;
    this.connected[node] = false;
    this.reconnectAt[node] = now + RECONNECT_BACKOFF_MS;
    const gen = this.connGen[node];
    this.cluster.disconnected(node, gen);
    const failed = this.inflight[node];
    this.inflight[node] = [];
    this.env.events.log({ type: 'producer-disconnect', node, reason: why, requests: failed.length });
    for (const f of failed) this.listener.requestFailed(f, now);
    this.listener.requestMetadata();
    this.listener.wake(now);
  }

  /** The broker process died: the OS resets the connection (seen after one link latency). */
  brokerCrashed(node: number): void {
    this.env.scheduler.after(this.env.net.link.latencyMs, () => this.disconnect(node, 'connection reset'));
  }

  /** A request went on the wire; `awaitResponse` arms request.timeout.ms (acks=0 has no response). */
  add(f: InFlightRequest, awaitResponse: boolean): void {
    this.inflight[f.node].push(f);
    if (awaitResponse) this.armRequestTimeout(f.node);
  }

  /** Take a request off the wire; false if it is no longer there. */
  remove(f: InFlightRequest): boolean {
    const q = this.inflight[f.node];
    const i = q.indexOf(f);
    if (i < 0) return false;
    q.splice(i, 1);
    return true;
  }

  /** The in-flight entry a response answers, taken off the wire; undefined for a stale connection. */
  completeNext(req: ProduceRequest): InFlightRequest | undefined {
    const node = req.node;
    if (req.connGen !== this.connGen[node] || !this.connected[node]) return undefined;
    const q = this.inflight[node];
    const i = q.findIndex((f) => f.req === req);
    if (i < 0) return undefined;
    const f = q[i];
    q.splice(i, 1);
    return f;
  }

  private armRequestTimeout(node: number): void {
    const q = this.inflight[node];
    if (q.length === 0 || this.timeoutArmedAt[node] !== Infinity) return;
    const at = q[0].req.sentMs + this.requestTimeoutMs;
    this.timeoutArmedAt[node] = at;
    this.env.scheduler.at(at, () => {
      this.timeoutArmedAt[node] = Infinity;
      const head = this.inflight[node][0];
      if (!head) return;
      if (head.req.sentMs + this.requestTimeoutMs <= this.env.scheduler.now) this.disconnect(node, 'request timeout');
      else this.armRequestTimeout(node);
    });
  }
}
