/**
 * The Node path's hard watchdog (code-lab/node/guardedSandbox.ts): sandboxes in a worker thread,
 * every call a synchronous round trip under a wall-time and memory limit. What the tick budget
 * cannot stop ends as a SandboxError at the TypeScript line:col, and the next sandbox works; the
 * CLI reports it as bad input (exit 2) and the next run answers normally.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileTypeScript } from '@/code-lab/sandbox/compileNode';
import { loadQuickJs, type QuickJSWASMModule } from '@/code-lab/sandbox/quickjs';
import { Sandbox, type SandboxLike } from '@/code-lab/sandbox/vm';
import { openGuardedSandbox, stopGuardedSandboxes } from '@/code-lab/node/guardedSandbox';
import { ABR_TEMPLATES } from '@/code-lab/abr/generated';
import { sandboxFailure } from './support';
import { sim as runSim } from '../support/simCli';

let qjs: QuickJSWASMModule;
beforeAll(async () => {
  qjs = await loadQuickJs();
});
const dir = mkdtempSync(join(tmpdir(), 'code-lab-watchdog-'));
afterAll(() => {
  stopGuardedSandboxes();
  rmSync(dir, { recursive: true, force: true });
});

/** Allocations just under QuickJS's limit: it collects garbage on every one, without an interrupt tick, for seconds. */
const GC_STORM = `export function bomb() {\n  const kept: number[][] = [];\n  for (;;) kept.push(new Array(1e6).fill(1));\n}\n`;


describe('the guarded sandbox (Node)', () => {
  it('answers exactly like the in-process sandbox: values, ticks, logs, budget stops', () => {
    const program = compileTypeScript(
      `export function work(n: number) { let s = 0; for (let i = 0; i < n; i++) s += Math.random(); console.log('n', n); return [s, NaN, Infinity]; }\nexport function spin() { while (true) {} }`,
      'same.ts',
    );
    const run = (box: SandboxLike) => {
      const value = box.callExport('work', 200_000);
      const spin = sandboxFailure(() => box.callExport('spin'));
      const out = { value, ticks: box.totalTicks, logs: [...box.logs], spin: [spin.kind, spin.message] };
      box.dispose();
      return out;
    };
    const local = run(Sandbox.open(qjs, program, { seed: 9 }));
    const guarded = run(openGuardedSandbox(program, { seed: 9 }));
    expect(guarded).toEqual(local);
    expect(local.spin[0]).toBe('budget');
  });

  it('stops a garbage-collection storm the budget cannot see within the call limit, at its line:col; the next sandbox works', () => {
    const t0 = performance.now();
    const box = openGuardedSandbox(compileTypeScript(GC_STORM, 'storm.ts'), { seed: 1, limits: { ticksPerCall: 1e6, ticksPerRun: 1e7 } }, { callMs: 1000 });
    const e = sandboxFailure(() => box.callExport('bomb'));
    expect(e.kind).toBe('watchdog');
    expect(e.message).toMatch(/^storm\.ts:1:17: bomb\(\) was stopped by the watchdog: (no answer within 1\.0 s|memory grew by \d+ MB)/);
    expect(performance.now() - t0).toBeLessThan(5000);
    // the stopped sandbox stays stopped; a new one gets a fresh worker
    expect(sandboxFailure(() => box.callExport('bomb')).message).toMatch(/the sandbox is gone/);
    box.dispose();
    const next = openGuardedSandbox(compileTypeScript('export const twice = (n: number) => 2 * n;', 'next.ts'), { seed: 1 });
    expect(next.callExport('twice', 21)).toBe(42);
    next.dispose();
  }, 30_000);

  it('reports deep recursion as QuickJS\'s stack overflow at its line:col, and keeps serving', () => {
    const box = openGuardedSandbox(compileTypeScript('function deep(n: number): number {\n  return deep(n + 1) + 1;\n}\nexport function go() { return deep(0); }', 'deep.ts'), { seed: 1 });
    const e = sandboxFailure(() => box.callExport('go'));
    expect(e.kind).toBe('stack');
    expect(e.location).toEqual({ line: 2, col: expect.any(Number) });
    box.dispose();
    const next = openGuardedSandbox(compileTypeScript('export const one = () => 1;', 'one.ts'), { seed: 1 });
    expect(next.callExport('one')).toBe(1);
    next.dispose();
  });
});

describe('sim abr --algorithm-file under the watchdog', () => {
  const sim = (argv: string[]) => runSim(argv, 'disk');

  it('ends a memory bomb in decide() with exit 2 and the place; the next run works', async () => {
    const bomb = join(dir, 'bomb.ts');
    writeFileSync(bomb, `export function createAlgorithm() {\n  return {\n    decide() {\n      const kept: number[][] = [];\n      for (;;) kept.push(new Array(1e6).fill(1));\n    },\n  };\n}\n`);
    const args = ['--set', 'video.chunks=8', '--seed', '2'];
    const t0 = performance.now();
    const r = await sim(['abr', '--algorithm-file', bomb, ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^abr: your algorithm failed: bomb\.ts:3:5: decide\(\) was stopped by the watchdog/);
    expect(performance.now() - t0).toBeLessThan(10_000);
    const rate = join(dir, 'rate.ts');
    writeFileSync(rate, ABR_TEMPLATES.find((t) => t.id === 'rate')!.source);
    const next = await sim(['abr', '--algorithm-file', rate, ...args, '--json']);
    expect(next.stderr).toBe('');
    expect(next.code).toBe(0);
  }, 30_000);
});
