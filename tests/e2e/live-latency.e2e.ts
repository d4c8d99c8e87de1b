/**
 * The live-latency lab in a real browser (issue 13): a link to t = 40 s of the LL-HLS preset shows
 * the generated playlist with its LL tags and passing validator badges and a measured latency;
 * play moves virtual time on. At 375 px, the lab and the streaming-protocols lesson do not scroll
 * sideways and have no serious axe violations; no console error anywhere (openGuardedPage).
 */
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasChromium, launch, openGuardedPage, readAttributes, seriousA11yViolations, waitHydrated } from './support/browser';

const shell = '[data-testid="lab-shell"]';

async function state(page: Page) {
  const a = await readAttributes(page, {
    timeMs: [shell, 'data-virtual-time'],
    state: [shell, 'data-player-state'],
  });
  return { timeMs: Number(a.timeMs), state: a.state };
}

async function waitFor(page: Page, predicate: (s: Awaited<ReturnType<typeof state>>) => boolean, what: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let last = await state(page);
  while (Date.now() < deadline) {
    last = await state(page);
    if (predicate(last)) return last;
    await page.waitForTimeout(100);
  }
  throw new Error(`timed out waiting for ${what}; last state ${JSON.stringify(last)}`);
}

describe.skipIf(!hasChromium)('live-latency lab', () => {
  it('LL-HLS at 40 s: the playlist with LL tags, passing checks, a measured latency; play advances; 375 px clean', async () => {
    const session = await launch({ viewport: { width: 375, height: 740 } });
    try {
      const { page, expectClean } = await openGuardedPage(session);
      await page.goto(`${inject('baseURL')}/labs/live-latency?preset=ll-hls&t=40000`);
      await waitHydrated(page, 'lab-shell');
      await page.locator('[data-testid="live-latency-view"]').waitFor({ timeout: 30_000 });
      await waitFor(page, (s) => s.timeMs === 40_000 && s.state !== 'seeking', 'the linked time');
      const playlist = await page.locator('[data-testid="hls-playlist"]').textContent();
      expect(playlist).toContain('#EXT-X-PART-INF:PART-TARGET=0.5');
      expect(playlist).toContain('#EXT-X-PRELOAD-HINT:TYPE=PART');
      expect(await page.locator('[data-testid="dash-mpd"]').textContent()).toContain('availabilityTimeOffset="3.5"');
      const statuses = await page.locator('[data-testid="manifest-checks"] li').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
      expect(statuses.length).toBe(4);
      expect(statuses.every((s) => s === 'pass')).toBe(true);
      expect(await page.locator('[data-testid="latency-now"]').textContent()).toMatch(/^2\.3\d* s$/);

      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `the lab overflows by ${overflow}px`).toBeLessThanOrEqual(0);
      const violations = await seriousA11yViolations(page);
      expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);

      await page.locator('[data-testid="play-toggle"]').click();
      await waitFor(page, (s) => s.state === 'playing' && s.timeMs > 41_000, 'playback to move virtual time');

      await page.goto(`${inject('baseURL')}/lessons/streaming-protocols`);
      await page.locator('h1').first().waitFor();
      const lessonOverflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(lessonOverflow, `the lesson overflows by ${lessonOverflow}px`).toBeLessThanOrEqual(0);
      expect(await seriousA11yViolations(page)).toEqual([]);
      expectClean();
    } finally {
      await session.close();
    }
  }, 120_000);
});
