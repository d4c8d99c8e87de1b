/**
 * ABR lab in the browser: the race scoreboard, changing an algorithm re-runs the race, the trace
 * editor (keyboard drag, file load with a bad line) feeds the run, and the link carries it all.
 */
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasChromium, launch, openGuardedPage, waitHydrated } from './support/browser';

async function scores(page: Page): Promise<string[]> {
  return page.$$eval('[data-testid="abr-score-row"]', (rows) => rows.map((r) => `${r.getAttribute('data-slot')}:${r.getAttribute('data-qoe')}`));
}

describe.skipIf(!hasChromium)('ABR lab', () => {
  it('races algorithms, edits the trace by hand and by file, and shares the exact run', async () => {
    const base = inject('baseURL');
    const session = await launch({ viewport: { width: 1280, height: 1000 } });
    const second = await launch({ viewport: { width: 1280, height: 1000 } });
    try {
      const { page, expectClean } = await openGuardedPage(session);
      await page.goto(`${base}/labs/abr`);
      await waitHydrated(page, 'lab-shell');
      await page.locator('[data-testid="abr-scoreboard"]').waitFor();
      await expect.poll(async () => (await scores(page)).length).toBeGreaterThanOrEqual(2);
      const before = await scores(page);
      expect(before.every((s) => /:-?\d+\.\d{3}$/.test(s))).toBe(true);

      // Changing the first player's algorithm re-runs the race with a different result.
      await page.locator('[data-testid="param-algorithm"]').selectOption('bola');
      await expect.poll(async () => (await scores(page))[0]).not.toBe(before[0]);

      // A trace file with a bad line is refused with its line number; a good one is used.
      await page.locator('[data-testid="abr-trace-file"]').setInputFiles({ name: 'bad.txt', mimeType: 'text/plain', buffer: Buffer.from('0 1.5\n1 banana\n') });
      await expect.poll(async () => page.locator('[data-testid="abr-trace-message"]').textContent()).toMatch(/line 2/);
      const good = Array.from({ length: 120 }, (_, i) => `${i} ${(i % 40 < 20 ? 3.2 : 0.6).toFixed(1)}`).join('\n');
      await page.locator('[data-testid="abr-trace-file"]').setInputFiles({ name: 'commute.txt', mimeType: 'text/plain', buffer: Buffer.from(good) });
      await expect.poll(async () => page.locator('[data-testid="abr-trace-point"]').count()).toBeGreaterThan(2);
      const withFile = await scores(page);

      // Keyboard drag of a trace point re-runs the race.
      const point = page.locator('[data-testid="abr-trace-point"]').nth(1);
      const mbps = Number(await point.getAttribute('data-mbps'));
      await point.focus();
      await page.keyboard.press('Shift+ArrowDown');
      await expect.poll(async () => Number(await page.locator('[data-testid="abr-trace-point"]').nth(1).getAttribute('data-mbps'))).toBeLessThan(mbps);
      await expect.poll(async () => (await scores(page)).join()).not.toBe(withFile.join());
      const edited = await scores(page);

      // Play a little, pause, share: a fresh browser shows the same run and the same scores.
      const shell = page.locator('[data-testid="lab-shell"]').first();
      await page.locator('[data-testid="play-toggle"]').click();
      await expect.poll(async () => Number(await shell.getAttribute('data-virtual-time'))).toBeGreaterThan(0);
      await page.locator('[data-testid="play-toggle"]').click();
      await expect.poll(async () => shell.getAttribute('data-player-state')).toBe('paused');
      await page.locator('[data-testid="copy-link"]').click();
      const link = await page.locator('[data-testid="share-link"]').inputValue();
      const time = await shell.getAttribute('data-virtual-time');
      const events = await shell.getAttribute('data-event-count');
      expectClean();

      const fresh = await openGuardedPage(second);
      await fresh.page.goto(link.startsWith('http') ? link : `${base}${link}`);
      await waitHydrated(fresh.page, 'lab-shell');
      const freshShell = fresh.page.locator('[data-testid="lab-shell"]').first();
      await expect.poll(async () => freshShell.getAttribute('data-virtual-time')).toBe(time);
      expect(await freshShell.getAttribute('data-event-count')).toBe(events);
      await expect.poll(async () => (await scores(fresh.page)).join()).toBe(edited.join());
      fresh.expectClean();
    } finally {
      await session.close();
      await second.close();
    }
  });
});
