import { describe, expect, inject, it } from 'vitest';
import { build } from 'esbuild';
import { fingerprintAll } from './fixtures/determinism-entry';
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
      expectClean();
    } finally {
      await session.close();
    }
  });
});
