/**
 * Headless runs of any lab: `npm run sim -- <lab> [--config file.json] [--set key=value ...]
 * [--seed N] [--preset id] [--json]`.
 *
 * A lab with its own `cli` gets the arguments after its id. Otherwise the schema drives
 * everything: config keys (nested or dotted), --set overrides, validation. Exit codes: 0 ok,
 * 1 the run itself failed, 2 bad input (unknown lab, unknown key, bad value, unreadable config).
 * stdout carries only the result (one JSON document with --json); messages and progress go to stderr.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AnyLab, CliIO } from '../simulations/core/lab';
import { defaults, flatten, parseText, validate, type ParamSchema } from '../simulations/core/params';
import { runHeadless } from '../simulations/core/runner';
import { paramProblems } from '../simulations/core/budget';
import { GENERIC_USAGE, labList, resultTable, schemaHelp } from './sim/format';
import { nodeIO } from './sim/node-io';
import { catalogOf, registeredLabs, type LabCatalog } from './sim/labs';

class UsageError extends Error {}

interface GenericArgs {
  configPath?: string;
  sets: string[];
  seed?: string;
  preset?: string;
  json: boolean;
  help: boolean;
}

function parseGenericArgs(args: string[]): GenericArgs {
  const out: GenericArgs = { sets: [], json: false, help: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      if (eq > 0) return arg.slice(eq + 1);
      const v = args[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--config':
        out.configPath = value();
        break;
      case '--set':
        out.sets.push(value());
        break;
      case '--seed':
        out.seed = value();
        break;
      case '--preset':
        out.preset = value();
        break;
      case '--json':
        out.json = true;
        break;
      case '--help':
      case '-h':
        out.help = true;
        break;
      default:
        throw new UsageError(`unknown argument ${JSON.stringify(arg)}`);
    }
  }
  return out;
}

function parseSeed(text: string, source: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isInteger(n) || n < 0 || n > 0xffffffff) {
    throw new UsageError(`${source} = ${JSON.stringify(text)} is invalid: expected an integer from 0 to 4294967295`);
  }
  return n;
}

function readConfig(path: string, schema: ParamSchema, io: CliIO): { input: Record<string, unknown>; seed?: number } {
  let text: string;
  try {
    text = io.readFile(path);
  } catch (e) {
    throw new UsageError(`cannot read config ${path}: ${(e as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`config ${path} is not valid JSON: ${(e as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new UsageError(`config ${path} must be a JSON object of parameters`);
  }
  const input = flatten(schema, parsed as Record<string, unknown>);
  let seed: number | undefined;
  if ('seed' in input && !('seed' in schema)) {
    seed = parseSeed(String(input.seed), `seed in ${path}`);
    delete input.seed;
  }
  return { input, seed };
}

async function runGeneric(lab: AnyLab, args: string[], io: CliIO): Promise<number> {
  const schema = lab.schema as ParamSchema;
  const opts = parseGenericArgs(args);
  if (opts.help) {
    io.stdout(schemaHelp(lab));
    return 0;
  }
  let seed = 1;
  let input: Record<string, unknown> = {};
  if (opts.preset !== undefined) {
    const preset = lab.presets.find((p: { id: string }) => p.id === opts.preset);
    if (!preset) throw new UsageError(`unknown preset ${JSON.stringify(opts.preset)}; presets of ${lab.id}: ${lab.presets.map((p: { id: string }) => p.id).join(', ') || 'none'}`);
    input = { ...preset.params };
    if (preset.seed !== undefined) seed = preset.seed;
  }
  if (opts.configPath !== undefined) {
    const config = readConfig(opts.configPath, schema, io);
    Object.assign(input, config.input);
    if (config.seed !== undefined) seed = config.seed;
  }
  for (const assignment of opts.sets) {
    const eq = assignment.indexOf('=');
    if (eq <= 0) throw new UsageError(`--set ${JSON.stringify(assignment)}: expected key=value`);
    const key = assignment.slice(0, eq);
    const text = assignment.slice(eq + 1);
    input[key] = schema[key] ? parseText(schema[key], text) : text;
  }
  if (opts.seed !== undefined) seed = parseSeed(opts.seed, 'seed');
  const v = validate(schema, input);
  const errors = v.ok ? paramProblems(lab, v.params) : v.errors;
  if (errors.length > 0) {
    for (const e of errors) io.stderr(`${lab.id}: ${e.message}\n`);
    return 2;
  }
  const { result } = runHeadless(lab, v.params, seed, (f) => io.progress(f, lab.id));
  io.progress(1, lab.id);
  if (opts.json) io.stdout(JSON.stringify(result, null, 2) + '\n');
  else {
    const def = defaults(schema) as Record<string, unknown>;
    const params = v.params as Record<string, unknown>;
    const changed = Object.fromEntries(Object.keys(schema).filter((k) => JSON.stringify(params[k]) !== JSON.stringify(def[k])).map((k) => [k, params[k]]));
    io.stdout(resultTable(lab, seed, changed, result));
  }
  return 0;
}

/** The whole CLI, minus the process: `argv` excludes node and the script. Returns the exit code. */
export async function main(argv: string[], io: CliIO, labs: readonly AnyLab[] | LabCatalog = registeredLabs): Promise<number> {
  const catalog = Array.isArray(labs) ? catalogOf(labs) : (labs as LabCatalog);
  const [labId, ...rest] = argv;
  if (labId === undefined || labId === '--help' || labId === '-h') {
    (labId === undefined ? io.stderr : io.stdout)(labList(await catalog.all()));
    return labId === undefined ? 2 : 0;
  }
  const lab = labId.startsWith('-') ? undefined : await catalog.find(labId);
  if (!lab) {
    const labs = await catalog.all();
    const what = labId.startsWith('-') ? `expected a lab id first, got ${JSON.stringify(labId)}` : `unknown lab ${JSON.stringify(labId)}`;
    io.stderr(`sim: ${what}; labs: ${labs.map((l) => l.id).join(', ')}\n${GENERIC_USAGE}\n`);
    return 2;
  }
  try {
    if (lab.cli) {
      if (rest.length === 1 && (rest[0] === '--help' || rest[0] === '-h')) {
        io.stdout(schemaHelp(lab));
        return 0;
      }
      return await lab.cli.run(rest, io);
    }
    return await runGeneric(lab, rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`${lab.id}: ${e.message}\n${GENERIC_USAGE.replace('<lab>', lab.id)}\n`);
      return 2;
    }
    io.stderr(`${lab.id}: run failed: ${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }
}

function isEntryPoint(): boolean {
  if (!process.argv[1]) return false;
  try {
    return realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

/** Run the CLI in this process on Node: sets `process.exitCode`. The prebuilt bundle (dist/sim.mjs) exports it. */
export function runCli(argv: string[]): Promise<void> {
  return main(argv, nodeIO()).then(
    (code) => void (process.exitCode = code),
    (e) => {
      process.stderr.write(`sim: ${(e as Error).stack ?? String(e)}\n`);
      process.exitCode = 1;
    },
  );
}

if (isEntryPoint()) void runCli(process.argv.slice(2));
