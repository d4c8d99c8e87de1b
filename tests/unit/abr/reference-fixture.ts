/**
 * The Pensieve reference data as the repository ships it (public/traces/README.md): the 142 Norway
 * HSDPA test traces in public/traces/norway-3g.traces (samples verbatim) and the chunk sizes in
 * public/traces/pensieve-video/. The tests that read single files get the set unpacked into a
 * temporary folder, one upstream-named file per trace, exactly as the reference simulator reads them.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseTrace, type Trace } from '@/simulations/abr/network/trace';
import { parseTraceSet } from '@/simulations/abr/network/realTraces';
import { loadVideoFolder, type Video } from '@/simulations/abr/video/video';

export const REFERENCE_DIR = path.resolve(process.cwd(), 'public/traces');
export const TRACE_SET_FILE = path.join(REFERENCE_DIR, 'norway-3g.traces');
export const VIDEO_DIR = path.join(REFERENCE_DIR, 'pensieve-video');
export const TRACE_DIR = unpackTraceSet(TRACE_SET_FILE);
export const hasReference = true;
export const SKIP_MESSAGE = `the shipped reference data is missing from ${REFERENCE_DIR}`;

/** Each trace of a set file as a two-column file named after it (its lines verbatim), in a fresh folder. */
function unpackTraceSet(file: string): string {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'abr-reference-')), 'traces');
  mkdirSync(dir);
  let name: string | null = null;
  let body: string[] = [];
  const flush = () => {
    if (name !== null) writeFileSync(path.join(dir, name), body.join('\n') + '\n');
  };
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.startsWith('#')) continue;
    if (line.startsWith('= ')) {
      flush();
      name = line.split(/\s+/)[1];
      body = [];
    } else if (line.trim() !== '') body.push(line);
  }
  flush();
  // the unpacked files are the set's traces, sample for sample
  const set = parseTraceSet(readFileSync(file, 'utf8'), file);
  if (readdirSync(dir).length !== set.length) throw new Error(`unpacked ${readdirSync(dir).length} files from ${set.length} traces`);
  return dir;
}

export const nodeIo = {
  stdout: (t: string) => void process.stdout.write(t),
  stderr: (t: string) => void process.stderr.write(t),
  readFile: (p: string) => readFileSync(p, 'utf8'),
  readDir: (p: string) => readdirSync(p).sort(),
  isDirectory: (p: string) => existsSync(p) && statSync(p).isDirectory(),
  progress: () => {},
};

export function traceNames(): string[] {
  return readdirSync(TRACE_DIR).sort();
}

export function loadTrace(name: string): Trace {
  return parseTrace(readFileSync(path.join(TRACE_DIR, name), 'utf8'), name);
}

export function loadVideo(): Video {
  return loadVideoFolder(nodeIo, VIDEO_DIR);
}

/** Raw columns and sizes as plain arrays, for the naive transcription. */
export function rawTrace(name: string): { time: number[]; bw: number[] } {
  const time: number[] = [];
  const bw: number[] = [];
  for (const line of readFileSync(path.join(TRACE_DIR, name), 'utf8').split('\n')) {
    const parts = line.split(/\s+/).filter(Boolean);
    if (parts.length < 2) continue;
    time.push(parseFloat(parts[0]));
    bw.push(parseFloat(parts[1]));
  }
  return { time, bw };
}

export function rawSizes(): number[][] {
  const out: number[][] = [];
  for (let q = 0; q < 6; q++) {
    out.push(readFileSync(path.join(VIDEO_DIR, `video_size_${q}`), 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => parseInt(l, 10)));
  }
  return out;
}
