/**
 * The video player as an XState machine on the virtual clock (realistic mode).
 *
 *   idle ──PLAY──▶ startup ──(buffer ≥ startup threshold)──▶ playing ⇄ rebuffering
 *                                                             │  ▲
 *                                     (buffer full) bufferFull ┘  │ (room again)
 *   playing ──(last chunk downloaded)──▶ draining ──(buffer empty)──▶ ended
 *   any active state ──SEEK──▶ startup (buffer flushed, download aborted)
 *
 * The machine only orchestrates: every number comes from PlayerCore (session/realistic.ts), which
 * also backs the fast loop, so both give the same per-chunk results. The download completion and
 * the stall are delayed events raised at request time (ids 'download' and 'stall'), so moving
 * between playing and rebuffering never re-arms them.
 *
 * Dependencies come in as `input` (the player's core, the observer, the clock reading) and stay
 * as they are; the machine's own context (the BOLA wait, whether playback has started) changes only
 * through `assign`. The core is a plain module with its own state: actions call its methods.
 */
import { setup, enqueueActions, cancel, type ActorRefFrom } from 'xstate';
import type { PendingDownload, PlayerCore } from '../session/realistic';
import type { ChunkRecord } from '../session/types';

export interface PlayerObserver {
  request(p: PendingDownload): void;
  complete(record: ChunkRecord): void;
  playbackStart(): void;
  stallStart(): void;
  stallEnd(): void;
  idleStart(reason: 'buffer-full' | 'bola-wait'): void;
  idleEnd(): void;
  ended(): void;
  seek(toIndex: number): void;
}

export interface PlayerMachineInput {
  core: PlayerCore;
  observer: PlayerObserver;
  now: () => number;
}

interface PlayerContext extends Readonly<PlayerMachineInput> {
  /** Extra wait the last decision asked for (BOLA), ms. */
  decisionWaitMs: number;
  /** playback has started since the last seek (playback-start is announced once) */
  wasPlaying: boolean;
}

export type PlayerEvent = { type: 'PLAY' } | { type: 'SEEK'; toChunk: number } | { type: 'DOWNLOADED' } | { type: 'STALL' };

export const playerMachine = setup({
  types: {
    context: {} as PlayerContext,
    events: {} as PlayerEvent,
    input: {} as PlayerMachineInput,
  },
  actions: {
    // the core decides (and remembers the decision for `request`); the wait it asks for is ours
    decide: enqueueActions(({ context, enqueue }) => {
      const { waitMs } = context.core.decide(context.now());
      enqueue.assign({ decisionWaitMs: waitMs });
    }),
    request: enqueueActions(({ context, enqueue }) => {
      const p = context.core.request(context.now());
      context.observer.request(p);
      enqueue.raise({ type: 'DOWNLOADED' }, { id: 'download', delay: p.delayMs });
      if (p.stallAtMs !== null) enqueue.raise({ type: 'STALL' }, { id: 'stall', delay: p.bufferAtRequestS * 1000 });
    }),
    complete: enqueueActions(({ context, enqueue }) => {
      const record = context.core.complete(context.now());
      context.observer.complete(record);
      if (!context.wasPlaying && context.core.playing) {
        enqueue.assign({ wasPlaying: true });
        context.observer.playbackStart();
      }
    }),
    cancelTimers: enqueueActions(({ enqueue }) => {
      enqueue(cancel('download'));
      enqueue(cancel('stall'));
    }),
    seek: enqueueActions(({ context, event, enqueue }) => {
      const to = event.type === 'SEEK' ? event.toChunk : 0;
      context.core.seek(context.now(), to);
      enqueue.assign({ wasPlaying: false });
      context.observer.seek(to);
    }),
    stallStart: ({ context }) => context.observer.stallStart(),
    stallEnd: ({ context }) => context.observer.stallEnd(),
    idleStartFull: ({ context }) => context.observer.idleStart('buffer-full'),
    idleStartBola: ({ context }) => context.observer.idleStart('bola-wait'),
    idleEnd: ({ context }) => context.observer.idleEnd(),
    ended: ({ context }) => context.observer.ended(),
  },
  guards: {
    allRequested: ({ context }) => context.core.allRequested,
    isPlaying: ({ context }) => context.core.playing,
    needsRoom: ({ context }) => context.core.roomWaitMs(context.now()) > 0,
    decisionWaits: ({ context }) => context.decisionWaitMs > 0,
  },
  delays: {
    roomWait: ({ context }) => context.core.roomWaitMs(context.now()),
    decisionWait: ({ context }) => context.decisionWaitMs,
    drain: ({ context }) => context.core.endMs(context.now()) - context.now(),
  },
}).createMachine({
  id: 'abrPlayer',
  context: ({ input }) => ({ ...input, decisionWaitMs: 0, wasPlaying: false }),
  initial: 'idle',
  states: {
    idle: {
      on: { PLAY: 'active' },
    },
    active: {
      on: { SEEK: { target: '.startup', reenter: true, actions: ['cancelTimers', 'seek'] } },
      initial: 'startup',
      states: {
        startup: {
          initial: 'deciding',
          states: {
            deciding: { entry: 'decide', always: 'fetching' },
            fetching: {
              entry: 'request',
              on: { DOWNLOADED: { target: '#abrPlayer.active.afterChunk', actions: 'complete' } },
            },
          },
        },
        afterChunk: {
          always: [
            { guard: 'allRequested', target: 'draining' },
            { guard: 'isPlaying', target: 'playing' },
            { target: 'startup' },
          ],
        },
        playing: {
          initial: 'next',
          states: {
            next: {
              always: [{ guard: 'needsRoom', target: 'bufferFull' }, { target: 'deciding' }],
            },
            bufferFull: {
              entry: 'idleStartFull',
              exit: 'idleEnd',
              after: { roomWait: 'deciding' },
            },
            deciding: {
              entry: 'decide',
              always: [{ guard: 'decisionWaits', target: 'holding' }, { target: 'fetching' }],
            },
            holding: {
              entry: 'idleStartBola',
              exit: 'idleEnd',
              after: { decisionWait: 'fetching' },
            },
            fetching: {
              entry: 'request',
              on: {
                DOWNLOADED: { target: '#abrPlayer.active.afterChunk', actions: 'complete' },
                STALL: '#abrPlayer.active.rebuffering',
              },
            },
          },
        },
        rebuffering: {
          entry: 'stallStart',
          exit: 'stallEnd',
          on: { DOWNLOADED: { target: 'afterChunk', actions: 'complete' } },
        },
        draining: {
          after: { drain: '#abrPlayer.ended' },
        },
      },
    },
    ended: {
      entry: 'ended',
      on: { SEEK: { target: 'active.startup', actions: 'seek' } },
    },
  },
});

export type PlayerActor = ActorRefFrom<typeof playerMachine>;
