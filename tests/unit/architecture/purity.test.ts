/**
 * Architecture rule 1, enforced: simulations/ is pure TypeScript. Time comes from the virtual clock,
 * randomness from seeded streams, transcendental maths from core/math (engines disagree on the
 * last bit of Math.log & co., which would break Node-vs-browser determinism).
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(process.cwd(), 'simulations');

// LOUD: no exemptions. Real servers and transports (Node built-ins, fetch) live in servers/ or in a
// lab's view, never here; the determinism browser test bundles every lab for the browser.
const RULES: { name: string; pattern: RegExp }[] = [
  { name: 'Math.random (use ctx.rng.stream(name))', pattern: /\bMath\.random\s*\(/ },
  { name: 'Date.now (use the virtual clock)', pattern: /\bDate\.now\s*\(/ },
  { name: 'new Date() without an argument (wall clock)', pattern: /\bnew Date\(\s*\)/ },
  { name: 'performance.now (wall clock)', pattern: /\bperformance\.now\s*\(/ },
  { name: 'global setTimeout/setInterval (use ctx.clock / ctx.scheduler)', pattern: /(?<![.\w])(setTimeout|setInterval|setImmediate)\s*\((?![^)]*:\s*[\w(])/ },
  { name: 'Math.log/exp/pow/sin/cos (use DetMath from core/math)', pattern: /\bMath\.(log|exp|pow|sin|cos|tan|log2|log10|log1p|expm1|cbrt|hypot|atan2?|asin|acos|sinh|cosh|tanh)\s*\(/ },
  { name: 'React or the DOM', pattern: /from\s+['"](react|react-dom|next\/[^'"]*)['"]|\bdocument\.[a-zA-Z]|\bwindow\.[a-zA-Z]/ },
  { name: 'Node built-in modules', pattern: /from\s+['"](node:|fs['"]|path['"]|os['"]|crypto['"]|https?['"]|net['"]|child_process['"])/ },
  { name: 'the network: fetch, XMLHttpRequest, WebSocket, EventSource (real transports live in servers/ or a view)', pattern: /(?<![.\w])(fetch|XMLHttpRequest|WebSocket|EventSource)\s*[(.]|\bnew\s+(XMLHttpRequest|WebSocket|EventSource)\b|\bnavigator\.sendBeacon/ },
  { name: 'threads and storage of the page (Worker, localStorage, indexedDB)', pattern: /\bnew\s+(Shared)?Worker\s*\(|\b(localStorage|sessionStorage|indexedDB)\./ },
  { name: 'process globals (process.env, process.hrtime)', pattern: /\bprocess\.(env|hrtime|argv|exit|memoryUsage)\b/ },
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

  it('uses no wall clock, no Math.random, no engine-dependent maths, no DOM, no Node', () => {
    const violations: string[] = [];
    for (const file of files) {
      const rel = relative(ROOT, file).split('\\').join('/');
      if (rel === 'core/math.ts') continue;
      const lines = stripComments(readFileSync(file, 'utf8')).split('\n');
      lines.forEach((line, i) => {
        for (const rule of RULES) {
          if (rule.pattern.test(line)) violations.push(`simulations/${rel}:${i + 1}: ${rule.name}: ${line.trim()}`);
        }
      });
    }
    expect(violations, violations.join('\n')).toEqual([]);
  });
});
