/** The upload lab's --json document, and the chunk-size sweep's numbers read from one run's result. */
import type { UploadModel } from './model';
import type { Outage, UploadParams } from './schema';
import type { LaneId } from './series';

export interface LaneResult {
  completedAtS: number | null;
  requests: number;
  wireBytes: number;
  /** bytes sent beyond the file size (re-sent after losses) */
  wastedBytes: number;
  lostPerOutage: number[];
}

export interface UploadResult {
  fileBytes: number;
  videoId: string;
  tabs: { state: string; offset: number; requests: number; uploadUrl: string | null; serverSha256: string | null }[];
  /** server's SHA-256 of the stored upload equals the file's */
  verified: boolean;
  lanes: Partial<Record<LaneId, LaneResult>>;
  outages: Outage[];
  server: UploadModel['serverStats'] & { storedBytes: number };
}

export function result(m: UploadModel): UploadResult {
  const lanes: Partial<Record<LaneId, LaneResult>> = {};
  for (const lane of Object.values(m.lanes)) {
    lanes[lane.id] = {
      completedAtS: lane.completedAtMs === null ? null : lane.completedAtMs / 1000,
      requests: lane.requests,
      wireBytes: lane.wireBytes,
      wastedBytes: Math.max(0, lane.wireBytes - (lane.completedAtMs === null ? lane.wireBytes : m.file.length)),
      lostPerOutage: lane.lostPerOutage,
    };
  }
  const tabs = m.tabs.map((t) => {
    const snap = t.actor.getSnapshot();
    return {
      state: String(snap.value),
      offset: snap.context.offset,
      requests: snap.context.requests,
      uploadUrl: snap.context.uploadUrl,
      serverSha256: snap.context.serverSha256,
    };
  });
  return {
    fileBytes: m.file.length,
    videoId: m.fileSha256,
    tabs,
    verified: tabs.some((t) => t.state === 'complete' && t.serverSha256 === m.fileSha256),
    lanes,
    outages: m.outages,
    server: { ...m.serverStats, storedBytes: m.host.store.totalBytes() },
  };
}

/**
 * How chunk size trades request overhead against lost work: one row per run of the sweep (the same
 * run, seed, link and outages, another chunk size; see `definition.ts` companions). Small chunks pay
 * a round trip per PATCH. With tus a cut costs only the bytes still in the pipe (the server keeps
 * partial bodies), whatever the chunk size; a GCS-style server keeps only whole 256 KiB units;
 * behind a buffering proxy (`network.bufferingProxy`, nginx's default) tus loses the whole chunk in
 * flight, so lost work grows with the chunk size.
 */
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

/** The sweep row of one finished run (its params and result). */
export function chunkTradeoffRowOf(params: UploadParams, result: UploadResult): ChunkTradeoffRow {
  const tus = result.lanes.tus!;
  const gcs = result.lanes.gcs;
  return {
    chunkMiB: params['client.chunkMiB'],
    tusRequests: tus.requests,
    tusSeconds: tus.completedAtS,
    tusWastedBytes: tus.wastedBytes,
    tusLostPerOutage: tus.lostPerOutage,
    gcsRequests: gcs ? gcs.requests : null,
    gcsSeconds: gcs ? gcs.completedAtS : null,
    gcsWastedBytes: gcs ? gcs.wastedBytes : null,
    tusRoundTripSeconds: (tus.requests * 2 * params['network.latencyMs']) / 1000,
  };
}
