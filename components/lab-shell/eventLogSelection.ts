import type { Logged, SimEvent } from '@/simulations/core/recorder';
import { eventDetails } from './format';

export interface EventFilter {
  /** types NOT shown */
  hiddenTypes: ReadonlySet<string>;
  /** case-insensitive substring of "type details" */
  text: string;
}

export interface EventRow {
  /** index in the recorder's event log (stable key) */
  index: number;
  t: number;
  type: string;
  details: string;
}

/** Most events scanned per render when a filter hides most of them (keeps a frame cheap). */
export const MAX_SCAN = 50_000;

/** The last `limit` events matching the filter, newest first. */
export function lastEvents(events: readonly Logged<SimEvent>[], filter: EventFilter, limit: number): EventRow[] {
  const rows: EventRow[] = [];
  const needle = filter.text.trim().toLowerCase();
  const stop = Math.max(0, events.length - MAX_SCAN);
  for (let i = events.length - 1; i >= stop && rows.length < limit; i--) {
    const e = events[i];
    if (filter.hiddenTypes.has(e.type)) continue;
    const details = eventDetails(e as unknown as Record<string, unknown>);
    if (needle && !`${e.type} ${details}`.toLowerCase().includes(needle)) continue;
    rows.push({ index: i, t: e.t, type: e.type, details });
  }
  return rows;
}
