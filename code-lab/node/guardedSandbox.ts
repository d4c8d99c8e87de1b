/**
 * The hard watchdog of the CLI/Node path (code-lab.md §3): what the tick budget cannot stop (a memory
 * bomb that makes QuickJS collect garbage on every allocation without a single interrupt tick, or
 * that grows the WebAssembly memory to gigabytes; a host stack overflow) must not hang or kill the
 * process. So in Node the learner's sandboxes live in a worker thread, and every call is a
 * SYNCHRONOUS round trip to it (the race keeps calling decide() on virtual time): the caller posts
 * the call, sleeps on a shared flag in slices, and between slices checks the wall time and the
 * process's memory. Past either limit the worker is terminated and the call throws a SandboxError
 * of kind 'watchdog' at the TypeScript line of the method that was running. The next sandbox opened
 * starts a fresh worker: the next run works.
 *
 * LOUD: the worker loads THIS module again (its `import.meta.url`): in the prebuilt CLI that is the
 * bundle chunk holding it, under Vitest/tsx the TypeScript file through tsx's loader. Keep the host
 * start-up at the bottom of this file and this module free of top-level side effects otherwise.
 */
import { isMainThread, MessageChannel, receiveMessageOnPort, Worker, workerData, type MessagePort } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { quickJsWasmPath } from '../sandbox/nodeRequire';
import { loadQuickJs } from '../sandbox/quickjs';
import { definitionOf, SandboxError, type CodeLocation, type CompiledProgram, type SandboxErrorKind } from '../sandbox/program';
import { Sandbox, type SandboxLike, type SandboxOptions } from '../sandbox/vm';

export interface WatchdogLimits {
  /** longest wall time of one call into the learner's code, ms (a call's tick budget is ~10 ms) */
  callMs: number;
  /** longest wait for the worker to start and load QuickJS, ms */
  startMs: number;
  /** the process may grow by at most this many bytes (resident) during one call */
  growthBytes: number;
  /** how often the caller wakes to check, ms */
  sliceMs: number;
}

export const DEFAULT_WATCHDOG: WatchdogLimits = { callMs: 2000, startMs: 20_000, growthBytes: 768 * 1024 * 1024, sliceMs: 50 };

const HOST_FLAG = 'codeLabSandboxHost';
/** tsx's loader API, only when running from TypeScript (a name, so the prebuilt bundle imports no package: tests/unit/cli/bundle.test.ts) */
const TSX_API = 'tsx/esm/api';

type Op =
  | { op: 'open'; id: number; program: CompiledProgram; options: SandboxOptions }
  | { op: 'instantiate' | 'call' | 'callExport'; id: number; name: string; arg: unknown }
  | { op: 'has'; id: number; name: string }
  | { op: 'dispose'; id: number };

type Reply =
  | { ok: true; value: unknown; totalTicks: number; logs: string[] }
  | { ok: false; totalTicks: number; error: { kind: SandboxErrorKind; detail: string; location: CodeLocation | null; file: string } | { internal: string } };

/** One worker thread hosting any number of sandboxes; replaced after the watchdog kills it. */
class Host {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));
  dead = false;
  private started = false;

  constructor() {
    const { port1, port2 } = new MessageChannel();
    const data = { [HOST_FLAG]: true, port: port2, flag: this.flag, wasm: quickJsWasmPath() };
    const here = import.meta.url;
    this.worker = here.endsWith('.ts')
      ? // the TypeScript source (Vitest, tsx): through tsx's loader, which also resolves the `@/` paths
        new Worker(`import(${JSON.stringify(TSX_API)}).then(({ tsImport }) => tsImport(${JSON.stringify(here)}, ${JSON.stringify(here)}))`, { eval: true, workerData: data, transferList: [port2] })
      : new Worker(fileURLToPath(here), { workerData: data, transferList: [port2] });
    this.worker.unref();
    port1.unref();
    this.port = port1;
    this.worker.on('error', () => (this.dead = true));
    this.worker.on('exit', () => (this.dead = true));
  }

  /** A synchronous call into the worker, under the watchdog. `what` and `at` name it in a watchdog error. */
  request(op: Op, what: string, at: CodeLocation | null, file: string, limits: WatchdogLimits): Reply {
    if (this.dead) throw new SandboxError('watchdog', `${what}: the sandbox is gone (it was stopped earlier)`, at, file);
    Atomics.store(this.flag, 0, 0);
    this.port.postMessage(op);
    const limitMs = this.started ? limits.callMs : limits.startMs;
    const rssAtStart = process.memoryUsage.rss();
    const t0 = performance.now();
    for (;;) {
      if (Atomics.wait(this.flag, 0, 0, limits.sliceMs) !== 'timed-out' || Atomics.load(this.flag, 0) !== 0) {
        const message = receiveMessageOnPort(this.port);
        if (message) {
          this.started = true;
          return message.message as Reply;
        }
      }
      if (this.dead) throw new SandboxError('watchdog', `${what}: the sandbox's worker stopped (${this.started ? 'a crash in the sandbox' : 'it could not start'})`, at, file);
      const grew = process.memoryUsage.rss() - rssAtStart;
      const elapsed = performance.now() - t0;
      if (grew > limits.growthBytes || elapsed > limitMs) {
        this.kill();
        const why =
          grew > limits.growthBytes
            ? `memory grew by ${mb(grew)} in one call (at most ${mb(limits.growthBytes)})`
            : this.started
              ? `no answer within ${(limitMs / 1000).toFixed(1)} s`
              : `the sandbox did not start within ${(limitMs / 1000).toFixed(1)} s`;
        throw new SandboxError('watchdog', `${what}() was stopped by the watchdog: ${why}; a memory bomb or a hang the tick budget cannot see`, at, file);
      }
    }
  }

  kill(): void {
    this.dead = true;
    void this.worker.terminate();
  }
}

function mb(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

let shared: Host | null = null;
let nextId = 1;

function host(): Host {
  if (!shared || shared.dead) shared = new Host();
  return shared;
}

/** Stop the shared worker (tests; a CLI process exits without it: the worker is unref'd). */
export function stopGuardedSandboxes(): void {
  shared?.kill();
  shared = null;
}

/**
 * A sandbox like `Sandbox.open(qjs, program, options)`, living in the watchdog's worker thread.
 * Same results, same ticks, same errors (SandboxError with the same kind and place); plus kind
 * 'watchdog' when the worker had to be stopped.
 */
export function openGuardedSandbox(program: CompiledProgram, options: SandboxOptions, watchdog: Partial<WatchdogLimits> = {}): SandboxLike {
  const limits = { ...DEFAULT_WATCHDOG, ...watchdog };
  const h = host();
  const id = nextId++;
  const logs: string[] = [];
  let totalTicks = 0;
  let disposed = false;
  const send = (op: Op, what: string, at: CodeLocation | null): unknown => {
    const reply = h.request(op, what, at, program.file, limits);
    totalTicks = reply.totalTicks;
    if (!reply.ok) {
      const e = reply.error;
      if ('internal' in e) throw new Error(e.internal);
      throw new SandboxError(e.kind, e.detail, e.location, e.file);
    }
    logs.push(...reply.logs);
    return reply.value;
  };
  send({ op: 'open', id, program, options }, 'the program', { line: 1, col: 1 });
  return {
    get totalTicks() {
      return totalTicks;
    },
    logs,
    instantiate(name, arg) {
      send({ op: 'instantiate', id, name, arg }, name, definitionOf(program.source, name));
    },
    has(method) {
      return send({ op: 'has', id, name: method }, method, null) === true;
    },
    call(method, arg) {
      return send({ op: 'call', id, name: method, arg }, method, definitionOf(program.source, method));
    },
    callExport(name, arg) {
      return send({ op: 'callExport', id, name, arg }, name, definitionOf(program.source, name));
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      if (!h.dead) h.request({ op: 'dispose', id }, 'dispose', null, program.file, limits);
    },
  };
}

/** The worker's side: sandboxes by id, one message at a time, the reply flagged on the shared Int32Array. */
function serve(port: MessagePort, flag: Int32Array, wasmPath: string): void {
  const boxes = new Map<number, Sandbox>();
  const logsSent = new Map<number, number>();
  const qjsReady = loadQuickJs(readFileSync(wasmPath));
  const reply = (r: Reply) => {
    port.postMessage(r);
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
  };
  const ok = (id: number, value: unknown) => {
    const box = boxes.get(id);
    const sent = logsSent.get(id) ?? 0;
    const logs = box ? box.logs.slice(sent) : [];
    if (box) logsSent.set(id, box.logs.length);
    reply({ ok: true, value, totalTicks: box?.totalTicks ?? 0, logs });
  };
  port.on('message', (op: Op) => {
    const ticks = () => boxes.get(op.id)?.totalTicks ?? 0;
    qjsReady.then(
      (qjs) => {
        try {
          if (op.op === 'open') {
            boxes.set(op.id, Sandbox.open(qjs, op.program, op.options));
            return ok(op.id, undefined);
          }
          const box = boxes.get(op.id);
          if (op.op === 'dispose') {
            box?.dispose();
            boxes.delete(op.id);
            logsSent.delete(op.id);
            return ok(op.id, undefined);
          }
          if (!box) throw new Error(`sandbox ${op.id} is not open`);
          if (op.op === 'has') return ok(op.id, box.has(op.name));
          if (op.op === 'instantiate') return ok(op.id, box.instantiate(op.name, op.arg));
          if (op.op === 'call') return ok(op.id, box.call(op.name, op.arg));
          return ok(op.id, box.callExport(op.name, op.arg));
        } catch (e) {
          if (e instanceof SandboxError) reply({ ok: false, totalTicks: ticks(), error: { kind: e.kind, detail: e.detail, location: e.location, file: e.file } });
          else reply({ ok: false, totalTicks: ticks(), error: { internal: e instanceof Error ? e.message : String(e) } });
        }
      },
      (e: unknown) => reply({ ok: false, totalTicks: 0, error: { internal: `QuickJS did not load: ${e instanceof Error ? e.message : String(e)}` } }),
    );
  });
}

const data = workerData as { [HOST_FLAG]?: boolean; port: MessagePort; flag: Int32Array; wasm: string } | null;
if (!isMainThread && data?.[HOST_FLAG]) serve(data.port, data.flag, data.wasm);
