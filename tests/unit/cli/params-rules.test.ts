/** The rules the CLI shares with the URL codec (simulations/core/params.ts): own keys, decimal numbers, one seed rule. */
import { describe, expect, it } from 'vitest';
import { decodeRun, flatten, nest, parseDecimal, parseSeed, validate, type ParamSchema } from '@/simulations/core/params';

const schema = {
  rate: { type: 'number', min: 0, max: 100, default: 1, description: 'rate' },
  'a.b': { type: 'number', min: 0, max: 10, default: 2, description: 'nested' },
} satisfies ParamSchema;

describe('own-property lookups', () => {
  it('inherited names are unknown parameters, in validate and in links', () => {
    for (const key of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const input: Record<string, unknown> = {};
      Object.defineProperty(input, key, { value: 1, enumerable: true });
      const v = validate(schema, input);
      expect(v.ok, key).toBe(false);
      expect(v.errors[0].message).toContain(`unknown parameter "${key}"`);
      expect(Object.getPrototypeOf(v.params)).toBe(Object.prototype);
    }
    const d = decodeRun(schema, 'constructor=1&__proto__=2');
    expect(d.errors.map((e) => e.field).sort()).toEqual(['__proto__', 'constructor']);
  });

  it('flatten and nest keep __proto__ as a plain key, never a prototype', () => {
    const flat = flatten(schema, JSON.parse('{"__proto__": {"rate": 7}, "a": {"b": 3}}'));
    expect(Object.getPrototypeOf(flat)).toBe(Object.prototype);
    expect((flat as { rate?: number }).rate).toBeUndefined();
    expect(Object.keys(flat).sort()).toEqual(['__proto__', 'a.b']);
    const nested = nest({ '__proto__.x': 1 });
    expect(({} as { x?: number }).x).toBeUndefined();
    expect(Object.getPrototypeOf(nested)).toBe(Object.prototype);
  });
});

describe('numbers and seeds', () => {
  it.each(['0x10', '0b1', '0o7', 'Infinity', '-Infinity', 'NaN', '', '1_000', '1e', '.'])('%j is not a decimal number', (t) => {
    expect(parseDecimal(t)).toBeUndefined();
  });
  it.each([['7', 7], [' 2.5 ', 2.5], ['-3', -3], ['1e3', 1000], ['1e-7', 1e-7], ['.5', 0.5], ['5.', 5]] as const)('%j is %d', (t, n) => {
    expect(parseDecimal(t)).toBe(n);
  });
  it('Infinity is named as Infinity, not null', () => {
    expect(validate(schema, { rate: Infinity }).errors[0].message).toBe('rate = Infinity is invalid: expected a number from 0 to 100');
  });
  it.each(['0x10', '1e3', '-1', '4294967296', '7.0', ' 7', ''])('seed %j is refused', (t) => {
    expect(parseSeed(t)).toBeUndefined();
  });
  it('seeds are decimal digits up to 4294967295', () => {
    expect(parseSeed('0')).toBe(0);
    expect(parseSeed('4294967295')).toBe(4294967295);
  });
});
