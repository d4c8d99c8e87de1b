/**
 * How chunk size trades request overhead against lost work: the same run (seed, link, outages) for
 * several chunk sizes. Small chunks pay a round trip per PATCH. With tus a cut costs only the bytes
 * still in the pipe (the server keeps partial bodies), whatever the chunk size; a GCS-style server
 * keeps only whole 256 KiB units; behind a buffering proxy (`network.bufferingProxy`, nginx's
 * default) tus loses the whole chunk in flight, so lost work grows with the chunk size.
 * Each row is one headless run.
 */
import { runHeadless } from '../core/runner';
import { uploadLab, type UploadParams } from './lab';

export interface ChunkTradeoffRow {
  chunkMiB: number;
  tusRequests: number;
  tusSeconds: number | null;
  tusWastedBytes: number;
  tusLostPerOutage: number[];
  gcsRequests: number | null;
  gcsSeconds: number | null;
  gcsWastedBytes: number | null;
  /** time spent waiting for PATCH responses: one RTT per request */
  tusRoundTripSeconds: number;
}

export function chunkTradeoff(params: UploadParams, seed: number, chunkSizesMiB: number[] = [0.25, 0.5, 1, 2, 4, 8, 16]): ChunkTradeoffRow[] {
  return chunkSizesMiB.map((chunkMiB) => {
    const { result } = runHeadless(uploadLab, { ...params, 'client.chunkMiB': chunkMiB, 'compare.plainPost': false, 'tabs.count': 1 }, seed);
    const tus = result.lanes.tus!;
    const gcs = result.lanes.gcs;
    return {
      chunkMiB,
      tusRequests: tus.requests,
      tusSeconds: tus.completedAtS,
      tusWastedBytes: tus.wastedBytes,
      tusLostPerOutage: tus.lostPerOutage,
      gcsRequests: gcs ? gcs.requests : null,
      gcsSeconds: gcs ? gcs.completedAtS : null,
      gcsWastedBytes: gcs ? gcs.wastedBytes : null,
      tusRoundTripSeconds: (tus.requests * 2 * params['network.latencyMs']) / 1000,
    };
  });
}
