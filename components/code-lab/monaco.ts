'use client';
/**
 * Monaco from the local package, loaded only with the code panel (code-lab.md §1, stack-notes §4).
 *
 * LOUD: we drive `monaco.editor.create` ourselves instead of @monaco-editor/react, so nothing can
 * fall back to @monaco-editor/loader's CDN (monaco-react #419). The workers must be ours:
 * Monaco's own worker URLs do not survive the bundlers (stack-notes pitfall 5).
 */
import * as monaco from 'monaco-editor';

type MonacoGlobal = typeof globalThis & { MonacoEnvironment?: { getWorker(workerId: string, label: string): Worker } };

(self as MonacoGlobal).MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    if (label === 'typescript' || label === 'javascript') return new Worker(new URL('./ts.worker.ts', import.meta.url), { type: 'module', name: label });
    return new Worker(new URL('./editor.worker.ts', import.meta.url), { type: 'module', name: label });
  },
};

const ts = monaco.typescript;

/**
 * The learner's compiler: ES2020, CommonJS (the sandbox provides module/exports), strict, source
 * map for line:col, and only the ES2020 library (LOUD: the file-name form; `['es2020']` silently
 * drops the standard library, monaco-editor #3412). No DOM: fetch, document, localStorage are
 * "Cannot find name" errors.
 */
ts.typescriptDefaults.setCompilerOptions({
  target: ts.ScriptTarget.ES2020,
  module: ts.ModuleKind.CommonJS,
  strict: true,
  lib: ['lib.es2020.d.ts'],
  sourceMap: true,
  noEmitOnError: false,
  allowNonTsExtensions: true,
});
ts.typescriptDefaults.setEagerModelSync(true);

const libs = new Map<string, monaco.IDisposable>();

/** Declarations the learner's file imports as `./<name>` (e.g. the ABR types as `./abr`). */
export function provideLib(name: string, dts: string): void {
  if (libs.has(name)) return;
  libs.set(name, ts.typescriptDefaults.addExtraLib(dts, `file:///${name}.d.ts`));
}

export interface Diagnostic {
  line: number;
  col: number;
  message: string;
}

function flatten(text: string | { messageText: string; next?: unknown[] }): string {
  if (typeof text === 'string') return text;
  const next = (text.next ?? []) as { messageText: string; next?: unknown[] }[];
  return [text.messageText, ...next.map(flatten)].join(' ');
}

/** Errors of the model (syntax and types), straight from the TypeScript worker. */
export async function diagnosticsOf(model: monaco.editor.ITextModel): Promise<Diagnostic[]> {
  const worker = await (await ts.getTypeScriptWorker())(model.uri);
  const uri = model.uri.toString();
  const found = [...(await worker.getSyntacticDiagnostics(uri)), ...(await worker.getSemanticDiagnostics(uri))];
  return found
    .filter((d) => d.category === 1)
    .map((d) => {
      const at = model.getPositionAt(d.start ?? 0);
      return { line: at.lineNumber, col: at.column, message: flatten(d.messageText as never) };
    });
}

/** JavaScript and its source map from the TypeScript worker (no extra download, research §2). */
export async function emit(model: monaco.editor.ITextModel): Promise<{ js: string; map: string | null }> {
  const worker = await (await ts.getTypeScriptWorker())(model.uri);
  const out = await worker.getEmitOutput(model.uri.toString());
  const js = out.outputFiles.find((f) => f.name.endsWith('.js'));
  const map = out.outputFiles.find((f) => f.name.endsWith('.js.map'));
  if (!js) throw new Error('the TypeScript worker emitted no JavaScript');
  return { js: js.text, map: map?.text ?? null };
}

export { monaco };
