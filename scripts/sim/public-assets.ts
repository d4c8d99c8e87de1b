/** The Node host's asset reader (simulations/core/assets.ts): files under the repository's public/ folder. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AssetReader } from '../../simulations/core/assets';

/** public/ next to this script (scripts/sim/ in the sources, dist/ in the prebuilt CLI), else under the working folder. */
export function findPublicDir(cwd = process.cwd()): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [resolve(here, '../../public'), resolve(here, '../public'), resolve(cwd, 'public')];
  return candidates.find((dir) => existsSync(join(dir, 'traces'))) ?? candidates[candidates.length - 1];
}

export function nodeAssetReader(publicDir = findPublicDir()): AssetReader {
  const root = resolve(publicDir);
  return (publicPath) => {
    const full = resolve(root, publicPath);
    if (!full.startsWith(root + sep)) throw new Error(`${publicPath} is outside public/`);
    return readFileSync(full, 'utf8');
  };
}
