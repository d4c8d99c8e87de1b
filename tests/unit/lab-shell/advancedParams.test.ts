/**
 * Every parameter has a control: the basic ones in the panel, `advanced: true` ones behind an
 * "Advanced parameters" disclosure that mounts its fields only when opened.
 */
import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { ParamPanel } from '@/components/lab-shell/ParamPanel';
import { controlsFromSchema } from '@/components/lab-shell/controls';
import { defaults } from '@/simulations/core/params';
import { chatLab } from '@/simulations/chat';
import { tinyLab } from './tinyLab';

describe('advanced parameters', () => {
  it('the panel offers a closed disclosure counting the advanced parameters', () => {
    const html = renderToString(
      createElement(ParamPanel, { schema: tinyLab.schema, params: defaults(tinyLab.schema) as Record<string, unknown>, presets: tinyLab.presets as never, presetId: undefined, modified: false, onParam: () => {}, onPreset: () => {} }),
    );
    expect(html).toContain('data-testid="advanced-params"');
    expect(html).toContain('Advanced parameters (<!-- -->1<!-- -->)');
    expect(html).not.toContain('data-testid="param-hidden"');
    expect(html).toContain('data-testid="param-rate"');
  });

  it('basic and advanced controls together cover every key of a large schema exactly once', () => {
    const schema = chatLab.schema;
    const basic = controlsFromSchema(schema).flatMap((g) => g.controls.map((c) => c.key));
    const all = controlsFromSchema(schema, { includeAdvanced: true }).flatMap((g) => g.controls.map((c) => c.key));
    const advanced = all.filter((k) => (schema as Record<string, { advanced?: boolean }>)[k].advanced);
    expect([...basic, ...advanced].sort()).toEqual(Object.keys(schema).sort());
    expect(advanced.length).toBeGreaterThan(10);
  });

  it('a schema without advanced parameters shows no disclosure', () => {
    const schema = { rate: { type: 'number', min: 1, max: 2, default: 1, description: 'r' } } as const;
    const html = renderToString(createElement(ParamPanel, { schema, params: { rate: 1 }, presets: [], presetId: undefined, modified: false, onParam: () => {}, onPreset: () => {} }));
    expect(html).not.toContain('advanced-params');
  });
});
