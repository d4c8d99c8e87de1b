/**
 * `npm run sim` in process, for unit tests: the CLI's `main` with an in-memory IO (what it printed,
 * its progress reports) and, when asked, files from a map or from the real disk.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { main } from '@/scripts/sim';
import type { AnyLab, CliIO } from '@/simulations/core/lab';

export interface SimOutput {
  code: number;
  stdout: string;
  stderr: string;
  /** every progress fraction the run reported, in order */
  progress: number[];
  /** wall time of the call */
  ms: number;
}

/** files: a map of path → text, or 'disk' for the real file system; none by default */
export function memoryIO(files: Record<string, string> | 'disk' = {}) {
  const out = { stdout: '', stderr: '', progress: [] as number[] };
  const fromDisk = files === 'disk';
  const io: CliIO = {
    stdout: (t) => void (out.stdout += t),
    stderr: (t) => void (out.stderr += t),
    readFile: (p) => {
      if (fromDisk) return readFileSync(p, 'utf8');
      if (!(p in files)) throw new Error(`ENOENT: no such file or directory, open '${p}'`);
      return files[p];
    },
    readDir: (p) => (fromDisk ? readdirSync(p).sort() : []),
    isDirectory: (p) => (fromDisk ? (statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false) : false),
    progress: (f) => void out.progress.push(f),
  };
  return { io, out };
}

export async function sim(argv: string[], files?: Record<string, string> | 'disk', labs?: AnyLab[]): Promise<SimOutput> {
  const { io, out } = memoryIO(files);
  const started = performance.now();
  const code = await main(argv, io, labs);
  return { code, ms: performance.now() - started, ...out };
}
