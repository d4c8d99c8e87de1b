/** axe-core on the home, a lesson and a lab page, light and dark, desktop and 375 px. */
import { describe, expect, inject, it } from 'vitest';
import { hasChromium, launch, openGuardedPage, seriousA11yViolations, waitHydrated } from './support/browser';

const PAGES = [
  { path: '/', ready: null },
  { path: '/lessons/queueing-basics', ready: null },
  { path: '/labs/queue', ready: 'lab-shell' },
] as const;

describe.skipIf(!hasChromium)('accessibility and small screens', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`no serious or critical axe violations (${colorScheme})`, async () => {
      const session = await launch({ colorScheme });
      try {
        const { page, expectClean } = await openGuardedPage(session);
        for (const p of PAGES) {
          await page.goto(`${inject('baseURL')}${p.path}`, { waitUntil: 'networkidle' });
          if (p.ready) await waitHydrated(page, p.ready);
          const violations = await seriousA11yViolations(page);
          expect(violations, `${p.path}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
        }
        expectClean();
      } finally {
        await session.close();
      }
    });
  }

  it('every page (home, catalogs, every lesson with its labs loaded, every lab) fits a 375 px wide screen without horizontal scrolling', async () => {
    const session = await launch({ viewport: { width: 375, height: 740 } });
    try {
      const { page, expectClean } = await openGuardedPage(session);
      await page.goto(`${inject('baseURL')}/`, { waitUntil: 'networkidle' });
      const linked = await page.$$eval('a[href^="/lessons/"], a[href^="/labs/"]', (as) => [...new Set(as.map((a) => a.getAttribute('href')!))]);
      const paths = ['/', '/lessons', '/labs', ...linked.filter((h) => /^\/(lessons|labs)\/[^/?#]+$/.test(h))];
      expect(paths.filter((p) => p.startsWith('/labs/')).length).toBeGreaterThanOrEqual(5);
      for (const path of paths) {
        await page.goto(`${inject('baseURL')}${path}`, { waitUntil: 'networkidle' });
        if (path.startsWith('/labs/')) await waitHydrated(page, 'lab-shell');
        if (path.startsWith('/lessons/')) {
          // bring every embed in: their loaded labs must fit too
          const embeds = page.locator('[data-testid="lab-embed"]');
          for (let i = 0; i < (await embeds.count()); i++) await embeds.nth(i).scrollIntoViewIfNeeded();
          if ((await embeds.count()) > 0) await waitHydrated(page, 'lab-shell');
          await page.waitForTimeout(300);
        }
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${path} overflows by ${overflow}px`).toBeLessThanOrEqual(0);
      }
      expectClean();
    } finally {
      await session.close();
    }
  });
});
