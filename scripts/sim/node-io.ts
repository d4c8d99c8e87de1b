/** CliIO on Node: files, stdout/stderr, and a progress bar on stderr that never touches stdout. */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import type { CliIO } from '../../simulations/core/lab';

export interface ProgressTarget {
  isTTY?: boolean;
  write(text: string): unknown;
}

/** Show nothing for quick runs; on a TTY redraw one line, elsewhere print every 10% once the run is long. */
export const PROGRESS_TTY_DELAY_MS = 300;
export const PROGRESS_LONG_RUN_MS = 2000;

export function createProgress(target: ProgressTarget, now: () => number = () => performance.now()): CliIO['progress'] {
  const started = now();
  let lastDraw = -Infinity;
  let lastDecile = -1;
  let drawn = false;
  return (fraction: number, label = 'running') => {
    const f = Math.max(0, Math.min(1, fraction));
    const elapsed = now() - started;
    if (target.isTTY) {
      if (f >= 1) {
        if (drawn) target.write('\r\x1b[K');
        drawn = false;
        return;
      }
      if (elapsed < PROGRESS_TTY_DELAY_MS || now() - lastDraw < 100) return;
      lastDraw = now();
      const width = 30;
      const filled = Math.round(f * width);
      target.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.floor(f * 100)}%`);
      drawn = true;
      return;
    }
    if (elapsed < PROGRESS_LONG_RUN_MS) return;
    const decile = Math.floor(f * 10);
    if (decile > lastDecile) {
      lastDecile = decile;
      target.write(`${label}: ${decile * 10}%\n`);
    }
  };
}

export function nodeIO(): CliIO {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    readFile: (path) => readFileSync(path, 'utf8'),
    readDir: (path) => readdirSync(path).sort(),
    isDirectory: (path) => {
      try {
        return statSync(path).isDirectory();
      } catch {
        return false;
      }
    },
    progress: createProgress(process.stderr),
  };
}
