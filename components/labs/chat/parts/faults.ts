/**
 * Fault buttons → the `faults` param. A button never touches the running model: it appends
 * `{atMs: now, type, gateway, durationMs?}` to the `faults` json param and the shell re-creates the
 * run and replays it to now (setParams(…, { keepTime: true })). The share link then carries the
 * fault, so opening it reproduces the run exactly.
 */
import { checkFaults, type Fault, type FaultType } from '@/simulations/chat';

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
