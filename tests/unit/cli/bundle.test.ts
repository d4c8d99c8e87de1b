/**
 * The prebuilt CLI (dist/sim.mjs): built by the same function `npm install`, `npm run build` and
 * `npm run sim` use, into a temporary folder, then run as a process. It must answer exactly as the
 * in-process CLI does, keep the exit codes, and start without a TypeScript loader.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '@/scripts/sim';
import { buildCli, staleReason } from '@/scripts/cli-bundle.mjs';
import { labs } from '@/simulations/registry';
import { LOADERS, registeredLabs } from '@/scripts/sim/labs';
import type { CliIO } from '@/simulations/core/lab';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const TRACES = join(root, 'public/traces/mahimahi-cellular.traces');
const VIDEO = join(root, 'public/traces/pensieve-video');

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Run a Node script from the repository root; killed (and the test fails) after `limitMs`. */
function run(script: string, args: string[], limitMs = 20_000): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [script, ...args], { cwd: root, env: { ...process.env, NO_COLOR: '1' }, timeout: limitMs, killSignal: 'SIGKILL' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (signal) reject(new Error(`${script} ${args.join(' ')} killed by ${signal} after ${Math.round(performance.now() - t0)} ms`));
      else resolve({ code, stdout, stderr, ms: performance.now() - t0 });
    });
  });
}

/** The same CLI in this process (the TypeScript sources), reading real files. */
async function inProcess(argv: string[]) {
  const out = { stdout: '', stderr: '' };
  const io: CliIO = {
    stdout: (t) => void (out.stdout += t),
    stderr: (t) => void (out.stderr += t),
    readFile: (p) => readFileSync(p, 'utf8'),
    readDir: (p) => readdirSync(p).sort(),
    isDirectory: (p) => statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false,
    progress: () => {},
  };
  const code = await main(argv, io);
  return { code, ...out };
}

describe('prebuilt CLI bundle', () => {
  let dir: string;
  let bundle: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sdlab-cli-'));
    bundle = join(dir, 'sim.mjs');
    const built = await buildCli(bundle);
    expect(built.outfile).toBe(bundle);
    expect(built.outputs).toContain(bundle);
    expect(built.inputs).toBeGreaterThan(20);
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is self-contained ES modules: the entry and its chunks import only node: built-ins and each other', () => {
    const files = [bundle, ...readdirSync(join(dir, 'chunks')).map((n) => join(dir, 'chunks', n))];
    expect(files.length).toBeGreaterThan(labs.length);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/^\s*(?:import|export)\b[^;\n]*\bfrom\s+["'](?!node:|\.{1,2}\/)/m);
      expect(text, file).not.toMatch(/\bimport\(\s*["'](?!node:|\.{1,2}\/)/);
      expect(text, file).not.toMatch(/\brequire\(\s*["'](?!node:)/);
    }
    expect(readFileSync(bundle, 'utf8')).toMatch(/export\s*\{[^}]*\brunCli\b/);
  });

  it('--help lists every registered lab, exit 0', async () => {
    const r = await run(bundle, ['--help']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    for (const lab of labs) expect(r.stdout).toContain(lab.id);
    expect(r.stdout).toBe((await inProcess(['--help'])).stdout);
  });

  it('a generic lab with --json prints the same JSON as the in-process CLI', async () => {
    const argv = ['queue', '--set', 'durationS=30', '--seed', '7', '--json'];
    const [spawned, local] = await Promise.all([run(bundle, argv), inProcess(argv)]);
    expect(spawned.stderr).toBe('');
    expect(spawned.code).toBe(0);
    expect(local.code).toBe(0);
    expect(spawned.stdout).toBe(local.stdout);
    expect(JSON.parse(spawned.stdout).served).toBeGreaterThan(0);
  });

  it('a lab with its own cli (ABR reference mode on the shipped real traces) prints the same JSON', async () => {
    const argv = ['abr', '--trace', TRACES, '--video', VIDEO, '--algorithm', 'bba', '--mode', 'reference', '--json'];
    const [spawned, local] = await Promise.all([run(bundle, argv), inProcess(argv)]);
    expect(spawned.code).toBe(0);
    expect(spawned.stdout).toBe(local.stdout);
    expect(JSON.parse(spawned.stdout)[0].chunks).toHaveLength(48);
    // one shipped trace named by the lab's params: the bundle finds public/ itself
    const byParam = ['abr', '--set', 'trace.kind=real', '--set', 'trace.real=norway-3g/norway_bus_1', '--video', VIDEO, '--mode', 'reference', '--json'];
    const [spawnedOne, localOne] = await Promise.all([run(bundle, byParam), inProcess(byParam)]);
    expect(spawnedOne.stderr).toBe('');
    expect(spawnedOne.stdout).toBe(localOne.stdout);
    expect(JSON.parse(spawnedOne.stdout)[0].trace).toBe('norway-3g/norway_bus_1');
  });

  it('an unknown key exits 2 with the message on stderr and nothing on stdout', async () => {
    const r = await run(bundle, ['queue', '--set', 'nosuch=1', '--json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/unknown parameter "nosuch"/);
    expect(r.stderr).toBe((await inProcess(['queue', '--set', 'nosuch=1', '--json'])).stderr);
    const lab = await run(bundle, ['nosuchlab']);
    expect(lab.code).toBe(2);
    expect(lab.stderr).toMatch(/unknown lab "nosuchlab"/);
  });

  it('is up to date right after a build, stale once an input is newer, and when its input list is gone', () => {
    expect(staleReason(bundle)).toBeNull();
    const chunk = readdirSync(join(dir, 'chunks'))[0];
    const chunkText = readFileSync(join(dir, 'chunks', chunk));
    unlinkSync(join(dir, 'chunks', chunk));
    expect(staleReason(bundle)).toMatch(/ is missing$/);
    writeFileSync(join(dir, 'chunks', chunk), chunkText);
    const old = new Date('2001-01-01T00:00:00Z');
    utimesSync(bundle, old, old);
    expect(staleReason(bundle)).toMatch(/ changed$/);
    unlinkSync(join(dir, 'sim.inputs.json'));
    expect(staleReason(bundle)).toMatch(/inputs\.json is missing/);
    expect(staleReason(join(dir, 'none.mjs'))).toMatch(/none\.mjs is missing/);
  });
});

describe('npm run sim (scripts/sim-cli.mjs)', () => {
  it('runs the bundle (building it first when stale) with the CLI exit codes', async () => {
    const ok = await run(join(root, 'scripts/sim-cli.mjs'), ['queue', '--set', 'durationS=30', '--json'], 60_000);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toBe((await inProcess(['queue', '--set', 'durationS=30', '--json'])).stdout);
    const bad = await run(join(root, 'scripts/sim-cli.mjs'), ['queue', '--set', 'arrivalRate=-5']);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/arrivalRate/);
  });
});

describe('the CLI lab catalog (scripts/sim/labs.ts)', () => {
  it('has a loader for every registered lab, in registry order, returning the registry\'s own object', async () => {
    expect([...LOADERS.keys()]).toEqual(labs.map((l) => l.id));
    for (const lab of labs) expect(await LOADERS.get(lab.id)!()).toBe(lab);
    expect(await registeredLabs.all()).toEqual(labs);
  });

  it('finds a lab by id, and nothing for an unknown id or an inherited property name', async () => {
    expect(await registeredLabs.find('queue')).toBe(labs.find((l) => l.id === 'queue'));
    for (const id of ['nosuch', '__proto__', 'constructor', 'toString']) expect(await registeredLabs.find(id)).toBeUndefined();
  });
});
