/**
 * Headless runs of any lab: `npm run sim -- <lab> [--config file.json] [--set key=value ...]
 * [--seed N] [--preset id] [--json]`.
 *
 * Every lab's arguments go through one parser (simulations/core/cli.ts: flags, presets, config
 * files, seeds, validation, checkParams and the work budget); a lab with its own `cli` adds only its
 * own flags and output. Exit codes: 0 ok,
 * 1 the run itself failed, 2 bad input (unknown lab, unknown key, bad value, unreadable config).
 * stdout carries only the result (one JSON document with --json); messages and progress go to stderr.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AnyLab, CliIO } from '../simulations/core/lab';
import { defaults, type ParamSchema } from '../simulations/core/params';
import { CliUsageError, reportUsageError, runLabCli } from '../simulations/core/cli';
import { GENERIC_USAGE, labList, resultTable, schemaHelp } from './sim/format';
import { nodeIO } from './sim/node-io';
import { nodeAssetReader } from './sim/public-assets';
import { setAssetReader } from '../simulations/core/assets';
import { catalogOf, registeredLabs, type LabCatalog } from './sim/labs';
import type { racePartitionerFile } from '../code-lab/kafka/node';
import type { raceBackoffFile } from '../code-lab/chat/node';

type RacePartitionerFile = typeof racePartitionerFile;
type RaceBackoffFile = typeof raceBackoffFile;

/**
 * What the CLI lends a lab beyond files and streams. ABR's --algorithm-file, Kafka's
 * --partitioner-file and chat's --backoff-file run the learner's TypeScript in the code lab's QuickJS sandbox (loaded only
 * when the flag is used).
 */
const CLI_EXTRAS: Record<string, Record<string, unknown>> = {
  abr: { loadAlgorithmFile: async (path: string, io: CliIO) => (await import('../code-lab/abr/node')).loadAbrAlgorithmFile(path, io) },
  chat: { raceBackoffFile: async (...args: Parameters<RaceBackoffFile>) => (await import('../code-lab/chat/node')).raceBackoffFile(...args) },
  kafka: { racePartitionerFile: async (...args: Parameters<RacePartitionerFile>) => (await import('../code-lab/kafka/node')).racePartitionerFile(...args) },
};

/** A lab without its own `cli`: the shared parser (simulations/core/cli.ts), the result as a table. */
function runGeneric(lab: AnyLab, args: string[], io: CliIO): Promise<number> {
  const schema = lab.schema as ParamSchema;
  return runLabCli(lab, args, io, {
    usage: GENERIC_USAGE.replace('<lab>', lab.id),
    help: schemaHelp(lab).replace(/\n$/, ''),
    text(result, params, seed) {
      const def = defaults(schema) as Record<string, unknown>;
      const changed = Object.fromEntries(Object.keys(schema).filter((k) => JSON.stringify(params[k]) !== JSON.stringify(def[k])).map((k) => [k, params[k]]));
      return resultTable(lab, seed, changed, result);
    },
  });
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
      return await lab.cli.run(rest, io, CLI_EXTRAS[lab.id]);
    }
    return await runGeneric(lab, rest, io);
  } catch (e) {
    if (e instanceof CliUsageError) return reportUsageError(e, lab.id, io, lab.cli?.usage ?? GENERIC_USAGE.replace('<lab>', lab.id));
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
  setAssetReader(nodeAssetReader());
  return main(argv, nodeIO()).then(
    (code) => void (process.exitCode = code),
    (e) => {
      process.stderr.write(`sim: ${(e as Error).stack ?? String(e)}\n`);
      process.exitCode = 1;
    },
  );
}

if (isEntryPoint()) void runCli(process.argv.slice(2));
