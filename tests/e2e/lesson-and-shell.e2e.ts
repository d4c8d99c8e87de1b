/**
 * What the journey test does not walk through: a lesson's quiz (graded, kept across a reload), its
 * interview question, the theme toggle, the lazy lab taking exactly its placeholder's room; and the
 * lab shell's speed and reset keys, the time scrubber and the event-log filter.
 */
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasChromium, launch, openGuardedPage, waitHydrated } from './support/browser';

const shell = '[data-testid="lab-shell"]';

async function attr(page: Page, name: string): Promise<string | null> {
  return page.locator(shell).first().getAttribute(name);
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe.skipIf(!hasChromium)('lesson features and shell controls', () => {
  it('quiz grades and keeps progress across a reload; interview answer reveals; theme toggles and persists; the lab fills its placeholder without a shift', async () => {
    const session = await launch({ colorScheme: 'light' });
    try {
      const { page, expectClean } = await openGuardedPage(session);
      await page.goto(`${inject('baseURL')}/lessons/queueing-basics`);

      const quiz = page.locator('[data-testid="quiz"][data-hydrated="true"]').first();
      await quiz.waitFor();
      const first = quiz.locator('fieldset').first();
      await first.locator('input[type="radio"]').first().check();
      await first.getByRole('button').first().click();
      const feedback = first.locator('[data-correct]');
      await feedback.waitFor();
      const verdict = await feedback.getAttribute('data-correct');
      expect(await first.locator('label[data-state="right"]').count()).toBe(1);
      expect(await quiz.getByRole('status').textContent()).toMatch(/of \d+ correct/);

      const interview = page.locator('[data-testid="interview-question"]').first();
      const reveal = interview.getByRole('button', { name: /model answer/i });
      await reveal.click();
      expect(await reveal.getAttribute('aria-expanded')).toBe('true');
      expect(await interview.locator('[id$="-answer"]').isVisible()).toBe(true);

      const toggle = page.getByRole('button', { name: /switch to dark theme/i });
      await toggle.click();
      await until('the dark theme', async () => (await page.evaluate(() => document.documentElement.getAttribute('data-theme'))) === 'dark');

      // the lab loads into a box that already had its size: nothing below it moves
      const embed = page.locator('[data-testid="lab-embed"]').first();
      const before = await embed.boundingBox();
      await embed.scrollIntoViewIfNeeded();
      await waitHydrated(page, 'lab-shell');
      const after = await embed.boundingBox();
      expect(after!.height).toBe(before!.height);

      await page.reload();
      const reloaded = page.locator('[data-testid="quiz"][data-hydrated="true"]').first();
      await reloaded.waitFor();
      expect(await reloaded.locator('fieldset').first().locator('[data-correct]').getAttribute('data-correct')).toBe(verdict);
      expect(await page.evaluate(() => document.documentElement.getAttribute('data-theme'))).toBe('dark');
      expectClean();
    } finally {
      await session.close();
    }
  });

  it('speed and reset keys, the time scrubber and the event-log filter', async () => {
    const session = await launch();
    try {
      const { page, expectClean } = await openGuardedPage(session);
      await page.goto(`${inject('baseURL')}/labs/queue`);
      await waitHydrated(page, 'lab-shell');
      await page.locator(shell).first().focus();

      const speed0 = Number(await attr(page, 'data-speed'));
      await page.keyboard.press('+');
      await until('a faster speed', async () => Number(await attr(page, 'data-speed')) > speed0);
      await page.keyboard.press('-');
      await page.keyboard.press('-');
      await until('a slower speed', async () => Number(await attr(page, 'data-speed')) < speed0);

      // the scrubber jumps the run to a time (React listens to the input event of a range)
      await page.locator('[data-testid="time-scrubber"]').evaluate((el: HTMLInputElement) => {
        const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
        set.call(el, '30000');
        el.dispatchEvent(new Event('input', { bubbles: true }));
      });
      await until('the run at 30 s', async () => Number(await attr(page, 'data-virtual-time')) === 30_000);
      expect(await attr(page, 'data-player-state')).toBe('paused');
      const events = Number(await attr(page, 'data-event-count'));
      expect(events).toBeGreaterThan(0);

      // the filter keeps matching rows only
      const rows = page.locator('[data-testid="event-log-rows"] [data-log-row]');
      await rows.first().waitFor();
      const type = (await rows.first().locator('span').nth(1).textContent())!.trim();
      await page.locator('[data-testid="log-filter"]').fill(type);
      await until('filtered rows', async () => {
        const texts = await rows.allTextContents();
        return texts.length > 0 && texts.every((t) => t.includes(type));
      });
      await page.locator('[data-testid="log-filter"]').fill('no-such-event-zzz');
      await page.getByText('No event matches the filter.').waitFor();

      await page.locator(shell).first().focus();
      await page.keyboard.press('r');
      await until('a reset to t = 0', async () => Number(await attr(page, 'data-virtual-time')) === 0 && (await attr(page, 'data-player-state')) === 'idle');
      expectClean();
    } finally {
      await session.close();
    }
  });
  it('a change that breaks a rule spanning params is refused with the reason, and a valid one applies', async () => {
    const session = await launch();
    try {
      const { page, expectClean } = await openGuardedPage(session);
      await page.goto(`${inject('baseURL')}/labs/chat`);
      await waitHydrated(page, 'lab-shell');
      const cap = page.locator('[data-testid="param-reconnect.capMs"]');
      await cap.fill('500');
      const conflicts = page.locator('[data-testid="param-conflicts"]');
      await conflicts.waitFor();
      expect(await conflicts.textContent()).toMatch(/reconnect\.capMs = 500 is invalid: must be >= reconnect\.baseMs/);
      await cap.fill('2000');
      await conflicts.waitFor({ state: 'detached' });
      expectClean();
    } finally {
      await session.close();
    }
  });
});
