/**
 * The upload client as an XState machine:
 *
 *   hashing → restoring → lookingUp → creating ─┐
 *                 └──────→ resuming (HEAD) ←────┤
 *                            ↓                  │
 *                 uploading (PATCH per chunk) ⇄ offline (jittered backoff) ⇄ paused
 *                            ↓
 *                 verifying (server SHA-256 == videoId) → complete | failed | expired
 *
 * Everything it touches comes in through `input.ports`: HTTP transport, clock (for the hashing pace;
 * `after` timers use the actor's clock), random numbers for the jitter, URL storage. The same machine
 * drives the real browser upload and the simulated one. Protocol details live in client/tusRequests.ts;
 * the guards and context updates below are named, and pure over (context, response).
 */
import { assign, fromCallback, setup } from 'xstate';
import type { ServerClock } from '../server/clock';
import { toFuture } from '../server/flow';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from '../client/backoff';
import { hashFile } from '../client/hash';
import { uploadUrlKey, type FileSource, type HttpRequestSpec, type HttpResponseData, type HttpTransport, type UrlStorage } from '../client/transport';
import * as tus from '../client/tusRequests';

/** The machine's ports: what it may touch outside itself. */
export interface UploadPorts {
  transport: HttpTransport;
  clock: Pick<ServerClock, 'setTimeout' | 'clearTimeout'>;
  random: () => number;
  storage: UrlStorage;
  /** modelled hashing time per chunk (simulation) or 0 (browser) */
  hashPauseMs?: (bytes: number) => number;
}

export interface UploadInput {
  file: FileSource;
  userId: string;
  /** creation URL, e.g. /api/uploads */
  endpoint: string;
  chunkBytes: number;
  filename?: string;
  backoff?: BackoffPolicy;
  ports: UploadPorts;
}

export type RequestKind = 'lookup' | 'create' | 'head' | 'patch' | 'verify';

export interface UploadContext {
  input: UploadInput;
  hashedBytes: number;
  videoId: string | null;
  uploadUrl: string | null;
  offset: number;
  /** bytes of the current PATCH handed to the network */
  sentInRequest: number;
  attempt: number;
  retryDelayMs: number;
  pendingVerify: boolean;
  error: string | null;
  requests: number;
  lastStatus: number | null;
  serverSha256: string | null;
}

export type UploadEvent =
  | { type: 'HASH_PROGRESS'; hashedBytes: number }
  | { type: 'HASHED'; videoId: string }
  | { type: 'HASH_FAILED'; error: string }
  | { type: 'RESPONSE'; response: HttpResponseData }
  | { type: 'NETWORK_ERROR'; error: string }
  | { type: 'PROGRESS'; sent: number }
  | { type: 'PAUSE' }
  | { type: 'RESUME' };

interface RequestInput {
  kind: RequestKind;
  context: UploadContext;
}

interface HasherInput {
  file: FileSource;
  clock: UploadPorts['clock'];
  pauseMs: (bytes: number) => number;
}

function buildRequest(kind: RequestKind, c: UploadContext): HttpRequestSpec | { needsBody: true; spec: HttpRequestSpec; length: number } {
  switch (kind) {
    case 'lookup':
      return tus.lookupRequest(c.input.endpoint, c.videoId!);
    case 'create':
      return tus.createRequest(c.input.endpoint, c.input.file.size, { videoId: c.videoId!, filename: c.input.filename ?? 'video' });
    case 'head':
      return tus.headRequest(c.uploadUrl!);
    case 'verify':
      return tus.infoRequest(c.uploadUrl!);
    case 'patch': {
      const length = Math.min(c.input.chunkBytes, c.input.file.size - c.offset);
      return { needsBody: true, spec: tus.patchRequest(c.uploadUrl!, c.offset), length };
    }
  }
}

const storedUrlKey = (c: UploadContext) => uploadUrlKey(c.videoId!, c.input.userId);
const responseOf = (event: UploadEvent): HttpResponseData => (event as Extract<UploadEvent, { type: 'RESPONSE' }>).response;
const statusOf = (event: UploadEvent): number => responseOf(event).status;

export const uploadMachine = setup({
  types: {
    context: {} as UploadContext,
    events: {} as UploadEvent,
    input: {} as UploadInput,
  },
  actors: {
    hasher: fromCallback<UploadEvent, HasherInput>(({ sendBack, input }) => {
      const job = hashFile(
        input.file,
        input.clock,
        input.pauseMs,
        (hashedBytes) => sendBack({ type: 'HASH_PROGRESS', hashedBytes }),
        (videoId) => sendBack({ type: 'HASHED', videoId }),
        (e) => sendBack({ type: 'HASH_FAILED', error: String(e) }),
      );
      return () => job.cancel();
    }),
    http: fromCallback<UploadEvent, RequestInput>(({ sendBack, input }) => {
      let handle: { abort(): void } | null = null;
      let stopped = false;
      const send = (spec: HttpRequestSpec) => {
        handle = input.context.input.ports.transport.send(spec, {
          onProgress: (sent) => sendBack({ type: 'PROGRESS', sent }),
          onResponse: (response) => sendBack({ type: 'RESPONSE', response }),
          onError: (e) => sendBack({ type: 'NETWORK_ERROR', error: e.message }),
        });
      };
      const built = buildRequest(input.kind, input.context);
      if ('needsBody' in built) {
        toFuture(input.context.input.file.read(input.context.offset, built.length)).onSettle((o) => {
          if (stopped) return;
          if (o.ok) send({ ...built.spec, body: o.value });
          else sendBack({ type: 'NETWORK_ERROR', error: `cannot read the file: ${String(o.error)}` });
        });
      } else send(built);
      return () => {
        stopped = true;
        handle?.abort();
      };
    }),
  },
  actions: {
    countRequest: assign({ requests: ({ context }) => context.requests + 1, sentInRequest: 0 }),
    rememberUrl: ({ context }) => {
      if (context.uploadUrl && context.videoId) context.input.ports.storage.set(uploadUrlKey(context.videoId, context.input.userId), context.uploadUrl);
    },
    forgetUrl: ({ context }) => {
      if (context.videoId) context.input.ports.storage.remove(uploadUrlKey(context.videoId, context.input.userId));
    },
    planRetry: assign(({ context }) => ({
      retryDelayMs: backoffDelay(context.attempt, context.input.backoff ?? DEFAULT_BACKOFF, context.input.ports.random),
      attempt: context.attempt + 1,
    })),
    noteHashProgress: assign({ hashedBytes: ({ event }) => (event as Extract<UploadEvent, { type: 'HASH_PROGRESS' }>).hashedBytes }),
    noteVideoId: assign({ videoId: ({ event }) => (event as Extract<UploadEvent, { type: 'HASHED' }>).videoId }),
    noteHashError: assign({ error: ({ event }) => (event as Extract<UploadEvent, { type: 'HASH_FAILED' }>).error }),
    noteSent: assign({ sentInRequest: ({ event }) => (event as Extract<UploadEvent, { type: 'PROGRESS' }>).sent }),
    restoreUrl: assign({ uploadUrl: ({ context }) => context.input.ports.storage.get(storedUrlKey(context)) }),
    /** the response's status as the last one seen */
    noteStatus: assign({ lastStatus: ({ event }) => statusOf(event) }),
    takeLookupUrl: assign({ uploadUrl: ({ event }) => tus.lookupResult(responseOf(event))!.uploadUrl }),
    takeCompletedUpload: assign({ uploadUrl: ({ event }) => tus.lookupResult(responseOf(event))!.uploadUrl, offset: ({ context }) => context.input.file.size }),
    takeLocation: assign({ uploadUrl: ({ event }) => tus.location(responseOf(event)) }),
    startAtZero: assign({ offset: 0 }),
    takeOffset: assign({ offset: ({ event }) => tus.offsetOf(responseOf(event))! }),
    resetAttempts: assign({ attempt: 0 }),
    dropUrl: assign({ uploadUrl: null }),
    failWithResponse: assign({ error: ({ event }) => tus.describe(responseOf(event)) }),
    giveUp: assign({ error: 'gave up after repeated failures without progress' }),
    startVerify: assign({ pendingVerify: true }),
    verified: assign({ serverSha256: ({ event }) => tus.infoResult(responseOf(event))!.sha256, pendingVerify: false }),
    verifyFailed: assign({
      serverSha256: ({ event }) => tus.infoResult(responseOf(event))?.sha256 ?? null,
      error: 'the server’s SHA-256 differs from the file’s',
    }),
  },
  guards: {
    hasStoredUrl: ({ context }) => context.videoId !== null && context.input.ports.storage.get(uploadUrlKey(context.videoId, context.input.userId)) !== null,
    hasUrl: ({ context }) => context.uploadUrl !== null,
    needsVerify: ({ context }) => context.pendingVerify,
    outOfRetries: ({ context }) => context.attempt >= (context.input.backoff ?? DEFAULT_BACKOFF).maxAttempts,
    status: ({ event }, params: { is: number[] }) => params.is.includes(statusOf(event)),
    fatal: ({ event }) => tus.isFatal(statusOf(event)),
    lookupFound: ({ event }, params: { state: 'open' | 'complete' }) => statusOf(event) === 200 && tus.lookupResult(responseOf(event))?.state === params.state,
    conflictWithLocation: ({ event }) => statusOf(event) === 409 && tus.location(responseOf(event)) !== null,
    /** the server has every byte: its offset (after a 200 HEAD or 204 PATCH) is the file size */
    atEnd: ({ event, context }, params: { status: number }) => statusOf(event) === params.status && tus.offsetOf(responseOf(event)) === context.input.file.size,
    hasOffset: ({ event }) => statusOf(event) === 200 && tus.offsetOf(responseOf(event)) !== null,
    hashMatches: ({ event, context }) => statusOf(event) === 200 && tus.infoResult(responseOf(event))?.sha256 === context.videoId,
  },
  delays: {
    backoff: ({ context }) => context.retryDelayMs,
  },
}).createMachine({
  id: 'upload',
  context: ({ input }) => ({
    input,
    hashedBytes: 0,
    videoId: null,
    uploadUrl: null,
    offset: 0,
    sentInRequest: 0,
    attempt: 0,
    retryDelayMs: 0,
    pendingVerify: false,
    error: null,
    requests: 0,
    lastStatus: null,
    serverSha256: null,
  }),
  initial: 'hashing',
  states: {
    hashing: {
      invoke: { src: 'hasher', input: ({ context }) => ({ file: context.input.file, clock: context.input.ports.clock, pauseMs: context.input.ports.hashPauseMs ?? (() => 0) }) },
      on: {
        HASH_PROGRESS: { actions: 'noteHashProgress' },
        HASHED: { target: 'restoring', actions: 'noteVideoId' },
        HASH_FAILED: { target: 'failed', actions: 'noteHashError' },
      },
    },
    restoring: {
      always: [{ guard: 'hasStoredUrl', target: 'resuming', actions: 'restoreUrl' }, { target: 'lookingUp' }],
    },
    lookingUp: {
      entry: 'countRequest',
      invoke: { src: 'http', input: ({ context }) => ({ kind: 'lookup' as const, context }) },
      on: {
        RESPONSE: [
          { guard: { type: 'lookupFound', params: { state: 'open' } }, target: 'resuming', actions: ['takeLookupUrl', 'noteStatus', 'rememberUrl'] },
          { guard: { type: 'lookupFound', params: { state: 'complete' } }, target: 'verifying', actions: ['takeCompletedUpload', 'noteStatus'] },
          { guard: { type: 'status', params: { is: [404] } }, target: 'creating', actions: 'noteStatus' },
          { target: 'offline', actions: 'noteStatus' },
        ],
        NETWORK_ERROR: 'offline',
        PAUSE: 'paused',
      },
    },
    creating: {
      entry: 'countRequest',
      invoke: { src: 'http', input: ({ context }) => ({ kind: 'create' as const, context }) },
      on: {
        RESPONSE: [
          { guard: { type: 'status', params: { is: [201] } }, target: 'uploading', actions: ['takeLocation', 'startAtZero', 'noteStatus', 'rememberUrl'] },
          // another tab created it first: resume that one
          { guard: 'conflictWithLocation', target: 'resuming', actions: ['takeLocation', 'noteStatus', 'rememberUrl'] },
          { guard: 'fatal', target: 'failed', actions: ['failWithResponse', 'noteStatus'] },
          { target: 'offline', actions: 'noteStatus' },
        ],
        NETWORK_ERROR: 'offline',
        PAUSE: 'paused',
      },
    },
    resuming: {
      entry: 'countRequest',
      invoke: { src: 'http', input: ({ context }) => ({ kind: 'head' as const, context }) },
      on: {
        RESPONSE: [
          { guard: { type: 'atEnd', params: { status: 200 } }, target: 'verifying', actions: ['takeOffset', 'noteStatus'] },
          { guard: 'hasOffset', target: 'uploading', actions: ['takeOffset', 'noteStatus'] },
          { guard: { type: 'status', params: { is: [410] } }, target: 'expired', actions: ['forgetUrl', 'noteStatus'] },
          { guard: { type: 'status', params: { is: [404, 403] } }, target: 'lookingUp', actions: ['forgetUrl', 'dropUrl', 'noteStatus'] },
          { target: 'offline', actions: 'noteStatus' },
        ],
        NETWORK_ERROR: 'offline',
        PAUSE: 'paused',
      },
    },
    uploading: {
      entry: 'countRequest',
      invoke: { src: 'http', input: ({ context }) => ({ kind: 'patch' as const, context }) },
      on: {
        PROGRESS: { actions: 'noteSent' },
        RESPONSE: [
          { guard: { type: 'atEnd', params: { status: 204 } }, target: 'verifying', actions: ['takeOffset', 'resetAttempts', 'noteStatus'] },
          { guard: { type: 'status', params: { is: [204] } }, target: 'uploading', reenter: true, actions: ['takeOffset', 'resetAttempts', 'noteStatus'] },
          { guard: { type: 'status', params: { is: [409] } }, target: 'resuming', actions: 'noteStatus' },
          { guard: { type: 'status', params: { is: [410] } }, target: 'expired', actions: ['forgetUrl', 'noteStatus'] },
          { guard: { type: 'status', params: { is: [404] } }, target: 'lookingUp', actions: ['forgetUrl', 'dropUrl', 'noteStatus'] },
          { guard: 'fatal', target: 'failed', actions: ['failWithResponse', 'noteStatus'] },
          { target: 'offline', actions: 'noteStatus' },
        ],
        NETWORK_ERROR: 'offline',
        PAUSE: 'paused',
      },
    },
    offline: {
      entry: 'planRetry',
      always: { guard: 'outOfRetries', target: 'failed', actions: 'giveUp' },
      after: { backoff: 'retrying' },
      on: { PAUSE: 'paused' },
    },
    retrying: {
      always: [{ guard: 'needsVerify', target: 'verifying' }, { guard: 'hasUrl', target: 'resuming' }, { target: 'lookingUp' }],
    },
    paused: {
      on: { RESUME: { target: 'retrying', actions: 'resetAttempts' } },
    },
    verifying: {
      entry: ['countRequest', 'startVerify'],
      invoke: { src: 'http', input: ({ context }) => ({ kind: 'verify' as const, context }) },
      on: {
        RESPONSE: [
          { guard: 'hashMatches', target: 'complete', actions: ['verified', 'noteStatus', 'forgetUrl'] },
          { guard: { type: 'status', params: { is: [200] } }, target: 'failed', actions: ['verifyFailed', 'noteStatus'] },
          { target: 'offline', actions: 'noteStatus' },
        ],
        NETWORK_ERROR: 'offline',
      },
    },
    complete: { type: 'final' },
    failed: { type: 'final' },
    expired: { type: 'final' },
  },
});

export type UploadMachine = typeof uploadMachine;
