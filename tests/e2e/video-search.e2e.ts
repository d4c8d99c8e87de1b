/**
 * The video search lab in a real browser (issue 15): a link to a time after the query shows ten
 * ranked hits, MiniSearch's ten and the four shards asked; typing a new query in the box re-runs it
 * (suggestions and hits follow), the copied link carries the query and reproduces the same hits;
 * at 375 px nothing scrolls sideways and axe finds no serious violation. No console error anywhere.
 */
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasChromium, launch, openGuardedPage, readAttributes, seriousA11yViolations, waitHydrated } from './support/browser';

const shell = '[data-testid="lab-shell"]';

async function state(page: Page) {
  const a = await readAttributes(page, {
    timeMs: [shell, 'data-virtual-time'],
    state: [shell, 'data-player-state'],
    hits: ['[data-testid="vs-view"]', 'data-hits'],
    fanOut: ['[data-testid="vs-shards"]', 'data-fan-out'],
  });
  return { timeMs: Number(a.timeMs), state: a.state, hits: Number(a.hits), fanOut: Number(a.fanOut) };
}

async function until(page: Page, predicate: () => Promise<boolean>, what: string, timeoutMs = 45_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await predicate()) return;
    await page.waitForTimeout(100);
  }
  throw new Error(`timed out waiting for ${what}; last state ${JSON.stringify(await state(page))}`);
}

async function open(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await waitHydrated(page, 'lab-shell');
  await page.locator('[data-testid="vs-view"]').waitFor({ timeout: 30_000 });
}

const firstHit = (page: Page) => page.locator('[data-testid="vs-hit"] summary').first().innerText();

describe.skipIf(!hasChromium)('video search lab', () => {
  it('hits with explanations, MiniSearch beside them, a typed query re-runs and its link reproduces it', async () => {
    const base = inject('baseURL');
    const session = await launch({ viewport: { width: 1280, height: 900 } });
    try {
      const { page, expectClean } = await openGuardedPage(session);
      await open(page, `${base}/labs/video-search?t=6000`);
      await until(page, async () => {
        const s = await state(page);
        return s.timeMs === 6000 && s.state !== 'seeking' && s.hits === 10;
      }, 'the linked time with the results');
      expect((await state(page)).fanOut).toBe(4);
      expect(await page.locator('[data-testid="vs-minisearch"] li').count()).toBeGreaterThanOrEqual(10);
      await page.locator('[data-testid="vs-hit"] summary').first().click();
      await expect.poll(() => page.locator('[data-testid="vs-hit"] table tbody tr').count()).toBeGreaterThan(0);

      await page.locator('[data-testid="vs-query"] input').fill('easy pasta');
      await until(page, async () => /pasta/i.test(await firstHit(page)), 'hits for the typed query');
      await expect.poll(() => page.locator('[data-testid="vs-suggestions"] li').first().innerText()).toMatch(/^easy pasta/);
      const shown = await firstHit(page);

      await page.locator('[data-testid="copy-link"]').click();
      const link = await page.locator('[data-testid="share-link"]').inputValue();
      expect(link).toContain('query=');
      await open(page, link.startsWith('http') ? link : `${base}${link}`);
      await until(page, async () => (await state(page)).hits === 10 && (await firstHit(page)) === shown, 'the same first hit from the link');
      expectClean();
    } finally {
      await session.close();
    }
  }, 90_000);

  it('at 375 px: no horizontal scrolling, no serious axe violations, lab and lesson', async () => {
    const session = await launch({ viewport: { width: 375, height: 740 } });
    try {
      const { page, expectClean } = await openGuardedPage(session);
      await open(page, `${inject('baseURL')}/labs/video-search?preset=term-partitioned&t=20000`);
      await until(page, async () => (await state(page)).timeMs === 20000 && (await state(page)).hits === 10, 'the linked time');
      for (const where of ['lab', 'lesson']) {
        if (where === 'lesson') await page.goto(`${inject('baseURL')}/lessons/video-search`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${where} overflows by ${overflow}px`).toBeLessThanOrEqual(0);
        const violations = await seriousA11yViolations(page);
        expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);
      }
      expectClean();
    } finally {
      await session.close();
    }
  }, 90_000);
});
