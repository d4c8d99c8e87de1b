/**
 * Fault schedule of a scenario. Brokers are numbered from 0; `role` picks the broker holding that
 * role for `partition` (default 0) at `atMs`; `durationMs` heals the fault after that long (a crashed
 * broker restarts). `peer` (our extension, for "partition" only): the other side of the cut, a broker
 * number, "producer" or "controller"; default: every other broker. `lostTailMs` (our extension, for
 * "disk-loss" only): the host loses power, so only what the broker wrote in the last lostTailMs ms
 * (its page cache, never fsynced) is lost instead of the whole disk: the un-fsynced tail of row 25.
 */
export type FaultType = 'crash' | 'restart' | 'disk-loss' | 'slow' | 'drop-responses' | 'partition';
export const FAULT_TYPES: readonly FaultType[] = ['crash', 'restart', 'disk-loss', 'slow', 'drop-responses', 'partition'];

export interface FaultSpec {
  atMs: number;
  type: FaultType;
  broker?: number;
  role?: 'leader' | 'follower';
  partition?: number;
  durationMs?: number;
  peer?: number | 'producer' | 'controller';
  lostTailMs?: number;
}

const FAULT_KEYS = new Set(['atMs', 'type', 'broker', 'role', 'partition', 'durationMs', 'peer', 'lostTailMs']);

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/** Shape check (the JSON param's `check`). Ranges that depend on other params: checkFaultRanges. */
export function checkFaults(value: unknown): string | null {
  if (!Array.isArray(value)) return 'expected a list of faults';
  for (let i = 0; i < value.length; i++) {
    const f = value[i] as Record<string, unknown>;
    const at = `faults[${i}]`;
    if (f === null || typeof f !== 'object' || Array.isArray(f)) return `${at} must be an object`;
    for (const k of Object.keys(f)) if (!FAULT_KEYS.has(k)) return `${at} has unknown key ${JSON.stringify(k)}; known: ${[...FAULT_KEYS].join(', ')}`;
    if (typeof f.atMs !== 'number' || !Number.isFinite(f.atMs) || f.atMs < 0) return `${at}.atMs must be a time in ms >= 0`;
    if (!FAULT_TYPES.includes(f.type as FaultType)) return `${at}.type must be one of ${FAULT_TYPES.map((t) => JSON.stringify(t)).join(', ')}`;
    const hasBroker = f.broker !== undefined;
    const hasRole = f.role !== undefined;
    if (hasBroker === hasRole) return `${at} needs exactly one of "broker" (a number) or "role" ("leader" | "follower")`;
    if (hasBroker && (!isInt(f.broker) || f.broker < 0)) return `${at}.broker must be a broker number >= 0`;
    if (hasRole && f.role !== 'leader' && f.role !== 'follower') return `${at}.role must be "leader" or "follower"`;
    if (f.partition !== undefined && (!isInt(f.partition) || f.partition < 0)) return `${at}.partition must be a partition number >= 0`;
    if (f.durationMs !== undefined && (typeof f.durationMs !== 'number' || !Number.isFinite(f.durationMs) || f.durationMs <= 0)) return `${at}.durationMs must be > 0`;
    if (f.lostTailMs !== undefined) {
      if (f.type !== 'disk-loss') return `${at}.lostTailMs only applies to "disk-loss" faults`;
      if (typeof f.lostTailMs !== 'number' || !Number.isFinite(f.lostTailMs) || f.lostTailMs <= 0) return `${at}.lostTailMs must be a time in ms > 0 (omit it to lose the whole disk)`;
    }
    if (f.peer !== undefined) {
      if (f.type !== 'partition') return `${at}.peer only applies to "partition" faults`;
      if (!(isInt(f.peer) && f.peer >= 0) && f.peer !== 'producer' && f.peer !== 'controller') return `${at}.peer must be a broker number, "producer" or "controller"`;
    }
  }
  return null;
}

export function checkFaultRanges(faults: FaultSpec[], brokers: number, partitions: number): string | null {
  for (let i = 0; i < faults.length; i++) {
    const f = faults[i];
    if (f.broker !== undefined && f.broker >= brokers) return `faults[${i}].broker = ${f.broker} does not exist (brokers are 0..${brokers - 1})`;
    if (f.partition !== undefined && f.partition >= partitions) return `faults[${i}].partition = ${f.partition} does not exist (partitions are 0..${partitions - 1})`;
    if (typeof f.peer === 'number' && f.peer >= brokers) return `faults[${i}].peer = ${f.peer} does not exist (brokers are 0..${brokers - 1})`;
    if (typeof f.peer === 'number' && f.peer === f.broker) return `faults[${i}].peer must differ from broker`;
  }
  return null;
}
