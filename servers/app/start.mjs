/**
 * Start the lab's production server (servers/app/server.ts) after `next build`: bundles it with
 * esbuild into dist/app-server.mjs (about 0.2 s; dependencies such as next stay external), then runs
 * it. Plain JavaScript so that `npm start` needs no TypeScript loader.
 *
 *   node servers/app/start.mjs [--port 3000]
 */
import { build } from 'esbuild';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = join(ROOT, 'dist', 'app-server.mjs');

const result = await build({
  absWorkingDir: ROOT,
  write: false,
  entryPoints: [join(ROOT, 'servers', 'app', 'server.ts')],
  outfile: OUT,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
// write-to-temp + rename: two servers starting at once (npm start, the tests) never read half a file
mkdirSync(dirname(OUT), { recursive: true });
const tmp = `${OUT}.${process.pid}.tmp`;
writeFileSync(tmp, result.outputFiles[0].contents);
renameSync(tmp, OUT);
const { main } = await import(pathToFileURL(OUT).href);
await main(process.argv.slice(2));
