/** Every lesson and every lab linked from the catalog loads cleanly; every lab plays. */
import { describe, expect, inject, it } from 'vitest';
import { hasChromium, launch, openGuardedPage, waitHydrated } from './support/browser';

describe.skipIf(!hasChromium)('every catalog page', () => {
  it('loads every lesson and lab without errors, and every lab advances when played', async () => {
    const base = inject('baseURL');
    const session = await launch();
    try {
      const { page, expectClean } = await openGuardedPage(session);
      await page.goto(`${base}/`);
      const hrefs = await page.$$eval('a[href^="/lessons/"], a[href^="/labs/"]', (as) => [...new Set(as.map((a) => a.getAttribute('href')!))]);
      const lessons = hrefs.filter((h) => /^\/lessons\/[^/?#]+$/.test(h));
      const labs = hrefs.filter((h) => /^\/labs\/[^/?#]+$/.test(h));
      expect(lessons.length).toBeGreaterThan(0);
      expect(labs.length).toBeGreaterThan(0);
      for (const href of lessons) {
        await page.goto(`${base}${href}`, { waitUntil: 'networkidle' });
        expect(await page.locator('h1').count(), href).toBeGreaterThan(0);
      }
      for (const href of labs) {
        await page.goto(`${base}${href}`);
        await waitHydrated(page, 'lab-shell');
        const shell = page.locator('[data-testid="lab-shell"]').first();
        await page.locator('[data-testid="play-toggle"]').click();
        await expect
          .poll(async () => Number(await shell.getAttribute('data-virtual-time')), { timeout: 20_000, message: `${href} advances` })
          .toBeGreaterThan(0);
        await page.locator('[data-testid="play-toggle"]').click();
      }
      expectClean();
    } finally {
      await session.close();
    }
  });
});
