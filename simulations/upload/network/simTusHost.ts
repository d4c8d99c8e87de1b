/**
 * Our tus server core inside the simulation: the in-memory store plays the disk, so a "restart"
 * drops the process state (locks, in-flight requests, index) but keeps the bytes, exactly like the
 * real server restarting on its data folder.
 */
import type { VirtualClock } from '../../core/clock';
import { TusServer } from '../server/tusServer';
import type { ServerEvent, TusServerOptions } from '../server/context';
import { MemoryStore } from '../server/stores/memoryStore';
import type { Future } from '../server/flow';
import type { SimEndpoint, SimServerRequest, SimServerResponse } from './simNetwork';

export class SimTusHost implements SimEndpoint {
  readonly store = new MemoryStore();
  tus: TusServer;
  up = true;
  private listeners = new Set<() => void>();
  private stopSweeper: () => void;

  constructor(
    private readonly clock: VirtualClock,
    private readonly options: Omit<TusServerOptions, 'store' | 'clock'> & { sweepIntervalMs: number },
  ) {
    this.tus = this.boot();
    this.stopSweeper = this.tus.startSweeper(options.sweepIntervalMs);
  }

  handle(req: SimServerRequest): Future<SimServerResponse> {
    // TusResponse is a SimServerResponse plus bodyConsumed
    return this.tus.handle(req) as unknown as Future<SimServerResponse>;
  }

  onDown(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  crash(): void {
    this.up = false;
    this.stopSweeper();
    this.tus.shutdown();
    for (const l of [...this.listeners]) l();
    this.listeners.clear();
  }

  restart(): void {
    this.tus = this.boot();
    this.tus.recover();
    this.stopSweeper = this.tus.startSweeper(this.options.sweepIntervalMs);
    this.up = true;
  }

  private boot(): TusServer {
    return new TusServer({ ...this.options, store: this.store, clock: this.clock, onEvent: (e: ServerEvent) => this.options.onEvent?.(e) });
  }
}
