/**
 * Fault buttons → the `faults` param. A button never touches the running model: it appends
 * `{atMs: now, type, gateway, durationMs?}` to the `faults` json param and the shell re-creates the
 * run and replays it to now (setParams(…, { keepTime: true })). The share link then carries the
 * fault, so opening it reproduces the run exactly.
 */
import { checkFaults, type Fault, type FaultType } from '@/simulations/chat/params';

export interface FaultRequest {
  type: FaultType;
  gateway: number;
  /** crash / partition: back after this long (omitted = for the rest of the run); drain: the drain window */
  durationMs?: number;
}

export type AppendResult = { ok: true; faults: Fault[]; fault: Fault } | { ok: false; message: string };

/**
 * The fault list with `request` added at the current time. `atMs` is `now` rounded UP to a whole
 * ms, the same time the shell settles the run on before replaying (settleOnWholeMs), so the fault
 * is part of the replayed state.
 */
export function appendFault(faults: readonly Fault[], request: FaultRequest, nowMs: number, gateways: number): AppendResult {
  if (!Number.isFinite(nowMs) || nowMs < 0) return { ok: false, message: `time ${nowMs} is not a valid virtual time` };
  if (!Number.isInteger(request.gateway) || request.gateway < 0 || request.gateway >= gateways) {
    return { ok: false, message: `gateway ${request.gateway} does not exist: gateways are numbered 0 to ${gateways - 1}` };
  }
  const fault: Fault = { atMs: Math.ceil(nowMs), type: request.type, gateway: request.gateway };
  if (request.durationMs !== undefined) fault.durationMs = request.durationMs;
  const next = [...faults, fault];
  const problem = checkFaults(next);
  if (problem) return { ok: false, message: problem };
  return { ok: true, faults: next, fault };
}

/** Which faults a gateway in this lifecycle state accepts (the gateway machine ignores the rest). */
export function faultsAllowed(state: string): Record<FaultType, boolean> {
  const up = state === 'up';
  const crashable = up || state === 'draining' || state === 'partitioned' || state === 'partitionedForever';
  return { 'gateway-crash': crashable, drain: up, partition: up };
}

const VERB: Record<FaultType, string> = { 'gateway-crash': 'crash', drain: 'drain', partition: 'partition' };

/** "12.3 s: crash gateway 0, back after 30 s" */
export function describeFault(f: Fault): string {
  const at = `${formatSeconds(f.atMs)}: ${VERB[f.type]} gateway ${f.gateway}`;
  if (f.type === 'drain') return `${at} over ${formatSeconds(f.durationMs ?? 30_000)}`;
  return f.durationMs === undefined ? `${at}, for the rest of the run` : `${at}, back after ${formatSeconds(f.durationMs)}`;
}

function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(s < 10 ? 2 : 1)} s`;
}
