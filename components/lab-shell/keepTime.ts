/**
 * "Change the params from now on": a view (e.g. a fault button) asks the shell to re-create the run
 * with new params and replay it to the current time, instead of starting again at t = 0. Runs are
 * deterministic, so the replay is the run the share link will reproduce.
 */
import { Runner } from '@/simulations/core/runner';
import type { AnyLab } from '@/simulations/core/lab';
import { settleOnWholeMs } from './link';

export interface SetParamsOptions {
  /** replay the new run to the current time (settled on a whole ms, as share links carry) */
  keepTime?: boolean;
}

/**
 * A run of `lab` with these params and seed, replayed to the time of `previous` (on a whole ms).
 * With an event budget the replay may stop short of that time (the shell then continues it frame
 * by frame); `previous.now` is the time it is heading for.
 */
export function runKeepingTime(
  lab: AnyLab,
  params: Record<string, unknown>,
  seed: number,
  previous: { now: number; runTo(t: number): unknown },
  maxEvents = Infinity,
): Runner {
  const t = settleOnWholeMs(previous);
  const next = new Runner(lab, params, seed);
  if (t > 0) next.scrubTo(t, maxEvents);
  return next;
}

/**
 * After the player got RECREATED: `idle` means "a fresh run at t = 0", so a run that was replayed
 * to a later time is paused there instead (a playing player keeps playing from it).
 */
export function settlePlayerAfterRecreate(player: { getSnapshot(): { value: unknown }; send(e: { type: 'SCRUBBED' }): void }, runner: { now: number }): void {
  if (runner.now > 0 && player.getSnapshot().value === 'idle') player.send({ type: 'SCRUBBED' });
}
