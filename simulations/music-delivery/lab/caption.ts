/** One line a learner reads for each logged event (step and the event log show it). */
import type { Logged } from '../../core/recorder';
import type { MusicDeliveryEvent } from './series';
import { groupedNumber } from '@/simulations/core/numberText';

const FROM = { device: 'the phone’s cache', prefetch: 'a prefetch', edge: 'the edge cache', origin: 'the origin (edge miss)' } as const;

export function musicDeliveryCaption(e: Logged<MusicDeliveryEvent>): string | null {
  switch (e.type) {
    case 'play':
      return `Listener ${e.listener} plays track #${groupedNumber(e.track + 1)} from ${FROM[e.source]}: first audio after ${Math.round(e.ttfaMs)} ms${e.peer ? ', the rest from a peer' : ''}${e.skipped ? ' (skipped later)' : ''}`;
    case 'prefetch':
      return `Listener ${e.listener} prefetches the next track (#${groupedNumber(e.track + 1)}, ${(e.bytes / 1e6).toFixed(1)} MB) from ${e.from === 'peer' ? 'a peer' : e.from === 'edge' ? 'the edge' : 'the origin'}`;
    default:
      return null;
  }
}
