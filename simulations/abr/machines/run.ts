/** Run the player machine for one session on a scheduler (tests; the lab wires its own context). */
import { createActor } from 'xstate';
import { Scheduler } from '../../core/scheduler';
import { VirtualClock } from '../../core/clock';
import type { Trace } from '../network/trace';
import { TraceLink } from '../network/link';
import type { Video } from '../video/video';
import type { AbrAlgorithm, PlanObjective } from '../algorithms/types';
import { PlayerCore, type PlayerConfig } from '../session/realistic';
import type { SessionResult } from '../session/types';
import { playerMachine, type PlayerActor, type PlayerObserver } from './player';

export const SILENT_OBSERVER: PlayerObserver = {
  request() {},
  complete() {},
  playbackStart() {},
  stallStart() {},
  stallEnd() {},
  idleStart() {},
  idleEnd() {},
  ended() {},
  seek() {},
};

export function startPlayer(scheduler: Scheduler, clock: VirtualClock, core: PlayerCore, observer: PlayerObserver, startMs = 0): PlayerActor {
  const actor = createActor(playerMachine, { clock, input: { core, observer, now: () => scheduler.now } });
  actor.start();
  scheduler.at(startMs, () => actor.send({ type: 'PLAY' }));
  return actor;
}

/** Play one session under the machine until it ends; `beforeRun` may schedule extra events (e.g. a SEEK). */
export function runMachineSession(
  trace: Trace,
  video: Video,
  algorithm: AbrAlgorithm,
  config: PlayerConfig,
  objective: PlanObjective,
  observer: PlayerObserver = SILENT_OBSERVER,
  beforeRun?: (actor: PlayerActor, scheduler: Scheduler) => void,
): { result: SessionResult; actor: PlayerActor; scheduler: Scheduler } {
  const scheduler = new Scheduler();
  const clock = new VirtualClock(scheduler);
  const core = new PlayerCore(video, new TraceLink(trace), algorithm, config, objective);
  let endedAt = NaN;
  const actor = startPlayer(scheduler, clock, core, { ...observer, ended: () => { endedAt = scheduler.now; observer.ended(); } });
  beforeRun?.(actor, scheduler);
  while (scheduler.step()) {
    if (actor.getSnapshot().matches('ended') && scheduler.pending === 0) break;
  }
  return { result: core.result(trace.name, endedAt), actor, scheduler };
}
