/**
 * `npm run bench` runs every bench/*.ts except this file; `npm run bench -- scheduler chat` runs
 * only those. Each module's default export is an async function that prints its own report.
 * Arguments starting with `--` are options for the benchmarks (read from process.argv), e.g.
 * `npm run bench -- stress --lab=kafka`; `stress` and `lighthouse` drive Chromium against a
 * production build (`npx next build` first).
 * Exit code 1 if any benchmark throws, 2 for an unknown name.
 */
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

process.env.NO_COLOR ??= '1';

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && f !== 'run.ts')
  .map((f) => basename(f, '.ts'))
  .sort();

const requested = process.argv
  .slice(2)
  .filter((a) => !a.startsWith('--'))
  .map((a) => basename(a).replace(/\.ts$/, ''));
const unknown = requested.filter((name) => !available.includes(name));
if (unknown.length) {
  console.error(`bench: unknown benchmark ${unknown.map((u) => JSON.stringify(u)).join(', ')}; available: ${available.join(', ')}`);
  process.exit(2);
}
const selected = requested.length ? requested : available;

let failed = 0;
const started = performance.now();
for (const name of selected) {
  console.log(`\n=== bench: ${name} ===`);
  const t0 = performance.now();
  try {
    const mod = (await import(pathToFileURL(join(here, `${name}.ts`)).href)) as { default?: () => Promise<void> };
    if (typeof mod.default !== 'function') throw new Error(`bench/${name}.ts has no default export function`);
    await mod.default();
    console.log(`(${name}: ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  } catch (e) {
    failed++;
    console.error(`bench ${name} FAILED: ${(e as Error).stack ?? String(e)}`);
  }
}
console.log(`\n${selected.length - failed} of ${selected.length} benchmarks ran in ${((performance.now() - started) / 1000).toFixed(1)} s`);
if (failed) process.exitCode = 1;
