/**
 * TypeScript → CommonJS in Node (tests, CLI) with esbuild (code-lab.md §2: the installed TypeScript
 * 7 is the native port and has no transpile API). esbuild strips types without checking them; the
 * browser editor type-checks with Monaco's TypeScript worker. Syntax errors become a SandboxError
 * of kind 'compile' at the TypeScript line:col.
 */
import { transformSync, type TransformFailure } from 'esbuild';
import { SandboxError, type CompiledProgram } from './program';
import type { SourceMapV3 } from './sourceMap';

export function compileTypeScript(source: string, file: string): CompiledProgram {
  try {
    const out = transformSync(source, { loader: 'ts', format: 'cjs', target: 'es2020', sourcemap: 'external', sourcefile: file, logLevel: 'silent' });
    return { js: out.code, map: JSON.parse(out.map) as SourceMapV3, source, file };
  } catch (e) {
    const first = (e as TransformFailure).errors?.[0];
    if (!first) throw e;
    const location = first.location ? { line: first.location.line, col: first.location.column + 1 } : null;
    throw new SandboxError('compile', first.text, location, file);
  }
}
