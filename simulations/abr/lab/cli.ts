/**
 * `npm run sim -- abr --trace <file|folder> --video <folder> --algorithm <name|a,b|all>
 *  [--mode reference|realistic] [--history isolated|carry] [--set key=value]… [--seed N] [--json]`
 *
 * Without --trace / --video the schema's synthetic trace / video are used (seeded by --seed).
 * Exit code 2 for bad input (a bad trace file names the file and the line).
 */
import type { CliIO } from '../../core/lab';
import { Rng } from '../../core/rng';
import type { ParamError } from '../../core/params';
import { CliUsageError, parseCliArgs, reportUsageError, resolveRunInput, type CliLab, type LabFlag } from '../../core/cli';
import { ALGORITHM_NAMES, YOURS, type AlgorithmName, type RacerName, type SimulationMode } from '../constants';
import { parseTrace, TraceFormatError, type Trace } from '../network/trace';
import { isTraceSetId, loadTraceSet, parseTraceSet, TRACE_SET_IDS, type TraceSetId } from '../network/realTraces';
import { AssetUnavailableError } from '../../core/assets';
import { joinPath, LADDERS, loadVideoFolder, VideoFormatError, type Video } from '../video/video';
import { createAlgorithm } from '../algorithms';
import { referenceEnv, runReferenceBatch, runReferenceSession, type HistoryVariant } from '../session/reference';
import type { AlgorithmEnv } from '../algorithms/types';
import type { YoursFactory } from '../algorithms/yours';
import { runRealisticSession } from '../session/realistic';
import { toJsonResult, type SessionResult } from '../session/types';
import type { AbrParams } from './schema';
import { buildTrace, buildVideo, envFor, knobsFrom, playerConfigFrom } from './model';
import { abrSchema as schema } from './schema';
import { abrPresets } from './presets';
import { checkAbrParams } from './checks';
import { estimateAbr } from './budget';

/** What the shared parser needs of the lab (definition.ts imports this file, so not the definition itself). */
const abrLab = (): CliLab => ({ id: 'abr', schema, presets: abrPresets, checkParams: checkAbrParams, budget: { estimate: estimateAbr } });

export const ABR_CLI_USAGE = `usage: npm run sim -- abr [--trace <file|folder> | --trace-set <name>] [--video <folder>] [--algorithm <name|a,b,...|all>]
                        [--algorithm-file <my-abr.ts>] [--mode realistic|reference] [--history isolated|carry]
                        [--set key=value]... [--seed N] [--json]
  --trace      two-column "seconds Mbps" trace file, a folder of them (played in file-name order), or a
               trace-set file ("= <name> <network>" headers, every trace in it, in file order)
  --trace-set  a shipped real dataset, every trace in it (public/traces/<name>.traces): ${TRACE_SET_IDS.join(', ')}
               (one shipped trace: --set trace.kind=real --set trace.real=<name>/<trace>)
  --video      folder with video_size_0..N-1 chunk-size files (one size in bytes per line)
  --algorithm  ${ALGORITHM_NAMES.join(', ')} (comma list, or all); default: the schema's algorithm
  --algorithm-file  your own algorithm in TypeScript (export function createAlgorithm(env): Algorithm,
               see the lab's code panel), raced as "yours" after the --algorithm list (alone without it)
               in the same QuickJS sandbox as the page: no clock, no I/O, a CPU budget per decision
  --mode       reference reproduces the literature's simulator bit for bit; default realistic
  --history    reference mode with several traces: isolated (fresh algorithm per trace, default) or
               carry (robustMPC's error/estimate histories carry from trace to trace, as upstream)
  --set        any lab parameter, e.g. --set bba.reservoirS=8 (see the lab's schema)
  without --trace/--video the lab's synthetic trace/video (from --set trace.* / video.* and --seed) are used`;

export function parseAlgorithmList(text: string): AlgorithmName[] | string {
  if (text.trim() === 'all') return [...ALGORITHM_NAMES];
  const names = text.split(',').map((s) => s.trim()).filter(Boolean);
  if (names.length === 0) return 'no algorithm given';
  for (const n of names) {
    if (!(ALGORITHM_NAMES as readonly string[]).includes(n)) return `unknown algorithm ${JSON.stringify(n)}; known: ${ALGORITHM_NAMES.join(', ')}, or all`;
  }
  return names as AlgorithmName[];
}


/** ABR's own flags; the shared parser (simulations/core/cli.ts) does --set, --seed, --preset, --config, --json. */
const ABR_FLAGS: readonly LabFlag[] = [
  { name: '--trace', value: true },
  { name: '--trace-set', value: true },
  { name: '--video', value: true },
  { name: '--algorithm', aliases: ['--algorithms'], value: true },
  { name: '--mode', value: true },
  { name: '--history', value: true },
  { name: '--algorithm-file', value: true },
];

interface AbrRunOptions {
  algorithmFile?: string;
  trace?: string;
  traceSet?: TraceSetId;
  video?: string;
  algorithms?: AlgorithmName[];
  mode?: SimulationMode;
  history: HistoryVariant;
}

function abrOptions(extra: Map<string, string | true>): AbrRunOptions {
  const text = (name: string) => extra.get(name) as string | undefined;
  const o: AbrRunOptions = { trace: text('--trace'), video: text('--video'), history: 'isolated', algorithmFile: text('--algorithm-file') };
  const set = text('--trace-set');
  if (set !== undefined) {
    if (o.trace !== undefined) throw new CliUsageError('give --trace or --trace-set, not both', true);
    if (!isTraceSetId(set)) throw new CliUsageError(`--trace-set: unknown set ${JSON.stringify(set)}; known: ${TRACE_SET_IDS.join(', ')}`, true);
    o.traceSet = set;
  }
  const algorithm = text('--algorithm');
  if (algorithm !== undefined) {
    const list = parseAlgorithmList(algorithm);
    if (typeof list === 'string') throw new CliUsageError(`--algorithm: ${list}`, true);
    o.algorithms = list;
  }
  const m = text('--mode');
  if (m !== undefined) {
    if (m !== 'reference' && m !== 'realistic') throw new CliUsageError(`--mode must be reference or realistic, got ${JSON.stringify(m)}`, true);
    o.mode = m;
  }
  const h = text('--history');
  if (h !== undefined) {
    if (h !== 'isolated' && h !== 'carry') throw new CliUsageError(`--history must be isolated or carry, got ${JSON.stringify(h)}`, true);
    o.history = h;
  }
  return o;
}

function baseName(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

function loadTraces(io: CliIO, path: string): Trace[] {
  if (io.isDirectory(path)) {
    const names = io.readDir(path).filter((n) => !n.startsWith('.') && !io.isDirectory(joinPath(path, n)));
    if (names.length === 0) throw new CliUsageError(`${path}: no trace files in this folder`);
    return names.map((n) => ({ ...parseTrace(io.readFile(joinPath(path, n)), joinPath(path, n)), name: n }));
  }
  let text: string;
  try {
    text = io.readFile(path);
  } catch {
    throw new CliUsageError(`${path}: cannot read trace file`);
  }
  if (isTraceSetText(text)) return parseTraceSet(text, path).map((t) => t.trace);
  const trace = parseTrace(text, path);
  return [{ ...trace, name: baseName(path) }];
}

/** A trace-set file's first line that is not blank or a comment is a "= <name> <network>" header. */
function isTraceSetText(text: string): boolean {
  const first = text.split(/\r?\n/).find((l) => l.trim() !== '' && !l.trim().startsWith('#'));
  return first !== undefined && first.trim().startsWith('=');
}

/** Loads a learner's algorithm file (scripts/sim.ts lends code-lab/abr/node.ts's loader). */
type AlgorithmFileLoader = (path: string, io: CliIO) => Promise<YoursFactory>;

/** Run the CLI; returns the exit code. */
export async function runAbrCli(args: string[], io: CliIO, extras: Readonly<Record<string, unknown>> = {}): Promise<number> {
  try {
    const parsed = parseCliArgs(args, ABR_FLAGS);
    if (parsed.help) {
      io.stdout(ABR_CLI_USAGE + '\n');
      return 0;
    }
    const o = abrOptions(parsed.extra);
    // contradictory settings are refused; a trace file replaces the synthetic trace's settings, a
    // video folder the synthetic video's
    const fromFiles = o.trace !== undefined || o.traceSet !== undefined;
    const replaced = (e: ParamError) => (fromFiles && e.field.startsWith('trace.')) || (o.video !== undefined && e.field.startsWith('video.'));
    const { params, seed } = resolveRunInput<AbrParams>(abrLab(), parsed, io, { overrides: o.mode ? { mode: o.mode } : {}, ignore: replaced });
    const mode = params.mode;
    const rng = new Rng(seed);
    const traces = o.traceSet !== undefined ? loadTraceSet(o.traceSet).map((t) => t.trace) : o.trace !== undefined ? loadTraces(io, o.trace) : [buildTrace(params, rng)];
    let video: Video;
    if (o.video !== undefined) {
      if (!io.isDirectory(o.video)) throw new CliUsageError(`${o.video}: --video must be a folder of video_size_<q> files`);
      const ladder = mode === 'reference' ? LADDERS.pensieve : LADDERS[params['video.ladder']];
      video = loadVideoFolder(io, o.video, ladder, mode === 'reference' ? 4 : params['video.chunkS']);
    } else {
      video = buildVideo(params, rng);
    }
    let yours: { factory: YoursFactory; seed: number } | undefined;
    if (o.algorithmFile !== undefined) {
      const load = extras.loadAlgorithmFile as AlgorithmFileLoader | undefined;
      if (typeof load !== 'function') throw new CliUsageError('--algorithm-file needs the code lab\'s sandbox: run it through `npm run sim`');
      yours = { factory: await loadOrExplain(load, o.algorithmFile, io), seed };
    }
    const algorithms: RacerName[] = yours ? [...(o.algorithms ?? []), YOURS] : (o.algorithms ?? [params.algorithm]);
    const results = runAll(traces, video, algorithms, params, o.history, (f) => io.progress(f, 'abr'), yours);
    if (parsed.json) {
      io.stdout(JSON.stringify(results.map(toJsonResult)) + '\n');
    } else {
      io.stdout(formatTable(results, mode));
    }
    return 0;
  } catch (err) {
    if (err instanceof TraceFormatError || err instanceof VideoFormatError) {
      io.stderr(`abr: bad ${err instanceof TraceFormatError ? 'trace' : 'video'} file ${err.file}, line ${err.line}: ${err.problem}\n`);
      return 2;
    }
    if (err instanceof CliUsageError) return reportUsageError(err, 'abr', io, ABR_CLI_USAGE);
    if (err instanceof AssetUnavailableError) {
      io.stderr(`abr: ${err.message}\n`);
      return 2;
    }
    // the learner's code failed (a SandboxError names its file, line and column): bad input, not a crash
    if (err instanceof Error && err.name === 'SandboxError') {
      io.stderr(`abr: your algorithm failed: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

async function loadOrExplain(load: AlgorithmFileLoader, path: string, io: CliIO): Promise<YoursFactory> {
  try {
    return await load(path, io);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new CliUsageError(`--algorithm-file: ${e instanceof Error && e.name === 'SandboxError' ? `${message} (does not compile)` : message}`);
  }
}

/** Every (trace, algorithm) session, ordered trace by trace, algorithms in the order given. */
export function runAll(
  traces: readonly Trace[],
  video: Video,
  algorithms: readonly RacerName[],
  params: AbrParams,
  history: HistoryVariant = 'isolated',
  progress?: (fraction: number) => void,
  yours?: { factory: YoursFactory; seed: number },
): SessionResult[] {
  const mode = params.mode;
  const byAlgorithm: SessionResult[][] = [];
  // the learner's algorithm: a fresh sandbox per trace, Math.random seeded per trace from the run's seed
  const yoursOn = (env: AlgorithmEnv, traceIndex: number) => {
    if (!yours) throw new CliUsageError('"yours" needs --algorithm-file <file.ts>');
    return yours.factory(env, { slot: `trace${traceIndex}`, seed: new Rng(yours.seed).stream(`yours.trace${traceIndex}`).nextUint32() });
  };
  if (mode === 'reference') {
    algorithms.forEach((a, i) => {
      if (a === YOURS) {
        const env = referenceEnv(video);
        byAlgorithm.push(traces.map((t, k) => runReferenceSession(t, video, yoursOn(env, k), env.objective)));
      } else byAlgorithm.push(runReferenceBatch(traces, video, a, knobsFrom(params), history));
      progress?.((i + 1) / algorithms.length);
    });
  } else {
    const env = envFor('realistic', params, video);
    const knobs = knobsFrom(params);
    const config = playerConfigFrom(params);
    algorithms.forEach((a, i) => {
      byAlgorithm.push(traces.map((t, k) => runRealisticSession(t, video, a === YOURS ? yoursOn(env, k) : createAlgorithm(a, env, knobs), config, env.objective)));
      progress?.((i + 1) / algorithms.length);
    });
  }
  const out: SessionResult[] = [];
  for (let t = 0; t < traces.length; t++) for (let a = 0; a < algorithms.length; a++) out.push(byAlgorithm[a][t]);
  return out;
}

function formatTable(results: SessionResult[], mode: SimulationMode): string {
  const head = ['trace', 'algorithm', 'qoe', 'qoeAll', 'meanKbps', 'rebufS', 'switches', 'startupS'];
  const rows = results.map((r) => [r.trace, r.algorithm, r.qoe.toFixed(3), r.qoeAll.toFixed(3), r.meanBitrateKbps.toFixed(0), r.rebufferS.toFixed(2), String(r.switches), r.startupDelayS.toFixed(2)]);
  const traces = new Set(results.map((r) => r.trace)).size;
  if (traces > 1) {
    const names = [...new Set(results.map((r) => r.algorithm))];
    for (const a of names) {
      const rs = results.filter((r) => r.algorithm === a);
      const mean = (f: (r: SessionResult) => number) => rs.reduce((s, r) => s + f(r), 0) / rs.length;
      rows.push([`mean of ${rs.length}`, a, mean((r) => r.qoe).toFixed(3), mean((r) => r.qoeAll).toFixed(3), mean((r) => r.meanBitrateKbps).toFixed(0), mean((r) => r.rebufferS).toFixed(2), mean((r) => r.switches).toFixed(1), mean((r) => r.startupDelayS).toFixed(2)]);
    }
  }
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return `mode: ${mode} (qoe excludes chunk 0; qoeAll includes it)\n${line(head)}\n${rows.map(line).join('\n')}\n`;
}

export const abrCli = { usage: ABR_CLI_USAGE, run: runAbrCli };
