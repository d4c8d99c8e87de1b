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
 * Everything it touches is injected: HTTP transport, clock (for the hashing pace; `after` timers use
 * the actor's clock), random numbers for the jitter, URL storage. The same machine drives the real
 * browser upload and the simulated one. Protocol details live in client/tusRequests.ts.
 */
import { assign, fromCallback, setup } from 'xstate';
import type { ServerClock } from '../server/clock';
import { toFuture } from '../server/flow';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from '../client/backoff';
import { hashFile } from '../client/hash';
import { uploadUrlKey, type FileSource, type HttpRequestSpec, type HttpResponseData, type HttpTransport, type UrlStorage } from '../client/transport';
import * as tus from '../client/tusRequests';

export interface UploadDeps {
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

export function createUploadMachine(deps: UploadDeps) {
  const buildRequest = (kind: RequestKind, c: UploadContext): HttpRequestSpec | { needsBody: true; spec: HttpRequestSpec; length: number } => {
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
  };

  return setup({
    types: {
      context: {} as UploadContext,
      events: {} as UploadEvent,
      input: {} as UploadInput,
    },
    actors: {
      hasher: fromCallback<UploadEvent, FileSource>(({ sendBack, input }) => {
        const job = hashFile(
          input,
          deps.clock,
          deps.hashPauseMs ?? (() => 0),
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
          handle = deps.transport.send(spec, {
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
        if (context.uploadUrl && context.videoId) deps.storage.set(uploadUrlKey(context.videoId, context.input.userId), context.uploadUrl);
      },
      forgetUrl: ({ context }) => {
        if (context.videoId) deps.storage.remove(uploadUrlKey(context.videoId, context.input.userId));
      },
      planRetry: assign(({ context }) => ({
        retryDelayMs: backoffDelay(context.attempt, context.input.backoff ?? DEFAULT_BACKOFF, deps.random),
        attempt: context.attempt + 1,
      })),
    },
    guards: {
      hasStoredUrl: ({ context }) => context.videoId !== null && deps.storage.get(uploadUrlKey(context.videoId, context.input.userId)) !== null,
      hasUrl: ({ context }) => context.uploadUrl !== null,
      needsVerify: ({ context }) => context.pendingVerify,
      outOfRetries: ({ context }) => context.attempt >= (context.input.backoff ?? DEFAULT_BACKOFF).maxAttempts,
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
        invoke: { src: 'hasher', input: ({ context }) => context.input.file },
        on: {
          HASH_PROGRESS: { actions: assign({ hashedBytes: ({ event }) => event.hashedBytes }) },
          HASHED: { target: 'restoring', actions: assign({ videoId: ({ event }) => event.videoId }) },
          HASH_FAILED: { target: 'failed', actions: assign({ error: ({ event }) => event.error }) },
        },
      },
      restoring: {
        always: [
          {
            guard: 'hasStoredUrl',
            target: 'resuming',
            actions: assign({ uploadUrl: ({ context }) => deps.storage.get(uploadUrlKey(context.videoId!, context.input.userId)) }),
          },
          { target: 'lookingUp' },
        ],
      },
      lookingUp: {
        entry: 'countRequest',
        invoke: { src: 'http', input: ({ context }) => ({ kind: 'lookup' as const, context }) },
        on: {
          RESPONSE: [
            {
              guard: ({ event }) => event.response.status === 200 && tus.lookupResult(event.response)?.state === 'open',
              target: 'resuming',
              actions: [assign({ uploadUrl: ({ event }) => tus.lookupResult(event.response)!.uploadUrl, lastStatus: 200 }), 'rememberUrl'],
            },
            {
              guard: ({ event }) => event.response.status === 200 && tus.lookupResult(event.response)?.state === 'complete',
              target: 'verifying',
              actions: assign({ uploadUrl: ({ event }) => tus.lookupResult(event.response)!.uploadUrl, offset: ({ context }) => context.input.file.size, lastStatus: 200 }),
            },
            { guard: ({ event }) => event.response.status === 404, target: 'creating', actions: assign({ lastStatus: 404 }) },
            { target: 'offline', actions: assign({ lastStatus: ({ event }) => event.response.status }) },
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
            {
              guard: ({ event }) => event.response.status === 201,
              target: 'uploading',
              actions: [assign({ uploadUrl: ({ event }) => tus.location(event.response), offset: 0, lastStatus: 201 }), 'rememberUrl'],
            },
            {
              // another tab created it first: resume that one
              guard: ({ event }) => event.response.status === 409 && tus.location(event.response) !== null,
              target: 'resuming',
              actions: [assign({ uploadUrl: ({ event }) => tus.location(event.response), lastStatus: 409 }), 'rememberUrl'],
            },
            { guard: ({ event }) => tus.isFatal(event.response.status), target: 'failed', actions: assign({ error: ({ event }) => tus.describe(event.response), lastStatus: ({ event }) => event.response.status }) },
            { target: 'offline', actions: assign({ lastStatus: ({ event }) => event.response.status }) },
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
            {
              guard: ({ event, context }) => event.response.status === 200 && tus.offsetOf(event.response) === context.input.file.size,
              target: 'verifying',
              actions: assign({ offset: ({ event }) => tus.offsetOf(event.response)!, lastStatus: 200 }),
            },
            {
              guard: ({ event }) => event.response.status === 200 && tus.offsetOf(event.response) !== null,
              target: 'uploading',
              actions: assign({ offset: ({ event }) => tus.offsetOf(event.response)!, lastStatus: 200 }),
            },
            { guard: ({ event }) => event.response.status === 410, target: 'expired', actions: ['forgetUrl', assign({ lastStatus: 410 })] },
            {
              guard: ({ event }) => event.response.status === 404 || event.response.status === 403,
              target: 'lookingUp',
              actions: ['forgetUrl', assign({ uploadUrl: null, lastStatus: ({ event }) => event.response.status })],
            },
            { target: 'offline', actions: assign({ lastStatus: ({ event }) => event.response.status }) },
          ],
          NETWORK_ERROR: 'offline',
          PAUSE: 'paused',
        },
      },
      uploading: {
        entry: 'countRequest',
        invoke: { src: 'http', input: ({ context }) => ({ kind: 'patch' as const, context }) },
        on: {
          PROGRESS: { actions: assign({ sentInRequest: ({ event }) => event.sent }) },
          RESPONSE: [
            {
              guard: ({ event, context }) => event.response.status === 204 && tus.offsetOf(event.response) === context.input.file.size,
              target: 'verifying',
              actions: assign({ offset: ({ event }) => tus.offsetOf(event.response)!, attempt: 0, lastStatus: 204 }),
            },
            {
              guard: ({ event }) => event.response.status === 204,
              target: 'uploading',
              reenter: true,
              actions: assign({ offset: ({ event }) => tus.offsetOf(event.response)!, attempt: 0, lastStatus: 204 }),
            },
            { guard: ({ event }) => event.response.status === 409, target: 'resuming', actions: assign({ lastStatus: 409 }) },
            { guard: ({ event }) => event.response.status === 410, target: 'expired', actions: ['forgetUrl', assign({ lastStatus: 410 })] },
            { guard: ({ event }) => event.response.status === 404, target: 'lookingUp', actions: ['forgetUrl', assign({ uploadUrl: null, lastStatus: 404 })] },
            { guard: ({ event }) => tus.isFatal(event.response.status), target: 'failed', actions: assign({ error: ({ event }) => tus.describe(event.response), lastStatus: ({ event }) => event.response.status }) },
            { target: 'offline', actions: assign({ lastStatus: ({ event }) => event.response.status }) },
          ],
          NETWORK_ERROR: 'offline',
          PAUSE: 'paused',
        },
      },
      offline: {
        entry: 'planRetry',
        always: { guard: 'outOfRetries', target: 'failed', actions: assign({ error: 'gave up after repeated failures without progress' }) },
        after: { backoff: 'retrying' },
        on: { PAUSE: 'paused' },
      },
      retrying: {
        always: [{ guard: 'needsVerify', target: 'verifying' }, { guard: 'hasUrl', target: 'resuming' }, { target: 'lookingUp' }],
      },
      paused: {
        on: { RESUME: { target: 'retrying', actions: assign({ attempt: 0 }) } },
      },
      verifying: {
        entry: ['countRequest', assign({ pendingVerify: true })],
        invoke: { src: 'http', input: ({ context }) => ({ kind: 'verify' as const, context }) },
        on: {
          RESPONSE: [
            {
              guard: ({ event, context }) => event.response.status === 200 && tus.infoResult(event.response)?.sha256 === context.videoId,
              target: 'complete',
              actions: [assign({ serverSha256: ({ event }) => tus.infoResult(event.response)!.sha256, pendingVerify: false, lastStatus: 200 }), 'forgetUrl'],
            },
            {
              guard: ({ event }) => event.response.status === 200,
              target: 'failed',
              actions: assign({
                serverSha256: ({ event }) => tus.infoResult(event.response)?.sha256 ?? null,
                error: 'the server’s SHA-256 differs from the file’s',
                lastStatus: 200,
              }),
            },
            { target: 'offline', actions: assign({ lastStatus: ({ event }) => event.response.status }) },
          ],
          NETWORK_ERROR: 'offline',
        },
      },
      complete: { type: 'final' },
      failed: { type: 'final' },
      expired: { type: 'final' },
    },
  });
}

export type UploadMachine = ReturnType<typeof createUploadMachine>;
