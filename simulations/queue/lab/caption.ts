/** One line a learner reads for each station event (step and the event log show it). */
import type { Logged } from '../../core/recorder';
import { numberText } from '../../core/numberText';
import type { QueueEvent } from './series';

/** Seconds for people: 0.042 s, 1.35 s, 12.4 s, 1,234 s (never NaN: a missing value reads "?"). */
export function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return '? s';
  if (s >= 100) return `${numberText(Math.round(s))} s`;
  if (s >= 10) return `${s.toFixed(1)} s`;
  if (s >= 0.01 || s === 0) return `${s.toFixed(2)} s`;
  return `${(s * 1000).toFixed(2)} ms`;
}

const customers = (n: number) => (n === 1 ? '1 customer' : `${n} customers`);

export function queueCaption(e: Logged<QueueEvent>): string | null {
  switch (e.type) {
    case 'arrival':
      return `Customer ${e.id} arrives (${customers(e.inSystem)} in the system)`;
    case 'start':
      return e.waitS > 0
        ? `Customer ${e.id} starts service at server ${e.server + 1} after waiting ${formatSeconds(e.waitS)}`
        : `Customer ${e.id} goes straight to server ${e.server + 1}, no wait`;
    case 'departure':
      return `Customer ${e.id} leaves server ${e.server + 1}, ${formatSeconds(e.timeInSystemS)} after arriving`;
    case 'drop':
      return `Customer ${e.id} is turned away: the system is full (${customers(e.inSystem)})`;
    default:
      return null;
  }
}
