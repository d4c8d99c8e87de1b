/**
 * Start the lab's production server (servers/app/server.ts) after `next build`: bundles it with
 * esbuild into dist/app-server.mjs (about 0.2 s; dependencies such as next stay external), then runs
 * it. Plain JavaScript so that `npm start` needs no TypeScript loader.
 *
 *   node servers/app/start.mjs [--port 3000]
 */
import { build } from 'esbuild';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = join(ROOT, 'dist', 'app-server.mjs');

await build({
  absWorkingDir: ROOT,
  entryPoints: [join(ROOT, 'servers', 'app', 'server.ts')],
  outfile: OUT,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
const { main } = await import(pathToFileURL(OUT).href);
await main(process.argv.slice(2));
