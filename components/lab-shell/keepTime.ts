/**
 * "Change the params from now on": a view (e.g. a fault button) asks the shell to re-create the run
 * with new params and replay it to the current time, instead of starting again at t = 0. Runs are
 * deterministic, so the replay is the run the share link will reproduce.
 */
import { Runner } from '@/simulations/core/runner';
import type { AnyLab } from '@/simulations/core/lab';

export interface SetParamsOptions {
  /** replay the new run to the current time (settled on a whole ms, as share links carry) */
  keepTime?: boolean;
}

/**
 * The time a kept-time re-creation replays the new run to: the old run's time on a whole ms (as
 * share links carry), so the link of the result reopens exactly the state on screen.
 */
export function keptTimeOf(previous: { now: number }): number {
  return Math.ceil(previous.now);
}

/**
 * What the shell's keep-time re-creation amounts to, in one call on this thread: a run of `lab` with
 * these params and seed, replayed to keptTimeOf(previous). With an event budget the replay may stop
 * short (the shell then continues it frame by frame). The labs' fault tests use it to check that a
 * fault added "now" and its share link give the same run.
 */
export function runKeepingTime(lab: AnyLab, params: Record<string, unknown>, seed: number, previous: { now: number }, maxEvents = Infinity): Runner {
  const next = new Runner(lab, params, seed);
  const t = keptTimeOf(previous);
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
