/**
 * The CLI's `--algorithm-file my-abr.ts`: compile with esbuild, load QuickJS, and return the
 * learner's algorithm as a factory like the built-ins' (the same sandbox the page uses).
 *
 * LOUD: the prebuilt CLI (dist/sim.mjs, scripts/cli-bundle.mjs) bundles QuickJS's glue into a chunk,
 * away from its .wasm file, so the bytes are read here from the installed package, resolved from
 * wherever this code runs (tests/unit/code-lab/cli.test.ts runs the bundle).
 */
import { readFileSync } from 'node:fs';
import { requireInstalled } from '../sandbox/nodeRequire';
import type { CliIO } from '@/simulations/core/lab';
import type { YoursFactory } from '@/simulations/abr/algorithms/yours';
import { compileTypeScript } from '../sandbox/compileNode';
import { loadQuickJs } from '../sandbox/quickjs';
import { abrEntrant } from './sandboxedAbr';

export function quickJsWasmBytes(): Uint8Array {
  const path = requireInstalled().resolveAny('@jitl/quickjs-wasmfile-release-sync/wasm');
  return readFileSync(path);
}

/** Throws SandboxError (kind 'compile') for a file that does not compile, Error for one that cannot be read. */
export async function loadAbrAlgorithmFile(path: string, io: Pick<CliIO, 'readFile'>): Promise<YoursFactory> {
  let source: string;
  try {
    source = io.readFile(path);
  } catch {
    throw new Error(`${path}: cannot read the algorithm file`);
  }
  const program = compileTypeScript(source, path.slice(path.lastIndexOf('/') + 1));
  const qjs = await loadQuickJs(quickJsWasmBytes());
  return abrEntrant(qjs, program);
}
