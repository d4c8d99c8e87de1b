/**
 * Node's require for installed packages the CLI bundle must not inline (esbuild's API, QuickJS's
 * .wasm): from where this code runs, else from the working directory (a bundle copied outside the
 * repository, as tests/unit/code-lab/cli.test.ts builds it, still runs from the repository root).
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';

export function requireInstalled(): NodeJS.Require & { resolveAny(id: string): string } {
  const here = createRequire(import.meta.url);
  const cwd = createRequire(join(process.cwd(), 'package.json'));
  const pick = (id: string) => {
    try {
      here.resolve(id);
      return here;
    } catch {
      return cwd;
    }
  };
  const req = ((id: string) => pick(id)(id)) as NodeJS.Require & { resolveAny(id: string): string };
  req.resolveAny = (id: string) => pick(id).resolve(id);
  return req;
}

/**
 * LOUD: the prebuilt CLI (dist/sim.mjs, scripts/cli-bundle.mjs) bundles QuickJS's glue into a chunk,
 * away from its .wasm file, so Node reads the bytes from the installed package, resolved from
 * wherever this code runs (tests/unit/code-lab/cli.test.ts runs the bundle).
 */
export function quickJsWasmPath(): string {
  return requireInstalled().resolveAny('@jitl/quickjs-wasmfile-release-sync/wasm');
}
