/** A learner's program, compiled: the CommonJS JavaScript the sandbox runs and the way back to the TypeScript. */
import type { SourceMapV3 } from './sourceMap';

export interface CompiledProgram {
  /** CommonJS JavaScript (the emitter's output: `exports.x = …` or `module.exports = …`) */
  js: string;
  /** the emitter's source map of `js` (null: positions are reported in the JavaScript) */
  map: SourceMapV3 | null;
  /** the TypeScript source (positions of whole functions, e.g. `decide`, are looked up in it) */
  source: string;
  /** shown in messages, e.g. "my-abr.ts" */
  file: string;
}

/** Where a problem is in the learner's TypeScript (1-based). */
export interface CodeLocation {
  line: number;
  col: number;
}

export type SandboxErrorKind =
  /** the code threw, or something it did failed (TypeError, …) */
  | 'runtime'
  /** the deterministic tick budget of one call or of the whole race ran out */
  | 'budget'
  /** QuickJS ran out of its memory limit */
  | 'memory'
  /** QuickJS's own stack limit (deep or infinite recursion) */
  | 'stack'
  /** the program does not export what the target needs, or returned something malformed */
  | 'contract'
  /** the compiler refused the program */
  | 'compile'
  /** the hard watchdog stopped what the budget could not (a memory bomb, a hang without ticks) */
  | 'watchdog';

/** Every failure of learner code, with the TypeScript position when one is known. */
export class SandboxError extends Error {
  constructor(
    readonly kind: SandboxErrorKind,
    readonly detail: string,
    readonly location: CodeLocation | null,
    readonly file: string,
  ) {
    super(location ? `${file}:${location.line}:${location.col}: ${detail}` : `${file}: ${detail}`);
    this.name = 'SandboxError';
  }
}

/** 1-based position of the first `name(` method or function definition in the source, or null. */
export function definitionOf(source: string, name: string): CodeLocation | null {
  const re = new RegExp(`(?:function\\s+|^|[\\s,{])(${name})\\s*(?:<[^>]*>)?\\s*\\(`, 'm');
  const m = re.exec(source);
  if (!m) return null;
  const offset = m.index + m[0].indexOf(name);
  const before = source.slice(0, offset);
  const line = before.split('\n').length;
  return { line, col: offset - before.lastIndexOf('\n') };
}
