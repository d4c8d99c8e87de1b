/**
 * The one command-line parser of every lab (`npm run sim -- <lab> ...`): flags, presets, config
 * files, seeds and the cross-field checks. A lab with extra flags (ABR's --trace, ...) declares only
 * those; everything else is parsed, validated and reported here, the same way for every lab:
 *
 * - flags: `--config file.json`, `--set key=value` (repeatable), `--seed N`, `--preset id`, `--json`,
 *   `--help`; every flag also as `--flag=value`;
 * - input is merged in this order: the preset's params (and seed), the config file (nested or dotted
 *   keys; it may carry a `seed`), then `--set`, then `--seed`;
 * - keys are looked up as own properties only: `--set constructor=1` and a config
 *   `{"__proto__": {...}}` are refused naming the key;
 * - numbers are decimal (`parseDecimal`), seeds decimal digits only (`parseSeed`), as in the URL codec;
 * - then the lab's `checkParams` and its work budget (`paramProblems`), as the panel and links do.
 *
 * Every bad input throws CliUsageError with one message per problem, each naming the field;
 * `runLabCli` turns that into exit code 2. Pure: files come through `CliIO`.
 */
import type { AnyLab, CliIO } from './lab';
import { runHeadless } from './runner';
import { paramProblems, type BudgetedLab } from './budget';
import { flatten, isSeed, parseSeed, parseText, seedMessage, setOwn, specOf, validate, type ParamError, type ParamSchema } from './params';

export class CliUsageError extends Error {
  /** one line per problem, each naming the field (or the flag) */
  readonly messages: string[];
  /** true when the usage line helps (a malformed command line, not a bad value) */
  readonly showUsage: boolean;
  constructor(messages: string | string[], showUsage = false) {
    const list = Array.isArray(messages) ? messages : [messages];
    super(list.join('\n'));
    this.messages = list;
    this.showUsage = showUsage;
  }
}

/** One of a lab's own flags. */
export interface LabFlag {
  name: `--${string}`;
  /** other spellings (ABR's --algorithms) */
  aliases?: readonly `--${string}`[];
  /** takes a value (`--trace file`); otherwise a switch */
  value: boolean;
}

export interface CliArgs {
  configPath?: string;
  /** `key=value` texts, in order */
  sets: string[];
  seedText?: string;
  preset?: string;
  json: boolean;
  help: boolean;
  /** the lab's own flags by their main name: the value, or true for a switch */
  extra: Map<string, string | true>;
}

const COMMON_VALUE_FLAGS = new Set(['--config', '--set', '--seed', '--preset']);

/** Split the arguments after the lab id. Throws CliUsageError on an unknown or incomplete flag. */
export function parseCliArgs(args: readonly string[], labFlags: readonly LabFlag[] = []): CliArgs {
  const out: CliArgs = { sets: [], json: false, help: false, extra: new Map() };
  const own = new Map<string, LabFlag>();
  for (const f of labFlags) for (const n of [f.name, ...(f.aliases ?? [])]) own.set(n, f);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string => {
      if (inline !== undefined) return inline;
      const v = args[++i];
      if (v === undefined) throw new CliUsageError(`${flag} needs a value`, true);
      return v;
    };
    const labFlag = own.get(flag);
    if (labFlag) {
      if (labFlag.value) out.extra.set(labFlag.name, value());
      else if (inline !== undefined) throw new CliUsageError(`${flag} takes no value`, true);
      else out.extra.set(labFlag.name, true);
      continue;
    }
    if (COMMON_VALUE_FLAGS.has(flag)) {
      const v = value();
      if (flag === '--config') out.configPath = v;
      else if (flag === '--set') out.sets.push(v);
      else if (flag === '--seed') out.seedText = v;
      else out.preset = v;
    } else if ((flag === '--json' || flag === '--help' || flag === '-h') && inline === undefined) {
      if (flag === '--json') out.json = true;
      else out.help = true;
    } else throw new CliUsageError(`unknown argument ${JSON.stringify(arg)}`, true);
  }
  return out;
}

/** What the parser needs of a lab (a LabDefinition has it). */
export interface CliLab extends BudgetedLab {
  id: string;
  schema: ParamSchema;
  presets: readonly { id: string; params: Record<string, unknown>; seed?: number }[];
}

export interface ResolveOptions {
  /**
   * The lab's own spellings of values (Kafka's `acks: -1`): rewrite the flat input in place before
   * validation; return a problem per value it cannot read.
   */
  normalize?(input: Record<string, unknown>): ParamError[];
  /** Flat params set by the lab's own flags (ABR's --mode), applied after --set. */
  overrides?: Record<string, unknown>;
  /** Problems that do not apply to this run (ABR: a --trace file replaces the trace.* settings). */
  ignore?(e: ParamError): boolean;
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The first key anywhere in a parsed config that could reach a prototype, as a dotted path. */
function forbiddenKey(value: unknown, path: string): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  for (const [k, v] of Object.entries(value)) {
    const here = path ? `${path}.${k}` : k;
    if (FORBIDDEN_KEYS.has(k)) return here;
    const inner = forbiddenKey(v, here);
    if (inner !== undefined) return inner;
  }
  return undefined;
}

/** Read a config file: a JSON object of parameters (nested or dotted), optionally with a seed. */
export function readConfigFile(path: string, schema: ParamSchema, io: CliIO): { input: Record<string, unknown>; seed?: number } {
  let text: string;
  try {
    text = io.readFile(path);
  } catch (e) {
    throw new CliUsageError(`cannot read config ${path}: ${(e as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new CliUsageError(`config ${path} is not valid JSON: ${(e as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new CliUsageError(`config ${path} must be a JSON object of parameters`);
  }
  const bad = forbiddenKey(parsed, '');
  if (bad !== undefined) throw new CliUsageError(`config ${path}: key ${JSON.stringify(bad)} is not allowed (not a parameter)`);
  const input = flatten(schema, parsed as Record<string, unknown>);
  let seed: number | undefined;
  if (Object.hasOwn(input, 'seed') && !specOf(schema, 'seed')) {
    const raw = input.seed;
    seed = typeof raw === 'string' ? parseSeed(raw) : isSeed(raw) ? raw : undefined;
    if (seed === undefined) throw new CliUsageError(seedMessage(typeof raw === 'string' ? raw : String(JSON.stringify(raw) ?? raw), `seed in ${path}`));
    delete input.seed;
  }
  return { input, seed };
}

/** `key=value` → [key, value]; refuses a missing key or `=`. */
function splitAssignment(text: string): [string, string] {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new CliUsageError(`--set ${JSON.stringify(text)}: expected key=value`, true);
  return [text.slice(0, eq), text.slice(eq + 1)];
}

/**
 * Parsed arguments → the run's validated params and seed: preset, config, --set, --seed, then the
 * lab's cross-field rules and work budget. Throws CliUsageError listing every problem.
 */
export function resolveRunInput<P = Record<string, unknown>>(lab: CliLab, args: CliArgs, io: CliIO, options: ResolveOptions = {}): { params: P; seed: number } {
  const schema = lab.schema;
  let seed = 1;
  const input: Record<string, unknown> = {};
  if (args.preset !== undefined) {
    const preset = lab.presets.find((p) => p.id === args.preset);
    if (!preset) throw new CliUsageError(`unknown preset ${JSON.stringify(args.preset)}; presets of ${lab.id}: ${lab.presets.map((p) => p.id).join(', ') || 'none'}`);
    for (const [k, v] of Object.entries(preset.params)) setOwn(input, k, v);
    if (preset.seed !== undefined) seed = preset.seed;
  }
  if (args.configPath !== undefined) {
    const config = readConfigFile(args.configPath, schema, io);
    for (const [k, v] of Object.entries(config.input)) setOwn(input, k, v);
    if (config.seed !== undefined) seed = config.seed;
  }
  for (const assignment of args.sets) {
    const [key, text] = splitAssignment(assignment);
    const spec = specOf(schema, key);
    setOwn(input, key, spec ? parseText(spec, text) : text);
  }
  for (const [k, v] of Object.entries(options.overrides ?? {})) setOwn(input, k, v);
  if (args.seedText !== undefined) {
    const s = parseSeed(args.seedText);
    if (s === undefined) throw new CliUsageError(seedMessage(args.seedText));
    seed = s;
  }
  const keep = (e: ParamError) => !options.ignore?.(e);
  const spelled = (options.normalize?.(input) ?? []).filter(keep);
  const v = validate(schema, input);
  const fieldErrors = [...spelled, ...v.errors.filter((e) => !spelled.some((s) => s.field === e.field))].filter(keep);
  if (fieldErrors.length > 0) throw new CliUsageError(fieldErrors.map((e) => e.message));
  const problems = paramProblems(lab, v.params).filter(keep);
  if (problems.length > 0) throw new CliUsageError(problems.map((e) => e.message));
  return { params: v.params as P, seed };
}

/** Report a CliUsageError the same way for every lab; returns the exit code (2). */
export function reportUsageError(e: CliUsageError, labId: string, io: CliIO, usage: string, prefix = ''): number {
  for (const m of e.messages) io.stderr(`${labId}: ${prefix}${m}\n`);
  if (e.showUsage) io.stderr(`${usage}\n`);
  return 2;
}

/** How a lab that runs on the generic runner prints its result (and its own value spellings). */
export interface LabCliSpec {
  usage: string;
  /** shown by --help (default: usage) */
  help?: string;
  /** prefix of every problem line (Kafka: 'ConfigException: ') */
  errorPrefix?: string;
  normalize?: ResolveOptions['normalize'];
  /** the --json document, as text without the trailing newline (default: pretty-printed result) */
  json?(result: unknown): string;
  /** the readable summary */
  text(result: unknown, params: Record<string, unknown>, seed: number): string;
}

/**
 * The whole command line of a lab that runs headless: parse, resolve, run, print. Returns the exit
 * code: 0, or 2 for bad input. A crash inside the run is not caught (the caller reports it, exit 1).
 */
export async function runLabCli(lab: AnyLab, args: readonly string[], io: CliIO, spec: LabCliSpec): Promise<number> {
  let resolved: { params: Record<string, unknown>; seed: number };
  let json: boolean;
  try {
    const parsed = parseCliArgs(args);
    if (parsed.help) {
      io.stdout(`${spec.help ?? spec.usage}\n`);
      return 0;
    }
    json = parsed.json;
    resolved = resolveRunInput(lab as unknown as CliLab, parsed, io, { normalize: spec.normalize });
  } catch (e) {
    if (e instanceof CliUsageError) return reportUsageError(e, lab.id, io, spec.usage, spec.errorPrefix);
    throw e;
  }
  const { result } = runHeadless(lab, resolved.params, resolved.seed, (f) => io.progress(f, lab.id));
  io.progress(1, lab.id);
  io.stdout(json ? `${spec.json ? spec.json(result) : JSON.stringify(result, null, 2)}\n` : spec.text(result, resolved.params, resolved.seed));
  return 0;
}
