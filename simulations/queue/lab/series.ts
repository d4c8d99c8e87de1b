/**
 * The queue lab's recorder contract: the events and series the station records, and the frame a
 * view may draw (the line and the servers right now).
 */
import { STATION_SERIES, type StationEvent, type StationSeriesName } from '../station';

export type QueueEvent = StationEvent;

/** Every series, sampled SAMPLES_PER_RUN + 1 times per run (times in ms, values in seconds or customers). */
export const SERIES = STATION_SERIES;
export type QueueSeriesName = StationSeriesName;

/** The station right now, as plain data. */
export interface QueueFrame {
  servers: number;
  /** servers busy */
  busy: number;
  /** customers waiting (not in service) */
  waiting: number;
  /** drops so far */
  drops: number;
}
