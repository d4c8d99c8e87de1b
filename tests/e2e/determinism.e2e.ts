import { describe, expect, inject, it } from 'vitest';
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { fingerprintAll, fingerprintRealTraces } from './fixtures/determinism-entry';
import { hasChromium, launch, openGuardedPage } from './support/browser';

describe.skipIf(!hasChromium)('determinism across Node and the browser', () => {
  it('every lab gives the same event log in Chromium as in Node for the same seed', async () => {
    const bundle = await build({
      entryPoints: ['tests/e2e/fixtures/determinism-entry.ts'],
      bundle: true,
      platform: 'browser',
      format: 'iife',
      globalName: 'Determinism',
      write: false,
      logLevel: 'silent',
    });
    const code = bundle.outputFiles[0].text;
    const session = await launch();
    try {
      const { page, expectClean } = await openGuardedPage(session);
      await page.goto(`${inject('baseURL')}/`);
      await page.addScriptTag({ content: code });
      for (const seed of [1, 4242]) {
        const inBrowser = await page.evaluate((s) => (window as unknown as { Determinism: { fingerprintAll(s: number): unknown } }).Determinism.fingerprintAll(s), seed);
        const inNode = fingerprintAll(seed);
        expect(inNode.length).toBeGreaterThan(0);
        expect(inBrowser).toEqual(inNode);
      }
      expect(fingerprintAll(1)).not.toEqual(fingerprintAll(2));
      // the ABR lab on real traces (3G with irregular spacing, 5G with outages at 0 Mbps)
      const sets = Object.fromEntries(['norway-3g', 'ucc-5g'].map((set) => [set, readFileSync(`public/traces/${set}.traces`, 'utf8')]));
      type Real = { Determinism: { fingerprintRealTraces(s: number, sets: Record<string, string>): unknown } };
      const realInBrowser = await page.evaluate(([s, texts]) => (window as unknown as Real).Determinism.fingerprintRealTraces(s, texts), [4242, sets] as const);
      const realInNode = fingerprintRealTraces(4242, sets);
      expect(realInNode).toHaveLength(4);
      expect(realInBrowser).toEqual(realInNode);
      expectClean();
    } finally {
      await session.close();
    }
  });
});
