/**
 * The faults the lab can inject into a gateway, as data: what a share link, a scenario file and the
 * view's fault buttons carry.
 */
export const FAULT_TYPES = ['gateway-crash', 'drain', 'partition'] as const;
export type FaultType = (typeof FAULT_TYPES)[number];
export interface Fault {
  atMs: number;
  type: FaultType;
  gateway: number;
  durationMs?: number;
}

export function checkFaults(value: unknown): string | null {
  if (!Array.isArray(value)) return 'expected a list of {atMs, type, gateway, durationMs?}';
  for (let i = 0; i < value.length; i++) {
    const f = value[i] as Record<string, unknown>;
    const at = `faults[${i}]`;
    if (f === null || typeof f !== 'object' || Array.isArray(f)) return `${at} must be an object {atMs, type, gateway, durationMs?}`;
    for (const k of Object.keys(f)) if (!['atMs', 'type', 'gateway', 'durationMs'].includes(k)) return `${at}.${k} is not a fault field (atMs, type, gateway, durationMs)`;
    if (typeof f.atMs !== 'number' || !Number.isFinite(f.atMs) || f.atMs < 0) return `${at}.atMs must be a number >= 0`;
    if (typeof f.type !== 'string' || !(FAULT_TYPES as readonly string[]).includes(f.type)) return `${at}.type must be one of ${FAULT_TYPES.map((t) => JSON.stringify(t)).join(', ')}`;
    if (typeof f.gateway !== 'number' || !Number.isInteger(f.gateway) || f.gateway < 0) return `${at}.gateway must be an integer >= 0 (gateways are numbered from 0)`;
    if (f.durationMs !== undefined && (typeof f.durationMs !== 'number' || !Number.isFinite(f.durationMs) || f.durationMs < 0)) return `${at}.durationMs must be a number >= 0`;
  }
  return null;
}
