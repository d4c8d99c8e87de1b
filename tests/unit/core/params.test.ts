import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  decodeRun,
  defaults,
  encodeRun,
  flatten,
  isParamVisible,
  nest,
  parseText,
  validate,
  URL_CODEC_VERSION,
  type ParamSchema,
  type ParamsOf,
} from '@/simulations/core/params';

const schema = {
  arrivalRate: { type: 'number', unit: '/s', min: 0.01, max: 100, default: 8, description: 'arrivals per second' },
  servers: { type: 'number', min: 1, max: 64, default: 1, integer: true, description: 'number of servers' },
  'producer.lingerMs': { type: 'number', unit: 'ms', min: 0, max: 1000, default: 5, description: 'linger' },
  'producer.acks': { type: 'enum', options: ['0', '1', 'all'], default: 'all', description: 'acks' },
  tracing: { type: 'boolean', default: false, description: 'tracing on' },
  faults: {
    type: 'json',
    default: [] as { atMs: number; kind: string }[],
    description: 'a list of {atMs, kind}',
    check: (v: unknown) =>
      Array.isArray(v) && v.every((f) => f && typeof f === 'object' && typeof f.atMs === 'number' && typeof f.kind === 'string')
        ? null
        : 'expected a list of {atMs: number, kind: string}',
  },
} satisfies ParamSchema;
type P = ParamsOf<typeof schema>;

const presets = [
  { id: 'busy', params: { arrivalRate: 50, servers: 4 }, seed: 99 },
  { id: 'quiet', params: { arrivalRate: 0.5 } },
];

describe('validate', () => {
  it('accepts a valid partial input and fills in defaults', () => {
    const v = validate(schema, { arrivalRate: 3, 'producer.acks': '1' });
    expect(v.ok).toBe(true);
    expect(v.params).toEqual({ ...defaults(schema), arrivalRate: 3, 'producer.acks': '1' });
  });

  it('out-of-range number: the message names the field, the value and the range (with unit)', () => {
    const v = validate(schema, { arrivalRate: 500 });
    expect(v.ok).toBe(false);
    expect(v.errors).toHaveLength(1);
    const [e] = v.errors;
    expect(e.field).toBe('arrivalRate');
    expect(e.value).toBe(500);
    expect(e.message).toContain('arrivalRate');
    expect(e.message).toContain('500');
    expect(e.message).toContain('0.01');
    expect(e.message).toContain('100');
    expect(e.message).toContain('/s');
    expect(v.params.arrivalRate).toBe(8); // falls back to default
  });

  it('integer, enum, boolean, json and type errors are each reported', () => {
    const v = validate(schema, { servers: 2.5, 'producer.acks': 'two', tracing: 'yes', faults: [{ atMs: 'soon' }], arrivalRate: 'fast' });
    expect(v.ok).toBe(false);
    const byField = Object.fromEntries(v.errors.map((e) => [e.field, e.message]));
    expect(byField.servers).toMatch(/servers = 2\.5 .*an integer from 1 to 64/);
    expect(byField['producer.acks']).toMatch(/"two".*one of "0", "1", "all"/);
    expect(byField.tracing).toMatch(/tracing.*true or false/);
    expect(byField.faults).toMatch(/faults is invalid: expected a list/);
    expect(byField.arrivalRate).toMatch(/arrivalRate = "fast"/);
    expect(v.params).toEqual(defaults(schema));
  });

  it('NaN and Infinity are rejected', () => {
    expect(validate(schema, { arrivalRate: Number.NaN }).ok).toBe(false);
    expect(validate(schema, { arrivalRate: Infinity }).ok).toBe(false);
  });

  it('unknown key: error names it and lists the known parameters', () => {
    const v = validate(schema, { arivalRate: 3 });
    expect(v.ok).toBe(false);
    expect(v.errors[0].field).toBe('arivalRate');
    expect(v.errors[0].message).toContain('"arivalRate"');
    expect(v.errors[0].message).toContain('arrivalRate');
  });

  it('defaults() returns a deep copy: mutating it does not change the schema default', () => {
    const d = defaults(schema);
    d.faults.push({ atMs: 1, kind: 'x' });
    expect(defaults(schema).faults).toEqual([]);
  });
});

describe('parseText, nest, flatten', () => {
  it('parses text per type and leaves unparsable text for validate to reject', () => {
    expect(parseText(schema.arrivalRate, ' 2.5 ')).toBe(2.5);
    expect(parseText(schema.arrivalRate, 'abc')).toBe('abc');
    expect(parseText(schema.arrivalRate, '')).toBe('');
    expect(parseText(schema.tracing, 'on')).toBe(true);
    expect(parseText(schema.tracing, 'FALSE')).toBe(false);
    expect(parseText(schema.faults, '[{"atMs":1,"kind":"crash"}]')).toEqual([{ atMs: 1, kind: 'crash' }]);
    expect(parseText(schema.faults, '[oops')).toBe('[oops');
  });

  it('nest and flatten are inverses on dotted keys and keep json objects whole', () => {
    const flat = { ...defaults(schema), faults: [{ atMs: 3, kind: 'crash' }], 'producer.lingerMs': 20 };
    const nested = nest(flat);
    expect(nested.producer).toEqual({ lingerMs: 20, acks: 'all' });
    expect(flatten(schema, nested)).toEqual(flat);
    const objectSchema = { limits: { type: 'json', default: { a: 1 }, description: 'x', check: () => null } } satisfies ParamSchema;
    expect(flatten(objectSchema, { limits: { a: 2, b: 3 } })).toEqual({ limits: { a: 2, b: 3 } });
  });
});

const paramsArb: fc.Arbitrary<P> = fc.record({
  arrivalRate: fc.double({ min: 0.01, max: 100, noNaN: true }).map((x) => (Object.is(x, -0) ? 0 : x)),
  servers: fc.integer({ min: 1, max: 64 }),
  'producer.lingerMs': fc.double({ min: 0, max: 1000, noNaN: true }).map((x) => (Object.is(x, -0) ? 0 : x)),
  'producer.acks': fc.constantFrom('0' as const, '1' as const, 'all' as const),
  tracing: fc.boolean(),
  faults: fc.array(fc.record({ atMs: fc.integer({ min: 0, max: 1e6 }), kind: fc.string() }), { maxLength: 3 }),
});

describe('URL codec', () => {
  it('property: decode(encode(run)) returns the same params, seed and time, without errors', () => {
    fc.assert(
      fc.property(
        paramsArb,
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.option(fc.integer({ min: 1, max: 1e9 }), { nil: undefined }),
        fc.option(fc.constantFrom('busy', 'quiet'), { nil: undefined }),
        (params, seed, timeMs, preset) => {
          const query = encodeRun(schema, { params, seed, timeMs, preset }, presets);
          const decoded = decodeRun(schema, query, presets);
          expect(decoded.errors).toEqual([]);
          expect(decoded.params).toEqual(params);
          expect(decoded.seed).toBe(seed);
          expect(decoded.timeMs).toBe(timeMs);
          expect(decoded.preset).toBe(preset);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('writes only non-default params, so default runs give short links', () => {
    const q = encodeRun(schema, { params: defaults(schema), seed: 3 });
    expect(q).toBe(`v=${URL_CODEC_VERSION}&seed=3`);
  });

  it('a param set back to its default under a preset survives the round trip', () => {
    // preset "busy" sets arrivalRate 50; the user changed it back to the default 8
    const params = { ...defaults(schema), servers: 4 };
    const decoded = decodeRun(schema, encodeRun(schema, { params, seed: 1, preset: 'busy' }, presets), presets);
    expect(decoded.params).toEqual(params);
    // without the preset list, the encoder cannot know what the preset sets, so it writes everything
    const all = decodeRun(schema, encodeRun(schema, { params, seed: 1, preset: 'busy' }), presets);
    expect(all.params).toEqual(params);
  });

  it('a preset link without params takes the preset’s params and seed', () => {
    const decoded = decodeRun(schema, '?v=1&preset=busy', presets);
    expect(decoded.errors).toEqual([]);
    expect(decoded.params).toEqual({ ...defaults(schema), arrivalRate: 50, servers: 4 });
    expect(decoded.seed).toBe(99);
  });

  it('invalid values fall back to defaults with errors naming each parameter', () => {
    const decoded = decodeRun(schema, 'v=1&seed=abc&t=-5&arrivalRate=1e9&servers=two&tracing=maybe&bogus=1&preset=nope&faults=%5Boops', presets);
    const fields = decoded.errors.map((e) => e.field).sort();
    expect(fields).toEqual(['arrivalRate', 'bogus', 'faults', 'preset', 'seed', 'servers', 't', 'tracing']);
    expect(decoded.params).toEqual(defaults(schema));
    expect(decoded.seed).toBe(1);
    expect(decoded.timeMs).toBeUndefined();
    for (const e of decoded.errors) expect(e.message).toContain(e.field === 'bogus' ? '"bogus"' : e.field);
  });

  it('under a named preset, a bad value falls back to the preset’s value, not the bare default', () => {
    const decoded = decodeRun(schema, 'v=1&preset=busy&servers=-3', presets);
    expect(decoded.errors.map((e) => e.field)).toEqual(['servers']);
    expect(decoded.params).toEqual({ ...defaults(schema), arrivalRate: 50, servers: 4 });
  });

  it.each(['', '0x10', '1e3', ' 7', '7.0', '-1', '4294967296'])('seed=%j is an error, not a number Number() would read', (text) => {
    const decoded = decodeRun(schema, new URLSearchParams({ v: '1', seed: text }), presets);
    expect(decoded.errors.map((e) => e.field)).toEqual(['seed']);
    expect(decoded.seed).toBe(1);
  });

  it.each(['', '0x10', '1e3', '-0', 'Infinity'])('t=%j is an error', (text) => {
    const decoded = decodeRun(schema, new URLSearchParams({ v: '1', t: text }), presets);
    expect(decoded.errors.map((e) => e.field)).toEqual(['t']);
    expect(decoded.timeMs).toBeUndefined();
  });

  it('seed and t in decimal digits are read', () => {
    const decoded = decodeRun(schema, 'v=1&seed=4294967295&t=1500.25', presets);
    expect(decoded.errors).toEqual([]);
    expect(decoded.seed).toBe(4294967295);
    expect(decoded.timeMs).toBe(1500.25);
  });

  it('an unsupported version is reported and shows defaults', () => {
    const decoded = decodeRun(schema, 'v=2&arrivalRate=3&seed=5', presets);
    expect(decoded.errors).toHaveLength(1);
    expect(decoded.errors[0].field).toBe('v');
    expect(decoded.errors[0].message).toMatch(/v=2 is not supported/);
    expect(decoded.params).toEqual(defaults(schema));
  });

  it('property: decoding any string never throws and always yields valid params', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.webQueryParameters(), fc.array(fc.tuple(fc.constantFrom(...Object.keys(schema), 'v', 'seed', 't', 'preset', 'x'), fc.string())).map((kv) => new URLSearchParams(kv).toString())), (query) => {
        const decoded = decodeRun(schema, query, presets);
        expect(validate(schema, decoded.params as Record<string, unknown>).ok).toBe(true);
        expect(Number.isInteger(decoded.seed)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});

describe('isParamVisible (visibleWhen)', () => {
  const rules = {
    kind: { type: 'enum', options: ['sine', 'steps', 'constant'], default: 'sine', description: 'k' },
    amplitude: { type: 'number', min: 0, max: 10, default: 1, description: 'sine only', visibleWhen: { kind: ['sine'] } },
    level: { type: 'number', min: 0, max: 10, default: 1, description: 'sine or constant', visibleWhen: { kind: ['sine', 'constant'], on: [true] } },
    on: { type: 'boolean', default: true, description: 'o' },
  } satisfies ParamSchema;

  it('shows a field without a rule, and a field whose rule holds', () => {
    expect(isParamVisible(rules.kind, { kind: 'steps' })).toBe(true);
    expect(isParamVisible(rules.amplitude, { kind: 'sine' })).toBe(true);
    expect(isParamVisible(rules.level, { kind: 'constant', on: true })).toBe(true);
  });

  it('hides a field as soon as one named parameter has another value', () => {
    expect(isParamVisible(rules.amplitude, { kind: 'steps' })).toBe(false);
    expect(isParamVisible(rules.level, { kind: 'constant', on: false })).toBe(false);
    expect(isParamVisible(rules.level, { kind: 'steps', on: true })).toBe(false);
  });

  it('changes nothing else: a hidden field is still validated and keeps its value', () => {
    const v = validate(rules, { kind: 'steps', amplitude: 3 });
    expect(v.ok).toBe(true);
    expect(v.params.amplitude).toBe(3);
    expect(validate(rules, { kind: 'steps', amplitude: 99 }).ok).toBe(false);
  });
});
