/**
 * Architecture rule 1, enforced: simulations/ is pure TypeScript. Time comes from the virtual clock,
 * randomness from seeded streams, transcendental maths from core/math (engines disagree on the
 * last bit of Math.log & co., which would break Node-vs-browser determinism).
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(process.cwd(), 'simulations');

// LOUD: the only Node-only code allowed under simulations/ is the real upload server's glue (file
// store, sessions, http). The browser never imports it; the determinism browser test bundles every
// lab for the browser and would fail if it did.
const NODE_ONLY = [/^upload\/server\/node\//, /^upload\/server\/stores\/file-store\.ts$/];

const RULES: { name: string; pattern: RegExp; nodeOnlyAllowed: boolean }[] = [
  { name: 'Math.random (use ctx.rng.stream(name))', pattern: /\bMath\.random\s*\(/, nodeOnlyAllowed: false },
  { name: 'Date.now (use the virtual clock)', pattern: /\bDate\.now\s*\(/, nodeOnlyAllowed: true },
  { name: 'new Date() without an argument (wall clock)', pattern: /\bnew Date\(\s*\)/, nodeOnlyAllowed: true },
  { name: 'performance.now (wall clock)', pattern: /\bperformance\.now\s*\(/, nodeOnlyAllowed: true },
  { name: 'global setTimeout/setInterval (use ctx.clock / ctx.scheduler)', pattern: /(?<![.\w])(setTimeout|setInterval|setImmediate)\s*\((?![^)]*:\s*[\w(])/, nodeOnlyAllowed: true },
  { name: 'Math.log/exp/pow/sin/cos (use DetMath from core/math)', pattern: /\bMath\.(log|exp|pow|sin|cos|tan|log2|log10|log1p|expm1|cbrt|hypot|atan2?|asin|acos|sinh|cosh|tanh)\s*\(/, nodeOnlyAllowed: false },
  { name: 'React or the DOM', pattern: /from\s+['"](react|react-dom|next\/[^'"]*)['"]|\bdocument\.[a-zA-Z]|\bwindow\.[a-zA-Z]/, nodeOnlyAllowed: false },
  { name: 'Node built-in modules', pattern: /from\s+['"](node:|fs['"]|path['"]|os['"]|crypto['"]|http['"])/, nodeOnlyAllowed: true },
];

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return walk(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

function stripComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' ')).replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

describe('simulations/ purity', () => {
  const files = walk(ROOT);

  it('finds the simulation sources', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it('uses no wall clock, no Math.random, no engine-dependent maths, no DOM, no Node outside the real-server glue', () => {
    const violations: string[] = [];
    for (const file of files) {
      const rel = relative(ROOT, file).split('\\').join('/');
      if (rel === 'core/math.ts') continue;
      const nodeOnly = NODE_ONLY.some((re) => re.test(rel));
      const lines = stripComments(readFileSync(file, 'utf8')).split('\n');
      lines.forEach((line, i) => {
        for (const rule of RULES) {
          if (nodeOnly && rule.nodeOnlyAllowed) continue;
          if (rule.pattern.test(line)) violations.push(`simulations/${rel}:${i + 1}: ${rule.name}: ${line.trim()}`);
        }
      });
    }
    expect(violations, violations.join('\n')).toEqual([]);
  });

  it('browser-safe modules never import the Node-only glue', () => {
    const offenders: string[] = [];
    for (const file of files) {
      const rel = relative(ROOT, file).split('\\').join('/');
      if (NODE_ONLY.some((re) => re.test(rel))) continue;
      const source = stripComments(readFileSync(file, 'utf8'));
      if (/from\s+['"][^'"]*(server\/node\/|file-store)[^'"]*['"]/.test(source)) offenders.push(`simulations/${rel}`);
    }
    expect(offenders).toEqual([]);
  });
});
