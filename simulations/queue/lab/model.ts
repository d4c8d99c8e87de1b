/**
 * The run `create` builds: one M/M/c(/K) station on the params. Maps the params (seconds, per
 * second) onto the station's config (virtual ms); checkpoints and the frame.
 */
import type { SimContext } from '../../core/lab';
import { Station, type StationConfig, type StationSnapshot } from '../station';
import type { QueueParams } from './schema';
import type { QueueEvent, QueueFrame, QueueSeriesName } from './series';

export interface QueueModel {
  readonly params: QueueParams;
  readonly station: Station;
}

type QueueContext = SimContext<QueueEvent, QueueSeriesName>;

function stationConfig(p: QueueParams): StationConfig {
  const durationMs = p.durationS * 1000;
  return {
    arrivalRatePerMs: p.arrivalRate / 1000,
    serviceRatePerMs: p.serviceRate / 1000,
    servers: p.servers,
    capacity: p.capacity,
    durationMs,
    // capped at half the run, so a long warm-up still leaves something to measure
    warmupMs: Math.min(p.warmupS * 1000, durationMs / 2),
  };
}

export function createQueue(params: QueueParams, ctx: QueueContext): QueueModel {
  return { params, station: new Station(stationConfig(params), ctx) };
}

export function saveQueue(model: QueueModel): StationSnapshot {
  return model.station.snapshot();
}

export function restoreQueue(snapshot: unknown, params: QueueParams, ctx: QueueContext): QueueModel {
  return { params, station: new Station(stationConfig(params), ctx, snapshot as StationSnapshot) };
}

export function queueFrame({ station }: QueueModel): QueueFrame {
  return { servers: station.servers, busy: station.busy, waiting: station.waiting, drops: station.drops };
}
