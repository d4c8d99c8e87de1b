/** The shipped real traces (public/traces): the set format, the catalog, and races on them in the lab and the CLI. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { Runner } from '@/simulations/core/runner';
import { defaults, validate } from '@/simulations/core/params';
import { paramProblems } from '@/simulations/core/budget';
import { runFromQuery, shareQuery } from '@/components/lab-shell/link';
import { abrLab, type AbrParams } from '@/simulations/abr';
import { TraceFormatError, traceFromSamples } from '@/simulations/abr/network/trace';
import {
  formatTraceSet,
  loadTraceSet,
  NETWORK_TYPES,
  parseTraceSet,
  REAL_TRACES,
  realTraceInfo,
  TRACE_DATASETS,
  TRACE_SET_IDS,
  traceSetPath,
  type NamedTrace,
} from '@/simulations/abr/network/realTraces';
import { nodeIo } from './reference-fixture';

const PUBLIC = path.resolve(process.cwd(), 'public');
const base = defaults(abrLab.schema) as AbrParams;

function lineOfError(fn: () => unknown): number {
  try {
    fn();
  } catch (e) {
    if (e instanceof TraceFormatError) return e.line;
    throw e;
  }
  throw new Error('no error');
}

describe('trace-set files: format', () => {
  it('a set parses into named traces with their networks; comments and blank lines are skipped', () => {
    const set = parseTraceSet('# a comment\n= a 3g\n0 1\n1.5 2\n\n= b broadband\n0 0\n2 4\n', 'x.traces');
    expect(set.map((t) => [t.name, t.network, Array.from(t.trace.timesS), Array.from(t.trace.mbps)])).toEqual([
      ['a', '3g', [0, 1.5], [1, 2]],
      ['b', 'broadband', [0, 2], [0, 4]],
    ]);
  });

  it('errors name the file line: samples before a header, bad headers, unknown networks, repeated names, bad samples', () => {
    expect(lineOfError(() => parseTraceSet('# c\n0 1\n', 'f'))).toBe(2);
    expect(lineOfError(() => parseTraceSet('= a\n0 1\n1 1\n', 'f'))).toBe(1);
    expect(lineOfError(() => parseTraceSet('= a 6g\n0 1\n1 1\n', 'f'))).toBe(1);
    expect(lineOfError(() => parseTraceSet('= a 3g\n0 1\n1 1\n= a 4g\n0 1\n1 1\n', 'f'))).toBe(4);
    expect(lineOfError(() => parseTraceSet('= a 3g\n0 1\n1 1\n= b 4g\n0 1\n0.5 1\n0.4 2\n', 'f'))).toBe(7);
    expect(lineOfError(() => parseTraceSet('# nothing\n', 'f'))).toBe(1);
    expect(() => parseTraceSet('= a 3g\n0 1\n1 x\n', 'sets/f.traces')).toThrow(/sets\/f\.traces:3: trace a: not a number/);
  });

  it('property: formatTraceSet round-trips through parseTraceSet exactly', () => {
    const trace = fc
      .array(fc.tuple(fc.double({ min: 0.001, max: 50, noNaN: true }), fc.double({ min: 0, max: 2000, noNaN: true })), { minLength: 2, maxLength: 30 })
      .filter((rows) => rows.slice(1).some(([, v]) => v > 0));
    fc.assert(
      fc.property(fc.array(fc.tuple(trace, fc.constantFrom(...NETWORK_TYPES)), { minLength: 1, maxLength: 5 }), (sets) => {
        const named: NamedTrace[] = sets.map(([rows, network], i) => {
          let t = 0;
          const times = rows.map(([dt], k) => (k === 0 ? 0 : (t += dt)));
          return { name: `t${i}`, network, trace: traceFromSamples(`t${i}`, times, rows.map(([, v]) => v)) };
        });
        const back = parseTraceSet(formatTraceSet(named, 'round trip'), 'p');
        expect(back.map((b) => [b.name, b.network, Array.from(b.trace.timesS), Array.from(b.trace.mbps)])).toEqual(
          named.map((n) => [n.name, n.network, Array.from(n.trace.timesS), Array.from(n.trace.mbps)]),
        );
      }),
      { numRuns: 100 },
    );
  });
});

describe('the shipped sets', () => {
  it('every set file parses, matches the catalog row for row, and the whole folder stays under 5 MB', () => {
    let bytes = 0;
    for (const file of readdirSync(path.join(PUBLIC, 'traces'), { recursive: true }) as string[]) {
      const full = path.join(PUBLIC, 'traces', file);
      if (statSync(full).isFile()) bytes += statSync(full).size;
    }
    expect(bytes).toBeLessThan(5 * 1024 * 1024);
    for (const set of TRACE_SET_IDS) {
      const parsed = parseTraceSet(readFileSync(path.join(PUBLIC, traceSetPath(set)), 'utf8'), set);
      const rows = REAL_TRACES.filter((t) => t.set === set);
      expect(parsed.map((t) => t.name)).toEqual(rows.map((r) => r.name));
      parsed.forEach((t, i) => {
        expect(t.network).toBe(rows[i].network);
        expect(t.trace.timesS.length).toBe(rows[i].samples);
        expect(t.trace.timesS[t.trace.timesS.length - 1]).toBeCloseTo(rows[i].durationS, 1);
        expect(t.trace.timesS[0]).toBe(0);
      });
    }
    expect(REAL_TRACES.filter((t) => t.set === 'norway-3g')).toHaveLength(142);
    expect(new Set(REAL_TRACES.map((t) => t.network))).toEqual(new Set(NETWORK_TYPES));
  });

  it('every dataset has provenance in the lab and in public/traces/README.md', () => {
    const readme = readFileSync(path.join(PUBLIC, 'traces/README.md'), 'utf8');
    for (const set of TRACE_SET_IDS) {
      const d = TRACE_DATASETS[set];
      expect(d.id).toBe(set);
      expect(d.citation.length).toBeGreaterThan(20);
      expect(d.licence.length).toBeGreaterThan(5);
      expect(d.sourceUrl).toMatch(/^https:\/\/github\.com\/[\w.-]+\/[\w.-]+$/);
      expect(readme).toContain(`${set}.traces`);
    }
  });

  const upstream = path.resolve(process.cwd(), '../shared/abr-reference/traces');
  it.skipIf(!existsSync(upstream))('norway-3g holds the 142 Pensieve test traces bit for bit', () => {
    const set = loadTraceSet('norway-3g');
    const names = readdirSync(upstream).sort();
    expect(set.map((t) => t.name)).toEqual(names);
    for (const t of set) {
      const lines = readFileSync(path.join(upstream, t.name), 'utf8').split('\n').filter((l) => l.trim() !== '');
      expect(Array.from(t.trace.timesS)).toEqual(lines.map((l) => parseFloat(l.split(/\s+/)[0])));
      expect(Array.from(t.trace.mbps)).toEqual(lines.map((l) => parseFloat(l.split(/\s+/)[1])));
    }
  });
});

describe('the lab on a real trace', () => {
  const oneOfEachSet = TRACE_SET_IDS.map((set) => REAL_TRACES.find((t) => t.set === set)!.id);

  it.each(oneOfEachSet)('%s: runs in both modes within its budget, deterministically, on the named trace', (id) => {
    for (const mode of ['realistic', 'reference'] as const) {
      const params = validate(abrLab.schema, { ...base, mode, 'trace.kind': 'real', 'trace.real': id, 'race.second': 'rate', 'race.third': 'robustmpc' }).params as AbrParams;
      expect(paramProblems(abrLab, params)).toEqual([]);
      const estimate = abrLab.budget!.estimate(params);
      const a = new Runner(abrLab, params, 7);
      a.runToEnd();
      expect(a.ctx.scheduler.executed).toBeLessThanOrEqual(estimate.events);
      const frame = a.frame() as { trace: { name: string; timesS: number[] } };
      expect(frame.trace.name).toBe(id);
      expect(frame.trace.timesS.length).toBe(realTraceInfo(id)!.samples);
      const b = new Runner(abrLab, params, 7);
      b.runToEnd();
      expect(JSON.stringify(b.recorder.events)).toBe(JSON.stringify(a.recorder.events));
    }
  });

  it('the trace is a param: a share link names it and reproduces the run; an unknown id is refused naming the field', () => {
    const params = { ...base, 'trace.kind': 'real', 'trace.real': 'fcc-broadband/trace_5642_http---www.youtube.com' } as AbrParams;
    const query = shareQuery(abrLab, { params, seed: 3 });
    expect(query).toContain('trace.real=fcc-broadband%2Ftrace_5642_http---www.youtube.com');
    const decoded = runFromQuery(abrLab, query);
    expect(decoded.errors).toEqual([]);
    expect(decoded.params['trace.real']).toBe(params['trace.real']);
    const bad = validate(abrLab.schema, { ...base, 'trace.kind': 'real', 'trace.real': 'norway-3g/nope' });
    expect(bad.errors.map((e) => e.field)).toEqual(['trace.real']);
  });

  it('a real trace does not touch the synthetic video draws: the same seed gives the same video', () => {
    const synthetic = new Runner(abrLab, base, 11);
    const real = new Runner(abrLab, { ...base, 'trace.kind': 'real' } as AbrParams, 11);
    expect((real.model as { video: unknown }).video).toEqual((synthetic.model as { video: unknown }).video);
  });
});

describe('the CLI on the shipped sets', () => {
  async function run(args: string[]) {
    let out = '';
    let err = '';
    const code = await abrLab.cli!.run(args, { ...nodeIo, stdout: (t) => void (out += t), stderr: (t) => void (err += t) });
    return { code, out, err };
  }

  it('--trace-set runs every trace of the set; --trace <set file> reads the same file', async () => {
    const bySet = await run(['--trace-set', 'mahimahi-cellular', '--algorithm', 'bba', '--json']);
    expect(bySet.code).toBe(0);
    const json = JSON.parse(bySet.out) as { trace: string }[];
    expect(json.map((r) => r.trace)).toEqual(REAL_TRACES.filter((t) => t.set === 'mahimahi-cellular').map((t) => t.name));
    const byFile = await run(['--trace', path.join(PUBLIC, 'traces/mahimahi-cellular.traces'), '--algorithm', 'bba', '--json']);
    expect(byFile.out).toBe(bySet.out);
  });

  it('one shipped trace through --set equals the lab params; bad set names exit 2', async () => {
    const one = await run(['--set', 'trace.kind=real', '--set', 'trace.real=5gophers/5gophers_walking_8conn', '--algorithm', 'rate', '--json']);
    expect(one.code).toBe(0);
    expect(JSON.parse(one.out)[0].trace).toBe('5gophers/5gophers_walking_8conn');
    const unknown = await run(['--trace-set', 'puffer']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('norway-3g');
    expect((await run(['--trace-set', 'norway-3g', '--trace', 'x'])).code).toBe(2);
  });
});
