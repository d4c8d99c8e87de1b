#!/usr/bin/env node
/**
 * Dependency checks that need no advisory service (issue 18). `.ci/run` runs it after `npm ci`.
 *
 *   node scripts/check-deps.mjs                 lockfile lint + licences of runtime dependencies (offline)
 *   node scripts/check-deps.mjs --signatures    also `npm audit signatures` (needs the npm registry and
 *                                               sigstore's TUF CDN; an unreachable network is reported and
 *                                               skipped unless SDLAB_REQUIRE_SIGNATURES=1)
 *   node scripts/check-deps.mjs --dir <folder>  check another project folder (tests use it)
 *
 * 1. Lockfile lint: lockfile v2/v3; every installed package comes from the npm registry (no git, file,
 *    link or http sources; a `resolved` URL, when the lockfile keeps one, is https://registry.npmjs.org/);
 *    every package has a version and a sha512 integrity, so `npm ci` verifies every tarball; the
 *    lockfile's root matches package.json.
 * 2. Licences: every runtime dependency (everything `npm ci --omit=dev` would install, optional ones
 *    included) has a licence on the allow-list, or an SPDX expression that the allow-list satisfies
 *    (OR: one side; AND: both). Anything else fails, naming the package: GPL-family, unknown, missing.
 *    EXCEPTIONS below are the reviewed cases, each with its reason.
 *
 * Known vulnerabilities need an advisory service: run `npm audit --omit=dev` where one is reachable
 * (README, "Dependencies"). Exit code: 0 ok, 1 a check failed.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

export const ALLOWED_LICENSES = new Set([
  'MIT',
  'MIT-0',
  'ISC',
  'BSD-2-Clause',
  'BSD-3-Clause',
  'Apache-2.0',
  '0BSD',
  'BlueOak-1.0.0',
  'CC0-1.0',
  'CC-BY-4.0', // caniuse-lite: browser support data, attribution only
  'Python-2.0',
  'Unlicense',
  'Zlib',
]);

/**
 * Reviewed exceptions: [package name pattern, the exact licence string in the lockfile, why].
 * Narrow on purpose: a new version with another licence string fails again.
 */
export const EXCEPTIONS = [
  [
    /^@img\/sharp-(libvips-|wasm32$|win32-)/,
    /^(LGPL-3\.0-or-later|Apache-2\.0 AND LGPL-3\.0-or-later( AND MIT)?)$/,
    "libvips, the unmodified prebuilt library of sharp (Next's optional image optimizer, an optional dependency for other platforms; the app does not use next/image). LGPL allows shipping it dynamically linked and unmodified.",
  ],
  [/^format$/, /^$/, 'format@0.2.x declares MIT in the legacy "licenses" field (sjs.mit-license.org), which the lockfile does not keep.'],
];

/** Whether an SPDX expression is satisfied by the allow-list (OR: either side, AND: both, parentheses). */
export function licenseAllowed(expression) {
  const tokens = String(expression).replace(/[()]/g, (p) => ` ${p} `).trim().split(/\s+/).filter(Boolean);
  let i = 0;
  const primary = () => {
    const t = tokens[i++];
    if (t === '(') {
      const v = or();
      if (tokens[i++] !== ')') throw new Error('unbalanced parentheses');
      return v;
    }
    if (t === undefined || t === ')' || /^(AND|OR|WITH)$/i.test(t)) throw new Error(`unexpected ${t ?? 'end'}`);
    // "X WITH exception" is allowed when X is (exceptions only add permissions)
    if (tokens[i] && /^WITH$/i.test(tokens[i])) i += 2;
    return ALLOWED_LICENSES.has(t.replace(/\+$/, ''));
  };
  const and = () => {
    let v = primary();
    while (tokens[i] && /^AND$/i.test(tokens[i])) {
      i++;
      v = primary() && v;
    }
    return v;
  };
  const or = () => {
    let v = and();
    while (tokens[i] && /^OR$/i.test(tokens[i])) {
      i++;
      v = and() || v;
    }
    return v;
  };
  try {
    if (tokens.length === 0) return false;
    const v = or();
    return i === tokens.length && v;
  } catch {
    return false;
  }
}

const nameOf = (path, entry) => entry.name ?? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);

/** Problems of a lockfile against its package.json; [] when clean. */
export function lintLockfile(lock, pkg) {
  const problems = [];
  if (!(lock.lockfileVersion >= 2)) problems.push(`lockfileVersion ${lock.lockfileVersion}: expected 2 or 3 (npm 7+)`);
  const packages = lock.packages ?? {};
  const root = packages[''] ?? {};
  for (const field of ['dependencies', 'devDependencies', 'optionalDependencies']) {
    const want = pkg[field] ?? {};
    const have = root[field] ?? {};
    for (const name of new Set([...Object.keys(want), ...Object.keys(have)])) {
      if (want[name] !== have[name]) problems.push(`${field}.${name}: package.json has ${JSON.stringify(want[name])}, the lockfile ${JSON.stringify(have[name])} (run npm install)`);
    }
    for (const [name, spec] of Object.entries(want)) {
      if (/^(git\+|git:|github:|https?:|file:|link:)|^[^@/]+\/[^@/]+$/.test(spec)) problems.push(`${field}.${name}: ${spec} is not a registry version`);
    }
  }
  for (const [path, entry] of Object.entries(packages)) {
    if (path === '') continue;
    const name = nameOf(path, entry);
    if (!path.startsWith('node_modules/') && !path.includes('/node_modules/')) {
      problems.push(`${path}: not installed from the registry (a workspace or local folder)`);
      continue;
    }
    if (entry.link) {
      problems.push(`${path}: a link to ${entry.resolved}, not a registry package`);
      continue;
    }
    if (!entry.version) problems.push(`${path}: no version`);
    if (entry.resolved !== undefined) {
      const url = String(entry.resolved);
      if (!url.startsWith('https://registry.npmjs.org/')) problems.push(`${path}: resolved from ${url}, not https://registry.npmjs.org/`);
      else if (!url.endsWith(`/-/${name.split('/').pop()}-${entry.version}.tgz`)) problems.push(`${path}: resolved URL ${url} does not match ${name}@${entry.version}`);
    }
    if (!/^sha512-[A-Za-z0-9+/]+=*$/.test(entry.integrity ?? '')) problems.push(`${path}: no sha512 integrity (${entry.integrity ?? 'missing'}): npm ci could not verify its tarball`);
  }
  return problems;
}

/** Licence problems of the runtime dependencies (not `dev`); and how many were checked. */
export function checkLicenses(lock) {
  const problems = [];
  let checked = 0;
  for (const [path, entry] of Object.entries(lock.packages ?? {})) {
    if (path === '' || entry.dev === true || entry.link) continue;
    checked++;
    const name = nameOf(path, entry);
    const license = typeof entry.license === 'string' ? entry.license : '';
    if (license && licenseAllowed(license)) continue;
    if (EXCEPTIONS.some(([n, l]) => n.test(name) && l.test(license))) continue;
    problems.push(`${name}@${entry.version} (${path}): licence ${license ? JSON.stringify(license) : 'missing'} is not on the allow-list`);
  }
  return { problems, checked };
}

/** `npm audit signatures`: 'ok', 'unreachable' (with the reason) or 'failed' (with npm's output). */
export function auditSignatures(dir) {
  const r = spawnSync('npm', ['audit', 'signatures', '--fetch-retries=1'], { cwd: dir, encoding: 'utf8', timeout: 180_000 });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (r.status === 0) return { status: 'ok', output };
  if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ECONNRESET|network request to/.test(output) || r.error) {
    return { status: 'unreachable', output: output.split('\n').find((l) => /network request|ENOTFOUND|EAI_AGAIN/.test(l)) ?? String(r.error) };
  }
  return { status: 'failed', output };
}

function main(argv) {
  const dirAt = argv.indexOf('--dir');
  const dir = dirAt >= 0 ? argv[dirAt + 1] : process.cwd();
  const lockPath = join(dir, 'package-lock.json');
  if (!existsSync(lockPath)) {
    console.error(`check-deps: no package-lock.json in ${dir}`);
    return 1;
  }
  const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  let failed = false;

  const lint = lintLockfile(lock, pkg);
  const installed = Object.keys(lock.packages ?? {}).length - 1;
  if (lint.length) {
    failed = true;
    console.error(`check-deps: lockfile: ${lint.length} problem(s)\n  ${lint.join('\n  ')}`);
  } else console.log(`check-deps: lockfile ok (${installed} packages, all from the npm registry with sha512 integrity)`);

  const licenses = checkLicenses(lock);
  if (licenses.problems.length) {
    failed = true;
    console.error(`check-deps: licences: ${licenses.problems.length} runtime dependenc(ies) not allowed\n  ${licenses.problems.join('\n  ')}`);
  } else console.log(`check-deps: licences ok (${licenses.checked} runtime packages)`);

  if (argv.includes('--signatures')) {
    const sig = auditSignatures(dir);
    if (sig.status === 'ok') {
      const verified = sig.output.match(/\d+ packages? ha\w+ verified registry signatures?/)?.[0];
      console.log(`check-deps: npm audit signatures ok${verified ? ` (${verified})` : ''}`);
    }
    else if (sig.status === 'unreachable' && process.env.SDLAB_REQUIRE_SIGNATURES !== '1') {
      console.warn(`check-deps: WARNING npm audit signatures skipped, the registry or sigstore is unreachable: ${sig.output.trim()}`);
    } else {
      failed = true;
      console.error(`check-deps: npm audit signatures failed:\n${sig.output}`);
    }
  }
  return failed ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = main(process.argv.slice(2));
