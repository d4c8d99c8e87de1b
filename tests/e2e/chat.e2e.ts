/**
 * The chat lab in a real browser: the default run and a 100,000-user WhatsApp run render (the
 * big one as density cells), play; "Crash gateway" goes through the simulation (appended to the
 * `faults` param at the current time, replayed to now), reconnect attempts rise, and the copied
 * link opened in a fresh browser lands on the same state.
 */
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasChromium, launch, openGuardedPage, readAttributes, waitHydrated } from './support/browser';

const shell = '[data-testid="lab-shell"]';
const view = '[data-testid="chat-view"]';
const LARGE = '/labs/chat?v=1&preset=whatsapp-2012&users=100000';

async function chatState(page: Page) {
  const a = await readAttributes(page, {
    timeMs: [shell, 'data-virtual-time'],
    events: [shell, 'data-event-count'],
    state: [shell, 'data-player-state'],
    seed: [shell, 'data-seed'],
    attempts: [view, 'data-reconnect-attempts'],
    connected: [view, 'data-connected-devices'],
    faults: [view, 'data-faults'],
  });
  return {
    timeMs: Number(a.timeMs),
    events: Number(a.events),
    state: a.state,
    seed: a.seed,
    attempts: Number(a.attempts),
    connected: Number(a.connected),
    faults: Number(a.faults),
  };
}

type ChatState = Awaited<ReturnType<typeof chatState>>;

async function waitFor(page: Page, predicate: (s: ChatState) => boolean, what: string, timeoutMs = 30_000): Promise<ChatState> {
  const deadline = Date.now() + timeoutMs;
  let last = await chatState(page);
  while (Date.now() < deadline) {
    last = await chatState(page);
    if (predicate(last)) return last;
    await page.waitForTimeout(100);
  }
  throw new Error(`timed out waiting for ${what}; last state ${JSON.stringify(last)}`);
}

describe.skipIf(!hasChromium)('chat lab', () => {
  it('crash a gateway in a 100,000-user run: reconnects rise, and the link reproduces the run', async () => {
    const base = inject('baseURL');
    const first = await launch({ viewport: { width: 1280, height: 900 } });
    const second = await launch({ viewport: { width: 1280, height: 900 } });
    try {
      const { page, expectClean } = await openGuardedPage(first);

      // The default run: topology (dots or cells), fault panel and charts are there.
      await page.goto(`${base}/labs/chat`);
      await waitHydrated(page, 'lab-shell');
      await page.locator(`${view} [data-testid="chat-topology"][data-per-cell]`).waitFor({ timeout: 30_000 });
      expect(await page.locator(`${view} canvas`).count()).toBe(1);
      expect(await page.locator(`${view} [data-testid="fault-crash"]`).isEnabled()).toBe(true);

      // A large run: 100,000 users, drawn as density cells.
      await page.goto(`${base}${LARGE}`);
      await waitHydrated(page, 'lab-shell');
      const topology = page.locator(`${view} [data-testid="chat-topology"][data-per-cell]`);
      await topology.waitFor({ timeout: 30_000 });
      expect(Number(await topology.getAttribute('data-per-cell'))).toBeGreaterThan(1);
      expect(await topology.getAttribute('data-dots')).toBe('false');
      expect((await chatState(page)).connected).toBeGreaterThan(50_000);

      // Play a few virtual seconds, pause.
      await page.locator('[data-testid="play-toggle"]').click();
      await waitFor(page, (s) => s.state === 'playing' && s.timeMs > 3_000, 'the run to play past 3 s');
      await page.locator('[data-testid="play-toggle"]').click();
      const paused = await waitFor(page, (s) => s.state === 'paused', 'pause');
      expect(paused.faults).toBe(0);

      // Crash gateway 0 "now": the run is replayed to the same time with the fault in it.
      await page.locator('[data-testid="fault-gateway"]').selectOption('0');
      await page.locator('[data-testid="fault-crash"]').click();
      const crashed = await waitFor(page, (s) => s.faults === 1, 'the fault to be added');
      expect(crashed.timeMs).toBe(paused.timeMs);
      expect(crashed.state).toBe('paused');
      expect(crashed.connected).toBeLessThan(paused.connected);
      await expect(page.locator('[data-testid="fault-gateway-state"]').textContent()).resolves.toContain('down');
      await expect(page.locator('[data-testid="fault-list"]').textContent()).resolves.toContain('crash gateway 0');
      expect(await page.locator('[data-testid="fault-crash"]').isDisabled()).toBe(true);

      // Play on: the crashed gateway's phones reconnect.
      await page.locator('[data-testid="play-toggle"]').click();
      // (and past the next 1 s sample, so the attempts-per-second chart has a point after the crash)
      await waitFor(page, (s) => s.attempts > crashed.attempts + 1_000 && s.timeMs > crashed.timeMs + 2_000, 'reconnect attempts to rise');
      await page.locator('[data-testid="play-toggle"]').click();
      const final = await waitFor(page, (s) => s.state === 'paused', 'pause after the storm');
      expect(final.timeMs).toBeGreaterThan(crashed.timeMs);
      // The screen-reader summary is rewritten at most once a second (it would change every frame),
      // so poll until it has caught up with the paused run.
      const summaryPeak = async () => {
        const text = await page.locator(`${view} figure:has-text("Reconnect attempts per second") p`).first().textContent();
        const peak = /connect attempts: \d+ points, min [\d.,]+ \/s, max ([\d.,]+) \/s/.exec(text ?? '');
        return peak ? Number(peak[1].replace(/,/g, '')) : -1;
      };
      await expect.poll(summaryPeak, { timeout: 10_000 }).toBeGreaterThan(1_000);

      await page.locator('[data-testid="copy-link"]').click();
      const link = await page.locator('[data-testid="share-link"]').inputValue();
      expect(link).toContain('faults=');
      expect(link).toContain('users=100000');
      expect(link).toContain(`t=${final.timeMs}`);
      expectClean();

      // A fresh browser opening the link lands on the same state.
      const fresh = await openGuardedPage(second);
      await fresh.page.goto(link.startsWith('http') ? link : `${base}${link}`);
      await waitHydrated(fresh.page, 'lab-shell');
      const reproduced = await waitFor(fresh.page, (s) => s.timeMs === final.timeMs && s.state !== 'seeking', 'the shared time (arrived)');
      expect(reproduced.events).toBe(final.events);
      expect(reproduced.seed).toBe(final.seed);
      expect(reproduced.attempts).toBe(final.attempts);
      expect(reproduced.connected).toBe(final.connected);
      expect(reproduced.faults).toBe(1);
      await expect(fresh.page.locator('[data-testid="fault-list"]').textContent()).resolves.toContain('crash gateway 0');
      fresh.expectClean();
    } finally {
      await first.close();
      await second.close();
    }
  });
});
