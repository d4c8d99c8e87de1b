/**
 * Every bad-input class, in every lab, through the one parser (simulations/core/cli.ts): exit 2, a
 * message naming the field (or flag), nothing on stdout, no stack trace, and no run started. Every
 * case is refused before a run, so the whole file takes a few seconds.
 */
import { describe, expect, it } from 'vitest';
import { sim } from '../support/simCli';
import { labs } from '@/simulations/registry';
import type { NumberSpec, ParamSchema } from '@/simulations/core/params';

/** The first number parameter of a lab's schema (every lab has one). */
function numberKey(schema: ParamSchema): [string, NumberSpec] {
  const entry = Object.entries(schema).find(([, s]) => s.type === 'number');
  if (!entry) throw new Error('no number parameter');
  return entry as [string, NumberSpec];
}

/** [argv after the lab id, files, what stderr must contain] */
type Case = [string, string[], Record<string, string>, RegExp];

function casesFor(schema: ParamSchema): Case[] {
  const [key, spec] = numberKey(schema);
  const k = key.replace(/\./g, '\\.');
  const tooBig = String(spec.max + 1);
  return [
    ['unknown flag', ['--frobnicate'], {}, /unknown argument "--frobnicate"/],
    ['flag without its value', ['--seed'], {}, /--seed needs a value/],
    ['switch given a value', ['--json=yes'], {}, /unknown argument "--json=yes"/],
    ['--set without =', ['--set', key], {}, /expected key=value/],
    ['unknown key', ['--set', 'noSuchKey=1'], {}, /unknown parameter "noSuchKey"/],
    ['inherited key constructor', ['--set', 'constructor=1'], {}, /unknown parameter "constructor"/],
    ['inherited key __proto__', ['--set', '__proto__=1'], {}, /unknown parameter "__proto__"/],
    ['inherited key toString', ['--set', 'toString=1'], {}, /unknown parameter "toString"/],
    ['hex number', ['--set', `${key}=0x10`], {}, new RegExp(`${k} = "0x10" is invalid`)],
    ['Infinity (named as Infinity, not null)', ['--set', `${key}=Infinity`], {}, new RegExp(`${k} = "Infinity" is invalid`)],
    ['not a number', ['--set', `${key}=fast`], {}, new RegExp(`${k} = "fast" is invalid`)],
    ['empty number', ['--set', `${key}=`], {}, new RegExp(`${k} = "" is invalid`)],
    ['out of range', ['--set', `${key}=${tooBig}`], {}, new RegExp(`${k} = ${tooBig} is invalid: expected`)],
    ...(spec.integer ? [['fraction for an integer', ['--set', `${key}=1.5`], {}, new RegExp(`${k} = 1\\.5 is invalid`)] as Case] : []),
    ['seed in hex', ['--seed', '0x10'], {}, /seed = "0x10" is invalid: expected an integer from 0 to 4294967295/],
    ['seed with an exponent', ['--seed', '1e3'], {}, /seed = "1e3" is invalid/],
    ['negative seed', ['--seed', '-4'], {}, /seed = "-4" is invalid/],
    ['seed over 2^32 - 1', ['--seed', '5000000000'], {}, /seed = "5000000000" is invalid/],
    ['seed with a fraction', ['--seed=7.0'], {}, /seed = "7.0" is invalid/],
    ['empty seed', ['--seed='], {}, /seed = "" is invalid/],
    ['unknown preset', ['--preset', 'nope'], {}, /unknown preset "nope"/],
    ['missing config', ['--config', 'missing.json'], {}, /cannot read config missing\.json: ENOENT/],
    ['config not JSON', ['--config', 'c.json'], { 'c.json': '{"a": ' }, /config c\.json is not valid JSON/],
    ['config not an object', ['--config', 'c.json'], { 'c.json': '[1, 2]' }, /config c\.json must be a JSON object/],
    ['config __proto__', ['--config', 'c.json'], { 'c.json': '{"__proto__": {"seed": 7}}' }, /config c\.json: key "__proto__" is not allowed/],
    ['config nested constructor', ['--config', 'c.json'], { 'c.json': '{"a": {"constructor": {"x": 1}}}' }, /key "a\.constructor" is not allowed/],
    ['config unknown key', ['--config', 'c.json'], { 'c.json': '{"colour": "blue"}' }, /unknown parameter "colour"/],
    ['config value out of range', ['--config', 'c.json'], { 'c.json': JSON.stringify({ [key]: spec.max + 1 }) }, new RegExp(`${k} = ${spec.max + 1} is invalid`)],
    ['config number overflowing to Infinity', ['--config', 'c.json'], { 'c.json': `{"${key}": 1e400}` }, new RegExp(`${k} = Infinity is invalid`)],
    ['config seed as hex text', ['--config', 'c.json'], { 'c.json': '{"seed": "0x10"}' }, /seed in c\.json = "0x10" is invalid/],
    ['config seed too big', ['--config', 'c.json'], { 'c.json': '{"seed": 5000000000}' }, /seed in c\.json = "5000000000" is invalid/],
    ['config seed fraction', ['--config', 'c.json'], { 'c.json': '{"seed": 1.5}' }, /seed in c\.json = "1\.5" is invalid/],
  ];
}

/** A rule spanning fields (checkParams), or the work budget where a lab has no such rule. */
const CROSS_FIELD: Record<string, [string[], RegExp]> = {
  queue: [['--set', 'arrivalRate=10000', '--set', 'durationS=2500'], /too big.*arrivalRate/],
  upload: [['--set', 'network.bandwidthMbps=1000', '--set', 'network.latencyMs=1', '--set', 'run.horizonS=3600'], /run\.horizonS/],
  abr: [['--set', 'trace.minMbps=30', '--set', 'trace.maxMbps=5'], /trace\.minMbps/],
  chat: [['--set', 'groupSize.median=10', '--set', 'groupSize.p99=5'], /groupSize\.p99/],
  kafka: [['--set', 'topic.replicationFactor=5'], /topic\.replicationFactor = 5 is invalid: Replication factor: 5 larger than available brokers: 3/],
  'discover-weekly': [['--set', 'users=50', '--set', 'focusUser=60'], /focusUser = 60 is invalid: there are 50 listeners/],
  'music-delivery': [['--set', 'durationMin=10', '--set', 'warmupMin=10'], /warmupMin = 10 is invalid: the warm-up must end before the run does/],
  e2ee: [['--set', 'messages=5', '--set', 'compromiseAfter=9'], /compromiseAfter = 9 is invalid: must be 0 \(never\) or at most messages \(5\)/],
  conferencing: [['--set', 'uplinkKbps=1000', '--set', 'videoKbps=1500'], /uplinkKbps = 1000 is invalid: a client must be able to send one camera stream/],
  'live-edge': [['--set', 'rampS=60', '--set', 'durationS=60'], /rampS = 60 is invalid: the audience must reach its peak before the last segment/],
  'live-latency': [['--set', 'segmentS=10', '--set', 'holdBackSegments=8', '--set', 'durationS=60'], /durationS = 60 s is too short/],
  'video-pipeline': [['--set', 'gopS=2', '--set', 'chunkS=5'], /chunkS = 5 is invalid: a chunk must be a whole number of GOPs \(gopS = 2 s\)/],
  'video-search': [['--set', 'shardMedianMs=20', '--set', 'shardP99Ms=10'], /shardP99Ms = 10 is invalid: the p99 must exceed the median \(20 ms\)/],
};

describe('every lab refuses every bad-input class with exit 2 and a message naming the field', () => {
  it('covers every registered lab', () => {
    expect(Object.keys(CROSS_FIELD).sort()).toEqual(labs.map((l) => l.id).sort());
  });

  for (const lab of labs) {
    it(`${lab.id}`, async () => {
      for (const [what, args, files, pattern] of [...casesFor(lab.schema as ParamSchema), ['cross-field rule', CROSS_FIELD[lab.id][0], {}, CROSS_FIELD[lab.id][1]] as Case]) {
        const r = await sim([lab.id, ...args], files);
        const label = `${lab.id} ${what}: ${args.join(' ')}`;
        expect(r.code, label).toBe(2);
        expect(r.stderr, label).toMatch(pattern);
        expect(r.stderr.split('\n')[0], `${label}: the first line names the lab`).toMatch(new RegExp(`^${lab.id}: `));
        expect(r.stderr, `${label}: no stack trace`).not.toMatch(/\n\s+at |RangeError|TypeError/);
        expect(r.stdout, label).toBe('');
        expect(r.progress, `${label}: no run started`).toEqual([]);
      }
    }, 30_000);
  }
});

describe('what the parser accepts', () => {
  it('decimal numbers (with an exponent as String(number) writes them), seeds of decimal digits, and a seed in the config', async () => {
    const a = await sim(['queue', '--set', 'arrivalRate=5', '--set', 'durationS=30', '--seed', '4294967295', '--json']);
    const b = await sim(['queue', '--set', 'arrivalRate=5e0', '--set', 'durationS=3.0e1', '--config', 's.json', '--json'], { 's.json': '{"seed": 4294967295}' });
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
  });

  it('kafka: --seed 5000000000 exits 2 with a message, not 1 with a RangeError', async () => {
    const r = await sim(['kafka', '--seed', '5000000000']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^kafka: ConfigException: seed = "5000000000" is invalid: expected an integer from 0 to 4294967295\n$/);
  });

  it('kafka and chat take presets and a config seed like every other lab', async () => {
    const r = await sim(['kafka', '--preset', 'no-such'], {});
    expect(r.stderr).toMatch(/unknown preset "no-such"; presets of kafka: kafka-4x-safe-defaults/);
    const c = await sim(['chat', '--preset', 'no-such'], {});
    expect(c.stderr).toMatch(/presets of chat: whatsapp-2012/);
  });

  it('abr: its own flags are still checked, and the shared flags work with them', async () => {
    expect((await sim(['abr', '--mode', 'fast'])).stderr).toMatch(/--mode must be reference or realistic/);
    expect((await sim(['abr', '--algorithm', 'pensieve'])).stderr).toMatch(/unknown algorithm "pensieve"/);
    expect((await sim(['abr', '--history=sometimes'])).stderr).toMatch(/--history must be isolated or carry/);
    expect((await sim(['abr', '--trace'])).stderr).toMatch(/--trace needs a value/);
    expect((await sim(['abr', '--algorithm', 'bba', '--seed', '0x10'])).stderr).toMatch(/seed = "0x10" is invalid/);
  });
});
