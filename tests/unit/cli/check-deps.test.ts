/** scripts/check-deps.mjs: the offline dependency checks CI runs (lockfile lint, runtime licences). */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { checkLicenses, licenseAllowed, lintLockfile } from '@/scripts/check-deps.mjs';

const pkg = { dependencies: { a: '1.0.0' }, devDependencies: { b: '^2.0.0' } };
const good = () => ({
  lockfileVersion: 3,
  packages: {
    '': { dependencies: { a: '1.0.0' }, devDependencies: { b: '^2.0.0' } },
    'node_modules/a': { version: '1.0.0', integrity: 'sha512-AAAA', license: 'MIT' },
    'node_modules/b': { version: '2.1.0', integrity: 'sha512-BBBB', license: 'GPL-3.0-only', dev: true },
    'node_modules/a/node_modules/c': { version: '3.0.0', resolved: 'https://registry.npmjs.org/c/-/c-3.0.0.tgz', integrity: 'sha512-CCCC', license: '(MIT OR GPL-2.0)' },
  },
});

describe('check-deps', () => {
  it('SPDX expressions: OR needs one allowed side, AND both; GPL-family and unknown fail', () => {
    for (const ok of ['MIT', 'Apache-2.0', '(MIT OR GPL-3.0)', 'MIT AND ISC', '(MPL-2.0 OR Apache-2.0)', 'BSD-3-Clause', 'Apache-2.0 WITH LLVM-exception', 'CC0-1.0']) expect(licenseAllowed(ok), ok).toBe(true);
    for (const bad of ['GPL-3.0', 'AGPL-3.0-only', 'LGPL-3.0-or-later', 'MIT AND GPL-2.0', 'SEE LICENSE IN LICENSE', 'UNLICENSED', '', '(MIT', 'MIT OR']) expect(licenseAllowed(bad), bad).toBe(false);
  });

  it('a clean lockfile passes; dev dependencies are not licence-checked', () => {
    expect(lintLockfile(good(), pkg)).toEqual([]);
    expect(checkLicenses(good())).toEqual({ problems: [], checked: 2 });
  });

  it('names every lockfile problem: foreign sources, missing integrity, links, drift from package.json', () => {
    const lock = good();
    Object.assign(lock.packages, {
      'node_modules/d': { version: '1.0.0', resolved: 'git+ssh://git@github.com/x/d.git#abc', integrity: 'sha512-DDDD', license: 'MIT' },
      'node_modules/e': { version: '1.0.0', license: 'MIT' },
      'node_modules/f': { link: true, resolved: '../f' },
      'node_modules/g': { version: '1.0.0', resolved: 'https://registry.npmjs.org/g/-/h-1.0.0.tgz', integrity: 'sha1-abc=', license: 'MIT' },
    });
    const problems = lintLockfile(lock, { ...pkg, dependencies: { a: '1.0.1', x: 'github:me/x' } }).join('\n');
    expect(problems).toMatch(/node_modules\/d: resolved from git\+ssh/);
    expect(problems).toMatch(/node_modules\/e: no sha512 integrity/);
    expect(problems).toMatch(/node_modules\/f: a link/);
    expect(problems).toMatch(/node_modules\/g: resolved URL .* does not match g@1\.0\.0/);
    expect(problems).toMatch(/node_modules\/g: no sha512 integrity/);
    expect(problems).toMatch(/dependencies\.a: package\.json has "1\.0\.1"/);
    expect(problems).toMatch(/dependencies\.x: github:me\/x is not a registry version/);
  });

  it('a runtime dependency under GPL or with no licence fails naming it; reviewed exceptions pass', () => {
    const lock = good();
    Object.assign(lock.packages, {
      'node_modules/gpl': { version: '1.0.0', integrity: 'sha512-E', license: 'GPL-2.0' },
      'node_modules/none': { version: '1.0.0', integrity: 'sha512-F' },
      'node_modules/@img/sharp-libvips-linux-x64': { version: '1.2.0', integrity: 'sha512-G', license: 'LGPL-3.0-or-later', optional: true },
    });
    const { problems } = checkLicenses(lock);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^gpl@1\.0\.0 .*"GPL-2\.0" is not on the allow-list/);
    expect(problems[1]).toMatch(/^none@1\.0\.0 .*licence missing/);
  });

  it("the project's own lockfile passes", () => {
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
    const own = JSON.parse(readFileSync('package.json', 'utf8'));
    expect(lintLockfile(lock, own)).toEqual([]);
    expect(checkLicenses(lock).problems).toEqual([]);
  });
});
