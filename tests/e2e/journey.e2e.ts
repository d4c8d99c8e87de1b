/**
 * The newcomer's journey: home → lesson → lab full screen, play, pause, step, change a parameter,
 * copy the link, open it in a fresh browser and see the same state.
 */
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasChromium, launch, openGuardedPage, readAttributes, waitHydrated } from './support/browser';

const shell = '[data-testid="lab-shell"]';

async function shellState(page: Page) {
  const a = await readAttributes(page, {
    timeMs: [shell, 'data-virtual-time'],
    events: [shell, 'data-event-count'],
    state: [shell, 'data-player-state'],
    seed: [shell, 'data-seed'],
  });
  return { timeMs: Number(a.timeMs), events: Number(a.events), state: a.state, seed: a.seed };
}

async function waitForState(page: Page, predicate: (s: Awaited<ReturnType<typeof shellState>>) => boolean, what: string) {
  const deadline = Date.now() + 20_000;
  let last = await shellState(page);
  while (Date.now() < deadline) {
    last = await shellState(page);
    if (predicate(last)) return last;
    await page.waitForTimeout(50);
  }
  throw new Error(`timed out waiting for ${what}; last state ${JSON.stringify(last)}`);
}

describe.skipIf(!hasChromium)('home → lesson → lab → shared link', () => {
  it('reproduces the exact run from a copied link in a fresh browser', async () => {
    const base = inject('baseURL');
    const first = await launch();
    const second = await launch();
    try {
      const { page, expectClean } = await openGuardedPage(first);
      await page.goto(`${base}/`);
      await expect(page.locator('h1').first().textContent()).resolves.toBeTruthy();

      // The catalog search filters by title.
      const search = page.getByRole('searchbox').first();
      await search.fill('queue');
      const lessonLink = page.locator('a[href="/lessons/queueing-basics"]').first();
      await lessonLink.waitFor();
      await lessonLink.click();
      await page.waitForURL('**/lessons/queueing-basics');
      await expect(page.locator('h1').first().textContent()).resolves.toMatch(/queue/i);

      // The embedded lab loads behind a placeholder, then hydrates.
      const embed = page.locator('[data-testid="lab-embed"]').first();
      await embed.scrollIntoViewIfNeeded();
      await waitHydrated(page, 'lab-shell');
      const fullScreen = page.locator('[data-testid="open-full-screen"]').first();
      const href = await fullScreen.getAttribute('href');
      expect(href).toMatch(/^\/labs\/queue/);
      await fullScreen.click();
      await page.waitForURL('**/labs/queue**');
      await waitHydrated(page, 'lab-shell');

      // Play, pause.
      await page.locator('[data-testid="play-toggle"]').click();
      await waitForState(page, (s) => s.state === 'playing' && s.timeMs > 0, 'the run to advance');
      await page.locator('[data-testid="play-toggle"]').click();
      const paused = await waitForState(page, (s) => s.state === 'paused', 'pause');
      await page.waitForTimeout(200);
      expect((await shellState(page)).timeMs).toBe(paused.timeMs);

      // Step: exactly one more event (or time jumps to it).
      await page.locator('[data-testid="step"]').click();
      const stepped = await waitForState(page, (s) => s.timeMs > paused.timeMs || s.events > paused.events, 'a step');
      expect(stepped.timeMs).toBeGreaterThanOrEqual(paused.timeMs);

      // Change a parameter: the run restarts with it.
      const arrival = page.locator('[data-testid="param-arrivalRate"]');
      await arrival.fill('7.5');
      await waitForState(page, (s) => s.timeMs === 0, 'the run to restart after a parameter change');
      await page.keyboard.press('Escape');
      await page.locator('[data-testid="step"]').focus();

      // Keyboard: space plays, space pauses, → steps.
      await page.locator(shell).first().focus();
      await page.keyboard.press('Space');
      await waitForState(page, (s) => s.state === 'playing' && s.timeMs > 0, 'keyboard play');
      await page.keyboard.press('Space');
      await waitForState(page, (s) => s.state === 'paused', 'keyboard pause');
      const before = await shellState(page);
      await page.keyboard.press('ArrowRight');
      await waitForState(page, (s) => s.events > before.events || s.timeMs > before.timeMs, 'keyboard step');
      const final = await shellState(page);

      await page.locator('[data-testid="copy-link"]').click();
      const link = await page.locator('[data-testid="share-link"]').inputValue();
      expect(link).toContain('arrivalRate=7.5');
      expect(link).toContain(`t=${Math.round(final.timeMs)}`);
      expectClean();

      // A fresh browser (new profile) opening the link lands on the same state.
      const fresh = await openGuardedPage(second);
      await fresh.page.goto(link.startsWith('http') ? link : `${base}${link}`);
      await waitHydrated(fresh.page, 'lab-shell');
      const reproduced = await waitForState(fresh.page, (s) => s.timeMs === Math.round(final.timeMs), 'the shared time');
      expect(reproduced.events).toBe(final.events);
      expect(reproduced.seed).toBe(final.seed);
      await expect(fresh.page.locator('[data-testid="param-arrivalRate"]').inputValue()).resolves.toBe('7.5');
      fresh.expectClean();
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('an invalid shared link names the wrong parameter and falls back to defaults', async () => {
    const session = await launch();
    try {
      const { page, expectClean } = await openGuardedPage(session);
      await page.goto(`${inject('baseURL')}/labs/queue?v=1&seed=3&servers=-4&arrivalRate=banana`);
      await waitHydrated(page, 'lab-shell');
      const banner = page.locator('[data-testid="param-errors"]');
      await banner.waitFor();
      const text = await banner.textContent();
      expect(text).toContain('servers');
      expect(text).toContain('arrivalRate');
      await page.locator('[data-testid="play-toggle"]').click();
      await waitForState(page, (s) => s.timeMs > 0, 'the run with defaults to play');
      expectClean();
    } finally {
      await session.close();
    }
  });

  it('a link to a far-off time in a huge run replays in slices: the page stays responsive and Stop pauses there', async () => {
    const session = await launch();
    try {
      const { page, expectClean } = await openGuardedPage(session);
      // about 10^10 events to the link's time: replayed in one go this froze the tab
      await page.goto(`${inject('baseURL')}/labs/queue?v=1&seed=2&arrivalRate=5000&serviceRate=6000&durationS=1000000&t=900000000`);
      await waitHydrated(page, 'lab-shell');
      await page.locator('[data-testid="seek-progress"]').waitFor();
      const before = await waitForState(page, (s) => s.state === 'seeking' && s.timeMs > 0, 'the replay to start');
      // two animation frames come back quickly while the replay runs
      const frameMs = await page.evaluate(
        () => new Promise<number>((resolve) => {
          const t0 = performance.now();
          requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - t0)));
        }),
      );
      expect(frameMs).toBeLessThan(1_000);
      await waitForState(page, (s) => s.timeMs > before.timeMs, 'the replay to advance');
      await page.locator('[data-testid="play-toggle"]').click();
      const stopped = await waitForState(page, (s) => s.state === 'paused', 'Stop replay to pause');
      expect(Number.isInteger(stopped.timeMs)).toBe(true);
      expect(stopped.timeMs).toBeLessThan(900_000_000);
      await page.locator('[data-testid="seek-progress"]').waitFor({ state: 'detached' });
      expectClean();
    } finally {
      await session.close();
    }
  });

  it('keyboard shortcuts: ? opens help, f toggles presenter mode', async () => {
    const session = await launch({ viewport: { width: 1280, height: 720 } });
    try {
      const { page, expectClean } = await openGuardedPage(session);
      await page.goto(`${inject('baseURL')}/labs/queue`);
      await waitHydrated(page, 'lab-shell');
      await page.locator(shell).first().focus();
      await page.keyboard.press('?');
      await page.locator('[data-testid="shortcut-help"][open]').waitFor();
      await page.keyboard.press('Escape');
      await page.locator('[data-testid="shortcut-help"][open]').waitFor({ state: 'detached' });
      await page.keyboard.press('f');
      await page.locator(`${shell}[data-presenter="true"]`).waitFor();
      // Presenter mode fits a 1280×720 projector without horizontal scrolling.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      expectClean();
    } finally {
      await session.close();
    }
  });
});
