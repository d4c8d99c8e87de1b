import type { Logged, SimEvent } from '@/simulations/core/recorder';
import { eventDetails } from './format';

export interface EventFilter {
  /** types NOT shown */
  hiddenTypes: ReadonlySet<string>;
  /** case-insensitive substring of "type details" */
  text: string;
  /**
   * The lab's caption (`lab.caption`). With it, and unless `all` is on, the log shows only the
   * events a learner can see, each as its caption; `all` shows every event with its raw fields.
   */
  caption?: (event: Logged<SimEvent>) => string | null;
  all?: boolean;
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
    let details: string;
    if (filter.caption && !filter.all) {
      const caption = filter.caption(e);
      if (caption === null) continue;
      details = caption;
    } else details = eventDetails(e as unknown as Record<string, unknown>);
    if (needle && !`${e.type} ${details}`.toLowerCase().includes(needle)) continue;
    rows.push({ index: i, t: e.t, type: e.type, details });
  }
  return rows;
}
