/**
 * First-load JavaScript per page, from the production build: Next 16 lists each route's first-load
 * chunks in .next/diagnostics/route-bundle-stats.json (uncompressed); we gzip each chunk (level 6,
 * what servers and CDNs typically use) and sum. The baseline measured in the same run is the
 * framework-only page (/_not-found): the ratio says how much our own code adds.
 * Target: a lesson page under 200 kB gzip.
 *
 * A webpack build (`next build --webpack`, what worktrees build) writes no route-bundle-stats: there
 * the first-load chunks of each prerendered page are the <script src> of its HTML (noModule
 * polyfills left out: modern browsers skip them), and a lab page also lists what it fetches right
 * after hydrating (the lab and the shell, from .next/react-loadable-manifest.json).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

interface RouteStats {
  route: string;
  firstLoadUncompressedJsBytes: number;
  firstLoadChunkPaths: string[];
}

export interface RouteSize {
  route: string;
  rawBytes: number;
  gzipBytes: number;
  chunks: number;
}

const STATS = '.next/diagnostics/route-bundle-stats.json';
const LESSON_TARGET_GZIP = 200 * 1024;

export function measureRoutes(statsPath = STATS): RouteSize[] {
  const stats = JSON.parse(readFileSync(statsPath, 'utf8')) as RouteStats[];
  const gzipCache = new Map<string, number>();
  return stats.map((r) => {
    let raw = 0;
    let gz = 0;
    for (const chunk of r.firstLoadChunkPaths) {
      const bytes = readFileSync(chunk);
      raw += bytes.length;
      let g = gzipCache.get(chunk);
      if (g === undefined) {
        g = gzipSync(bytes, { level: 6 }).length;
        gzipCache.set(chunk, g);
      }
      gz += g;
    }
    return { route: r.route, rawBytes: raw, gzipBytes: gz, chunks: r.firstLoadChunkPaths.length };
  });
}

const kB = (n: number) => `${(n / 1024).toFixed(1)} kB`;

const APP_HTML = '.next/server/app';
const LOADABLE = '.next/react-loadable-manifest.json';

function gzipSizes(files: string[], cache: Map<string, number>): { raw: number; gzip: number } {
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const bytes = readFileSync(file);
    raw += bytes.length;
    let g = cache.get(file);
    if (g === undefined) {
      g = gzipSync(bytes, { level: 6 }).length;
      cache.set(file, g);
    }
    gzip += g;
  }
  return { raw, gzip };
}

function htmlPages(dir: string, prefix = ''): { route: string; file: string }[] {
  const out: { route: string; file: string }[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...htmlPages(path, `${prefix}/${entry.name}`));
    else if (entry.name.endsWith('.html')) {
      const name = entry.name.slice(0, -'.html'.length);
      out.push({ route: name === 'index' && prefix === '' ? '/' : `${prefix}/${name}`, file: path });
    }
  }
  return out;
}

export interface WebpackPageSize extends RouteSize {
  /** fetched right after hydration (a lab page's lab and shell chunks), not in the first load */
  lazyGzipBytes: number;
}

/** First-load JS of each prerendered page of a webpack build (see the header). */
export function measureWebpackPages(): WebpackPageSize[] {
  const cache = new Map<string, number>();
  const loadable = existsSync(LOADABLE) ? (JSON.parse(readFileSync(LOADABLE, 'utf8')) as Record<string, { files: string[] }>) : {};
  // the chunks a dynamic import of `target` from a components/ module fetches (webpack keys them "from -> target")
  const lazyFiles = (from: RegExp, target: string) =>
    Object.entries(loadable)
      .filter(([key]) => from.test(key.split(' -> ')[0]) && key.endsWith(` -> ${target}`))
      .flatMap(([, v]) => v.files)
      .filter((f) => f.endsWith('.js'))
      .map((f) => join('.next', f));
  return htmlPages(APP_HTML)
    .filter((p) => !p.route.startsWith('/_'))
    .map(({ route, file }) => {
      const html = readFileSync(file, 'utf8');
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)]
        .map((m) => m[0])
        .filter((tag) => !/\bnoModule\b/i.test(tag))
        .map((tag) => /\bsrc="\/_next\/([^"?]+)/.exec(tag)?.[1])
        .filter((src): src is string => !!src)
        .map((src) => join('.next', decodeURIComponent(src)));
      const first = [...new Set(scripts)];
      const { raw, gzip } = gzipSizes(first, cache);
      const lab = /^\/labs\/([^/]+)$/.exec(route)?.[1];
      const lazy = lab
        ? [...new Set([...lazyFiles(/^components\/labs\//, `./${lab}`), ...lazyFiles(/LabPage\.tsx$/, './LabShell'), ...lazyFiles(/LabPage\.tsx$/, './link')])].filter((f) => !first.includes(f))
        : [];
      return { route, rawBytes: raw, gzipBytes: gzip, chunks: first.length, lazyGzipBytes: gzipSizes(lazy, cache).gzip };
    });
}

function webpackReport(): void {
  const pages = measureWebpackPages().sort((a, b) => a.route.localeCompare(b.route));
  console.log('first-load JS per prerendered page (webpack build: the <script src> of each page)');
  console.log('page'.padEnd(28) + 'raw'.padStart(12) + 'gzip'.padStart(12) + '  chunks' + '  + fetched after hydration (gzip)');
  for (const p of pages)
    console.log(p.route.padEnd(28) + kB(p.rawBytes).padStart(12) + kB(p.gzipBytes).padStart(12) + String(p.chunks).padStart(8) + (p.lazyGzipBytes ? `  + ${kB(p.lazyGzipBytes)}` : ''));
}

export default async function bench(): Promise<void> {
  if (!existsSync(STATS) && existsSync(APP_HTML)) {
    webpackReport();
    return;
  }
  if (!existsSync(STATS)) {
    console.log(`bundles: no production build found (${STATS}); run \`npm run build\` first. Skipped.`);
    return;
  }
  const routes = measureRoutes();
  const baseline = routes.find((r) => r.route === '/_not-found') ?? routes.reduce((a, b) => (a.gzipBytes < b.gzipBytes ? a : b));
  console.log(`first-load JS per route (baseline: ${baseline.route}, framework only, ${kB(baseline.gzipBytes)} gzip)`);
  console.log('route'.padEnd(22) + 'raw'.padStart(12) + 'gzip'.padStart(12) + '  × baseline  chunks');
  for (const r of routes.sort((a, b) => a.route.localeCompare(b.route))) {
    console.log(
      r.route.padEnd(22) + kB(r.rawBytes).padStart(12) + kB(r.gzipBytes).padStart(12) + `  ${(r.gzipBytes / baseline.gzipBytes).toFixed(2)}×`.padEnd(12) + `  ${r.chunks}`,
    );
  }
  const lesson = routes.find((r) => r.route === '/lessons/[slug]');
  if (lesson) {
    const ok = lesson.gzipBytes < LESSON_TARGET_GZIP;
    console.log(`lesson page: ${kB(lesson.gzipBytes)} gzip — target < ${kB(LESSON_TARGET_GZIP)}: ${ok ? 'PASS' : 'MISS'}`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await bench();
