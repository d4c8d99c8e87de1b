/**
 * Target 2 of the code lab: the learner's keyless Kafka partitioner, in Node. The round-robin
 * template reproduces the built-in run exactly; races are deterministic and the learner's
 * Math.random follows the seed; bad choices and runaway code are reported at the TypeScript
 * line:col; the CLI's --partitioner-file races it against the built-ins (exit 2 on a bad file).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadQuickJs, type QuickJSWASMModule } from '@/code-lab/sandbox/quickjs';
import { compileTypeScript } from '@/code-lab/sandbox/compileNode';
import { type SandboxError } from '@/code-lab/sandbox/program';
import { beats, racePartitioners } from '@/code-lab/kafka/race';
import { KAFKA_TEMPLATES } from '@/code-lab/kafka/generated';
import { kafkaLab, kafkaPresets, type KafkaParams, type KafkaRunResult } from '@/simulations/kafka';
import { validate } from '@/simulations/core/params';
import { Runner } from '@/simulations/core/runner';
import { sandboxFailure } from './support';
import { sim as runSim } from '../support/simCli';

let qjs: QuickJSWASMModule;
beforeAll(async () => {
  qjs = await loadQuickJs();
});
const dir = mkdtempSync(join(tmpdir(), 'code-lab-kafka-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const slowBroker = kafkaPresets.find((p) => p.id === 'slow-broker-adaptive-partitioner')!;
/** The slow-broker story, shortened: broker 1 slow from 1 s, 3 s of 10,000 records/s. */
function params(extra: Record<string, unknown> = {}): KafkaParams {
  const v = validate(kafkaLab.schema, { ...slowBroker.params, 'workload.recordsPerSecond': 10_000, 'workload.durationMs': 3_000, ...extra });
  expect(v.errors).toEqual([]);
  return v.params as KafkaParams;
}
const template = (id: string) => compileTypeScript(KAFKA_TEMPLATES.find((t) => t.id === id)!.source, `${id}.ts`);
const program = (source: string, file = 'mine.ts') => compileTypeScript(source, file);

function builtIn(p: KafkaParams, seed: number): KafkaRunResult {
  const runner = new Runner(kafkaLab, p, seed);
  runner.runToEnd();
  return runner.result() as KafkaRunResult;
}


describe('the learner\'s keyless partitioner', () => {
  it('the round-robin template makes the built-in round-robin run, record for record', () => {
    const p = params({ 'producer.partitioner': 'round-robin', 'workload.durationMs': 1_500 });
    const race = racePartitioners(qjs, template('round-robin'), p, 3, { rivals: ['round-robin'] });
    const [yours, rival] = race.rows;
    expect(rival.result).toEqual(builtIn(p, 3));
    expect({ ...yours.result, events: 0 }).toEqual({ ...rival.result, events: 0 });
    expect(race.choices).toBe(yours.result!.sent);
  });

  it('races adaptive, sticky and round-robin on the same seed; the adaptive template beats blind sticky under a slow broker', () => {
    const race = racePartitioners(qjs, template('adaptive'), params(), 1);
    expect(race.rows.map((r) => r.partitioner)).toEqual(['yours', 'adaptive', 'sticky', 'round-robin']);
    const [yours, , sticky] = race.rows.map((r) => r.result!);
    expect(beats(yours, sticky)).toBe(true);
    expect(yours.ackLatencyMs.p99).toBeLessThan(sticky.ackLatencyMs.p99 / 2);
    expect(race.ticks).toBeGreaterThan(0);
    // sticky was removed in Kafka 4.0: that row says so instead of running
    const v4 = racePartitioners(qjs, template('blank'), params({ kafkaVersion: '4.x' }), 1, { rivals: ['sticky'] });
    expect(v4.rows[1]).toMatchObject({ partitioner: 'sticky', result: null, unavailable: expect.stringContaining('UniformStickyPartitioner') });
  });

  it('is deterministic, and its Math.random follows the lab seed', () => {
    const hash = (seed: number) => racePartitioners(qjs, template('sticky'), params(), seed, { rivals: [] }).rows[0].eventLogHash;
    expect(hash(5)).toBe(hash(5));
    expect(hash(6)).not.toBe(hash(5));
  });

  it('refuses an out-of-range partition, a NaN or negative stay, a throw and an endless loop, at the TypeScript line:col', () => {
    const choose = (body: string) => program(`import type { KeylessPartitioner, PartitionerEnv } from './kafka';\nexport function createPartitioner(env: PartitionerEnv): KeylessPartitioner {\n  return {\n    choose(input) {\n      ${body}\n    },\n  };\n}\n`);
    const cases: [string, RegExp, SandboxError['kind']][] = [
      ['return { partition: 99 };', /mine\.ts:4:5: choose\(\) call 1 returned partition 99: it must be an integer 0 … 5/, 'contract'],
      ['return { partition: 1.5 };', /partition 1\.5: it must be an integer/, 'contract'],
      ['return { partition: 0, stickyBytes: NaN };', /mine\.ts:4:5: choose\(\) call 1 returned stickyBytes NaN: it must be a positive number/, 'contract'],
      ['return { partition: 0, stickyBytes: -5 };', /stickyBytes -5/, 'contract'],
      ['return 3 as never;', /returned 3: it must return an object \{ partition, stickyBytes\? \}/, 'contract'],
      ['throw new Error("no partition for you");', /mine\.ts:5:17: choose\(\) threw no partition for you/, 'runtime'],
      ['while (input.nowMs >= 0) {} return { partition: 0 };', /mine\.ts:\d+:\d+: choose\(\) used up its CPU budget/, 'budget'],
    ];
    for (const [body, message, kind] of cases) {
      const e = sandboxFailure(() => racePartitioners(qjs, choose(body), params(), 1, { rivals: [] }));
      expect(e.kind, body).toBe(kind);
      expect(e.message, body).toMatch(message);
    }
    const noChoose = sandboxFailure(() => racePartitioners(qjs, program('export function createPartitioner() {\n  return {};\n}\n'), params(), 1, { rivals: [] }));
    expect(noChoose.message).toMatch(/mine\.ts:1:17: createPartitioner\(\) must return an object with a choose\(input\) method/);
  });
});

describe('sim kafka --partitioner-file', () => {
  const sim = (argv: string[]) => runSim(argv, 'disk');
  const SMALL = ['--preset', 'slow-broker-adaptive-partitioner', '--set', 'workload.recordsPerSecond=10000', '--set', 'workload.durationMs=3000'];

  it('races the file against the built-ins and reports one row each', async () => {
    const file = join(dir, 'adaptive.ts');
    writeFileSync(file, KAFKA_TEMPLATES.find((t) => t.id === 'adaptive')!.source);
    const r = await sim(['kafka', ...SMALL, '--partitioner-file', file, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { seed: number; choices: number; rows: { partitioner: string; acked: number }[] };
    expect(doc.seed).toBe(1);
    expect(doc.rows.map((x) => x.partitioner)).toEqual(['yours', 'adaptive', 'sticky', 'round-robin']);
    expect(doc.choices).toBeGreaterThan(100);
    const table = await sim(['kafka', ...SMALL, `--partitioner-file=${file}`]);
    expect(table.stdout).toMatch(/^partitioner\s+acked\s+p99 ack ms/);
    expect(table.stdout).toMatch(/\nyours\s+\d+\s+[\d.]+/);
  }, 60_000);

  it('a bad file is exit 2 with its place; bad settings are the usual ConfigException', async () => {
    const bad = join(dir, 'bad.ts');
    writeFileSync(bad, 'export function createPartitioner() {\n  return {\n    choose() { return { partition: -1 }; },\n  };\n}\n');
    const r = await sim(['kafka', ...SMALL, '--partitioner-file', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^kafka: your partitioner failed: bad\.ts:3:5: choose\(\) call 1 returned partition -1/);
    const missing = await sim(['kafka', ...SMALL, '--partitioner-file', join(dir, 'nope.ts')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.ts: cannot read the partitioner file/);
    const syntax = await sim(['kafka', ...SMALL, '--partitioner-file', (writeFileSync(join(dir, 's.ts'), 'export function createPartitioner( {'), join(dir, 's.ts'))]);
    expect(syntax.code).toBe(2);
    expect(syntax.stderr).toMatch(/s\.ts:1:\d+: /);
    const range = await sim(['kafka', ...SMALL, '--set', 'topic.partitions=0', '--partitioner-file', bad]);
    expect(range.code).toBe(2);
    expect(range.stderr).toMatch(/ConfigException: .*topic\.partitions/);
    // the learner's run is budgeted like round-robin, the costliest keyless rule
    const heavy = await sim(['kafka', '--set', 'workload.recordsPerSecond=20000', '--set', 'workload.durationMs=300000', '--partitioner-file', bad]);
    expect(heavy.code).toBe(2);
    expect(heavy.stderr).toMatch(/your partitioner may spread records like round-robin: .*workload/);
  }, 60_000);
});
