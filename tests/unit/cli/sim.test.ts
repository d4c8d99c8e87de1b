import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sim } from '../support/simCli';
import { createProgress, PROGRESS_LONG_RUN_MS } from '@/scripts/sim/node-io';
import { defineLab, type CliIO, type SimContext } from '@/simulations/core/lab';
import type { ParamSchema, ParamsOf } from '@/simulations/core/params';

/** A tiny lab with dotted keys, to test nested configs without depending on any real lab. */
const tinySchema = {
  'source.rate': { type: 'number', unit: '/s', min: 1, max: 100, default: 10, description: 'events per second' },
  'source.burst': { type: 'boolean', default: false, description: 'bursty' },
  mode: { type: 'enum', options: ['a', 'b'], default: 'a', description: 'mode' },
} satisfies ParamSchema;
type TinyParams = ParamsOf<typeof tinySchema>;
const tinyLab = defineLab({
  id: 'tiny',
  title: 'Tiny',
  summary: 'counts events',
  topic: 'Test',
  schema: tinySchema,
  presets: [{ id: 'fast', title: 'Fast', story: 'fast', params: { 'source.rate': 90 }, seed: 5 }],
  horizonMs: () => 10_000,
  create: (p: TinyParams, ctx: SimContext) => {
    const model = { count: 0, params: p, seed: 0 };
    const tick = () => {
      model.count++;
      ctx.scheduler.after(ctx.rng.stream('ticks').exponential(p['source.rate'] / 1000), tick);
    };
    ctx.scheduler.at(0, tick);
    return model;
  },
  result: (m: { count: number; params: TinyParams }, ctx: SimContext) => ({ count: m.count, params: m.params, seed: ctx.rng.seed }),
});

describe('sim CLI (in process)', () => {
  it('--help lists the labs; no arguments prints the list on stderr with exit 2', async () => {
    const help = await sim(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/queue\s+Queueing/);
    const none = await sim([]);
    expect(none.code).toBe(2);
    expect(none.stdout).toBe('');
    expect(none.stderr).toContain('queue');
  });

  it('<lab> --help shows the schema: key, type, unit, range, default, description, and presets', async () => {
    const r = await sim(['queue', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/key\s+type\s+unit\s+range\s+default\s+description/);
    expect(r.stdout).toMatch(/arrivalRate\s+number\s+\/s\s+0\.001 … 10000\s+8\s+Mean arrivals per second/);
    expect(r.stdout).toMatch(/servers\s+integer\s+1 … 100\s+1\s+/);
    expect(r.stdout).toContain('near-saturation');
  });

  it('runs the queue lab and prints one JSON document with the required fields', async () => {
    const r = await sim(['queue', '--set', 'durationS=60', '--seed', '3', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const doc = JSON.parse(r.stdout);
    for (const key of ['meanTimeInSystem', 'meanWait', 'utilisation', 'drops', 'served', 'waitP50', 'waitP95', 'waitP99', 'throughput', 'theory']) {
      expect(doc).toHaveProperty(key);
    }
    expect(doc.simulatedS).toBe(60);
    expect(r.progress[r.progress.length - 1]).toBe(1);
    const again = await sim(['queue', '--set=durationS=60', '--seed=3', '--json']);
    expect(again.stdout).toBe(r.stdout);
    const other = await sim(['queue', '--set', 'durationS=60', '--seed', '4', '--json']);
    expect(other.stdout).not.toBe(r.stdout);
  });

  it('prints a readable table without --json', async () => {
    const r = await sim(['queue', '--set', 'durationS=20', '--set', 'servers=2']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('seed 1, servers=2 durationS=20');
    expect(r.stdout).toMatch(/meanTimeInSystem\s+\d/);
    expect(r.stdout).toMatch(/theory\.W\s+/);
    expect(() => JSON.parse(r.stdout)).toThrow();
  });

  it('bad input exits 2 with one message naming the problem', async () => {
    const cases: [string[], RegExp][] = [
      [['nosuchlab'], /unknown lab "nosuchlab".*queue/],
      [['queue', '--set', 'arivalRate=3'], /unknown parameter "arivalRate"/],
      [['queue', '--set', 'servers=1.5'], /servers = 1\.5 is invalid: expected an integer from 1 to 100/],
      [['queue', '--set', 'arrivalRate=fast'], /arrivalRate = "fast" is invalid/],
      [['queue', '--set', 'arrivalRate'], /expected key=value/],
      [['queue', '--seed', '-4'], /seed = "-4" is invalid/],
      [['queue', '--seed'], /--seed needs a value/],
      [['queue', '--frobnicate'], /unknown argument "--frobnicate"/],
      [['queue', '--preset', 'nope'], /unknown preset "nope"; presets of queue: light-load/],
      [['queue', '--config', 'missing.json'], /cannot read config missing\.json: ENOENT/],
      [['queue', '--config', 'broken.json'], /config broken\.json is not valid JSON/],
      [['queue', '--config', 'list.json'], /must be a JSON object/],
    ];
    for (const [argv, message] of cases) {
      const r = await sim(argv, { 'broken.json': '{"arrivalRate": ', 'list.json': '[1, 2]' });
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr, argv.join(' ')).toMatch(message);
      expect(r.stdout).toBe('');
    }
  });

  it('config files may be nested or dotted; --set overrides the config; the config may carry a seed', async () => {
    const files = {
      'nested.json': JSON.stringify({ source: { rate: 50, burst: true }, mode: 'b', seed: 9 }),
      'dotted.json': JSON.stringify({ 'source.rate': 50, 'source.burst': true, mode: 'b', seed: 9 }),
      'bad.json': JSON.stringify({ source: { rate: 500 } }),
    };
    const nested = await sim(['tiny', '--config', 'nested.json', '--json'], files, [tinyLab]);
    expect(nested.code).toBe(0);
    const doc = JSON.parse(nested.stdout);
    expect(doc.params).toEqual({ 'source.rate': 50, 'source.burst': true, mode: 'b' });
    expect(doc.seed).toBe(9);
    const dotted = await sim(['tiny', '--config', 'dotted.json', '--json'], files, [tinyLab]);
    expect(dotted.stdout).toBe(nested.stdout);
    const overridden = JSON.parse((await sim(['tiny', '--config', 'nested.json', '--set', 'source.rate=20', '--seed', '2', '--json'], files, [tinyLab])).stdout);
    expect(overridden.params['source.rate']).toBe(20);
    expect(overridden.seed).toBe(2);
    const bad = await sim(['tiny', '--config', 'bad.json'], files, [tinyLab]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/source\.rate = 500 is invalid: expected a number from 1 to 100 \/s/);
  });

  it('a run that breaks a rule spanning params (lab.checkParams) exits 2 naming the field, and does not run', async () => {
    let created = 0;
    const checked = defineLab({
      ...tinyLab,
      id: 'checked',
      checkParams: (p: TinyParams) => (p.mode === 'b' && p['source.rate'] > 50 ? [{ field: 'source.rate', value: p['source.rate'], message: 'source.rate = 90 is invalid: at most 50 in mode b' }] : []),
      create: (p: TinyParams, ctx: SimContext) => {
        created++;
        return tinyLab.create(p, ctx);
      },
    });
    const bad = await sim(['checked', '--set', 'mode=b', '--set', 'source.rate=90'], {}, [checked]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('source.rate = 90 is invalid: at most 50 in mode b');
    expect(created).toBe(0);
    expect((await sim(['checked', '--set', 'mode=b', '--set', 'source.rate=40'], {}, [checked])).code).toBe(0);
  });

  it('--preset applies the preset’s params and seed', async () => {
    const r = JSON.parse((await sim(['tiny', '--preset', 'fast', '--json'], {}, [tinyLab])).stdout);
    expect(r.params['source.rate']).toBe(90);
    expect(r.seed).toBe(5);
  });

  it('a lab with its own cli gets the remaining arguments and the io, and its exit code is returned', async () => {
    const calls: string[][] = [];
    const custom = defineLab({
      ...tinyLab,
      id: 'custom',
      cli: {
        usage: 'usage: npm run sim -- custom --trace <file>',
        run: (args: string[], io: CliIO) => {
          calls.push(args);
          io.stdout(io.readFile('trace.txt'));
          return args.includes('--bad') ? 2 : 0;
        },
      },
    });
    const ok = await sim(['custom', '--trace', 'trace.txt', '--json'], { 'trace.txt': 'TRACE' }, [custom]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toBe('TRACE');
    expect(calls[0]).toEqual(['--trace', 'trace.txt', '--json']);
    expect((await sim(['custom', '--bad'], { 'trace.txt': '' }, [custom])).code).toBe(2);
    const help = await sim(['custom', '--help'], {}, [custom]);
    expect(help.stdout).toContain('usage: npm run sim -- custom --trace <file>');
    expect(help.stdout).toContain('source.rate');
  });

  it('a crash inside a run exits 1 with the lab named', async () => {
    const broken = defineLab({
      ...tinyLab,
      id: 'broken',
      create: () => {
        throw new Error('boom');
      },
    });
    const r = await sim(['broken'], {}, [broken]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/broken: run failed: Error: boom/);
  });
});

describe('progress bar', () => {
  it('on a TTY: silent for quick runs, then redraws one line and clears it at the end', () => {
    let now = 0;
    const written: string[] = [];
    const progress = createProgress({ isTTY: true, write: (t) => written.push(t) }, () => now);
    progress(0.1, 'queue');
    expect(written).toEqual([]);
    now = 500;
    progress(0.42, 'queue');
    expect(written[0]).toMatch(/^\rqueue \[#+\.+\] 42%$/);
    now = 520;
    progress(0.45, 'queue'); // throttled
    expect(written.length).toBe(1);
    progress(1, 'queue');
    expect(written[written.length - 1]).toBe('\r\x1b[K');
  });

  it('not a TTY: nothing unless the run is long, then one line per 10%', () => {
    let now = 0;
    const written: string[] = [];
    const progress = createProgress({ isTTY: false, write: (t) => written.push(t) }, () => now);
    progress(0.5, 'queue');
    progress(1, 'queue');
    expect(written).toEqual([]);
    const slow = createProgress({ isTTY: false, write: (t) => written.push(t) }, () => now);
    now = PROGRESS_LONG_RUN_MS + 1;
    slow(0.31, 'queue');
    slow(0.35, 'queue');
    slow(1, 'queue');
    expect(written).toEqual(['queue: 30%\n', 'queue: 100%\n']);
  });
});

describe('sim CLI (spawned)', () => {
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  function spawnSim(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/sim.ts', ...args], { cwd: root, env: { ...process.env, NO_COLOR: '1' } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  it('runs as a process: JSON on stdout with exit 0; an unknown lab exits 2 with a message on stderr', async () => {
    const [ok, bad] = await Promise.all([spawnSim(['queue', '--set', 'durationS=30', '--json']), spawnSim(['nosuchlab'])]);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).served).toBeGreaterThan(0);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/unknown lab "nosuchlab"/);
  });
});
