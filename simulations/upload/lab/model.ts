/**
 * One run of the resumable-uploads lab: our tus server core (in-memory store) behind a simulated
 * uplink, the XState upload client in one or two tabs, and two baselines on identical links with the
 * same outages: a plain single POST and the YouTube/GCS protocol. `create` maps the Params onto the
 * parts' own configs and schedules outages and restarts on virtual time.
 */
import { createActor, type Actor } from 'xstate';
import type { SimContext } from '../../core/lab';
import { SimLink, type NetworkTrace } from '../network/simNetwork';
import { SimTusHost } from '../network/simTusHost';
import { BufferingProxy } from '../network/bufferingProxy';
import { uploadMachine, type UploadMachine } from '../machines/uploadMachine';
import { MemoryUrlStorage, fileFromBytes } from '../client/transport';
import { sha256Hex } from '../client/hash';
import { rememberSha256 } from '../server/knownDigests';
import { Rng } from '../../core/rng';
import { GCS_UNIT, GcsStyleClient, GcsStyleServer, PlainPostClient, PlainPostServer } from '../compare/baselines';
import type { BackoffPolicy } from '../client/backoff';
import type { Outage, UploadParams } from './schema';
import { offsetSeries, type LaneId, type UploadSeriesName, type UploadSimEvent } from './series';

const MiB = 1024 * 1024;

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

function randomFile(seed: number, bytes: number): Uint8Array {
  const s = new Rng(seed).stream('file');
  const out = new Uint8Array(bytes);
  const words = new Uint32Array(out.buffer, 0, bytes >>> 2);
  for (let i = 0; i < words.length; i++) words[i] = s.nextUint32();
  for (let i = words.length * 4; i < bytes; i++) out[i] = s.nextUint32() & 0xff;
  return out;
}

/**
 * The file depends only on (seed, size): generating and hashing it was 76% of a replay (every run,
 * reset and each of the 7 sweep runs; issue 11). The last FILE_MEMO_SIZE files are kept with their
 * digest, remembered for the client's and the server's hashing (server/knownDigests.ts). Nothing
 * writes into the file: requests and the store take views of it.
 */
const FILE_MEMO_SIZE = 2;
const fileMemo: { seed: number; bytes: number; file: Uint8Array; sha256: string }[] = [];

export function generatedFile(seed: number, bytes: number): { file: Uint8Array; sha256: string } {
  const i = fileMemo.findIndex((m) => m.seed === seed && m.bytes === bytes);
  if (i >= 0) {
    const [hit] = fileMemo.splice(i, 1);
    fileMemo.push(hit);
    return hit;
  }
  const file = randomFile(seed, bytes);
  const entry = { seed, bytes, file, sha256: sha256Hex(file) };
  rememberSha256(file, entry.sha256);
  fileMemo.push(entry);
  if (fileMemo.length > FILE_MEMO_SIZE) fileMemo.shift();
  return entry;
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

export function create(p: UploadParams, ctx: SimContext<UploadSimEvent, UploadSeriesName>): UploadModel {
  const { scheduler, clock, recorder } = ctx;
  const fileBytes = Math.round(p['file.sizeMiB'] * MiB);
  // the same bytes as drawing the run's 'file' stream (a stream depends only on seed and name)
  const { file, sha256 } = generatedFile(ctx.rng.seed, fileBytes);
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
    const ports = {
      transport: tabTransport,
      clock,
      random: () => rng.next(),
      storage,
      hashPauseMs: (bytes: number) => (bytes / MiB / p['client.hashMiBps']) * 1000,
    };
    const actor = createActor(uploadMachine, {
      clock,
      input: { file: source, userId, endpoint: host.tus.basePath, chunkBytes: Math.round(p['client.chunkMiB'] * MiB), filename: 'video.mp4', backoff, ports },
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
      recorder.sample(offsetSeries(tab), snap.context.offset);
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
  return { params: p, file, fileSha256: sha256, outages, host, tabs, lanes, post, gcs, serverStats };
}

