/** The sandbox alone (code-lab.md §3, §6): isolation, the deterministic meter, limits, positions. */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadQuickJs, type QuickJSWASMModule } from '@/code-lab/sandbox/quickjs';
import { compileTypeScript } from '@/code-lab/sandbox/compileNode';
import { Sandbox } from '@/code-lab/sandbox/vm';
import { sandboxFailure } from './support';

let qjs: QuickJSWASMModule;
beforeAll(async () => {
  qjs = await loadQuickJs();
});

function open(source: string, seed = 1, limits = {}): Sandbox {
  return Sandbox.open(qjs, compileTypeScript(source, 'test.ts'), { seed, limits });
}


describe('code-lab sandbox', () => {
  it('offers no clock, timers, network, DOM, storage, workers or modules', () => {
    const names = ['Date', 'fetch', 'XMLHttpRequest', 'WebSocket', 'document', 'window', 'localStorage', 'sessionStorage', 'indexedDB', 'navigator', 'setTimeout', 'setInterval', 'queueMicrotask', 'Worker', 'importScripts', 'require', 'process', 'performance'];
    const box = open(`export function probe() { return [${names.map((n) => `typeof ${n}`).join(', ')}]; }`);
    expect(box.callExport('probe')).toEqual(names.map(() => 'undefined'));
    box.dispose();
  });

  it('never settles a Promise and never loads a dynamic import', () => {
    // (a dynamic import at the top level too: QuickJS releases the completion value early)
    const top = open(`import('http://127.0.0.1:9/x.js').catch(() => 0);\nexport function f() { return 1; }`);
    expect(top.callExport('f')).toBe(1);
    top.dispose();
    const box = open(`let settled = false;
      export function start() { Promise.resolve().then(() => { settled = true; }); import('http://127.0.0.1:9/x.js').then(() => { settled = true; }, () => { settled = true; }); return 1; }
      export function check() { return settled; }`);
    expect(box.callExport('start')).toBe(1);
    expect(box.callExport('check')).toBe(false);
    box.dispose();
  });

  it('stops while(true) at exactly the same tick count every run', () => {
    const counts = [1, 2, 3].map(() => {
      const box = open(`export function spin() { let x = 0; while (true) { x++; } }`);
      const e = sandboxFailure(() => box.callExport('spin'));
      expect(e.kind).toBe('budget');
      expect(e.location).toEqual({ line: 1, col: expect.any(Number) });
      expect(box.callTicks).toBe(201);
      const ticks = box.totalTicks;
      box.dispose();
      return ticks;
    });
    expect(new Set(counts).size).toBe(1);
  });

  it('enforces the per-run budget across calls, and a try/catch cannot swallow the interrupt', () => {
    const box = open(`export function work() { try { let s = 0; for (let i = 0; i < 1e5; i++) s += i; return s; } catch (e) { return -1; } }`, 1, { ticksPerCall: 1000, ticksPerRun: 250 });
    const results: unknown[] = [];
    const e = sandboxFailure(() => {
      for (let i = 0; i < 1000; i++) results.push(box.callExport('work'));
    });
    const again = open(`export function work() { let s = 0; for (let i = 0; i < 1e5; i++) s += i; return s; }`, 1, { ticksPerCall: 1000, ticksPerRun: 250 });
    let calls = 0;
    sandboxFailure(() => {
      for (;;) {
        again.callExport('work');
        calls++;
      }
    });
    again.dispose();
    expect(e.kind).toBe('budget');
    expect(e.message).toMatch(/250 ticks per race/);
    expect(results.every((r) => r === 4999950000)).toBe(true);
    expect(results.length).toBeGreaterThanOrEqual(2);
    expect(calls).toBe(results.length);
    box.dispose();
  });

  // LOUD: small allocations near the limit make QuickJS collect garbage on every allocation, silently
  // (no interrupt ticks) for tens of seconds: in the page the worker's watchdog ends those (e2e test)
  it('turns a memory bomb into an error, not a crash', () => {
    for (const bomb of ['const a = []; for (;;) a.push(new Float64Array(1 << 20));', 'let s = "x"; for (;;) s = s + s;']) {
      const box = open(`export function bomb() { ${bomb} }`, 1, { ticksPerCall: 1e6 });
      const e = sandboxFailure(() => box.callExport('bomb'));
      expect(e.kind, bomb).toBe('memory');
      box.dispose();
    }
  }, 60_000);

  it('reports infinite recursion as QuickJS\'s own stack overflow, not a host RangeError', () => {
    const box = open(`function deep(n: number): number { return deep(n + 1) + 1; }\nexport function go() { return deep(0); }`);
    const e = sandboxFailure(() => box.callExport('go'));
    expect(e.kind).toBe('stack');
    expect(e.message).toMatch(/stack overflow/);
    expect(e.location).toEqual({ line: 1, col: expect.any(Number) });
    box.dispose();
  });

  it('maps a thrown error to the TypeScript line:col', () => {
    const src = `interface Point { x: number }\n\nexport function fail(p: Point): number {\n  const q: Point | null = null as Point | null;\n  return (q as Point).x + p.x;\n}`;
    const box = open(src);
    const e = sandboxFailure(() => box.callExport('fail', { x: 1 }));
    expect(e.kind).toBe('runtime');
    expect(e.location?.line).toBe(5);
    expect(e.message).toMatch(/^test\.ts:5:\d+: fail\(\) threw TypeError: cannot read property 'x' of null/);
    box.dispose();
  });

  it('reports a syntax error at its line:col', () => {
    const e = sandboxFailure(() => compileTypeScript('export function f() {\n  return 1 +;\n}', 'bad.ts'));
    expect(e.kind).toBe('compile');
    expect(e.location).toEqual({ line: 2, col: 13 });
  });

  it('seeds Math.random: same seed, same numbers; another seed, other numbers', () => {
    const draw = (seed: number) => {
      const box = open(`export function draw() { return [Math.random(), Math.random(), Math.random()]; }`, seed);
      const out = box.callExport('draw') as number[];
      box.dispose();
      return out;
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
    expect(draw(7).every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('keeps non-finite numbers through the boundary (so the host can refuse them)', () => {
    const box = open(`export function f() { return { a: NaN, b: Infinity, c: -Infinity, d: 1.5 }; }`);
    const out = box.callExport('f') as Record<string, number>;
    expect(out.a).toBeNaN();
    expect(out).toMatchObject({ b: Infinity, c: -Infinity, d: 1.5 });
    box.dispose();
  });

  it('collects console.log lines and names a missing export', () => {
    const box = open(`export function f(x: number) { console.log('x is', x, { y: 2 }); return x; }`);
    expect(box.callExport('f', 3)).toBe(3);
    expect(box.logs).toEqual(['x is 3 {"y":2}']);
    const e = sandboxFailure(() => box.callExport('g'));
    expect(e.kind).toBe('contract');
    expect(e.message).toMatch(/export a function named g/);
    box.dispose();
  });
});
