/**
 * How many gateways a connection count needs (chat-fanout.md §8(b)3):
 * G = max(⌈N·m / RAM⌉, ⌈N / fdLimit⌉, ⌈CPU demand / CPU per box⌉).
 */

export const SERVER_MODELS = ['thread-per-connection', 'event-loop', 'actor'] as const;
export type ServerModel = (typeof SERVER_MODELS)[number];

export interface CapacityInput {
  connections: number;
  serverModel: ServerModel;
  memoryPerConnectionKB: number;
  /** thread-per-connection only: stack reserved per connection thread */
  threadStackKB: number;
  gatewayRamGB: number;
  fdLimit: number;
  /** CPU work per second the whole fleet must do, in µs of one core (socket writes, heartbeats) */
  cpuMicrosPerSec: number;
  cores: number;
}

export interface Capacity {
  effectiveKBPerConnection: number;
  byMemory: number;
  byFd: number;
  byCpu: number;
  gatewaysNeeded: number;
  maxConnectionsPerGateway: number;
}

export const KB_PER_GB = 1024 * 1024;

export function effectiveKBPerConnection(model: ServerModel, memoryPerConnectionKB: number, threadStackKB: number): number {
  return memoryPerConnectionKB + (model === 'thread-per-connection' ? threadStackKB : 0);
}

/** Parallel send lanes of one gateway: one thread for an event loop, one per core otherwise. */
export function sendLanes(model: ServerModel, cores: number): number {
  return model === 'event-loop' ? 1 : Math.max(1, cores);
}

export function capacity(input: CapacityInput): Capacity {
  const m = effectiveKBPerConnection(input.serverModel, input.memoryPerConnectionKB, input.threadStackKB);
  const ramKB = input.gatewayRamGB * KB_PER_GB;
  const n = input.connections;
  const byMemory = Math.ceil((n * m) / ramKB);
  const byFd = Math.ceil(n / input.fdLimit);
  const cpuPerBox = sendLanes(input.serverModel, input.cores) * 1e6;
  const byCpu = Math.ceil(input.cpuMicrosPerSec / cpuPerBox);
  return {
    effectiveKBPerConnection: m,
    byMemory,
    byFd,
    byCpu,
    gatewaysNeeded: Math.max(byMemory, byFd, byCpu, n > 0 ? 1 : 0),
    maxConnectionsPerGateway: Math.min(Math.floor(ramKB / m), input.fdLimit),
  };
}
