/**
 * The video pipeline lab in a real browser (issue 15): a link to a time lands on the same run, the
 * End key runs it to the press-play sequence, and the lab and its lesson at 375 px have no
 * horizontal scrolling and no serious axe violations; no console error anywhere (openGuardedPage).
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
    stage: ['[data-testid="vp-view"]', 'data-stage'],
    encodes: ['[data-testid="vp-view"]', 'data-encodes-done'],
  });
  return { timeMs: Number(a.timeMs), events: Number(a.events), state: a.state, stage: a.stage, encodes: Number(a.encodes) };
}
type State = Awaited<ReturnType<typeof state>>;

async function waitFor(page: Page, predicate: (s: State) => boolean, what: string, timeoutMs = 45_000): Promise<State> {
  const deadline = Date.now() + timeoutMs;
  let last = await state(page);
  while (Date.now() < deadline) {
    last = await state(page);
    if (predicate(last)) return last;
    await page.waitForTimeout(100);
  }
  throw new Error(`timed out waiting for ${what}; last state ${JSON.stringify(last)}`);
}

async function open(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await waitHydrated(page, 'lab-shell');
  await page.locator('[data-testid="vp-view"]').waitFor({ timeout: 30_000 });
}

describe.skipIf(!hasChromium)('video pipeline lab', () => {
  it('a link to a time shows the same run mid-encode; End runs it through publishing to the first frame', async () => {
    const base = inject('baseURL');
    const session = await launch({ viewport: { width: 1280, height: 900 } });
    try {
      const { page, expectClean } = await openGuardedPage(session);
      const link = `${base}/labs/video-pipeline?preset=lowest-rung-first&t=60000`;
      await open(page, link);
      const first = await waitFor(page, (s) => s.timeMs === 60_000 && s.state !== 'seeking', 'the linked time');
      expect(first.stage).toBe('encoding');
      expect(first.encodes).toBeGreaterThan(0);
      await expect(page.locator('[data-testid="vp-ladder"] tr[data-published="true"]').count()).resolves.toBeGreaterThan(0);

      await open(page, link);
      const again = await waitFor(page, (s) => s.timeMs === 60_000 && s.state !== 'seeking', 'the linked time, reloaded');
      expect(again.events).toBe(first.events);
      expect(again.encodes).toBe(first.encodes);

      await page.locator(shell).first().focus();
      await page.keyboard.press('End');
      const end = await waitFor(page, (s) => s.stage === 'played' && s.state !== 'seeking', 'the run to its first frame');
      expect(end.encodes).toBe(1200);
      await expect(page.locator('[data-testid="vp-press-play"] li[data-plane="control"]').count()).resolves.toBe(2);
      await expect(page.locator('[data-testid="vp-numbers"]').textContent()).resolves.toMatch(/Press play → first frame \(cloud \+ edge\)\d+ ms/);
      expectClean();
    } finally {
      await session.close();
    }
  }, 120_000);

  it('the lab and the lesson at 375 px: no horizontal scrolling, no serious axe violations', async () => {
    const base = inject('baseURL');
    const session = await launch({ viewport: { width: 375, height: 740 } });
    try {
      const { page, expectClean } = await openGuardedPage(session);
      await open(page, `${base}/labs/video-pipeline?preset=action-fixed-ladder&t=40000`);
      await waitFor(page, (s) => s.timeMs === 40_000 && s.state !== 'seeking', 'the linked time');
      for (const where of ['the lab', 'the lesson']) {
        if (where === 'the lesson') await page.goto(`${base}/lessons/design-a-video-platform`);
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
