/**
 * The shell's own player state: idle (fresh run at t = 0) → playing ⇄ paused → ended, and seeking
 * (a long replay to a link's or the scrubber's time, one slice per frame; stopping it pauses there).
 * The machine only names its effects; the shell supplies them with `.provide()` (start/stop the
 * live loop, step/reset the runner) and the `runIsOver` guard reads the runner.
 *
 * LOUD: `always` guards run after the transition's actions, so a STEP that reaches the horizon
 * lands in `ended` in the same send. tests/unit/lab-shell/playerMachine.test.ts pins this.
 */
import { assign, setup } from 'xstate';
import type { RunHost } from './run-host/runHost';

export type PlayerEvent =
  | { type: 'TOGGLE' }
  | { type: 'PLAY' }
  | { type: 'PAUSE' }
  /** step to the next captioned event; `raw`: to the very next event */
  | { type: 'STEP'; raw?: boolean }
  /** back to the previous captioned event */
  | { type: 'STEP_BACK' }
  | { type: 'RESET' }
  /** the live loop reached the horizon */
  | { type: 'LOOP_FINISHED' }
  /** the user moved the time scrubber (the shell already called runner.scrubTo) */
  | { type: 'SCRUBBED' }
  /** params or seed changed: the shell swapped in a new runner */
  | { type: 'RECREATED' }
  /** replay to time t in slices (the shell already ran the first slice and it fell short) */
  | { type: 'SEEK'; t: number }
  /** the replay reached its time */
  | { type: 'SEEK_DONE' }
  /** the run ended while not playing (a step onto its last event, reported by a worker) */
  | { type: 'RUN_OVER' };

export const playerMachine = setup({
  types: { events: {} as PlayerEvent, context: {} as { seekTarget: number } },
  actions: {
    startLoop: () => {},
    stopLoop: () => {},
    stepRunner: (_, _params: { raw: boolean }) => {},
    stepBack: () => {},
    resetRunner: () => {},
    startSeek: (_, _params: { t: number }) => {},
    stopSeek: () => {},
    settleRunner: () => {},
    setSeekTarget: assign({ seekTarget: ({ event }) => (event.type === 'SEEK' ? event.t : 0) }),
  },
  guards: {
    runIsOver: () => false,
  },
}).createMachine({
  id: 'player',
  initial: 'idle',
  context: { seekTarget: 0 },
  // from any state: a replay too long for one go continues in `seeking`
  on: {
    SEEK: { target: '.seeking', reenter: true, actions: 'setSeekTarget' },
  },
  states: {
    idle: {
      always: { guard: 'runIsOver', target: 'ended' },
      on: {
        TOGGLE: 'playing',
        PLAY: 'playing',
        STEP: { target: 'paused', actions: { type: 'stepRunner', params: ({ event }) => ({ raw: event.type === 'STEP' && event.raw === true }) } },
        STEP_BACK: { target: 'paused', actions: 'stepBack' },
        SCRUBBED: 'paused',
        RESET: { target: 'idle', reenter: true, actions: 'resetRunner' },
        RECREATED: { target: 'idle', reenter: true },
        RUN_OVER: 'ended',
      },
    },
    playing: {
      entry: 'startLoop',
      exit: 'stopLoop',
      on: {
        TOGGLE: 'paused',
        PAUSE: 'paused',
        STEP: { target: 'paused', actions: { type: 'stepRunner', params: ({ event }) => ({ raw: event.type === 'STEP' && event.raw === true }) } },
        STEP_BACK: { target: 'paused', actions: 'stepBack' },
        LOOP_FINISHED: 'ended',
        SCRUBBED: 'paused',
        RESET: { target: 'idle', actions: 'resetRunner' },
        // re-entering restarts the loop so it measures time from the new run's t = 0
        RECREATED: { target: 'playing', reenter: true },
      },
    },
    paused: {
      always: { guard: 'runIsOver', target: 'ended' },
      on: {
        TOGGLE: 'playing',
        PLAY: 'playing',
        STEP: { target: 'paused', actions: { type: 'stepRunner', params: ({ event }) => ({ raw: event.type === 'STEP' && event.raw === true }) } },
        STEP_BACK: { target: 'paused', actions: 'stepBack' },
        SCRUBBED: { target: 'paused', reenter: true },
        RESET: { target: 'idle', actions: 'resetRunner' },
        RECREATED: 'idle',
        RUN_OVER: 'ended',
      },
    },
    seeking: {
      entry: { type: 'startSeek', params: ({ context }) => ({ t: context.seekTarget }) },
      exit: 'stopSeek',
      on: {
        SEEK_DONE: 'paused',
        // stopping a replay leaves the run where it got to (on a whole ms, as links carry)
        TOGGLE: { target: 'paused', actions: 'settleRunner' },
        PAUSE: { target: 'paused', actions: 'settleRunner' },
        PLAY: 'playing',
        STEP: { target: 'paused', actions: { type: 'stepRunner', params: ({ event }) => ({ raw: event.type === 'STEP' && event.raw === true }) } },
        STEP_BACK: { target: 'paused', actions: 'stepBack' },
        SCRUBBED: 'paused',
        RESET: { target: 'idle', actions: 'resetRunner' },
        RECREATED: 'idle',
      },
    },
    ended: {
      on: {
        // playing a finished run starts it again from t = 0
        TOGGLE: { target: 'playing', actions: 'resetRunner' },
        PLAY: { target: 'playing', actions: 'resetRunner' },
        STEP_BACK: { target: 'paused', actions: 'stepBack' },
        SCRUBBED: 'paused',
        RESET: { target: 'idle', actions: 'resetRunner' },
        RECREATED: 'idle',
      },
    },
  },
});

export type PlayerState = 'idle' | 'playing' | 'paused' | 'seeking' | 'ended';

/**
 * The machine wired to a run host (the run on this thread, or in a worker): the live loop plays it,
 * steps, seeks and resets go to the current host.
 * LOUD: a stopped run is kept on a whole millisecond (the host settles it) because share links
 * carry whole ms: the state on screen is then exactly what opening the link reproduces.
 */
export function createPlayer(getHost: () => RunHost, getSpeed: () => number) {
  return playerMachine.provide({
    actions: {
      startSeek: (_, { t }) => getHost().seek(t),
      stopSeek: () => getHost().stopSeek(),
      settleRunner: () => getHost().settle(),
      startLoop: () => getHost().play(getSpeed()),
      stopLoop: () => getHost().pause(),
      stepRunner: (_, { raw }) => getHost().step(raw),
      stepBack: () => getHost().stepBack(),
      resetRunner: () => getHost().reset(),
    },
    guards: { runIsOver: () => getHost().run.done },
  });
}
