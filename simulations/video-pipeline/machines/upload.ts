/**
 * One upload's lifecycle on virtual time: split (a timer) → encoding (jobs on the worker pool; a
 * crashed encode is re-queued when its lease expires, another timer per crash) → published (every
 * rung packaged) → playing (the press-play sequence) → played.
 *
 * The machine only orchestrates: every action is a named no-op here, provided by lab/model.ts with
 * calls into the parts (pipeline/workerPool.ts, delivery/pressPlay.ts). Delays come from the input.
 */
import { assign, raise, setup } from 'xstate';

export interface UploadMachineInput {
  splitMs: number;
  /** how long the coordinator waits for a silent worker before it re-queues its job */
  leaseMs: number;
  rungs: number;
}

export interface UploadMachineContext extends UploadMachineInput {
  published: number;
  retries: number;
}

export type UploadMachineEvent =
  | { type: 'RUNG_PACKAGED'; rung: number }
  | { type: 'ENCODE_CRASHED'; job: number }
  | { type: 'LEASE_EXPIRED'; job: number }
  | { type: 'FIRST_FRAME' };

export const uploadMachine = setup({
  types: {
    context: {} as UploadMachineContext,
    input: {} as UploadMachineInput,
    events: {} as UploadMachineEvent,
  },
  actions: {
    submitEncodes: () => {},
    publishRung: (_, _params: { rung: number }) => {},
    requeue: (_, _params: { job: number }) => {},
    pressPlay: () => {},
    countPublished: assign({ published: ({ context }) => context.published + 1 }),
    countRetry: assign({ retries: ({ context }) => context.retries + 1 }),
    // LOUD: one delayed event per crash, on the run's virtual clock (createActor's `clock`)
    startLease: raise(({ event }) => ({ type: 'LEASE_EXPIRED' as const, job: (event as { job: number }).job }), { delay: 'lease' }),
  },
  guards: {
    allPublished: ({ context }) => context.published === context.rungs,
  },
  delays: {
    split: ({ context }) => context.splitMs,
    lease: ({ context }) => context.leaseMs,
  },
}).createMachine({
  id: 'upload',
  context: ({ input }) => ({ ...input, published: 0, retries: 0 }),
  initial: 'splitting',
  states: {
    splitting: {
      after: { split: 'encoding' },
    },
    encoding: {
      entry: 'submitEncodes',
      on: {
        ENCODE_CRASHED: { actions: 'startLease' },
        LEASE_EXPIRED: { actions: [{ type: 'requeue', params: ({ event }) => ({ job: event.job }) }, 'countRetry'] },
        RUNG_PACKAGED: { actions: [{ type: 'publishRung', params: ({ event }) => ({ rung: event.rung }) }, 'countPublished'] },
      },
      always: { guard: 'allPublished', target: 'playing' },
    },
    playing: {
      entry: 'pressPlay',
      on: { FIRST_FRAME: 'played' },
    },
    played: { type: 'final' },
  },
});
