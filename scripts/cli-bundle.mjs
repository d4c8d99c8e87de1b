/**
 * The prebuilt CLI: `scripts/sim.ts` bundled by esbuild into ES modules, `dist/sim.mjs` plus one chunk
 * per lab in `dist/chunks/`, so that a call starts without transpiling TypeScript (tsx costs 0.4–0.65 s
 * per call) and a call for one lab compiles only that lab (scripts/sim/labs.ts).
 *
 *   node scripts/cli-bundle.mjs          build it (run by `npm install`/`npm ci` via `prepare`,
 *                                        by `npm run build` and by `npm run build:cli`)
 *   node scripts/cli-bundle.mjs --check  exit 0 if the bundle is up to date, 1 if it is stale
 *
 * Plain JavaScript on purpose: `npm run sim` (scripts/sim-cli.mjs) calls `staleReason()` before every
 * run, and that check must cost a millisecond, not a TypeScript loader. Next to the bundle,
 * `dist/sim.inputs.json` lists every file esbuild read (from its metafile) and every file it wrote:
 * the bundle is stale when an input, or this file, is newer than the build, or when a file is gone.
 * A new source file only matters once some bundled file imports it, and that file's mtime then
 * changes, so the list is complete.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(here, '..');
export const BUNDLE = join(ROOT, 'dist', 'sim.mjs');
const ENTRY = join(ROOT, 'scripts', 'sim.ts');
const SELF = fileURLToPath(import.meta.url);
const CHUNKS = 'chunks';

const stem = (outfile) => basename(outfile).replace(/\.mjs$/, '');
/** The input list written beside a bundle. */
export const inputsFileOf = (outfile = BUNDLE) => join(dirname(outfile), `${stem(outfile)}.inputs.json`);

/** esbuild options of the bundle; `outfile` (default dist/sim.mjs) is the entry, chunks go beside it. */
export function buildOptions(outfile = BUNDLE) {
  if (!outfile.endsWith('.mjs')) throw new Error(`the CLI bundle must be a .mjs file, not ${outfile}`);
  return {
    absWorkingDir: ROOT,
    entryPoints: { [stem(outfile)]: ENTRY },
    outdir: dirname(resolve(outfile)),
    outExtension: { '.js': '.mjs' },
    chunkNames: `${CHUNKS}/[name]-[hash]`,
    bundle: true,
    splitting: true,
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
 * Bundle the CLI into `outfile` (default dist/sim.mjs) and its chunks, and write the input list.
 * Every file is written under a temporary name and renamed, chunks first and the entry last, so a
 * concurrent `npm run sim` never reads half a bundle. Chunks of earlier builds are then removed.
 * Returns the paths, the sizes and the build time.
 */
export async function buildCli(outfile = BUNDLE) {
  const t0 = performance.now();
  const startedAt = Date.now();
  outfile = resolve(outfile);
  const { build } = await import('esbuild');
  const result = await build(buildOptions(outfile));
  const entry = result.outputFiles.find((f) => f.path === outfile);
  if (!entry) throw new Error(`esbuild produced no ${outfile}`);
  const outputs = result.outputFiles.map((f) => f.path);
  const inputs = Object.keys(result.metafile.inputs).map((p) => resolve(ROOT, p));
  inputs.push(SELF);
  const tmp = `.tmp-${process.pid}-${startedAt}`;
  const put = (path, contents) => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path + tmp, contents);
    renameSync(path + tmp, path);
  };
  for (const f of result.outputFiles) if (f !== entry) put(f.path, f.contents);
  const inputsFile = inputsFileOf(outfile);
  put(inputsFile, JSON.stringify({ entry: relative(ROOT, ENTRY), startedAt, outputs, inputs }, null, 1) + '\n');
  put(outfile, entry.contents);
  removeOldChunks(join(dirname(outfile), CHUNKS), new Set(outputs), startedAt);
  return {
    outfile,
    inputsFile,
    outputs,
    bytes: entry.contents.byteLength,
    totalBytes: result.outputFiles.reduce((s, f) => s + f.contents.byteLength, 0),
    inputs: inputs.length,
    ms: performance.now() - t0,
  };
}

/** Chunks no longer referenced; files written since `startedAt` (a concurrent build) are kept. */
function removeOldChunks(dir, keep, startedAt) {
  let names;
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(dir, name);
    if (keep.has(path)) continue;
    try {
      if (statSync(path).mtimeMs < startedAt) unlinkSync(path);
    } catch {
      // gone already
    }
  }
}

/**
 * Why the bundle must be rebuilt, or null when it is up to date: a missing bundle, chunk or input
 * list, or an input (a bundled source, a bundled dependency, this build script) changed or removed
 * since the build started.
 */
export function staleReason(outfile = BUNDLE) {
  const inputsFile = inputsFileOf(outfile);
  let built;
  try {
    built = statSync(outfile).mtimeMs;
  } catch {
    return `${relative(ROOT, outfile)} is missing`;
  }
  let list;
  try {
    list = JSON.parse(readFileSync(inputsFile, 'utf8'));
    if (!Array.isArray(list.inputs) || !Array.isArray(list.outputs)) throw new Error('no inputs');
  } catch {
    return `${relative(ROOT, inputsFile)} is missing or unreadable`;
  }
  // A source saved while esbuild was reading it is newer than the start of that build.
  if (typeof list.startedAt === 'number') built = Math.min(built, list.startedAt);
  for (const output of list.outputs) {
    try {
      statSync(output);
    } catch {
      return `${relative(ROOT, output)} is missing`;
    }
  }
  for (const input of list.inputs) {
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
      (r) =>
        process.stdout.write(
          `built ${relative(ROOT, r.outfile)} and ${r.outputs.length - 1} chunks: ${(r.totalBytes / 1024).toFixed(0)} KiB from ${r.inputs} files in ${Math.round(r.ms)} ms\n`,
        ),
      (e) => {
        process.stderr.write(`cli-bundle: ${e?.stack ?? String(e)}\n`);
        process.exitCode = 1;
      },
    );
  }
}
