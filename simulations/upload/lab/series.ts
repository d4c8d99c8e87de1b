/**
 * The upload lab's recorder contract: the event log (E), the sampled series' names (N) and the frame
 * (F). The view reads the log through these types, so a misspelt lane or event field is a type error.
 */
import type { ServerEvent } from '../server/context';

/** The three protocols on identical links: our tus server, a single plain POST, YouTube/GCS. */
export type LaneId = 'tus' | 'post' | 'gcs';

export type UploadSimEvent =
  | { type: 'request'; lane: LaneId; tab: number; id: number; method: string; phase: 'start' | 'end'; status: number | null; sent: number; error?: string }
  | { type: 'outage'; phase: 'down' | 'up'; lost: Partial<Record<LaneId, number>> }
  | { type: 'server'; kind: ServerEvent['type']; status?: number; from?: number; to?: number; outcome?: string }
  | { type: 'restart'; phase: 'crash' | 'up' }
  | { type: 'client'; tab: number; state: string; offset: number }
  | { type: 'done'; lane: LaneId; tab?: number };

/** Sampled series: the tus client's committed offset, per tab. */
export type UploadSeriesName = `tus.offset.tab${number}`;

export const offsetSeries = (tab: number): UploadSeriesName => `tus.offset.tab${tab}`;
