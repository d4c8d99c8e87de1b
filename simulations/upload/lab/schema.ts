/** The upload lab's parameters: the schema, the Params type and the outage list's own check. */
import type { JsonSpec, ParamsOf } from '../../core/params';

export interface Outage {
  atS: number;
  downS: number;
}

const outagesSpec: JsonSpec<Outage[]> = {
  type: 'json',
  label: 'Scheduled outages',
  group: 'Network',
  description: 'a list of {"atS": seconds, "downS": seconds} (at most 50, atS from 0 to 3600, downS from 0.01 to 3600)',
  default: [
    { atS: 3, downS: 2 },
    { atS: 7, downS: 4 },
  ],
  check(value) {
    if (!Array.isArray(value)) return 'expected a list of {"atS", "downS"}';
    if (value.length > 50) return 'at most 50 outages';
    for (const [i, o] of value.entries()) {
      const v = o as Partial<Outage>;
      if (typeof v !== 'object' || v === null) return `outage ${i} is not an object`;
      if (typeof v.atS !== 'number' || !(v.atS >= 0 && v.atS <= 3600)) return `outage ${i}: atS must be a number from 0 to 3600`;
      if (typeof v.downS !== 'number' || !(v.downS >= 0.01 && v.downS <= 3600)) return `outage ${i}: downS must be a number from 0.01 to 3600`;
    }
    return null;
  },
};

export const uploadSchema = {
  'file.sizeMiB': { type: 'number', label: 'File size', unit: 'MiB', min: 0.25, max: 64, default: 8, step: 0.25, group: 'File', description: 'size of the simulated video (random bytes from the seed)' },
  'client.chunkMiB': { type: 'number', label: 'Chunk size', unit: 'MiB', min: 0.25, max: 64, default: 1, step: 0.25, scale: 'log', group: 'Client', description: 'bytes per PATCH (GCS rounds down to a multiple of 256 KiB)' },
  'client.hashMiBps': { type: 'number', label: 'Hashing speed', unit: 'MiB/s', min: 5, max: 2000, default: 200, scale: 'log', group: 'Client', description: 'SHA-256 throughput of the device (hashing time before the upload starts)' },
  'client.retryBaseMs': { type: 'number', label: 'Backoff base', unit: 'ms', min: 50, max: 10_000, default: 500, integer: true, group: 'Client', description: 'first retry waits up to this long (full jitter), doubling per failure' },
  'client.retryMaxMs': { type: 'number', label: 'Backoff cap', unit: 'ms', min: 500, max: 120_000, default: 8_000, integer: true, group: 'Client', description: 'longest single retry wait' },
  'network.bandwidthMbps': { type: 'number', label: 'Uplink', unit: 'Mbit/s', min: 0.5, max: 1000, default: 16, scale: 'log', group: 'Network', description: 'uplink bandwidth' },
  'network.latencyMs': { type: 'number', label: 'Latency', unit: 'ms', min: 1, max: 1000, default: 50, integer: true, group: 'Network', description: 'one-way latency (RTT is twice this)' },
  'network.outages': outagesSpec,
  'network.dropsPerMinute': { type: 'number', label: 'Random drops', unit: '/min', min: 0, max: 60, default: 0, group: 'Network', description: 'extra random outages (Poisson, seeded)' },
  'network.bufferingProxy': { type: 'boolean', label: 'Buffering proxy (tus)', default: false, group: 'Network', description: 'put an nginx-style proxy in front of the tus server that passes a body on only once it has all of it (proxy_request_buffering on): a cut then loses the whole chunk in flight' },
  'network.meanOutageS': { type: 'number', label: 'Mean random outage', unit: 's', min: 0.1, max: 120, default: 2, group: 'Network', description: 'mean length of a random outage (exponential)' },
  'server.restartAtS': { type: 'number', label: 'Server restart at', unit: 's', min: -1, max: 3600, default: -1, group: 'Server', description: 'crash the tus server at this time (-1 = never); the bytes stay, process state goes' },
  'server.restartDownS': { type: 'number', label: 'Restart downtime', unit: 's', min: 0.1, max: 600, default: 3, group: 'Server', description: 'how long the server is away' },
  'server.expireAfterS': { type: 'number', label: 'Upload TTL', unit: 's', min: 1, max: 604_800, default: 3600, group: 'Server', description: 'an open upload expires this long after its last progress' },
  'server.sweepIntervalS': { type: 'number', label: 'Sweeper interval', unit: 's', min: 1, max: 3600, default: 30, group: 'Server', description: 'how often expired uploads are deleted' },
  'tabs.count': { type: 'number', label: 'Tabs', min: 1, max: 2, default: 1, integer: true, group: 'Scenario', description: 'browser tabs uploading the same video as the same user (shared URL storage)' },
  'tabs.secondStartS': { type: 'number', label: 'Second tab starts', unit: 's', min: 0, max: 600, default: 2, group: 'Scenario', description: 'when the second tab starts' },
  'compare.plainPost': { type: 'boolean', label: 'Compare: plain POST', default: true, group: 'Compare', description: 'run a single-POST upload on an identical link' },
  'compare.gcs': { type: 'boolean', label: 'Compare: YouTube/GCS', default: true, group: 'Compare', description: 'run a Content-Range / 308 upload on an identical link' },
  'run.horizonS': { type: 'number', label: 'Duration', unit: 's', min: 5, max: 3600, default: 60, group: 'Scenario', description: 'simulated time' },
} as const;

export type UploadParams = ParamsOf<typeof uploadSchema>;
