/**
 * `npm run sim -- abr --trace <file|folder> --video <folder> --algorithm <name|a,b|all>
 *  [--mode reference|realistic] [--history isolated|carry] [--set key=value]… [--seed N] [--json]`
 *
 * Without --trace / --video the schema's synthetic trace / video are used (seeded by --seed).
 * Exit code 2 for bad input (a bad trace file names the file and the line).
 */
import type { CliIO } from '../../core/lab';
import { Rng } from '../../core/rng';
import { parseText, validate } from '../../core/params';
import { ALGORITHM_NAMES, type AlgorithmName, type SimulationMode } from '../constants';
import { parseTrace, TraceFormatError, type Trace } from '../network/trace';
import { joinPath, LADDERS, loadVideoFolder, VideoFormatError, type Video } from '../video/video';
import { createAlgorithm } from '../algorithms';
import { runReferenceBatch, type HistoryVariant } from '../session/reference';
import { runRealisticSession } from '../session/realistic';
import { toJsonResult, type SessionResult } from '../session/types';
import { abrSchema, type AbrParams } from './schema';
import { buildTrace, buildVideo, envFor, knobsFrom, playerConfigFrom } from './model';
import { checkAbrParams } from './checks';

export const ABR_CLI_USAGE = `usage: npm run sim -- abr [--trace <file|folder>] [--video <folder>] [--algorithm <name|a,b,...|all>]
                        [--mode realistic|reference] [--history isolated|carry] [--set key=value]... [--seed N] [--json]
  --trace      two-column "seconds Mbps" trace file, or a folder of them (played in file-name order)
  --video      folder with video_size_0..N-1 chunk-size files (one size in bytes per line)
  --algorithm  ${ALGORITHM_NAMES.join(', ')} (comma list, or all); default: the schema's algorithm
  --mode       reference reproduces the literature's simulator bit for bit; default realistic
  --history    reference mode with several traces: isolated (fresh algorithm per trace, default) or
               carry (robustMPC's error/estimate histories carry from trace to trace, as upstream)
  --set        any lab parameter, e.g. --set bba.reservoirS=8 (see the lab's schema)
  without --trace/--video the lab's synthetic trace/video (from --set trace.* / video.* and --seed) are used`;

class UsageError extends Error {}

export function parseAlgorithmList(text: string): AlgorithmName[] | string {
  if (text.trim() === 'all') return [...ALGORITHM_NAMES];
  const names = text.split(',').map((s) => s.trim()).filter(Boolean);
  if (names.length === 0) return 'no algorithm given';
  for (const n of names) {
    if (!(ALGORITHM_NAMES as readonly string[]).includes(n)) return `unknown algorithm ${JSON.stringify(n)}; known: ${ALGORITHM_NAMES.join(', ')}, or all`;
  }
  return names as AlgorithmName[];
}


interface CliOptions {
  trace?: string;
  video?: string;
  algorithms?: AlgorithmName[];
  mode?: SimulationMode;
  history: HistoryVariant;
  sets: Record<string, unknown>;
  seed: number;
  json: boolean;
  help: boolean;
}

function parseArgs(args: string[]): CliOptions {
  const o: CliOptions = { history: 'isolated', sets: {}, seed: 1, json: false, help: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string => {
      if (inline !== undefined) return inline;
      const v = args[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--trace':
        o.trace = value();
        break;
      case '--video':
        o.video = value();
        break;
      case '--algorithm':
      case '--algorithms': {
        const list = parseAlgorithmList(value());
        if (typeof list === 'string') throw new UsageError(`--algorithm: ${list}`);
        o.algorithms = list;
        break;
      }
      case '--mode': {
        const m = value();
        if (m !== 'reference' && m !== 'realistic') throw new UsageError(`--mode must be reference or realistic, got ${JSON.stringify(m)}`);
        o.mode = m;
        break;
      }
      case '--history': {
        const h = value();
        if (h !== 'isolated' && h !== 'carry') throw new UsageError(`--history must be isolated or carry, got ${JSON.stringify(h)}`);
        o.history = h;
        break;
      }
      case '--set': {
        const kv = value();
        const k = kv.indexOf('=');
        if (k <= 0) throw new UsageError(`--set expects key=value, got ${JSON.stringify(kv)}`);
        const key = kv.slice(0, k);
        const spec = (abrSchema as Record<string, Parameters<typeof parseText>[0]>)[key];
        o.sets[key] = spec ? parseText(spec, kv.slice(k + 1)) : kv.slice(k + 1);
        break;
      }
      case '--seed': {
        const s = Number(value());
        if (!Number.isInteger(s) || s < 0 || s > 0xffffffff) throw new UsageError('--seed must be an integer from 0 to 4294967295');
        o.seed = s;
        break;
      }
      case '--json':
        o.json = true;
        break;
      case '--help':
      case '-h':
        o.help = true;
        break;
      default:
        throw new UsageError(`unknown argument ${JSON.stringify(arg)}`);
    }
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
    if (names.length === 0) throw new UsageError(`${path}: no trace files in this folder`);
    return names.map((n) => ({ ...parseTrace(io.readFile(joinPath(path, n)), joinPath(path, n)), name: n }));
  }
  let text: string;
  try {
    text = io.readFile(path);
  } catch {
    throw new UsageError(`${path}: cannot read trace file`);
  }
  const trace = parseTrace(text, path);
  return [{ ...trace, name: baseName(path) }];
}

/** Run the CLI; returns the exit code. */
export function runAbrCli(args: string[], io: CliIO): number {
  try {
    const o = parseArgs(args);
    if (o.help) {
      io.stdout(ABR_CLI_USAGE + '\n');
      return 0;
    }
    const v = validate(abrSchema, o.sets);
    if (!v.ok) throw new UsageError(v.errors.map((e) => e.message).join('\n'));
    const params: AbrParams = { ...v.params, ...(o.mode ? { mode: o.mode } : {}) };
    // contradictory settings are refused (a trace file replaces the synthetic trace's settings)
    const contradictions = checkAbrParams(params).filter((e) => o.trace === undefined || !e.field.startsWith('trace.'));
    if (contradictions.length > 0) throw new UsageError(contradictions.map((e) => e.message).join('\n'));
    const mode = params.mode;
    const rng = new Rng(o.seed);
    const traces = o.trace !== undefined ? loadTraces(io, o.trace) : [buildTrace(params, rng)];
    let video: Video;
    if (o.video !== undefined) {
      if (!io.isDirectory(o.video)) throw new UsageError(`${o.video}: --video must be a folder of video_size_<q> files`);
      const ladder = mode === 'reference' ? LADDERS.pensieve : LADDERS[params['video.ladder']];
      video = loadVideoFolder(io, o.video, ladder, mode === 'reference' ? 4 : params['video.chunkS']);
    } else {
      video = buildVideo(params, rng);
    }
    const algorithms = o.algorithms ?? [params.algorithm];
    const results = runAll(traces, video, algorithms, params, o.history, (f) => io.progress(f, 'abr'));
    if (o.json) {
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
    if (err instanceof UsageError) {
      io.stderr(`abr: ${err.message}\n${ABR_CLI_USAGE}\n`);
      return 2;
    }
    throw err;
  }
}

/** Every (trace, algorithm) session, ordered trace by trace, algorithms in the order given. */
export function runAll(
  traces: readonly Trace[],
  video: Video,
  algorithms: readonly AlgorithmName[],
  params: AbrParams,
  history: HistoryVariant = 'isolated',
  progress?: (fraction: number) => void,
): SessionResult[] {
  const mode = params.mode;
  const byAlgorithm: SessionResult[][] = [];
  if (mode === 'reference') {
    algorithms.forEach((a, i) => {
      byAlgorithm.push(runReferenceBatch(traces, video, a, knobsFrom(params), history));
      progress?.((i + 1) / algorithms.length);
    });
  } else {
    const env = envFor('realistic', params, video);
    const knobs = knobsFrom(params);
    const config = playerConfigFrom(params);
    algorithms.forEach((a, i) => {
      byAlgorithm.push(traces.map((t) => runRealisticSession(t, video, createAlgorithm(a, env, knobs), config, env.objective)));
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
