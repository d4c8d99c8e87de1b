/**
 * Command-line flags of the chat cluster and load generator: `--name value` or `--name=value`, each
 * checked against its range; every problem is reported naming the flag (the CLIs exit 2).
 */
import { parseDecimal } from '../../simulations/core/params';

export type FlagSpec =
  | { kind: 'number'; min: number; max: number; integer?: boolean; default: number; help: string }
  | { kind: 'enum'; options: readonly string[]; default: string; help: string }
  | { kind: 'string'; default: string; help: string }
  | { kind: 'switch'; help: string };

export type FlagValues<S extends Record<string, FlagSpec>> = {
  [K in keyof S]: S[K] extends { kind: 'number' } ? number : S[K] extends { kind: 'switch' } ? boolean : string;
};

export class FlagError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

export function parseFlags<S extends Record<string, FlagSpec>>(argv: readonly string[], spec: S): FlagValues<S> {
  const out: Record<string, unknown> = {};
  for (const [k, s] of Object.entries(spec)) out[k] = s.kind === 'switch' ? false : s.default;
  const problems: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      problems.push(`unexpected argument ${JSON.stringify(arg)} (flags start with --)`);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const s = Object.hasOwn(spec, name) ? spec[name] : undefined;
    if (!s) {
      problems.push(`unknown flag --${name}; known: ${Object.keys(spec).map((k) => `--${k}`).join(', ')}`);
      continue;
    }
    if (s.kind === 'switch') {
      if (eq >= 0) problems.push(`--${name} takes no value`);
      out[name] = true;
      continue;
    }
    const text = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (text === undefined) {
      problems.push(`--${name} needs a value`);
      continue;
    }
    if (s.kind === 'number') {
      const n = parseDecimal(text);
      if (n === undefined || n < s.min || n > s.max || (s.integer && !Number.isInteger(n))) {
        problems.push(`--${name} = ${JSON.stringify(text)} is invalid: must be ${s.integer ? 'an integer' : 'a number'} from ${s.min} to ${s.max}`);
      } else out[name] = n;
    } else if (s.kind === 'enum') {
      if (!s.options.includes(text)) problems.push(`--${name} = ${JSON.stringify(text)} is invalid: must be one of ${s.options.join(', ')}`);
      else out[name] = text;
    } else out[name] = text;
  }
  if (problems.length) throw new FlagError(problems);
  return out as FlagValues<S>;
}

export function flagHelp(spec: Record<string, FlagSpec>): string {
  return Object.entries(spec)
    .map(([k, s]) => {
      const range = s.kind === 'number' ? ` (${s.min}–${s.max}, default ${s.default})` : s.kind === 'enum' ? ` (${s.options.join(' | ')}, default ${s.default})` : s.kind === 'string' ? ` (default ${JSON.stringify(s.default)})` : '';
      return `  --${k}${range}\n      ${s.help}`;
    })
    .join('\n');
}
