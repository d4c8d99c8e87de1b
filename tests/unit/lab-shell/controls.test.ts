import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { controlsFromSchema, parseControlText, sliderPosition, valueFromSlider, type NumberControl } from '@/components/lab-shell/controls';
import { tinyLab } from './tinyLab';

const schema = tinyLab.schema;
const groups = controlsFromSchema(schema);
const all = groups.flatMap((g) => g.controls);
const byKey = (k: string) => all.find((c) => c.key === k)!;

describe('schema → control descriptors', () => {
  it('groups in schema order and hides advanced parameters', () => {
    expect(groups.map((g) => g.title)).toEqual(['Load', null]);
    expect(all.map((c) => c.key)).toEqual(['rate', 'burst', 'jitter', 'mode', 'noisy', 'schedule']);
    expect(controlsFromSchema(schema, { includeAdvanced: true }).flatMap((g) => g.controls).map((c) => c.key)).toContain('hidden');
  });

  it('maps each parameter type to its control', () => {
    expect(byKey('rate')).toMatchObject({ kind: 'number', unit: '/s', scale: 'log', slider: { min: 0, max: 1000, step: 1 } });
    expect(byKey('burst')).toMatchObject({ kind: 'number', integer: true, step: 1, scale: 'linear', slider: { min: 1, max: 20, step: 1 } });
    expect(byKey('jitter')).toMatchObject({ kind: 'number', step: 0.05, slider: { min: 0, max: 1, step: 0.05 } });
    expect(byKey('mode')).toMatchObject({
      kind: 'enum',
      options: [
        { value: 'fifo', label: 'First in, first out' },
        { value: 'lifo', label: 'lifo' },
      ],
    });
    expect(byKey('noisy').kind).toBe('boolean');
    expect(byKey('schedule').kind).toBe('json');
  });

  it('log slider: ends map to min and max, middle is the geometric mean', () => {
    const rate = byKey('rate') as NumberControl;
    expect(valueFromSlider(rate, 0)).toBe(0.1);
    expect(valueFromSlider(rate, 1000)).toBe(100);
    expect(valueFromSlider(rate, 500)).toBeCloseTo(Math.sqrt(0.1 * 100), 1);
    expect(sliderPosition(rate, 2)).toBe(Math.round((Math.log(20) / Math.log(1000)) * 1000));
  });

  it('property: slider values stay in range, integers stay whole, positions round-trip', () => {
    const numeric = all.filter((c): c is NumberControl => c.kind === 'number');
    fc.assert(
      fc.property(fc.constantFrom(...numeric), fc.integer({ min: -50, max: 1050 }), (c, raw) => {
        const pos = Math.max(c.slider.min, Math.min(c.slider.max, c.scale === 'log' ? raw : c.min + ((c.max - c.min) * raw) / 1000));
        const v = valueFromSlider(c, pos);
        expect(v).toBeGreaterThanOrEqual(c.min);
        expect(v).toBeLessThanOrEqual(c.max);
        if (c.integer) expect(Number.isInteger(v)).toBe(true);
        expect(Math.abs(sliderPosition(c, v) - pos)).toBeLessThanOrEqual(c.scale === 'log' ? 2 : c.step);
      }),
      { numRuns: 200 },
    );
  });

  it('typed text is checked with the schema message and never applied when invalid', () => {
    expect(parseControlText('rate', schema.rate, '5')).toEqual({ ok: true, value: 5 });
    const tooBig = parseControlText('rate', schema.rate, '500');
    expect(tooBig.ok).toBe(false);
    expect(!tooBig.ok && tooBig.message).toMatch(/rate = 500 is invalid: expected a number from 0.1 to 100 \/s/);
    expect(parseControlText('burst', schema.burst, '2.5').ok).toBe(false);
    expect(parseControlText('rate', schema.rate, 'abc').ok).toBe(false);
    expect(parseControlText('rate', schema.rate, '').ok).toBe(false);
    expect(parseControlText('schedule', schema.schedule, '[3, 4]')).toEqual({ ok: true, value: [3, 4] });
    const badJson = parseControlText('schedule', schema.schedule, '[3,');
    expect(!badJson.ok && badJson.message).toMatch(/schedule is not valid JSON/);
    const wrongShape = parseControlText('schedule', schema.schedule, '{"a":1}');
    expect(!wrongShape.ok && wrongShape.message).toMatch(/expected an array of numbers/);
  });
});
