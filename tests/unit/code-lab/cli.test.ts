/**
 * `npm run sim -- abr --algorithm-file my-abr.ts`: the same sandbox in Node, reported like the
 * built-ins; a bad file is a clear message and exit 2; the prebuilt bundle finds QuickJS's wasm.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sim as runSim } from '../support/simCli';
import { buildCli } from '@/scripts/cli-bundle.mjs';
import { ABR_TEMPLATES } from '@/code-lab/abr/generated';

const dir = mkdtempSync(join(tmpdir(), 'code-lab-cli-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sim = (argv: string[]) => runSim(argv, 'disk');

const rateTs = () => file('my-rate.ts', ABR_TEMPLATES.find((t) => t.id === 'rate')!.source);
const SMALL = ['--set', 'video.chunks=12', '--seed', '4'];

describe('sim abr --algorithm-file', () => {
  it('races the learner\'s file beside built-ins and reports it like them', async () => {
    const r = await sim(['abr', '--algorithm', 'rate', '--algorithm-file', rateTs(), ...SMALL, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const results = JSON.parse(r.stdout) as { algorithm: string; qoe: number }[];
    expect(results.map((x) => x.algorithm)).toEqual(['rate', 'yours']);
    // the rate template is the built-in with the same knobs: the same session
    expect({ ...results[1], algorithm: 'rate' }).toEqual(results[0]);
    const table = await sim(['abr', '--algorithm-file', rateTs(), ...SMALL]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/synthetic-markov\s+yours\s+-?\d/);
  });

  it('refuses a file that is missing, does not compile, or fails at run time, with exit 2 and the place', async () => {
    const missing = await sim(['abr', '--algorithm-file', join(dir, 'nope.ts'), ...SMALL]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.ts: cannot read the algorithm file/);
    const syntax = await sim(['abr', '--algorithm-file', file('syntax.ts', 'export function createAlgorithm() {\n  return {;\n}\n'), ...SMALL]);
    expect(syntax.code).toBe(2);
    expect(syntax.stderr).toMatch(/syntax\.ts:2:\d+: .*does not compile/);
    const bad = file('bad.ts', 'export function createAlgorithm() {\n  return {\n    decide() { return { quality: 99, estimateKbps: null }; },\n  };\n}\n');
    const runtime = await sim(['abr', '--algorithm-file', bad, ...SMALL]);
    expect(runtime.code).toBe(2);
    expect(runtime.stderr).toMatch(/your algorithm failed: bad\.ts:3:5: decide\(\) for chunk 0 returned quality 99/);
  });
});

describe('the prebuilt CLI bundle', () => {
  let outfile = '';
  beforeAll(async () => {
    outfile = join(dir, 'bundle', 'sim.mjs');
    await buildCli(outfile);
  }, 120_000);

  it('finds QuickJS\'s wasm at run time and answers like the in-process CLI', async () => {
    const args = ['abr', '--algorithm-file', rateTs(), ...SMALL, '--json'];
    const bundled = spawnSync(process.execPath, [outfile, ...args], { encoding: 'utf8', cwd: process.cwd(), timeout: 120_000 });
    expect(bundled.stderr).toBe('');
    expect(bundled.status).toBe(0);
    const inProcess = await sim(args);
    expect(bundled.stdout).toBe(inProcess.stdout);
  }, 150_000);
});
