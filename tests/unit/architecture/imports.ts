/**
 * The project's import graph, read from the sources (static `import … from`, `export … from`,
 * `import type`, and literal dynamic `import('…')`), resolved the way tsconfig's `@/*` path and the
 * bundler do. Used by the layer and cycle tests.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, dirname, resolve } from 'node:path';

export const ROOT = process.cwd();
const SOURCE_DIRS = ['app', 'components', 'simulations', 'servers', 'scripts', 'bench'];

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return walk(full);
    return /\.tsx?$/.test(name) && !/\.d\.ts$/.test(name) ? [full] : [];
  });
}

export function stripComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' ')).replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

const IMPORT = /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[\w*${}\s,]+?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm;

function resolveSpecifier(fromFile: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith('@/')) base = join(ROOT, spec.slice(2));
  else if (spec.startsWith('.')) base = resolve(dirname(fromFile), spec);
  else return null; // a package
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (existsSync(candidate) && statSync(candidate).isFile() && /\.tsx?$/.test(candidate)) return candidate;
  }
  return null;
}

export interface ImportGraph {
  /** project-relative path → project-relative paths it imports */
  edges: Map<string, string[]>;
}

export function importGraph(): ImportGraph {
  const edges = new Map<string, string[]>();
  for (const dir of SOURCE_DIRS) {
    for (const file of walk(join(ROOT, dir))) {
      const source = stripComments(readFileSync(file, 'utf8'));
      const out = new Set<string>();
      for (const m of source.matchAll(IMPORT)) {
        const target = resolveSpecifier(file, m[1] ?? m[2]);
        if (target) out.add(rel(target));
      }
      edges.set(rel(file), [...out].sort());
    }
  }
  return { edges };
}

export function rel(file: string): string {
  return relative(ROOT, file).split('\\').join('/');
}

/** Every cycle, each as a path a → b → … → a (Tarjan's strongly connected components, then one cycle per component). */
export function cycles(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let next = 0;
  const strongConnect = (v: string) => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.edges.get(v) ?? []) {
      if (!index.has(w)) {
        strongConnect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.edges.get(v) ?? []).includes(v)) components.push(component.sort());
    }
  };
  for (const v of graph.edges.keys()) if (!index.has(v)) strongConnect(v);
  return components;
}
