/**
 * Schema → UI control descriptors. Pure: the parameter panel renders these, the tests check them.
 */
import { checkValue, parseText, type ParamSchema, type ParamSpec } from '@/simulations/core/params';

interface BaseControl {
  key: string;
  label: string;
  description: string;
}

export interface NumberControl extends BaseControl {
  kind: 'number';
  unit: string;
  min: number;
  max: number;
  /** step of the number input and of a linear slider */
  step: number;
  integer: boolean;
  scale: 'linear' | 'log';
  /** native range input attributes: the real range when linear, positions 0..SLIDER_POSITIONS when log */
  slider: { min: number; max: number; step: number };
}

export interface EnumControl extends BaseControl {
  kind: 'enum';
  options: { value: string; label: string }[];
}

export interface BooleanControl extends BaseControl {
  kind: 'boolean';
}

export interface JsonControl extends BaseControl {
  kind: 'json';
}

export type ControlDescriptor = NumberControl | EnumControl | BooleanControl | JsonControl;

export interface ControlGroup {
  /** null for parameters without a group */
  title: string | null;
  controls: ControlDescriptor[];
}

export const SLIDER_POSITIONS = 1000;

export function describeControl(key: string, spec: ParamSpec): ControlDescriptor {
  const base = { key, label: spec.label ?? key, description: spec.description };
  switch (spec.type) {
    case 'number': {
      const integer = spec.integer === true;
      const step = spec.step ?? (integer ? 1 : (spec.max - spec.min) / 1000);
      const scale = spec.scale === 'log' && spec.min > 0 ? 'log' : 'linear';
      return {
        ...base,
        kind: 'number',
        unit: spec.unit ?? '',
        min: spec.min,
        max: spec.max,
        step,
        integer,
        scale,
        slider: scale === 'log' ? { min: 0, max: SLIDER_POSITIONS, step: 1 } : { min: spec.min, max: spec.max, step },
      };
    }
    case 'enum':
      return {
        ...base,
        kind: 'enum',
        options: spec.options.map((o) => ({ value: o, label: (spec.optionLabels as Record<string, string | undefined> | undefined)?.[o] ?? o })),
      };
    case 'boolean':
      return { ...base, kind: 'boolean' };
    case 'json':
      return { ...base, kind: 'json' };
  }
}

/** Controls grouped in schema order (a group appears where its first parameter does). */
export function controlsFromSchema(schema: ParamSchema, { includeAdvanced = false } = {}): ControlGroup[] {
  const groups: ControlGroup[] = [];
  const byTitle = new Map<string | null, ControlGroup>();
  for (const [key, spec] of Object.entries(schema)) {
    if (spec.advanced && !includeAdvanced) continue;
    const title = spec.group ?? null;
    let group = byTitle.get(title);
    if (!group) {
      group = { title, controls: [] };
      byTitle.set(title, group);
      groups.push(group);
    }
    group.controls.push(describeControl(key, spec));
  }
  return groups;
}

/** Range input position for a value. */
export function sliderPosition(c: NumberControl, value: number): number {
  if (c.scale === 'linear') return Math.max(c.min, Math.min(c.max, value));
  const v = Math.max(c.min, Math.min(c.max, value));
  return Math.round((Math.log(v / c.min) / Math.log(c.max / c.min)) * SLIDER_POSITIONS);
}

/** Value for a range input position, snapped to whole numbers / the step / 3 significant digits. */
export function valueFromSlider(c: NumberControl, position: number): number {
  let v: number;
  if (c.scale === 'linear') v = position;
  else {
    const p = Math.max(0, Math.min(SLIDER_POSITIONS, position)) / SLIDER_POSITIONS;
    v = c.min * Math.pow(c.max / c.min, p);
    v = Number(v.toPrecision(3));
  }
  if (c.integer) v = Math.round(v);
  else if (c.scale === 'linear' && c.step > 0) v = roundToStep(v, c.min, c.step);
  return Math.max(c.min, Math.min(c.max, v));
}

function roundToStep(v: number, origin: number, step: number): number {
  const n = Math.round((v - origin) / step);
  // toPrecision strips binary noise such as 0.30000000000000004
  return Number((origin + n * step).toPrecision(12));
}

export type Parsed = { ok: true; value: unknown } | { ok: false; message: string };

/** Parse and check text typed into a control. Invalid input yields the schema's message. */
export function parseControlText(key: string, spec: ParamSpec, text: string): Parsed {
  const value = parseText(spec, text);
  if (spec.type === 'json' && typeof value === 'string' && value === text) {
    try {
      JSON.parse(text);
    } catch (e) {
      return { ok: false, message: `${key} is not valid JSON: ${(e as Error).message}` };
    }
  }
  const message = checkValue(key, spec, value);
  return message === null ? { ok: true, value } : { ok: false, message };
}
