/**
 * One line a learner reads for each player event (step and the event log show it). Players are
 * named by their place in the race (the view's legend says which algorithm each one runs).
 */
import type { Logged } from '../../core/recorder';
import { numberText } from '../../core/numberText';
import { PLAYER_SLOTS, type AbrEvent, type PlayerSlot } from './series';

const num = (x: number, digits: number): string => (Number.isFinite(x) ? x.toFixed(digits) : '?');
const kbps = (x: number): string => (Number.isFinite(x) ? `${numberText(Math.round(x))} kbps` : '? kbps');
const player = (slot: PlayerSlot): string => `Player ${PLAYER_SLOTS.indexOf(slot) + 1}`;
/** Rungs count from 1 (the lowest bitrate) for people. */
const rung = (q: number): string => `rung ${q + 1}`;

export function abrCaption(e: Logged<AbrEvent>): string | null {
  const who = player(e.player);
  switch (e.type) {
    case 'request': {
      const estimate = e.estimateKbps !== null && Number.isFinite(e.estimateKbps) ? `, throughput estimate ${kbps(e.estimateKbps)}` : '';
      const rule = e.rule ? ` (${e.rule})` : '';
      return `${who} asks for chunk ${e.chunk + 1} at ${kbps(e.bitrateKbps)}${estimate}${rule}`;
    }
    case 'complete': {
      const stall = e.rebufferS > 0 ? `, after stalling ${num(e.rebufferS, 2)} s` : '';
      return `${who} downloaded chunk ${e.chunk + 1} (${rung(e.quality)}) in ${num(e.delayMs / 1000, 2)} s${stall}; buffer ${num(e.bufferS, 1)} s`;
    }
    case 'switch':
      return `${who} switches ${e.to > e.from ? 'up' : 'down'} from ${rung(e.from)} to ${rung(e.to)} at chunk ${e.chunk + 1}`;
    case 'stall-start':
      return `${who} stalls: the buffer ran dry waiting for chunk ${e.chunk + 1}`;
    case 'stall-end':
      return `${who} plays again after a ${num(e.durationS, 2)} s stall`;
    case 'idle-start':
      return e.reason === 'buffer-full' ? `${who} pauses downloading: the buffer is full` : `${who} waits before the next download (BOLA: the buffer is above its target)`;
    case 'playback-start':
      return `${who} starts playing after ${num(e.startupDelayS, 2)} s of startup`;
    case 'ended':
      return `${who} has played the whole video`;
    case 'seek':
      return `${who} seeks to chunk ${e.toChunk + 1}`;
    case 'idle-end':
      // the request that follows says what happens next
      return null;
    default:
      return null;
  }
}
