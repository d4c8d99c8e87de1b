/**
 * The end-to-end encryption lab in a real browser. Step through "A first conversation" event by event:
 * after every step the server pane holds none of the words the phones show (asserted against every
 * text ever shown, at the end too). Played to the end, the safety numbers match; the copied link,
 * opened in a fresh browser, lands on the same run. "Steal" after message 4 and the malicious server
 * are params, so their links replay them too. At 375 px the lab stacks without horizontal scrolling
 * and has no serious axe violations.
 */
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasChromium, launch, openGuardedPage, readAttributes, seriousA11yViolations, waitHydrated } from './support/browser';

const shell = '[data-testid="lab-shell"]';
const view = '[data-testid="e2ee-view"]';

async function labState(page: Page) {
  const a = await readAttributes(page, {
    timeMs: [shell, 'data-virtual-time'],
    events: [shell, 'data-event-count'],
    state: [shell, 'data-player-state'],
    seed: [shell, 'data-seed'],
    messages: [view, 'data-messages'],
    safety: ['[data-testid="safety-numbers"]', 'data-match'],
  });
  return { timeMs: Number(a.timeMs), events: Number(a.events), state: a.state, seed: a.seed, messages: Number(a.messages), safety: a.safety };
}

type LabState = Awaited<ReturnType<typeof labState>>;

async function waitFor(page: Page, predicate: (s: LabState) => boolean, what: string, timeoutMs = 60_000): Promise<LabState> {
  const deadline = Date.now() + timeoutMs;
  let last = await labState(page);
  while (Date.now() < deadline) {
    last = await labState(page);
    if (predicate(last)) return last;
    await page.waitForTimeout(50);
  }
  throw new Error(`timed out waiting for ${what}; last state ${JSON.stringify(last)}`);
}

/** The server pane's text and every message text the two phones show, in one read (one render). */
function panes(page: Page) {
  return page.evaluate(() => ({
    server: document.querySelector('[data-testid="server-pane"]')?.textContent ?? '',
    texts: [...document.querySelectorAll('[data-testid="bubble-text"]')].map((el) => el.textContent ?? ''),
  }));
}

async function open(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await waitHydrated(page, 'lab-shell');
  await page.locator(`${view} [data-testid="server-pane"]`).waitFor({ timeout: 30_000 });
}

describe.skipIf(!hasChromium)('e2ee lab', () => {
  it('stepping a conversation: the server pane never shows a word the phones show; the link reproduces the run', async () => {
    const base = inject('baseURL');
    const first = await launch({ viewport: { width: 1280, height: 900 } });
    const second = await launch({ viewport: { width: 1280, height: 900 } });
    try {
      const { page, expectClean } = await openGuardedPage(first);
      await open(page, `${base}/labs/e2ee?preset=first-conversation`);
      expect((await labState(page)).state).toBe('idle');

      const serverSnapshots: string[] = [];
      const texts = new Set<string>();
      let before = await labState(page);
      let steps = 0;
      while (before.state !== 'ended' && steps < 80) {
        await page.locator('[data-testid="step"]').click();
        steps += 1;
        before = await waitFor(page, (s) => (s.state === 'paused' || s.state === 'ended') && (s.events > before.events || s.timeMs > before.timeMs), `step ${steps}`);
        const seen = await panes(page);
        for (const t of seen.texts) texts.add(t);
        serverSnapshots.push(seen.server);
        for (const t of texts) expect(seen.server, `step ${steps}: "${t}" in the server pane`).not.toContain(t);
      }
      // at least one step for each of the 9 sends and each of the 9 decryptions
      expect(steps).toBeGreaterThanOrEqual(18);
      expect(serverSnapshots.at(-1)).toMatch(/[0-9a-f]{48}…/);
      expect(serverSnapshots.at(-1)).toContain('prekey upload');
      const ended = await waitFor(page, (s) => s.state === 'ended', 'the run to end');
      expect(ended.messages).toBe(9);
      expect(ended.safety).toBe('true');
      const last = await panes(page);
      expect(last.texts.length).toBe(18);
      for (const t of last.texts) {
        expect(last.server).not.toContain(t);
        for (const snapshot of serverSnapshots) expect(snapshot).not.toContain(t);
      }

      await page.locator('[data-testid="copy-link"]').click();
      const link = await page.locator('[data-testid="share-link"]').inputValue();
      expect(link).toContain('preset=first-conversation');
      expectClean();

      const fresh = await openGuardedPage(second);
      await open(fresh.page, link.startsWith('http') ? link : `${base}${link}`);
      const reproduced = await waitFor(fresh.page, (s) => s.timeMs === ended.timeMs && s.state !== 'seeking', 'the shared time (arrived)');
      expect(reproduced.events).toBe(ended.events);
      expect(reproduced.messages).toBe(9);
      expect((await panes(fresh.page)).server).toBe(last.server);
      fresh.expectClean();
    } finally {
      await first.close();
      await second.close();
    }
  }, 150_000);

  it('steal Bob’s phone after message 4 and turn the server malicious: both replay from the link', async () => {
    const base = inject('baseURL');
    const session = await launch({ viewport: { width: 1280, height: 900 } });
    try {
      const { page, expectClean } = await openGuardedPage(session);
      await open(page, `${base}/labs/e2ee?preset=first-conversation`);
      await page.locator('[data-testid="attack-panel"] input[type="number"]').fill('4');
      await page.locator('[data-testid="steal"]').click();
      await page.getByRole('button', { name: 'No theft' }).waitFor({ timeout: 20_000 });
      await page.locator('[data-testid="malicious"]').click();
      await expect.poll(() => page.locator('[data-testid="malicious"]').getAttribute('aria-pressed'), { timeout: 20_000 }).toBe('true');
      await page.locator('[data-testid="play-toggle"]').click();
      const ended = await waitFor(page, (s) => s.state === 'ended', 'the run to end');
      expect(ended.safety).toBe('false');
      const table = (await page.locator('[data-testid="theft-table"]').textContent()) ?? '';
      expect(table).toContain('READ');
      expect(table).toContain('cannot decrypt');
      await expect(page.locator('[data-testid="server-pane"]').textContent()).resolves.toContain('KEY SWAP');
      await page.locator('[data-testid="copy-link"]').click();
      const link = await page.locator('[data-testid="share-link"]').inputValue();
      expect(link).toContain('compromiseAfter=4');
      expect(link).toContain('maliciousServer=true');
      expectClean();
    } finally {
      await session.close();
    }
  }, 120_000);

  it('on a 375 px phone the lab stacks without horizontal scrolling and has no serious axe violations', async () => {
    const session = await launch({ viewport: { width: 375, height: 740 } });
    try {
      const { page, expectClean } = await openGuardedPage(session);
      await open(page, `${inject('baseURL')}/labs/e2ee?preset=steal-bobs-phone&t=12000`);
      await waitFor(page, (s) => s.timeMs === 12_000 && s.state !== 'seeking', 'the linked time (arrived)');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `/labs/e2ee overflows by ${overflow}px`).toBeLessThanOrEqual(0);
      const alice = await page.locator('[data-testid="alice-pane"]').boundingBox();
      const server = await page.locator('[data-testid="server-pane"]').boundingBox();
      expect(server!.y).toBeGreaterThan(alice!.y + alice!.height - 1);
      const violations = await seriousA11yViolations(page);
      expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);
      expectClean();
    } finally {
      await session.close();
    }
  }, 90_000);
});
