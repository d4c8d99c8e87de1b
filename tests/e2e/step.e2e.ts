/**
 * Step (issue 11): → moves to the next event a learner can see and says what happened; Shift+→
 * steps one raw event; Step back returns to the previous visible event; End goes to the end of the
 * run like a link (a replay with progress that arrives). In every lab, no caption prints null,
 * undefined or NaN.
 */
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasChromium, launch, openGuardedPage, waitHydrated } from './support/browser';

async function shell(page: Page) {
  return page.locator('[data-testid="lab-shell"]').first().evaluate((el) => ({
    t: Number(el.getAttribute('data-virtual-time')),
    events: Number(el.getAttribute('data-event-count')),
    state: el.getAttribute('data-player-state'),
  }));
}

async function until<T>(page: Page, read: () => Promise<T>, ok: (v: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await read();
  while (Date.now() < deadline) {
    last = await read();
    if (ok(last)) return last;
    await page.waitForTimeout(50);
  }
  throw new Error(`timed out waiting for ${what}; last ${JSON.stringify(last)}`);
}

describe.skipIf(!hasChromium)('step with captions, step back, End', () => {
  it('every lab: → says what happened, Shift+→ steps a raw event, ← goes back, End arrives at the end', async () => {
    const session = await launch({ viewport: { width: 1280, height: 900 } });
    try {
      const { page, expectClean } = await openGuardedPage(session);
      for (const id of ['queue', 'abr', 'kafka', 'chat', 'upload', 'discover-weekly', 'music-delivery', 'e2ee', 'conferencing', 'live-edge']) {
        await page.goto(`${inject('baseURL')}/labs/${id}`);
        await waitHydrated(page, 'lab-shell');
        const caption = page.locator('[data-testid="step-caption"]');
        await page.locator('[data-testid="step"]').click();
        const first = await until(page, () => shell(page), (s) => s.state === 'paused', `${id}: a step`);
        await caption.waitFor();
        const text1 = (await caption.textContent()) ?? '';
        expect(text1.trim().length, `${id} caption`).toBeGreaterThan(3);
        expect(text1, `${id} caption`).not.toMatch(/\b(null|undefined|NaN)\b/);

        // two more steps forward, then one back lands before the last one
        await page.locator('[data-testid="lab-shell"]').first().focus();
        await page.keyboard.press('ArrowRight');
        const second = await until(page, () => shell(page), (s) => s.t > first.t || s.events > first.events, `${id}: → steps`);
        await page.keyboard.press('ArrowRight');
        const third = await until(page, () => shell(page), (s) => s.t > second.t || s.events > second.events, `${id}: → again`);
        expect(((await caption.textContent()) ?? '').trim().length).toBeGreaterThan(3);
        await page.locator('[data-testid="step-back"]').click();
        await until(page, () => shell(page), (s) => s.t <= third.t && s.events < third.events, `${id}: step back`);
        expect(await caption.textContent()).not.toMatch(/\b(null|undefined|NaN)\b/);

        // a raw step moves at least one event
        const beforeRaw = await shell(page);
        await page.locator('[data-testid="lab-shell"]').first().focus();
        await page.keyboard.press('Shift+ArrowRight');
        await until(page, () => shell(page), (s) => s.events > beforeRaw.events || s.t > beforeRaw.t, `${id}: Shift+→`);

        // End: like a link to the end, it replays (with progress when long) and arrives
        await page.keyboard.press('End');
        const end = await until(page, () => shell(page), (s) => s.state === 'ended' || s.state === 'paused', `${id}: End`, 60_000);
        const horizon = await page.locator('[data-testid="time-scrubber"]').first().getAttribute('max');
        expect(end.t, `${id}: End reaches the end or the run's finish`).toBeGreaterThan(third.t);
        expect(end.t).toBeLessThanOrEqual(Number(horizon));
      }
      expectClean();
    } finally {
      await session.close();
    }
  });
});
