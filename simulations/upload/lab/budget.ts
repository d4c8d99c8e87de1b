/**
 * The upload lab's work budget (core/budget.ts): upper bounds, from the params alone, of the events a
 * run executes to its horizon and the bytes it holds.
 *
 * Events. A link serializes 64 KiB packets at the uplink rate, so a lane sends at most
 * bandwidth × horizon bytes; each packet is two events (on the wire, at the far end). Every request
 * takes at least a round trip (2 × latency) whatever its outcome, so each client sends at most
 * horizon / (2 × latency) requests, each a bounded number of events (send, arrive, answer, the
 * client's timers and backoff). Plus the sweeper, outages, the restart and the hashing steps.
 * Bytes. The file (and at most one other in the memo of generated files, and a copy per request
 * body behind a buffering proxy), the stored events (≤ 250k) and the offset series.
 */
import type { WorkEstimate } from '../../core/budget';
import { HASH_CHUNK_BYTES } from '../client/hash';
import type { UploadParams } from './schema';

const MiB = 1024 * 1024;
const PACKET_BYTES = 64 * 1024;
/** Scheduler events per packet: serialized onto the link, delivered a latency later. */
const EVENTS_PER_PACKET = 2;
/** Scheduler events per request at most (measured: at most about 4 besides its packets). */
const EVENTS_PER_REQUEST = 16;
/** The recorder's default `eventLimit`. */
const STORED_EVENTS_LIMIT = 250_000;
/** A stored event in the heap (its JSON is under 200 characters). */
const EVENT_BYTES = 320;
const POINT_BYTES = 40;
/** Logged events and offset samples per scheduler event (measured ≤ 1.1 and ≤ 0.4). */
const LOGGED_PER_EVENT = 3;
const POINTS_PER_EVENT = 1;
/** XState actors, the tus server, links, small change. */
const BASE_BYTES = 16 * MiB;

function poissonUpper(m: number): number {
  return Math.ceil(m + 6 * Math.sqrt(m) + 10);
}

export function estimateUpload(p: UploadParams): WorkEstimate {
  const horizonMs = p['run.horizonS'] * 1000;
  const fileBytes = Math.round(p['file.sizeMiB'] * MiB);
  const tabs = p['tabs.count'];
  const clients = tabs + (p['compare.plainPost'] ? 1 : 0) + (p['compare.gcs'] ? 1 : 0);
  const lanes = 1 + (p['compare.plainPost'] ? 1 : 0) + (p['compare.gcs'] ? 1 : 0);
  const requestsPerClient = Math.ceil(horizonMs / (2 * p['network.latencyMs'])) + 2;
  const requests = clients * requestsPerClient;
  const bytesPerLane = ((p['network.bandwidthMbps'] * 1e6) / 8 / 1000) * horizonMs;
  const packets = lanes * Math.ceil(bytesPerLane / PACKET_BYTES) + requests;
  const outages = p['network.outages'].length + (p['network.dropsPerMinute'] > 0 ? poissonUpper((p['network.dropsPerMinute'] / 60) * p['run.horizonS']) : 0);
  const sweeps = Math.ceil(p['run.horizonS'] / p['server.sweepIntervalS']) + 1;
  const hashing = tabs * (Math.ceil(fileBytes / HASH_CHUNK_BYTES) + 2);
  const events = EVENTS_PER_PACKET * packets + EVENTS_PER_REQUEST * requests + 2 * outages + 2 * sweeps + hashing + 2 + 100;
  // the tus lane's client events drive the offset samples; every scheduler event at most a few logs
  const tusEvents = EVENTS_PER_PACKET * (Math.ceil(bytesPerLane / PACKET_BYTES) + tabs * requestsPerClient) + EVENTS_PER_REQUEST * tabs * requestsPerClient + hashing + 2 * outages + 100;
  const stored = Math.min(STORED_EVENTS_LIMIT, LOGGED_PER_EVENT * events) * EVENT_BYTES;
  const points = POINTS_PER_EVENT * tusEvents * POINT_BYTES;
  const files = (p['network.bufferingProxy'] ? 3 : 2) * fileBytes;
  // (a shorter latency allows more requests, but "lower" would send a learner the wrong way: not named)
  return { events, bytes: BASE_BYTES + files + stored + points, drivers: ['run.horizonS', 'network.bandwidthMbps', 'file.sizeMiB'] };
}
