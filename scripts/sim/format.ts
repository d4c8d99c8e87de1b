/** Text rendering for the sim CLI: lab list, schema help, and the result table. */
import type { AnyLab } from '../../simulations/core/lab';
import { describeRange, formatText, type ParamSchema, type ParamSpec } from '../../simulations/core/params';

export const GENERIC_USAGE = 'usage: npm run sim -- <lab> [--config file.json] [--set key=value ...] [--seed N] [--preset id] [--json]';

function table(rows: string[][], indent = '  '): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => indent + row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ').trimEnd()).join('\n');
}

export function labList(labs: AnyLab[]): string {
  const rows = [['lab', 'topic', 'title'], ...labs.map((l) => [l.id, l.topic, l.title])];
  return `${GENERIC_USAGE}\n       npm run sim -- <lab> --help   (parameters, units, ranges, defaults, presets)\n\nlabs:\n${table(rows)}\n`;
}

function typeOf(spec: ParamSpec): string {
  if (spec.type === 'number') return spec.integer ? 'integer' : 'number';
  return spec.type;
}

function rangeOf(spec: ParamSpec): string {
  switch (spec.type) {
    case 'number':
      return `${spec.min} … ${spec.max}`;
    case 'enum':
      return spec.options.join(' | ');
    case 'boolean':
      return 'true | false';
    case 'json':
      return 'JSON';
  }
}

export function schemaHelp(lab: AnyLab): string {
  const schema = lab.schema as ParamSchema;
  const rows = [
    ['key', 'type', 'unit', 'range', 'default', 'description'],
    ...Object.entries(schema).map(([key, spec]) => [
      key,
      typeOf(spec),
      spec.type === 'number' ? (spec.unit ?? '') : '',
      rangeOf(spec),
      formatText(spec, spec.default),
      spec.description,
    ]),
  ];
  const presets = lab.presets.length
    ? `\npresets (--preset id):\n${table(lab.presets.map((p: { id: string; title: string }) => [p.id, p.title]))}\n`
    : '';
  const usage = lab.cli ? lab.cli.usage : GENERIC_USAGE.replace('<lab>', lab.id);
  return `${lab.id}: ${lab.title} (${lab.topic})\n${lab.summary}\n\n${usage}\n\nparameters (--set key=value, or keys of the --config JSON, nested or dotted):\n${table(rows)}\n${presets}`;
}

/** Ranges in words, for error messages that need more than the validator's text. */
export { describeRange };

function formatNumber(x: number): string {
  if (Number.isInteger(x)) return String(x);
  const abs = Math.abs(x);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e7)) return x.toExponential(3);
  return String(Number(x.toPrecision(5)));
}

function formatValue(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) {
    if (v.length <= 8 && v.every((x) => x === null || typeof x !== 'object')) return v.map(formatValue).join(', ');
    return `[${v.length} items; see --json]`;
  }
  return JSON.stringify(v);
}

/** Flatten nested objects into dotted keys, one table row per leaf. */
function rowsOf(value: unknown, prefix: string, out: string[][]): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) rowsOf(v, prefix ? `${prefix}.${k}` : k, out);
  } else out.push([prefix || 'result', formatValue(value)]);
}

export function resultTable(lab: AnyLab, seed: number, changed: Record<string, unknown>, result: unknown): string {
  const set = Object.entries(changed)
    .map(([k, v]) => `${k}=${formatValue(v)}`)
    .join(' ');
  const rows: string[][] = [];
  rowsOf(result, '', rows);
  return `${lab.title}, seed ${seed}${set ? `, ${set}` : ' (defaults)'}\n${table(rows)}\n`;
}
