/**
 * "Change the params from now on": a view (e.g. a fault button) asks the shell to re-create the run
 * with new params and replay it to the current time, instead of starting again at t = 0. Runs are
 * deterministic, so the replay is the run the share link will reproduce.
 */

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
 * After the player got RECREATED: `idle` means "a fresh run at t = 0", so a run that was replayed
 * to a later time is paused there instead (a playing player keeps playing from it).
 */
export function settlePlayerAfterRecreate(player: { getSnapshot(): { value: unknown }; send(e: { type: 'SCRUBBED' }): void }, runner: { now: number }): void {
  if (runner.now > 0 && player.getSnapshot().value === 'idle') player.send({ type: 'SCRUBBED' });
}
