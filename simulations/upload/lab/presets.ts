/** The upload lab's stories: data only (the placeholder imports it; nothing here may pull in the simulation). */
import type { Preset } from '../../core/lab';
import type { UploadParams } from './schema';

export const uploadPresets: Preset<UploadParams>[] = [
  {
    id: 'flaky-mobile',
    title: 'Flaky mobile uplink',
    story: 'A 4G uplink that drops every few seconds. tus and GCS keep what arrived and resume; the single POST starts over after every drop and may never finish.',
    params: { 'file.sizeMiB': 16, 'network.bandwidthMbps': 8, 'network.latencyMs': 80, 'network.outages': [], 'network.dropsPerMinute': 6, 'network.meanOutageS': 2, 'run.horizonS': 120 },
    seed: 7,
  },
  {
    id: 'server-restart',
    title: 'Server restart mid-upload',
    story: 'The upload server crashes at 4 s and is back 3 s later. The bytes it had stored survive; the client HEADs the new process and continues from that offset.',
    params: { 'network.outages': [], 'server.restartAtS': 4, 'server.restartDownS': 3 },
    seed: 1,
  },
  {
    id: 'two-tabs',
    title: 'Two tabs upload the same video',
    story: 'Same user, same file, two tabs. The second tab finds the upload URL the first one saved under (file hash, user) and resumes the same upload instead of creating another. Each HEAD takes the lock over from the other tab: the interrupted PATCH ends with 423 and keeps what it sent, and the tabs take turns.',
    params: { 'tabs.count': 2, 'tabs.secondStartS': 2, 'network.outages': [], 'compare.plainPost': false, 'compare.gcs': false },
    seed: 3,
  },
  {
    id: 'expired-upload',
    title: 'Expired upload',
    story: 'The phone goes offline for 90 s; the server expires open uploads after 30 s without progress and its sweeper deletes them. Back online, the client gets 410 Gone and must start over.',
    params: { 'network.outages': [{ atS: 3, downS: 90 }], 'server.expireAfterS': 30, 'server.sweepIntervalS': 10, 'run.horizonS': 120, 'compare.plainPost': false, 'compare.gcs': false },
    seed: 1,
  },
  {
    id: 'buffering-proxy',
    title: 'Chunk size behind a buffering proxy',
    story: 'An nginx-style proxy in front of the tus server buffers each request body (proxy_request_buffering on, its default) and passes it on only once complete, so a cut loses the whole chunk in flight, not just the bytes in the pipe. The chunk-size sweep now shows the trade-off: small chunks pay a round trip each, big chunks lose more per drop; the fastest finish is at 1–2 MiB.',
    params: { 'network.bufferingProxy': true, 'client.chunkMiB': 4 },
    seed: 1,
  },
];
