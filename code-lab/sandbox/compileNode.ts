/**
 * TypeScript → CommonJS in Node (tests, CLI) with esbuild (code-lab.md §2: the installed TypeScript
 * 7 is the native port and has no transpile API). esbuild strips types without checking them; the
 * browser editor type-checks with Monaco's TypeScript worker. Syntax errors become a SandboxError
 * of kind 'compile' at the TypeScript line:col.
 */
import { requireInstalled } from './nodeRequire';
import type * as Esbuild from 'esbuild';
import { SandboxError, type CompiledProgram } from './program';
import type { SourceMapV3 } from './sourceMap';

/**
 * LOUD: esbuild's JavaScript API cannot itself be bundled (it starts its native binary), and the
 * prebuilt CLI is an esbuild bundle: load the installed package at run time instead.
 */
const esbuild = () => requireInstalled()('esbuild') as typeof Esbuild;

export function compileTypeScript(source: string, file: string): CompiledProgram {
  const { transformSync } = esbuild();
  try {
    const out = transformSync(source, { loader: 'ts', format: 'cjs', target: 'es2020', sourcemap: 'external', sourcefile: file, logLevel: 'silent' });
    return { js: out.code, map: JSON.parse(out.map) as SourceMapV3, source, file };
  } catch (e) {
    const first = (e as Esbuild.TransformFailure).errors?.[0];
    if (!first) throw e;
    const location = first.location ? { line: first.location.line, col: first.location.column + 1 } : null;
    throw new SandboxError('compile', first.text, location, file);
  }
}
