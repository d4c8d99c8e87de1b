/**
 * ABR lab on real networks in the browser: pick a shipped trace (its provenance shows, the race
 * re-runs on it in the worker, the share link names it), run a small tournament off the main thread,
 * cancel a big one, and open a race from the board, in place and as a share link.
 */
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasChromium, launch, openGuardedPage, readAttributes, seriousA11yViolations, waitHydrated } from './support/browser';

async function scores(page: Page): Promise<string> {
  return (await page.$$eval('[data-testid="abr-score-row"]', (rows) => rows.map((r) => `${r.getAttribute('data-slot')}:${r.getAttribute('data-qoe')}`))).join();
}

describe.skipIf(!hasChromium)('ABR lab on real networks', () => {
  it('picks a real trace with its provenance, runs a tournament and opens a race from it', async () => {
    const base = inject('baseURL');
    const session = await launch({ viewport: { width: 1280, height: 1000 } });
    try {
      const { page, expectClean } = await openGuardedPage(session);
      await page.goto(`${base}/labs/abr`);
      await waitHydrated(page, 'lab-shell');
      await page.locator('[data-testid="abr-scoreboard"]').waitFor();
      await expect.poll(() => scores(page)).toMatch(/\d/);
      const synthetic = await scores(page);

      // A real trace: provenance (dataset, licence, source) shows and the race runs on it.
      const trace = 'mahimahi-cellular/Verizon-EVDO-driving';
      await page.locator('[data-testid="abr-trace-picker"]').selectOption(`real:${trace}`);
      const provenance = page.locator('[data-testid="abr-trace-provenance"]');
      await provenance.waitFor();
      expect(await provenance.getAttribute('data-trace')).toBe(trace);
      expect(await provenance.textContent()).toMatch(/Mahimahi cellular.*Verizon-EVDO-driving.*3G/s);
      expect(await page.locator('[data-testid="abr-trace-licence"]').textContent()).toContain('GNU GPL v3');
      expect(await provenance.locator('a[href="https://github.com/ravinet/mahimahi"]').count()).toBe(1);
      await expect.poll(() => scores(page)).not.toBe(synthetic);
      await page.locator('[data-testid="copy-link"]').click();
      expect(await page.locator('[data-testid="share-link"]').inputValue()).toContain(`trace.real=${encodeURIComponent(trace)}`);

      // A big tournament can be cancelled.
      for (const box of await page.locator('[data-testid="abr-tournament-set"]').all()) await box.check();
      await page.locator('[data-testid="abr-tournament-run"]').click();
      await page.locator('[data-testid="abr-tournament-cancel"]').click();
      await expect.poll(() => page.locator('[data-testid="abr-tournament"]').getAttribute('data-status')).toBe('idle');

      // A small one: the seven built-ins over the seven mahimahi traces.
      for (const box of await page.locator('[data-testid="abr-tournament-set"]').all()) {
        if ((await box.getAttribute('value')) === 'mahimahi-cellular') await box.check();
        else await box.uncheck();
      }
      await page.locator('[data-testid="abr-tournament-run"]').click();
      await page.locator('[data-testid="abr-tournament"][data-status="done"]').waitFor({ timeout: 30_000 });
      const board = await readAttributes(page, {
        traces: ['[data-testid="abr-tournament-results"]', 'data-traces'],
        entrants: ['[data-testid="abr-tournament-results"]', 'data-entrants'],
      });
      expect(board).toEqual({ traces: '7', entrants: '7' });
      expect(await page.locator('[data-testid="abr-tournament-row"]').count()).toBe(7);
      const groups = await page.locator('[data-testid="abr-tournament-group"] option').allTextContents();
      expect(groups).toEqual(['All networks (7 traces)', '3G / HSDPA / UMTS (2 traces)', '4G / LTE (5 traces)']);
      expect(await page.locator('[data-testid="abr-tournament-row"]').first().textContent()).toMatch(/\d+\.\d ± \d+\.\d/);

      await page.locator('[data-testid="abr-tournament-entrant"]').selectOption('robustmpc');
      await page.locator('[data-testid="abr-tournament-baseline"]').selectOption('bba');
      expect(await page.locator('[data-testid="abr-tournament-comparison"]').textContent()).toMatch(/^robustMPC vs BBA: higher QoE on \d of 7 traces/);
      // the picker, the provenance and the whole board pass axe
      expect(await seriousA11yViolations(page)).toEqual([]);

      // Open the first listed race in place: the lab now races robustMPC against BBA on that trace.
      const race = page.locator('[data-testid="abr-tournament-race"]').first();
      const raceTrace = (await race.getAttribute('data-trace'))!;
      const href = (await race.getAttribute('href'))!;
      expect(href).toMatch(/^\/labs\/abr\?/);
      await race.click();
      await expect.poll(() => provenance.getAttribute('data-trace')).toBe(raceTrace);
      expect(await page.locator('[data-testid="param-algorithm"]').inputValue()).toBe('robustmpc');
      await expect.poll(async () => (await scores(page)).split(',').length).toBe(2);
      await expect.poll(() => page.locator('[data-testid="abr-view"]').getAttribute('data-preview')).toBe('true');
      const inPlace = await scores(page);
      expectClean();

      // The same race as a share link, in a fresh page.
      const fresh = await openGuardedPage(session);
      await fresh.page.goto(`${base}${href}`);
      await waitHydrated(fresh.page, 'lab-shell');
      await fresh.page.locator('[data-testid="abr-trace-provenance"]').waitFor();
      expect(await fresh.page.locator('[data-testid="abr-trace-provenance"]').getAttribute('data-trace')).toBe(raceTrace);
      await expect.poll(() => scores(fresh.page)).toBe(inPlace);
      fresh.expectClean();
    } finally {
      await session.close();
    }
  });
});
