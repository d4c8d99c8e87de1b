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

  it('every page fits a 375 px wide screen without horizontal scrolling', async () => {
    const session = await launch({ viewport: { width: 375, height: 740 } });
    try {
      const { page, expectClean } = await openGuardedPage(session);
      for (const p of PAGES) {
        await page.goto(`${inject('baseURL')}${p.path}`, { waitUntil: 'networkidle' });
        if (p.ready) await waitHydrated(page, p.ready);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${p.path} overflows by ${overflow}px`).toBeLessThanOrEqual(0);
      }
      expectClean();
    } finally {
      await session.close();
    }
  });
});
