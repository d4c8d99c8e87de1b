/**
 * Access to ../shared/abr-reference (the Pensieve test traces and chunk sizes). Tests that need it
 * skip with a message when the folder is absent; nothing from it is copied into the repository.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseTrace, type Trace } from '@/simulations/abr/network/trace';
import { loadVideoFolder, type Video } from '@/simulations/abr/video/video';

export const REFERENCE_DIR = path.resolve(process.cwd(), '../shared/abr-reference');
export const TRACE_DIR = path.join(REFERENCE_DIR, 'traces');
export const VIDEO_DIR = path.join(REFERENCE_DIR, 'video');
export const hasReference = existsSync(TRACE_DIR) && existsSync(VIDEO_DIR);
export const SKIP_MESSAGE = `reference data not found at ${REFERENCE_DIR}; skipping (see ../shared/abr-reference/README.md)`;

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
