/**
 * Fault buttons → the `faults` param. A button never touches the running model: it appends
 * `{atMs: now, type, role | broker, partition?, durationMs?}` to the `faults` json param and the
 * shell re-creates the run and replays it to now (setParams(…, { keepTime: true })). The share link
 * then carries the fault, so opening it reproduces the run exactly.
 */
import { checkFaultRanges, checkFaults, type FaultSpec, type FaultType } from '@/simulations/kafka';

export type FaultButtonId = 'kill-leader' | 'kill-follower' | 'slow-broker' | 'drop-responses' | 'restart-broker';

export interface FaultButton {
  id: FaultButtonId;
  label: string;
  title: string;
  type: FaultType;
  /** the fault names a role for the selected partition, or the selected broker */
  target: 'leader' | 'follower' | 'broker';
  /** the "lasts" choice applies (restart is instantaneous) */
  timed: boolean;
}

export const FAULT_BUTTONS: readonly FaultButton[] = [
  { id: 'kill-leader', label: 'Kill leader', type: 'crash', target: 'leader', timed: true, title: 'The broker leading the selected partition crashes (disk kept). After its session expires (9 s) the controller elects a new leader from the ISR.' },
  { id: 'kill-follower', label: 'Kill a follower', type: 'crash', target: 'follower', timed: true, title: 'A broker holding an in-sync follower of the selected partition crashes. acks=all waits for it until it leaves the ISR.' },
  { id: 'slow-broker', label: 'Slow a broker', type: 'slow', target: 'broker', timed: true, title: 'The selected broker handles one request at a time, 20 ms + 5 MB/s each (a noisy neighbour or a slow disk).' },
  { id: 'drop-responses', label: 'Drop responses', type: 'drop-responses', target: 'leader', timed: true, title: 'The leader of the selected partition writes the batches but its produce responses are lost: the producer times out and retries.' },
  { id: 'restart-broker', label: 'Restart broker', type: 'restart', target: 'broker', timed: false, title: 'The selected broker restarts now: a running one is bounced, a crashed one comes back (log recovery, then it registers and catches up).' },
];

export interface FaultRequest {
  button: FaultButtonId;
  partition: number;
  broker: number;
  /** back after this long; omitted = for the rest of the run */
  durationMs?: number;
}

export type AppendResult = { ok: true; faults: FaultSpec[]; fault: FaultSpec } | { ok: false; message: string };

/**
 * The fault list with `request` added at the current time. `atMs` is `now` rounded UP to a whole
 * ms, the time the shell settles the run on before replaying (settleOnWholeMs), so the replayed run
 * applies the fault exactly at the moment the button was pressed.
 */
export function appendFault(faults: readonly FaultSpec[], request: FaultRequest, nowMs: number, brokers: number, partitions: number): AppendResult {
  if (!Number.isFinite(nowMs) || nowMs < 0) return { ok: false, message: `time ${nowMs} is not a valid virtual time` };
  const button = FAULT_BUTTONS.find((b) => b.id === request.button);
  if (!button) return { ok: false, message: `unknown fault button ${JSON.stringify(request.button)}` };
  const fault: FaultSpec = { atMs: Math.ceil(nowMs), type: button.type };
  if (button.target === 'broker') fault.broker = request.broker;
  else {
    fault.role = button.target;
    fault.partition = request.partition;
  }
  if (button.timed && request.durationMs !== undefined) fault.durationMs = request.durationMs;
  const next = [...faults, fault];
  const problem = checkFaults(next) ?? checkFaultRanges(next, brokers, partitions);
  if (problem) return { ok: false, message: problem };
  return { ok: true, faults: next, fault };
}

const VERB: Record<FaultType, string> = {
  crash: 'crash',
  restart: 'restart',
  'disk-loss': 'disk loss on',
  slow: 'slow down',
  'drop-responses': 'drop responses of',
  partition: 'cut off',
};

/** "12.3 s: crash the leader of partition 0, back after 15 s" */
export function describeFault(f: FaultSpec): string {
  const who = f.broker !== undefined ? `broker ${f.broker}` : `the ${f.role} of partition ${f.partition ?? 0}`;
  const peer = f.peer === undefined ? '' : f.peer === 'producer' ? ' from the producer' : f.peer === 'controller' ? ' from the controller' : ` from broker ${f.peer}`;
  const tail = f.lostTailMs === undefined ? '' : ` (power loss: the last ${formatSeconds(f.lostTailMs)} not fsynced)`;
  const at = `${formatSeconds(f.atMs)}: ${VERB[f.type]} ${who}${peer}${tail}`;
  if (f.type === 'restart') return at;
  return f.durationMs === undefined ? `${at}, for the rest of the run` : `${at}, ${f.type === 'crash' || f.type === 'disk-loss' ? 'back' : 'healed'} after ${formatSeconds(f.durationMs)}`;
}

/** A short chart-marker label: "crash leader p0", "slow b1". */
export function faultMarkerLabel(f: FaultSpec): string {
  const verb = f.type === 'drop-responses' ? 'drop resp.' : f.type === 'disk-loss' ? 'disk loss' : f.type === 'partition' ? 'cut' : f.type;
  return f.broker !== undefined ? `${verb} b${f.broker}` : `${verb} ${f.role} p${f.partition ?? 0}`;
}

function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(s < 10 ? 2 : 1)} s`;
}

/** Which buttons make sense now (the model skips a role nobody holds; a dead broker cannot be slowed). */
export function faultsAllowed(state: { partitionHasLeader: boolean; replicationFactor: number; brokerAlive: boolean; acks: -1 | 0 | 1 }): Record<FaultButtonId, boolean> {
  return {
    'kill-leader': state.partitionHasLeader,
    'kill-follower': state.replicationFactor > 1,
    'slow-broker': state.brokerAlive,
    'drop-responses': state.partitionHasLeader && state.acks !== 0,
    'restart-broker': true,
  };
}
