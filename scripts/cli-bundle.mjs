/**
 * The prebuilt CLI: `scripts/sim.ts` bundled by esbuild into one ES module, `dist/sim.mjs`, so that a
 * call starts without transpiling TypeScript (tsx costs 0.4–0.65 s per call).
 *
 *   node scripts/cli-bundle.mjs          build it (run by `npm install`/`npm ci` via `prepare`,
 *                                        by `npm run build` and by `npm run build:cli`)
 *   node scripts/cli-bundle.mjs --check  exit 0 if the bundle is up to date, 1 if it is stale
 *
 * Plain JavaScript on purpose: `npm run sim` (scripts/sim-cli.mjs) calls `isStale()` before every run,
 * and that check must cost a few milliseconds, not a TypeScript loader. Next to the bundle,
 * `dist/sim.inputs.json` lists every file esbuild read (from its metafile): the bundle is stale when
 * any of them, or this file, is newer than the bundle, or is gone. A new source file only matters
 * once some bundled file imports it, and that file's mtime then changes, so the list is complete.
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(here, '..');
export const BUNDLE = join(ROOT, 'dist', 'sim.mjs');
export const INPUTS = join(ROOT, 'dist', 'sim.inputs.json');
const ENTRY = join(ROOT, 'scripts', 'sim.ts');
const SELF = fileURLToPath(import.meta.url);

/** esbuild options of the bundle; `outfile` defaults to dist/sim.mjs. */
export function buildOptions(outfile = BUNDLE) {
  return {
    absWorkingDir: ROOT,
    entryPoints: [ENTRY],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: false,
    minify: false,
    metafile: true,
    write: false,
    logLevel: 'warning',
    legalComments: 'none',
    banner: { js: '// Built by scripts/cli-bundle.mjs from scripts/sim.ts. Do not edit; `npm run build:cli` rebuilds it.' },
  };
}

/**
 * Bundle the CLI into `outfile` (default dist/sim.mjs) and write its input list beside it. The files
 * are written under temporary names and renamed, so a concurrent `npm run sim` never reads half a
 * bundle. Returns the paths, the size and the build time.
 */
export async function buildCli(outfile = BUNDLE) {
  const t0 = performance.now();
  const startedAt = Date.now();
  const { build } = await import('esbuild');
  const result = await build(buildOptions(outfile));
  const out = result.outputFiles.find((f) => f.path === resolve(outfile));
  if (!out) throw new Error(`esbuild produced no ${outfile}`);
  mkdirSync(dirname(outfile), { recursive: true });
  const inputsFile = join(dirname(outfile), `${basenameNoExt(outfile)}.inputs.json`);
  const inputs = Object.keys(result.metafile.inputs).map((p) => resolve(ROOT, p));
  inputs.push(SELF);
  const tmp = `.tmp-${process.pid}-${Date.now()}`;
  writeFileSync(inputsFile + tmp, JSON.stringify({ entry: relative(ROOT, ENTRY), startedAt, inputs }, null, 1) + '\n');
  writeFileSync(outfile + tmp, out.contents);
  // Inputs first: a reader that sees the new bundle also sees its input list.
  renameSync(inputsFile + tmp, inputsFile);
  renameSync(outfile + tmp, outfile);
  return { outfile, inputsFile, bytes: out.contents.byteLength, inputs: inputs.length, ms: performance.now() - t0 };
}

function basenameNoExt(path) {
  const name = path.slice(dirname(path).length + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

/**
 * Why the bundle must be rebuilt, or null when it is up to date: missing bundle or input list, or an
 * input (a bundled source, a bundled dependency, this build script) changed or removed since.
 */
export function staleReason(outfile = BUNDLE) {
  const inputsFile = join(dirname(outfile), `${basenameNoExt(outfile)}.inputs.json`);
  let built;
  try {
    built = statSync(outfile).mtimeMs;
  } catch {
    return `${relative(ROOT, outfile)} is missing`;
  }
  let inputs;
  try {
    const list = JSON.parse(readFileSync(inputsFile, 'utf8'));
    inputs = list.inputs;
    if (!Array.isArray(inputs)) throw new Error('no inputs');
    // A source saved while esbuild was reading it is newer than the start of that build.
    if (typeof list.startedAt === 'number') built = Math.min(built, list.startedAt);
  } catch {
    return `${relative(ROOT, inputsFile)} is missing or unreadable`;
  }
  for (const input of inputs) {
    let m;
    try {
      m = statSync(input).mtimeMs;
    } catch {
      return `${relative(ROOT, input)} is gone`;
    }
    if (m > built) return `${relative(ROOT, input)} changed`;
  }
  return null;
}

/** Build when stale; returns the reason it rebuilt, or null. Messages go to stderr only. */
export async function ensureCli(outfile = BUNDLE) {
  const reason = staleReason(outfile);
  if (reason === null) return null;
  process.stderr.write(`sim: building ${relative(process.cwd(), outfile) || outfile} (${reason})…\n`);
  await buildCli(outfile);
  return reason;
}

if (process.argv[1] && resolve(process.argv[1]) === SELF) {
  if (process.argv.includes('--check')) {
    const reason = staleReason();
    process.stdout.write(reason === null ? 'dist/sim.mjs is up to date\n' : `dist/sim.mjs is stale: ${reason}\n`);
    process.exitCode = reason === null ? 0 : 1;
  } else {
    buildCli().then(
      (r) => process.stdout.write(`built ${relative(ROOT, r.outfile)}: ${(r.bytes / 1024).toFixed(0)} KiB from ${r.inputs} files in ${Math.round(r.ms)} ms\n`),
      (e) => {
        process.stderr.write(`cli-bundle: ${e?.stack ?? String(e)}\n`);
        process.exitCode = 1;
      },
    );
  }
}
