/**
 * The resumable-uploads lab: our tus server core (in-memory store) behind a simulated uplink, the
 * XState upload client in one or two tabs, and two baselines on identical links with the same
 * outages: a plain single POST and the YouTube/GCS protocol.
 */
import { createActor, type Actor } from 'xstate';
import { defineLab, type SimContext } from '../core/lab';
import type { JsonSpec } from '../core/params';
import type { ParamsOf } from '../core/params';
import { SimLink, type NetworkTrace } from './network/simNetwork';
import { SimTusHost } from './network/simTusHost';
import { BufferingProxy } from './network/bufferingProxy';
import { createUploadMachine, type UploadMachine } from './machines/uploadMachine';
import { MemoryUrlStorage, fileFromBytes } from './client/transport';
import { sha256Hex } from './client/hash';
import { GCS_UNIT, GcsStyleClient, GcsStyleServer, PlainPostClient, PlainPostServer } from './compare/baselines';
import type { ServerEvent } from './server/handler';
import type { BackoffPolicy } from './client/backoff';

const MiB = 1024 * 1024;

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
export type LaneId = 'tus' | 'post' | 'gcs';

export type UploadSimEvent =
  | { type: 'request'; lane: LaneId; tab: number; id: number; method: string; phase: 'start' | 'end'; status: number | null; sent: number; error?: string }
  | { type: 'outage'; phase: 'down' | 'up'; lost: Partial<Record<LaneId, number>> }
  | { type: 'server'; kind: ServerEvent['type']; status?: number; from?: number; to?: number; outcome?: string }
  | { type: 'restart'; phase: 'crash' | 'up' }
  | { type: 'client'; tab: number; state: string; offset: number }
  | { type: 'done'; lane: LaneId; tab?: number };

interface Lane {
  id: LaneId;
  link: SimLink;
  wireBytes: number;
  requests: number;
  completedAtMs: number | null;
  lostPerOutage: number[];
  /** bytes of a cut request the server keeps, given what reached the far end of the link */
  kept(cut: { delivered: number; bodyBytes: number; method: string }): number;
}

export interface UploadModel {
  params: UploadParams;
  file: Uint8Array;
  fileSha256: string;
  outages: Outage[];
  host: SimTusHost;
  tabs: { actor: Actor<UploadMachine>; storage: MemoryUrlStorage }[];
  lanes: Partial<Record<LaneId, Lane>>;
  post: PlainPostClient | null;
  gcs: GcsStyleClient | null;
  serverStats: { takeovers: number; expired: number; rejected: Record<string, number> };
}

function randomFile(ctx: SimContext, bytes: number): Uint8Array {
  const s = ctx.rng.stream('file');
  const out = new Uint8Array(bytes);
  const words = new Uint32Array(out.buffer, 0, bytes >>> 2);
  for (let i = 0; i < words.length; i++) words[i] = s.nextUint32();
  for (let i = words.length * 4; i < bytes; i++) out[i] = s.nextUint32() & 0xff;
  return out;
}

function allOutages(p: UploadParams, ctx: SimContext): Outage[] {
  const list = [...p['network.outages']];
  const rate = p['network.dropsPerMinute'] / 60;
  if (rate > 0) {
    const s = ctx.rng.stream('outages');
    for (let t = s.exponential(rate); t < p['run.horizonS']; t += s.exponential(rate)) list.push({ atS: t, downS: Math.max(0.05, s.exponential(1 / p['network.meanOutageS'])) });
  }
  return list.sort((a, b) => a.atS - b.atS);
}

function createModel(p: UploadParams, ctx: SimContext<UploadSimEvent>): UploadModel {
  const { scheduler, clock, recorder } = ctx;
  const fileBytes = Math.round(p['file.sizeMiB'] * MiB);
  const file = randomFile(ctx, fileBytes);
  const source = fileFromBytes(file);
  const linkParams = { bytesPerMs: (p['network.bandwidthMbps'] * 1e6) / 8 / 1000, latencyMs: p['network.latencyMs'], packetBytes: 64 * 1024 };
  const backoff: BackoffPolicy = { baseMs: p['client.retryBaseMs'], maxMs: p['client.retryMaxMs'], maxAttempts: 1000 };
  const ids = ctx.rng.stream('upload-ids');
  const serverStats = { takeovers: 0, expired: 0, rejected: {} as Record<string, number> };
  const host = new SimTusHost(clock, {
    randomBytes: (n) => Uint8Array.from({ length: n }, () => ids.nextUint32() & 0xff),
    expireAfterMs: p['server.expireAfterS'] * 1000,
    sweepIntervalMs: p['server.sweepIntervalS'] * 1000,
    maxSize: 128 * MiB,
    idleReadTimeoutMs: 30_000,
    minRate: { bytesPerSecond: 256, graceMs: 20_000 },
    onEvent: (e) => {
      if (e.type === 'server.takeover') serverStats.takeovers++;
      if (e.type === 'server.expired') serverStats.expired++;
      if (e.type === 'server.rejected') serverStats.rejected[e.status] = (serverStats.rejected[e.status] ?? 0) + 1;
      recorder.log({
        type: 'server',
        kind: e.type,
        status: 'status' in e ? e.status : undefined,
        from: e.type === 'server.append' ? e.from : undefined,
        to: e.type === 'server.append' ? e.to : undefined,
        outcome: e.type === 'server.append' ? e.outcome : undefined,
      });
    },
  });

  const lanes: Partial<Record<LaneId, Lane>> = {};
  const makeLane = (id: LaneId, tabOf: (requestId: number) => number, kept: Lane['kept']): Lane => {
    const lane: Lane = { id, link: null as unknown as SimLink, wireBytes: 0, requests: 0, completedAtMs: null, lostPerOutage: [], kept };
    const trace: NetworkTrace = {
      requestStart: (r) => {
        lane.requests++;
        recorder.log({ type: 'request', lane: id, tab: tabOf(r.id), id: r.id, method: r.method, phase: 'start', status: null, sent: 0 });
      },
      requestEnd: (r) => {
        lane.wireBytes += r.sent;
        recorder.log({ type: 'request', lane: id, tab: tabOf(r.id), id: r.id, method: r.method, phase: 'end', status: r.status, sent: r.sent, error: r.error });
      },
    };
    lane.link = new SimLink(scheduler, linkParams, trace);
    lanes[id] = lane;
    return lane;
  };

  // tus lane: one link per lane, shared by the tabs of the same browser
  let currentTab = 0;
  const requestTab = new Map<number, number>();
  const bufferingProxy = p['network.bufferingProxy'];
  const tusEndpoint = bufferingProxy ? new BufferingProxy(host) : host;
  const tusLane = makeLane('tus', (rid) => {
    if (!requestTab.has(rid)) requestTab.set(rid, currentTab);
    return requestTab.get(rid)!;
  }, bufferingProxy ? ({ delivered, bodyBytes }) => (delivered === bodyBytes ? delivered : 0) : ({ delivered }) => delivered);
  const storage = new MemoryUrlStorage();
  const tabs: UploadModel['tabs'] = [];
  const userId = 'user-1';
  for (let tab = 0; tab < p['tabs.count']; tab++) {
    const transport = tusLane.link.transport(tusEndpoint, userId);
    const tabTransport = {
      send: (spec: Parameters<typeof transport.send>[0], cb: Parameters<typeof transport.send>[1]) => {
        currentTab = tab;
        return transport.send(spec, cb);
      },
    };
    const rng = ctx.rng.stream(`backoff-tab${tab}`);
    const machine = createUploadMachine({
      transport: tabTransport,
      clock,
      random: () => rng.next(),
      storage,
      hashPauseMs: (bytes) => (bytes / MiB / p['client.hashMiBps']) * 1000,
    });
    const actor = createActor(machine, {
      clock,
      input: { file: source, userId, endpoint: host.tus.basePath, chunkBytes: Math.round(p['client.chunkMiB'] * MiB), filename: 'video.mp4', backoff },
    });
    let lastState = '';
    actor.subscribe((snap) => {
      const state = String(snap.value);
      if (state !== lastState) {
        lastState = state;
        recorder.log({ type: 'client', tab, state, offset: snap.context.offset });
        if (state === 'complete' && tusLane.completedAtMs === null) {
          tusLane.completedAtMs = scheduler.now;
          recorder.log({ type: 'done', lane: 'tus', tab });
        }
      }
      recorder.sample(`tus.offset.tab${tab}`, snap.context.offset + (state === 'uploading' ? 0 : 0));
    });
    tabs.push({ actor, storage });
    const startAt = tab === 0 ? 0 : p['tabs.secondStartS'] * 1000;
    scheduler.at(startAt, () => actor.start());
  }

  const baselineServers: (PlainPostServer | GcsStyleServer)[] = [];
  let post: PlainPostClient | null = null;
  if (p['compare.plainPost']) {
    const lane = makeLane('post', () => 0, () => 0);
    const server = new PlainPostServer();
    baselineServers.push(server);
    const rng = ctx.rng.stream('backoff-post');
    post = new PlainPostClient(
      { scheduler, transport: lane.link.transport(server, userId), random: () => rng.next(), backoff, file: source },
      {
        onDone: () => {
          lane.completedAtMs = scheduler.now;
          recorder.log({ type: 'done', lane: 'post' });
        },
        onAttemptFailed: () => undefined,
      },
    );
    scheduler.at(0, () => post!.start());
  }

  let gcs: GcsStyleClient | null = null;
  if (p['compare.gcs']) {
    const lane = makeLane('gcs', () => 0, ({ delivered, method }) => (method === 'PUT' ? Math.floor(delivered / GCS_UNIT) * GCS_UNIT : 0));
    const server = new GcsStyleServer();
    baselineServers.push(server);
    const rng = ctx.rng.stream('backoff-gcs');
    gcs = new GcsStyleClient(
      { scheduler, transport: lane.link.transport(server, userId), random: () => rng.next(), backoff, file: source },
      Math.round(p['client.chunkMiB'] * MiB),
      {
        onDone: () => {
          lane.completedAtMs = scheduler.now;
          recorder.log({ type: 'done', lane: 'gcs' });
        },
        onAttemptFailed: () => undefined,
      },
    );
    scheduler.at(0, () => gcs!.start());
  }

  const outages = allOutages(p, ctx);
  for (const o of outages) {
    scheduler.at(o.atS * 1000, () => {
      const lost: Partial<Record<LaneId, number>> = {};
      for (const lane of Object.values(lanes)) {
        if (!lane.link.isUp || lane.completedAtMs !== null) continue;
        const cut = lane.link.goDown();
        const bytes = cut.reduce((n, r) => n + r.sent - lane.kept(r), 0);
        lane.lostPerOutage.push(bytes);
        lost[lane.id] = bytes;
      }
      recorder.log({ type: 'outage', phase: 'down', lost });
    });
    scheduler.at((o.atS + o.downS) * 1000, () => {
      for (const lane of Object.values(lanes)) lane.link.goUp();
      recorder.log({ type: 'outage', phase: 'up', lost: {} });
    });
  }
  if (p['server.restartAtS'] >= 0) {
    scheduler.at(p['server.restartAtS'] * 1000, () => {
      host.crash();
      for (const b of baselineServers) b.crash();
      recorder.log({ type: 'restart', phase: 'crash' });
    });
    scheduler.at((p['server.restartAtS'] + p['server.restartDownS']) * 1000, () => {
      host.restart();
      for (const b of baselineServers) b.restart();
      recorder.log({ type: 'restart', phase: 'up' });
    });
  }
  return { params: p, file, fileSha256: sha256Hex(file), outages, host, tabs, lanes, post, gcs, serverStats };
}

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

function resultOf(m: UploadModel): UploadResult {
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

export const uploadLab = defineLab<typeof uploadSchema, UploadModel, UploadResult, UploadSimEvent>({
  id: 'upload',
  title: 'Resumable uploads',
  summary: 'A real tus server core behind a lossy uplink: hash the video, upload in chunks, lose the connection, resume from the committed offset; compared with a single POST and the YouTube/GCS protocol.',
  topic: 'Uploads',
  schema: uploadSchema,
  presets: [
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
      id: 'bufferingProxy',
      title: 'Chunk size behind a buffering proxy',
      story: 'An nginx-style proxy in front of the tus server buffers each request body (proxy_request_buffering on, its default) and passes it on only once complete, so a cut loses the whole chunk in flight, not just the bytes in the pipe. The chunk-size sweep now shows the trade-off: small chunks pay a round trip each, big chunks lose more per drop; the fastest finish is at 1–2 MiB.',
      params: { 'network.bufferingProxy': true, 'client.chunkMiB': 4 },
      seed: 1,
    },
  ],
  horizonMs: (p) => p['run.horizonS'] * 1000,
  create: createModel,
  result: (m) => resultOf(m),
});
