/**
 * Parameter schemas: one per lab. The same schema validates input (with messages naming the field,
 * the value and the allowed range), generates the UI controls, parses CLI flags and encodes the
 * share URL.
 *
 * Keys may be dotted (`producer.lingerMs`) to group related parameters; `nest()` turns a flat
 * params object into the nested shape a scenario file uses, `flatten()` goes the other way.
 */

interface BaseSpec {
  /** Short label for the UI; defaults to the key. */
  label?: string;
  description: string;
  /** Group heading in the parameter panel. */
  group?: string;
  /** Hidden from the generated parameter panel (still validated, encoded and settable by CLI). */
  advanced?: boolean;
  /**
   * Shown in the parameter panel only while every named parameter has one of the listed values
   * (e.g. `{ 'trace.kind': ['sine'] }`): a field that does not apply is hidden, never dropped (it is
   * still validated, encoded and settable by CLI). Absent: always shown.
   */
  visibleWhen?: Readonly<Record<string, readonly (string | number | boolean)[]>>;
}

/** Whether a field applies to these params (its `visibleWhen` rule holds); fields without a rule always do. */
export function isParamVisible(spec: ParamSpec, params: Record<string, unknown>): boolean {
  if (!spec.visibleWhen) return true;
  return Object.entries(spec.visibleWhen).every(([key, values]) => (values as readonly unknown[]).includes(params[key]));
}

export interface NumberSpec extends BaseSpec {
  type: 'number';
  unit?: string;
  min: number;
  max: number;
  default: number;
  /** Whole numbers only. */
  integer?: boolean;
  /** UI slider step; defaults to 1 for integers, else (max - min) / 1000. */
  step?: number;
  /** UI slider scale; 'log' needs min > 0. */
  scale?: 'linear' | 'log';
}

export interface EnumSpec<O extends string = string> extends BaseSpec {
  type: 'enum';
  options: readonly O[];
  default: O;
  /** Human labels per option. */
  optionLabels?: Partial<Record<O, string>>;
}

export interface BooleanSpec extends BaseSpec {
  type: 'boolean';
  default: boolean;
}

/** Free-form structured value (e.g. a fault schedule). `check` returns an error message or null. */
export interface JsonSpec<T = unknown> extends BaseSpec {
  type: 'json';
  default: T;
  check(value: unknown): string | null;
}

export type ParamSpec = NumberSpec | EnumSpec | BooleanSpec | JsonSpec;
export type ParamSchema = Record<string, ParamSpec>;

export type ValueOf<P extends ParamSpec> = P extends NumberSpec
  ? number
  : P extends EnumSpec<infer O>
    ? O
    : P extends BooleanSpec
      ? boolean
      : P extends JsonSpec<infer T>
        ? T
        : never;

export type ParamsOf<S extends ParamSchema> = { [K in keyof S]: ValueOf<S[K]> };

/** The spec of `key`, looked up as an own property only (`constructor`, `__proto__` are not parameters). */
export function specOf(schema: ParamSchema, key: string): ParamSpec | undefined {
  return Object.hasOwn(schema, key) ? schema[key] : undefined;
}

/** Set an own property, even `__proto__` (plain assignment would change the prototype instead). */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

// ---- the seed rule: one copy for the URL codec, the CLI, the shell's seed field and the Rng --------

export const SEED_MAX = 0xffffffff;
export const SEED_RULE = `an integer from 0 to ${SEED_MAX}`;

/** Whether a number is a valid seed. */
export function isSeed(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= SEED_MAX;
}

/**
 * A seed from text: decimal digits only. Number() would also take '' (as 0), '0x10', '1e3', ' 7 ' and
 * '7.0'; none of those is a seed. Returns undefined for anything else.
 */
export function parseSeed(text: string): number | undefined {
  if (!/^[0-9]{1,10}$/.test(text)) return undefined;
  const n = Number(text);
  return n <= SEED_MAX ? n : undefined;
}

/** The message for a bad seed, naming where it came from (`seed`, `seed in scenario.json`). */
export function seedMessage(text: string, source = 'seed'): string {
  return `${source} = ${JSON.stringify(text)} is invalid: expected ${SEED_RULE}`;
}

/**
 * A number from text, decimal notation only (an optional sign, digits, a fraction, an exponent as
 * String(number) writes it). Hex, octal and binary literals, 'Infinity' and 'NaN' are not numbers here.
 */
export function parseDecimal(text: string): number | undefined {
  const t = text.trim();
  if (!/^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(t)) return undefined;
  return Number(t);
}

export interface ParamError {
  field: string;
  value: unknown;
  message: string;
}

export type Validation<P> = { ok: true; params: P; errors: [] } | { ok: false; params: P; errors: ParamError[] };

export function defaults<S extends ParamSchema>(schema: S): ParamsOf<S> {
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(schema)) setOwn(out, key, structuredCloneSafe(spec.default));
  return out as ParamsOf<S>;
}

function structuredCloneSafe<T>(v: T): T {
  return v !== null && typeof v === 'object' ? (JSON.parse(JSON.stringify(v)) as T) : v;
}

export function describeRange(spec: ParamSpec): string {
  switch (spec.type) {
    case 'number':
      return `${spec.integer ? 'an integer' : 'a number'} from ${spec.min} to ${spec.max}${spec.unit ? ` ${spec.unit}` : ''}`;
    case 'enum':
      return `one of ${spec.options.map((o) => JSON.stringify(o)).join(', ')}`;
    case 'boolean':
      return 'true or false';
    case 'json':
      return spec.description;
  }
}

/** Check one value against its spec. Returns an error message, or null if valid. */
export function checkValue(key: string, spec: ParamSpec, value: unknown): string | null {
  const bad = () => `${key} = ${formatValue(value)} is invalid: expected ${describeRange(spec)}`;
  switch (spec.type) {
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return bad();
      if (spec.integer && !Number.isInteger(value)) return bad();
      if (value < spec.min || value > spec.max) return bad();
      return null;
    case 'enum':
      return typeof value === 'string' && (spec.options as readonly string[]).includes(value) ? null : bad();
    case 'boolean':
      return typeof value === 'boolean' ? null : bad();
    case 'json': {
      const msg = spec.check(value);
      return msg === null ? null : `${key} is invalid: ${msg}`;
    }
  }
}

function formatValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  // JSON.stringify would print Infinity and NaN as null
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/**
 * Validate a (partial) flat params object. Missing keys take defaults; unknown keys are errors.
 * Invalid fields are reported and replaced by their defaults, so `params` is always usable.
 */
export function validate<S extends ParamSchema>(schema: S, input: Record<string, unknown>): Validation<ParamsOf<S>> {
  const params = defaults(schema) as Record<string, unknown>;
  const errors: ParamError[] = [];
  for (const [key, value] of Object.entries(input)) {
    const spec = specOf(schema, key);
    if (!spec) {
      const known = Object.keys(schema).join(', ');
      errors.push({ field: key, value, message: `unknown parameter ${JSON.stringify(key)}; known parameters: ${known}` });
      continue;
    }
    if (value === undefined) continue;
    const msg = checkValue(key, spec, value);
    if (msg) errors.push({ field: key, value, message: msg });
    else setOwn(params, key, value);
  }
  return errors.length
    ? { ok: false, params: params as ParamsOf<S>, errors }
    : { ok: true, params: params as ParamsOf<S>, errors: [] };
}

/**
 * Parse one textual value (CLI `--set key=value`, URL query) into the spec's type. Does not range
 * check; pass the result through validate().
 */
export function parseText(spec: ParamSpec, text: string): unknown {
  switch (spec.type) {
    case 'number':
      return parseDecimal(text) ?? text;
    case 'enum':
      return text;
    case 'boolean':
      if (/^(true|1|yes|on)$/i.test(text)) return true;
      if (/^(false|0|no|off)$/i.test(text)) return false;
      return text;
    case 'json':
      try {
        return JSON.parse(text);
      } catch {
        return text;
      }
  }
}

/** Render a value as text for CLI help and URLs. */
export function formatText(spec: ParamSpec, value: unknown): string {
  return spec.type === 'json' ? JSON.stringify(value) : String(value);
}

/** {'a.b': 1, 'a.c': 2, d: 3} → {a: {b: 1, c: 2}, d: 3} */
export function nest(flat: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(flat)) {
    const parts = key.split('.');
    let node = out;
    for (let i = 0; i < parts.length - 1; i++) {
      const next = Object.hasOwn(node, parts[i]) ? node[parts[i]] : undefined;
      if (next === undefined || next === null || typeof next !== 'object' || Array.isArray(next)) setOwn(node, parts[i], {});
      node = node[parts[i]] as Record<string, unknown>;
    }
    setOwn(node, parts[parts.length - 1], value);
  }
  return out;
}

/**
 * Inverse of nest(), guided by the schema: descends into plain objects only where the schema has
 * dotted keys under that prefix, so a `json` parameter whose value is an object stays whole.
 */
export function flatten(schema: ParamSchema, nested: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(nested)) {
    const key = prefix ? `${prefix}.${k}` : k;
    const isGroup =
      !Object.hasOwn(schema, key) && v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(schema).some((s) => s.startsWith(key + '.'));
    if (isGroup) for (const [k2, v2] of Object.entries(flatten(schema, v as Record<string, unknown>, key))) setOwn(out, k2, v2);
    else setOwn(out, key, v);
  }
  return out;
}

// ---- URL codec --------------------------------------------------------------------------------

/** Bump when the meaning of encoded URLs changes; decode() rejects other versions with a message. */
export const URL_CODEC_VERSION = 1;

export interface RunLocator<P> {
  params: P;
  seed: number;
  /** virtual time in ms to jump to (every event due then included); none: a fresh run */
  timeMs?: number;
  preset?: string;
}

/**
 * Compact, readable, versioned query string: `v=1&seed=7&t=12000&arrivalRate=0.9`. Only params that
 * differ from the defaults are written, so links stay short and survive new parameters.
 */
export function encodeRun<S extends ParamSchema>(
  schema: S,
  run: RunLocator<ParamsOf<S>>,
  presets: { id: string; params: Partial<ParamsOf<S>> }[] = [],
): string {
  const q = new URLSearchParams();
  q.set('v', String(URL_CODEC_VERSION));
  q.set('seed', String(run.seed));
  // t=0 is written too: a run stepped at 0 has run the events due at 0, which a fresh run (no t) has not
  if (run.timeMs !== undefined && run.timeMs >= 0) q.set('t', String(Math.round(run.timeMs)));
  if (run.preset) q.set('preset', run.preset);
  // LOUD: decodeRun starts from the preset's params, so compare against those, not the bare
  // defaults; a preset we cannot see (not passed in) forces every param to be written.
  const preset = run.preset ? presets.find((p) => p.id === run.preset) : undefined;
  const writeAll = run.preset !== undefined && run.preset !== '' && !preset;
  const base = { ...(defaults(schema) as Record<string, unknown>), ...(preset?.params ?? {}) };
  const params = run.params as Record<string, unknown>;
  for (const key of Object.keys(schema)) {
    const spec = schema[key];
    if (writeAll || JSON.stringify(params[key]) !== JSON.stringify(base[key])) q.set(key, formatText(spec, params[key]));
  }
  return q.toString();
}

export interface DecodedRun<P> extends RunLocator<P> {
  errors: ParamError[];
}

/**
 * Decode a query string. Never throws: every problem becomes an error naming the parameter, and
 * that parameter falls back to its default (or to the preset's value when a preset is named).
 */
export function decodeRun<S extends ParamSchema>(
  schema: S,
  query: string | URLSearchParams,
  presets: { id: string; params: Partial<ParamsOf<S>>; seed?: number }[] = [],
  defaultSeed = 1,
): DecodedRun<ParamsOf<S>> {
  const q = typeof query === 'string' ? new URLSearchParams(query.replace(/^\?/, '')) : query;
  const errors: ParamError[] = [];
  const version = q.get('v');
  if (version !== null && version !== String(URL_CODEC_VERSION)) {
    errors.push({ field: 'v', value: version, message: `link format v=${version} is not supported (this lab reads v=${URL_CODEC_VERSION}); showing defaults` });
    return { params: defaults(schema), seed: defaultSeed, errors };
  }
  let base: Record<string, unknown> = {};
  let seed = defaultSeed;
  const presetId = q.get('preset') ?? undefined;
  if (presetId !== undefined) {
    const preset = presets.find((p) => p.id === presetId);
    if (preset) {
      base = { ...preset.params };
      if (preset.seed !== undefined) seed = preset.seed;
    } else {
      errors.push({ field: 'preset', value: presetId, message: `unknown preset ${JSON.stringify(presetId)}; known presets: ${presets.map((p) => p.id).join(', ')}` });
    }
  }
  const input: Record<string, unknown> = { ...base };
  for (const [key, text] of q.entries()) {
    if (key === 'v' || key === 'seed' || key === 't' || key === 'preset') continue;
    const spec = specOf(schema, key);
    setOwn(input, key, spec ? parseText(spec, text) : text);
  }
  const v = validate(schema, input);
  errors.push(...v.errors);
  // validate() falls back to the schema default; under a preset the preset's own value is the fallback
  const params = v.params as Record<string, unknown>;
  for (const e of v.errors) if (Object.hasOwn(schema, e.field) && base[e.field] !== undefined) params[e.field] = base[e.field];
  const seedText = q.get('seed');
  if (seedText !== null) {
    const n = parseSeed(seedText);
    if (n !== undefined) seed = n;
    else errors.push({ field: 'seed', value: seedText, message: seedMessage(seedText) });
  }
  let timeMs: number | undefined;
  const tText = q.get('t');
  if (tText !== null) {
    const n = /^[0-9]{1,16}(\.[0-9]{1,6})?$/.test(tText) ? Number(tText) : NaN;
    if (Number.isFinite(n)) timeMs = n;
    else errors.push({ field: 't', value: tText, message: `t = ${JSON.stringify(tText)} is invalid: expected a time in ms >= 0` });
  }
  return { params: v.params, seed, timeMs, preset: presetId, errors };
}
