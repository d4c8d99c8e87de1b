/**
 * The two music labs in a real browser (issue 16). Discover Weekly: plays, the End key trains to
 * the end, the scoreboard shows ALS beating the popularity chart, "Add 5 plays" retrains with the
 * plays in the link, and the copied link opened in a fresh browser shows the same trained state.
 * Music delivery: plays, and a link to a time reproduces the same numbers. Both at 375 px: no
 * horizontal scrolling, no serious axe violations; no console error anywhere (openGuardedPage).
 */
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasChromium, launch, openGuardedPage, readAttributes, seriousA11yViolations, waitHydrated } from './support/browser';

const shell = '[data-testid="lab-shell"]';

async function state(page: Page) {
  const a = await readAttributes(page, {
    timeMs: [shell, 'data-virtual-time'],
    events: [shell, 'data-event-count'],
    state: [shell, 'data-player-state'],
    phase: ['[data-testid="dw-view"]', 'data-phase'],
    hits: ['[data-testid="dw-recommendations"]', 'data-hits'],
    plays: ['[data-testid="md-view"]', 'data-plays'],
  });
  return { timeMs: Number(a.timeMs), events: Number(a.events), state: a.state, phase: a.phase, hits: a.hits, plays: a.plays };
}
type State = Awaited<ReturnType<typeof state>>;

async function waitFor(page: Page, predicate: (s: State) => boolean, what: string, timeoutMs = 150_000): Promise<State> {
  const deadline = Date.now() + timeoutMs;
  let last = await state(page);
  while (Date.now() < deadline) {
    last = await state(page);
    if (predicate(last)) return last;
    await page.waitForTimeout(100);
  }
  throw new Error(`timed out waiting for ${what}; last state ${JSON.stringify(last)}`);
}

async function open(page: Page, url: string, view: string): Promise<void> {
  await page.goto(url);
  await waitHydrated(page, 'lab-shell');
  await page.locator(`[data-testid="${view}"]`).waitFor({ timeout: 30_000 });
}

async function copiedLink(page: Page): Promise<string> {
  await page.locator('[data-testid="copy-link"]').click();
  return page.locator('[data-testid="share-link"]').inputValue();
}

describe.skipIf(!hasChromium)('music labs', () => {
  it('discover-weekly: plays, trains to the end, beats popularity, retrains with added plays, and the link reproduces it', async () => {
    const base = inject('baseURL');
    const first = await launch({ viewport: { width: 1280, height: 900 } });
    const second = await launch({ viewport: { width: 1280, height: 900 } });
    try {
      const { page, expectClean } = await openGuardedPage(first);
      // three sweeps keep the replay of the link short on a loaded machine
      await open(page, `${base}/labs/discover-weekly?preset=tiny-discover-weekly&iterations=3`, 'dw-view');
      await page.locator('[data-testid="play-toggle"]').click();
      await waitFor(page, (s) => s.state === 'playing' && s.timeMs > 1_200, 'the training to start');
      await page.locator(shell).first().focus();
      await page.keyboard.press('End');
      const trained = await waitFor(page, (s) => s.phase === 'done' && s.state !== 'seeking' && s.state !== 'playing', 'training to finish');
      const scores = await page.locator('[data-testid="dw-scores"] tbody tr').first().locator('td').allTextContents();
      const [als, popularity] = scores.map((t) => Number.parseFloat(t));
      expect(als).toBeGreaterThan(popularity);

      await page.locator('[data-testid="dw-add"]').click();
      await waitFor(page, (s) => s.phase === 'done' && s.state !== 'seeking', 'the retrained run (kept at the same time)');
      const link = await copiedLink(page);
      expect(link).toContain('extraPlays=');
      const mine = await state(page);
      expect(mine.timeMs).toBe(trained.timeMs);
      expectClean();

      const fresh = await openGuardedPage(second);
      await open(fresh.page, link.startsWith('http') ? link : `${base}${link}`, 'dw-view');
      const reproduced = await waitFor(fresh.page, (s) => s.timeMs === mine.timeMs && s.state !== 'seeking', 'the shared time (arrived)');
      expect(reproduced.phase).toBe('done');
      expect(reproduced.hits).toBe(mine.hits);
      expect(reproduced.events).toBe(mine.events);
      fresh.expectClean();
    } finally {
      await first.close();
      await second.close();
    }
  }, 420_000);

  it('music-delivery: plays, and a link to a time shows the same run', async () => {
    const base = inject('baseURL');
    const session = await launch({ viewport: { width: 1280, height: 900 } });
    try {
      const { page, expectClean } = await openGuardedPage(session);
      await open(page, `${base}/labs/music-delivery?preset=todays-client`, 'md-view');
      await page.locator('[data-testid="play-toggle"]').click();
      await waitFor(page, (s) => s.state === 'playing' && s.events > 0, 'the first plays');
      await page.locator('[data-testid="play-toggle"]').click();
      const paused = await waitFor(page, (s) => s.state === 'paused', 'pause');
      const link = await copiedLink(page);
      await open(page, link.startsWith('http') ? link : `${base}${link}`, 'md-view');
      const again = await waitFor(page, (s) => s.timeMs === paused.timeMs && s.state !== 'seeking', 'the linked time');
      expect(again.events).toBe(paused.events);
      expect(again.plays).toBe(paused.plays);
      expectClean();
    } finally {
      await session.close();
    }
  }, 120_000);

  it('both labs at 375 px: no horizontal scrolling and no serious axe violations', async () => {
    const session = await launch({ viewport: { width: 375, height: 740 } });
    try {
      const { page, expectClean } = await openGuardedPage(session);
      for (const [id, view, t] of [
        ['discover-weekly', 'dw-view', 8_000],
        ['music-delivery', 'md-view', 600_000],
      ] as const) {
        await open(page, `${inject('baseURL')}/labs/${id}?t=${t}`, view);
        await waitFor(page, (s) => s.timeMs === t && s.state !== 'seeking', `${id}: the linked time`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `/labs/${id} overflows by ${overflow}px`).toBeLessThanOrEqual(0);
        const violations = await seriousA11yViolations(page);
        expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);
      }
      await page.goto(`${inject('baseURL')}/lessons/music-streaming`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `the lesson overflows by ${overflow}px`).toBeLessThanOrEqual(0);
      expectClean();
    } finally {
      await session.close();
    }
  }, 180_000);
});
