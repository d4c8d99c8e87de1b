/**
 * First-load JavaScript per page, from the production build: Next 16 lists each route's first-load
 * chunks in .next/diagnostics/route-bundle-stats.json (uncompressed); we gzip each chunk (level 6,
 * what servers and CDNs typically use) and sum. The baseline measured in the same run is the
 * framework-only page (/_not-found): the ratio says how much our own code adds.
 * Target: a lesson page under 200 kB gzip.
 */
import { existsSync, readFileSync } from 'node:fs';
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

export default async function bench(): Promise<void> {
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
