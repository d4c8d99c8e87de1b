/**
 * One learner program in its own QuickJS runtime (code-lab.md §3): no Date, no timers, no fetch,
 * no DOM, no storage, no module loader, Math.random seeded by the host, and a deterministic CPU
 * meter. Pure of DOM and Node APIs, so the same file runs in a browser worker, in Vitest and in the CLI.
 *
 * The meter: QuickJS calls the interrupt handler every ~10,000 function calls or loop back-edges of
 * the program, so the number of handler calls ("ticks") depends only on the code and its inputs,
 * never on the machine. A call that exceeds `ticksPerCall`, or a program that exceeds `ticksPerRun`
 * over its lifetime, is stopped with an uncatchable interrupt.
 *
 * LOUD: what the meter cannot stop (a typed-array or string memory bomb that grows the WebAssembly
 * memory, a host stack overflow) is the caller's watchdog's job: in the browser the sandbox lives in
 * a dedicated worker that the page terminates when it stops reporting progress (~1 s). Never run
 * learner code on the page's thread. Pending jobs are never run: a Promise never settles.
 */
import { DefaultIntrinsics, type QuickJSContext, type QuickJSHandle, type QuickJSRuntime, type QuickJSWASMModule } from 'quickjs-emscripten-core';
import { decodeMappings, originalPosition, type DecodedMappings } from './sourceMap';
import { SandboxError, type CodeLocation, type CompiledProgram } from './program';

export interface SandboxLimits {
  /** ticks one call (module start-up, the factory, one method call) may use */
  ticksPerCall: number;
  /** ticks the whole program may use over its lifetime (one race) */
  ticksPerRun: number;
  memoryBytes: number;
  /** QuickJS's own stack limit. LOUD: above ~128 KB the host stack overflows first (a host RangeError, §3). */
  stackBytes: number;
  /** console.log lines kept (the rest are counted) */
  logLines: number;
}

export const DEFAULT_LIMITS: SandboxLimits = {
  ticksPerCall: 200,
  ticksPerRun: 20_000,
  memoryBytes: 32 * 1024 * 1024,
  stackBytes: 128 * 1024,
  logLines: 200,
};

/** The file name QuickJS reports for the learner's program (stack frames are matched on it). */
const PROGRAM_FILE = 'algorithm.js';
const FRAME = /\(algorithm\.js:(\d+):(\d+)\)/;
const NON_FINITE = '__sandbox_nonfinite:';
/** Float64Arrays cross the boundary as { [F64]: numbers } and are Float64Arrays again inside. */
const F64 = '__sandbox_f64';

/**
 * Set up the global object before the program runs, and return the host's three entry points. Runs
 * in the VM. `module`/`exports` are what the emitters' CommonJS output writes to.
 */
const PRELUDE = `(function (seed, hostLog) {
  'use strict';
  var state = seed | 0;
  function random() {
    state = (state + 0x6d2b79f5) | 0;
    var t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  Object.defineProperty(Math, 'random', { value: random, writable: false, configurable: false, enumerable: false });
  function log() {
    var parts = [];
    for (var i = 0; i < arguments.length; i++) {
      var a = arguments[i];
      parts.push(typeof a === 'string' ? a : (function () { try { return JSON.stringify(a); } catch (e) { return String(a); } })());
    }
    hostLog(parts.join(' '));
  }
  globalThis.console = Object.freeze({ log: log, info: log, warn: log, error: log, debug: log });
  var module = { exports: {} };
  globalThis.module = module;
  globalThis.exports = module.exports;
  function ContractError(message) { var e = new Error(message); e.name = 'ContractError'; return e; }
  function decode(json) {
    return json === undefined ? undefined : JSON.parse(json, function (k, v) {
      if (v && typeof v === 'object' && Array.isArray(v.${F64})) return new Float64Array(v.${F64});
      return typeof v === 'string' && v.indexOf('${NON_FINITE}') === 0 ? Number(v.slice(${NON_FINITE.length})) : v;
    });
  }
  function encode(value) {
    return value === undefined ? undefined : JSON.stringify(value, function (k, v) {
      return typeof v === 'number' && !isFinite(v) ? '${NON_FINITE}' + String(v) : v;
    });
  }
  var instance = null;
  return {
    instantiate: function (name, json) {
      var exported = module.exports && module.exports[name];
      if (typeof exported !== 'function') throw ContractError('the program must export a function named ' + name + ' (export function ' + name + '(…) { … })');
      instance = exported(decode(json));
      if (!instance || typeof instance !== 'object') throw ContractError(name + '() must return an object with the algorithm\\'s methods, got ' + (instance === null ? 'null' : typeof instance));
    },
    has: function (method) { return !!instance && typeof instance[method] === 'function'; },
    call: function (method, json) {
      if (!instance || typeof instance[method] !== 'function') throw ContractError('the algorithm has no method ' + method + '()');
      return encode(instance[method](decode(json)));
    },
    callExport: function (name, json) {
      var exported = module.exports && module.exports[name];
      if (typeof exported !== 'function') throw ContractError('the program must export a function named ' + name);
      return encode(exported(decode(json)));
    }
  };
})`;

const mapCache = new WeakMap<CompiledProgram, DecodedMappings | null>();

function mappingsOf(program: CompiledProgram): DecodedMappings | null {
  if (!mapCache.has(program)) mapCache.set(program, program.map ? decodeMappings(program.map.mappings) : null);
  return mapCache.get(program)!;
}

export interface SandboxOptions {
  /** seeds Math.random inside the VM (the caller draws it from the lab's RNG stream) */
  seed: number;
  limits?: Partial<SandboxLimits>;
}

/** What a target's wrapper needs of a sandbox: the in-process `Sandbox`, or the Node watchdog's guarded one (code-lab/node). */
export interface SandboxLike {
  instantiate(name: string, arg: unknown): void;
  has(method: string): boolean;
  call(method: string, arg?: unknown): unknown;
  callExport(name: string, arg?: unknown): unknown;
  readonly totalTicks: number;
  readonly logs: readonly string[];
  dispose(): void;
}

/** How a target opens a sandbox for a program: QuickJS in this thread (a worker), or an opener (the Node watchdog's). */
export type SandboxEngine = QuickJSWASMModule | ((program: CompiledProgram, options: SandboxOptions) => SandboxLike);

export function openSandbox(engine: SandboxEngine, program: CompiledProgram, options: SandboxOptions): SandboxLike {
  return typeof engine === 'function' ? engine(program, options) : Sandbox.open(engine, program, options);
}

export class Sandbox implements SandboxLike {
  private readonly runtime: QuickJSRuntime;
  private readonly vm: QuickJSContext;
  private readonly entry: QuickJSHandle;
  readonly limits: SandboxLimits;
  /** ticks used by the current (or last) call, and over the sandbox's life */
  callTicks = 0;
  totalTicks = 0;
  private stoppedBy: 'call' | 'run' | null = null;
  private broken: SandboxError | null = null;
  private disposed = false;
  readonly logs: string[] = [];
  droppedLogs = 0;

  /** Start a program: a fresh runtime, the prelude, then the program's top level. Throws SandboxError. */
  static open(qjs: QuickJSWASMModule, program: CompiledProgram, options: SandboxOptions): Sandbox {
    return new Sandbox(qjs, program, options);
  }

  private constructor(
    qjs: QuickJSWASMModule,
    readonly program: CompiledProgram,
    options: SandboxOptions,
  ) {
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.runtime = qjs.newRuntime();
    this.runtime.setMemoryLimit(this.limits.memoryBytes);
    this.runtime.setMaxStackSize(this.limits.stackBytes);
    this.runtime.setInterruptHandler(() => this.onInterrupt());
    this.vm = this.runtime.newContext({ intrinsics: { ...DefaultIntrinsics, Date: false } });
    const vm = this.vm;
    let entry: QuickJSHandle | null = null;
    try {
      const hostLog = vm.newFunction('log', (line) => {
        if (this.logs.length < this.limits.logLines) this.logs.push(vm.getString(line).slice(0, 500));
        else this.droppedLogs++;
      });
      const preludeResult = vm.evalCode(PRELUDE, 'sandbox-prelude.js');
      const prelude = vm.unwrapResult(preludeResult);
      const seed = vm.newNumber(options.seed | 0);
      entry = vm.unwrapResult(vm.callFunction(prelude, vm.undefined, seed, hostLog));
      seed.dispose();
      prelude.dispose();
      hostLog.dispose();
      this.entry = entry;
      this.run('start', () => vm.evalCode(program.js, PROGRAM_FILE, { type: 'global' }), false);
    } catch (e) {
      this.dispose();
      throw e;
    }
  }

  /** Call `exports[name](arg)` and keep what it returns as the instance whose methods `call` runs. */
  instantiate(name: string, arg: unknown): void {
    this.invoke('instantiate', name, arg);
  }

  /** Whether the instance has this method (optional methods are skipped when absent). */
  has(method: string): boolean {
    this.assertUsable();
    const vm = this.vm;
    const fn = vm.getProp(this.entry, 'has');
    const name = vm.newString(method);
    try {
      const out = vm.unwrapResult(vm.callFunction(fn, vm.undefined, name));
      const value = vm.dump(out) === true;
      out.dispose();
      return value;
    } finally {
      name.dispose();
      fn.dispose();
    }
  }

  /** `instance[method](arg)`; returns the value (JSON-copied; non-finite numbers survive). */
  call(method: string, arg?: unknown): unknown {
    return this.invoke('call', method, arg);
  }

  /** `exports[name](arg)` without an instance (stateless targets). */
  callExport(name: string, arg?: unknown): unknown {
    return this.invoke('callExport', name, arg);
  }

  private invoke(entryPoint: 'instantiate' | 'call' | 'callExport', name: string, arg: unknown): unknown {
    this.assertUsable();
    const vm = this.vm;
    const json = arg === undefined ? undefined : JSON.stringify(arg, (_k, v: unknown) => (v instanceof Float64Array ? { [F64]: Array.from(v) } : v));
    const text = this.run(name, () => {
      const fn = vm.getProp(this.entry, entryPoint);
      const nameHandle = vm.newString(name);
      const argHandle = json === undefined ? vm.undefined : vm.newString(json);
      try {
        return vm.callFunction(fn, vm.undefined, nameHandle, argHandle);
      } finally {
        if (json !== undefined) argHandle.dispose();
        nameHandle.dispose();
        fn.dispose();
      }
    });
    if (typeof text !== 'string') return undefined;
    return JSON.parse(text, (_k, v) => (typeof v === 'string' && v.startsWith(NON_FINITE) ? Number(v.slice(NON_FINITE.length)) : v));
  }

  /** Run one VM call under the meter; a failure becomes a SandboxError at the TypeScript position. */
  private run(what: string, body: () => ReturnType<QuickJSContext['evalCode']>, keepValue = true): unknown {
    this.callTicks = 0;
    this.stoppedBy = null;
    let result: ReturnType<QuickJSContext['evalCode']>;
    try {
      result = body();
    } catch (e) {
      // the host itself failed (its stack, or the WebAssembly memory): the VM cannot be trusted after
      throw this.breakWith(hostFailure(e, this.program.file));
    }
    if (result.error) {
      let dumped: unknown;
      try {
        dumped = this.vm.dump(result.error);
      } catch {
        dumped = null;
      } finally {
        result.error.dispose();
      }
      const error = this.toSandboxError(dumped, what);
      if (error.kind === 'memory' || error.kind === 'stack' || error.kind === 'budget') throw this.breakWith(error);
      throw error;
    }
    const handle = result.value;
    try {
      return keepValue ? this.vm.dump(handle) : undefined;
    } finally {
      // (a program's completion value may be a handle QuickJS already released, e.g. after a dynamic import)
      if (handle.alive) handle.dispose();
    }
  }

  private onInterrupt(): boolean {
    this.callTicks++;
    this.totalTicks++;
    if (this.callTicks > this.limits.ticksPerCall) this.stoppedBy = 'call';
    else if (this.totalTicks > this.limits.ticksPerRun) this.stoppedBy = 'run';
    return this.stoppedBy !== null;
  }

  private toSandboxError(dumped: unknown, what: string): SandboxError {
    const file = this.program.file;
    // QuickJS reports an exhausted allocator with a null exception
    if (dumped === null || dumped === undefined) return new SandboxError('memory', `${what}: out of memory (limit ${mb(this.limits.memoryBytes)})`, null, file);
    const e = (typeof dumped === 'object' ? dumped : { message: String(dumped) }) as { name?: string; message?: string; stack?: string };
    const message = String(e.message ?? dumped);
    const location = this.locate(e.stack);
    if (message === 'interrupted' && this.stoppedBy) {
      const limit = this.stoppedBy === 'call' ? `${this.limits.ticksPerCall} ticks per call` : `${this.limits.ticksPerRun} ticks per race`;
      return new SandboxError('budget', `${what}() used up its CPU budget (${limit}; a tick is ~10,000 loop turns or calls): is there an endless loop?`, location, file);
    }
    if (message === 'out of memory' || message === 'string too long' || message.startsWith('invalid array buffer length')) {
      return new SandboxError('memory', `${what}(): ${message} (limit ${mb(this.limits.memoryBytes)})`, location, file);
    }
    if (message === 'stack overflow') return new SandboxError('stack', `${what}(): stack overflow (QuickJS's stack limit, ${this.limits.stackBytes / 1024} KB): is there endless recursion?`, location, file);
    if (e.name === 'ContractError') return new SandboxError('contract', message, null, file);
    const name = e.name && e.name !== 'Error' ? `${e.name}: ` : '';
    return new SandboxError('runtime', `${what}() threw ${name}${message}`, location, file);
  }

  /** The first stack frame in the learner's program, as a TypeScript position. */
  private locate(stack: string | undefined): CodeLocation | null {
    const m = stack ? FRAME.exec(stack) : null;
    if (!m) return null;
    const line = Number(m[1]);
    const col = Number(m[2]);
    const mappings = mappingsOf(this.program);
    if (!mappings) return { line, col };
    return originalPosition(mappings, line, col);
  }

  private breakWith(error: SandboxError): SandboxError {
    this.broken = error;
    return error;
  }

  private assertUsable(): void {
    if (this.broken) throw this.broken;
    if (this.disposed) throw new Error('sandbox: used after dispose()');
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    // LOUD: a VM that failed mid-call (memory, host stack) may not free cleanly; the runtime is dropped with the worker
    try {
      this.entry?.dispose();
      this.vm.dispose();
      this.runtime.dispose();
    } catch {
      // leaked into a runtime nobody uses again
    }
  }
}

function mb(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

function hostFailure(e: unknown, file: string): SandboxError {
  const message = e instanceof Error ? e.message : String(e);
  if (e instanceof RangeError && /call stack/i.test(message)) return new SandboxError('stack', `the host's stack overflowed (${message})`, null, file);
  return new SandboxError('memory', `the sandbox failed: ${message}`, null, file);
}
