/**
 * What every part of the tus server shares: its options, the request and response shapes, the
 * events it reports, and `TusContext`, the one server's state (store, clock, locks, index, quota)
 * that the per-method handlers in methods/ and the expiration, sweeper and recovery steps work on.
 */
import type { ServerClock } from './clock';
import type { UploadStore } from './store';
import type { UploadLocks } from './locks';
import type { UploadIndex } from './uploadIndex';
import type { Reservations } from './reservations';
import type { BodyReader } from './body';
import type { SpaceLedger } from './spaceLedger';
import type { Admission, AdmissionLimits } from './admission';

export interface TusServerOptions {
  store: UploadStore;
  clock: ServerClock;
  /** crypto.getRandomValues in the real server, the seeded rng in the simulation */
  randomBytes: (n: number) => Uint8Array;
  basePath?: string;
  /** Tus-Max-Size: largest whole upload, enforced on bytes actually written. Default 4 GiB. */
  maxSize?: number;
  /** Sliding expiry: an open upload expires this long after its last progress. Default 24 h. */
  expireAfterMs?: number;
  /** Hard cap on an open upload's life, from creation (GCS uses one week). Default 7 days. */
  maxLifetimeMs?: number;
  /** Completed uploads are swept this long after completion. Default 24 h. */
  completedRetentionMs?: number;
  /** Expired uploads answer 410 (tombstone) for this long, then 404. Default 7 days. */
  tombstoneRetentionMs?: number;
  /** Per user: sum of lengths of open uploads (deferred: bytes stored) and number of open uploads. */
  quota?: { bytesPerUser: number; openUploadsPerUser: number };
  /** A PATCH that delivers nothing for this long is cut (half-open connections). Default 30 s. */
  idleReadTimeoutMs?: number;
  /** Slow-trickle guard: after `graceMs`, average body rate must stay above this. */
  minRate?: { bytesPerSecond: number; graceMs: number };
  /** How long a request waits for the lock after asking the holder to stop. Default 3 s. */
  lockWaitMs?: number;
  /**
   * Room always left free on the store's volume: a POST or PATCH whose bytes would eat into it gets
   * 507 before any byte is read. Default 256 MiB. Only for stores that know their free space.
   */
  minFreeBytes?: number;
  /**
   * Limits per client address and for the whole server (open uploads, reserved bytes, creation
   * rate; 429 + Retry-After). Off when absent (the simulation); the real server sets them.
   */
  limits?: AdmissionLimits;
  onEvent?: (event: ServerEvent) => void;
  /** Operator log (damaged records). Default: nothing. */
  log?: (line: string) => void;
}

/** The options with their defaults filled in (see TusServer's constructor). */
export type ServerSettings = Required<Omit<TusServerOptions, 'onEvent' | 'basePath' | 'maxSize' | 'limits' | 'log'>>;

export interface TusRequest {
  method: string;
  /** path plus optional query string, e.g. /api/uploads/0f…?x=1 (no scheme/host) */
  url: string;
  /** lower-case header names */
  headers: Record<string, string | undefined>;
  /** from the session; null = anonymous without a session (owns nothing) */
  userId: string | null;
  /** the client's address (limits per address); null/absent when unknown */
  client?: string | null;
  body?: BodyReader;
}

export interface TusResponse {
  status: number;
  headers: Record<string, string>;
  body?: string;
  /** false when the handler answered without reading the whole body: the adapter must close the connection */
  bodyConsumed: boolean;
}

/** What a method handler answers; `TusServer.handle` adds whether the body was consumed. */
export type Reply = Omit<TusResponse, 'bodyConsumed'>;

export type PatchOutcome = 'ok' | 'connection-lost' | 'idle-timeout' | 'too-slow' | 'interrupted' | 'checksum-mismatch' | 'too-large' | 'out-of-space' | 'store-error';

export type ServerEvent =
  | { type: 'server.created'; id: string; ownerId: string; videoId: string | null; length: number | null }
  | { type: 'server.append'; id: string; from: number; to: number; received: number; outcome: PatchOutcome; status: number }
  | { type: 'server.rejected'; method: string; status: number; reason: string }
  | { type: 'server.takeover'; id: string }
  | { type: 'server.completed'; id: string; length: number }
  | { type: 'server.expired'; id: string; offset: number }
  | { type: 'server.deleted'; id: string }
  | { type: 'server.swept'; expired: number; removed: number };

export interface SweepReport {
  expired: number;
  removed: number;
}

/** One tus server's state, shared by its handlers. */
export interface TusContext {
  readonly basePath: string;
  readonly maxSize: number;
  readonly store: UploadStore;
  readonly clock: ServerClock;
  readonly locks: UploadLocks;
  readonly index: UploadIndex;
  /** owner → (upload id → reserved bytes) for open uploads */
  readonly reservations: Reservations;
  /** bytes reserved on the store's volume by writes in progress (diskSpace.ts) */
  readonly space: SpaceLedger;
  /** per-address and global limits, null when off */
  readonly admission: Admission | null;
  readonly log: (line: string) => void;
  /** uploads whose record could not be read (logged once each; they answer 410) */
  readonly damaged: Set<string>;
  readonly o: ServerSettings;
  readonly emit: (e: ServerEvent) => void;
}

export function uploadUrl(ctx: Pick<TusContext, 'basePath'>, id: string): string {
  return `${ctx.basePath}/${id}`;
}
