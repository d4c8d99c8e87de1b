/**
 * The shell's own player state: idle (fresh run at t = 0) → playing ⇄ paused → ended.
 * The machine only names its effects; the shell supplies them with `.provide()` (start/stop the
 * live loop, step/reset the runner) and the `runIsOver` guard reads the runner.
 *
 * LOUD: `always` guards run after the transition's actions, so a STEP that reaches the horizon
 * lands in `ended` in the same send. tests/unit/lab/playerMachine.test.ts pins this.
 */
import { setup } from 'xstate';
import type { LiveLoop, Runner } from '@/simulations/core/runner';
import { settleOnWholeMs } from './link';

export type PlayerEvent =
  | { type: 'TOGGLE' }
  | { type: 'PLAY' }
  | { type: 'PAUSE' }
  | { type: 'STEP' }
  | { type: 'RESET' }
  /** the live loop reached the horizon */
  | { type: 'LOOP_FINISHED' }
  /** the user moved the time scrubber (the shell already called runner.scrubTo) */
  | { type: 'SCRUBBED' }
  /** params or seed changed: the shell swapped in a new runner */
  | { type: 'RECREATED' };

export const playerMachine = setup({
  types: { events: {} as PlayerEvent },
  actions: {
    startLoop: () => {},
    stopLoop: () => {},
    stepRunner: () => {},
    resetRunner: () => {},
  },
  guards: {
    runIsOver: () => false,
  },
}).createMachine({
  id: 'player',
  initial: 'idle',
  states: {
    idle: {
      always: { guard: 'runIsOver', target: 'ended' },
      on: {
        TOGGLE: 'playing',
        PLAY: 'playing',
        STEP: { target: 'paused', actions: 'stepRunner' },
        SCRUBBED: 'paused',
        RESET: { target: 'idle', reenter: true, actions: 'resetRunner' },
        RECREATED: { target: 'idle', reenter: true },
      },
    },
    playing: {
      entry: 'startLoop',
      exit: 'stopLoop',
      on: {
        TOGGLE: 'paused',
        PAUSE: 'paused',
        STEP: { target: 'paused', actions: 'stepRunner' },
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
        STEP: { target: 'paused', actions: 'stepRunner' },
        SCRUBBED: { target: 'paused', reenter: true },
        RESET: { target: 'idle', actions: 'resetRunner' },
        RECREATED: 'idle',
      },
    },
    ended: {
      on: {
        // playing a finished run starts it again from t = 0
        TOGGLE: { target: 'playing', actions: 'resetRunner' },
        PLAY: { target: 'playing', actions: 'resetRunner' },
        SCRUBBED: 'paused',
        RESET: { target: 'idle', actions: 'resetRunner' },
        RECREATED: 'idle',
      },
    },
  },
});

export type PlayerState = 'idle' | 'playing' | 'paused' | 'ended';

/**
 * The machine wired to a run: the live loop plays it, steps and resets go to the current runner.
 * LOUD: a stopped run is kept on a whole millisecond (settleOnWholeMs) because share links carry
 * whole ms: the state on screen is then exactly what opening the link reproduces.
 */
export function createPlayer(getRunner: () => Runner, getLoop: () => LiveLoop | null) {
  return playerMachine.provide({
    actions: {
      startLoop: () => getLoop()?.play(),
      stopLoop: () => {
        getLoop()?.pause();
        settleOnWholeMs(getRunner());
      },
      stepRunner: () => {
        getRunner().stepEvent();
        settleOnWholeMs(getRunner());
      },
      resetRunner: () => getRunner().reset(),
    },
    guards: { runIsOver: () => getRunner().done },
  });
}
