/**
 * Results first (issue 11): at 1280×720 a lab page shows its transport, its picture and its headline
 * result without scrolling, has an <h1>, keeps the transport on screen while the page scrolls, and
 * marks and resets changed fields; a lesson embed is compact (no inner scroll, the picture in view, no
 * layout shift) and moves within a second of Play; presenter mode scales chart text and keeps the
 * presets; a lesson page answers `?` and `f`; the uploads lab's real mode hides the simulation's
 * controls.
 */
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasChromium, launch, openGuardedPage, waitHydrated } from './support/browser';

const VIEWPORT = { width: 1280, height: 720 };
const LABS = ['queue', 'abr', 'kafka', 'chat', 'upload', 'discover-weekly', 'music-delivery', 'e2ee', 'conferencing', 'live-edge'] as const;

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Viewport rectangle of the first element matching the selector (null when there is none). */
async function rect(page: Page, selector: string) {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (!el) return null;
    const r = el.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height };
  }, selector);
}

/** the first drawn picture or result table in the lab view */
const PICTURE = '[data-testid="lab-view"] :is(svg, canvas, table)';

describe.skipIf(!hasChromium)('results first', () => {
  it('every lab page at 1280×720: an <h1>, the transport, the picture and a result above the fold; the transport stays on screen while scrolling', async () => {
    const session = await launch({ viewport: VIEWPORT });
    try {
      const { page, expectClean } = await openGuardedPage(session);
      for (const id of LABS) {
        await page.goto(`${inject('baseURL')}/labs/${id}`);
        await waitHydrated(page, 'lab-shell');
        await page.locator('[data-testid="lab-view"][aria-busy="false"]').waitFor();
        expect(await page.locator('h1').count(), id).toBe(1);
        const transport = (await rect(page, '[data-testid="transport"]'))!;
        expect(transport.bottom, `${id}: transport bottom`).toBeLessThanOrEqual(VIEWPORT.height);
        const picture = await rect(page, PICTURE);
        expect(picture, `${id}: a picture in the view`).not.toBeNull();
        // the picture starts above the fold and shows at least 150 px of itself
        expect(picture!.top, `${id}: picture top`).toBeLessThan(VIEWPORT.height - 150);
        // the parameters are a side panel, not in the view's way
        const panel = (await rect(page, '[data-testid="param-panel"]'))!;
        expect(panel.left, `${id}: the panel sits beside the view`).toBeGreaterThan(picture!.left);

        // scroll the page well down, and the side panel to its end: the transport is still there
        await page.evaluate(() => window.scrollTo(0, 1500));
        await page.locator('[data-testid="param-panel"]').evaluate((el) => {
          const side = el.closest('aside') ?? el;
          side.scrollTop = side.scrollHeight;
        });
        await page.waitForTimeout(100);
        const stuck = (await rect(page, '[data-testid="transport"]'))!;
        expect(stuck.top, `${id}: transport after scrolling`).toBeGreaterThanOrEqual(0);
        expect(stuck.bottom, `${id}: transport after scrolling`).toBeLessThanOrEqual(VIEWPORT.height);
        expect(await page.locator('[data-testid="play-toggle"]').isVisible()).toBe(true);
      }
      expectClean();
    } finally {
      await session.close();
    }
  });

  it('a changed field is marked and resets to its default on its own', async () => {
    const session = await launch({ viewport: VIEWPORT });
    try {
      const { page, expectClean } = await openGuardedPage(session);
      await page.goto(`${inject('baseURL')}/labs/queue`);
      await waitHydrated(page, 'lab-shell');
      const field = page.locator('[data-testid="param-arrivalRate"]');
      const initial = await field.inputValue();
      expect(await page.locator('[data-testid="param-reset-arrivalRate"]').count()).toBe(0);
      await field.fill('3.5');
      await field.press('Enter');
      const reset = page.locator('[data-testid="param-reset-arrivalRate"]');
      await reset.waitFor();
      expect(await page.locator('[data-testid="param-changed-arrivalRate"]').isVisible()).toBe(true);
      await reset.click();
      await reset.waitFor({ state: 'detached' });
      expect(await field.inputValue()).toBe(initial);
      expectClean();
    } finally {
      await session.close();
    }
  });

  it('a lesson embed at 1280×720 is compact: no inner scroll, its picture in view, no layout shift, and Play moves it within a second', async () => {
    const session = await launch({ viewport: VIEWPORT });
    try {
      const { page, expectClean } = await openGuardedPage(session);
      for (const lesson of ['queueing-basics', 'event-pipelines-kafka']) {
        await page.goto(`${inject('baseURL')}/lessons/${lesson}`, { waitUntil: 'networkidle' });
        await page.evaluate(() => {
          const w = window as unknown as { __cls: number };
          w.__cls = 0;
          new PerformanceObserver((list) => {
            for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) if (!e.hadRecentInput) w.__cls += e.value;
          }).observe({ type: 'layout-shift', buffered: false });
        });
        const embed = page.locator('[data-testid="lab-embed"]').first();
        const reserved = (await embed.boundingBox())!.height;
        await embed.evaluate((el) => el.scrollIntoView({ block: 'start' }));
        await embed.locator('[data-testid="lab-shell"][data-hydrated="true"]').waitFor({ timeout: 30_000 });
        const shell = embed.locator('[data-testid="lab-shell"]');
        await embed.locator('[data-testid="lab-view"][aria-busy="false"]').waitFor();
        await page.waitForTimeout(300);
        expect((await embed.boundingBox())!.height, `${lesson}: the loaded lab keeps the reserved height`).toBe(reserved);
        const cls = await page.evaluate(() => (window as unknown as { __cls: number }).__cls);
        expect(cls, `${lesson}: cumulative layout shift`).toBeLessThan(0.05);
        // no scroll box inside the lesson's scroll
        const inner = await shell.evaluate((el) => ({ scrollable: el.scrollHeight > el.clientHeight + 1 && getComputedStyle(el).overflowY !== 'clip' && getComputedStyle(el).overflowY !== 'hidden' }));
        expect(inner.scrollable, `${lesson}: the embed scrolls inside`).toBe(false);
        // the picture is on screen with the embed at the top of the viewport
        const picture = (await embed.locator(':is(svg, canvas, table)').first().boundingBox())!;
        expect(picture.y, `${lesson}: picture top`).toBeLessThan(VIEWPORT.height - 150);
        expect(picture.y).toBeGreaterThanOrEqual(0);
        // Play: time runs and the picture changes within a second
        const view = embed.locator('[data-testid="lab-view"]');
        const before = await view.innerHTML();
        await embed.locator('[data-testid="play-toggle"]').click();
        const started = Date.now();
        await until(
          `${lesson}: the embed to move after Play`,
          async () => Number(await shell.getAttribute('data-virtual-time')) > 0 && (await view.innerHTML()) !== before,
          1_000,
        );
        expect(Date.now() - started).toBeLessThan(1_000);
        await embed.locator('[data-testid="play-toggle"]').click();
      }
      expectClean();
    } finally {
      await session.close();
    }
  });

  it('presenter mode scales chart text with the page and keeps the presets', async () => {
    const session = await launch({ viewport: VIEWPORT });
    try {
      const { page, expectClean } = await openGuardedPage(session);
      await page.goto(`${inject('baseURL')}/labs/queue`);
      await waitHydrated(page, 'lab-shell');
      const tickSize = () =>
        page.evaluate(() => {
          const t = document.querySelector('[data-testid="lab-view"] svg text');
          return t ? parseFloat(getComputedStyle(t).fontSize) : NaN;
        });
      const normal = await tickSize();
      expect(normal).toBeGreaterThanOrEqual(10);
      await page.locator('[data-testid="lab-shell"]').focus();
      await page.keyboard.press('f');
      await page.locator('[data-testid="lab-shell"][data-presenter="true"]').waitFor();
      const big = await tickSize();
      expect(big, 'chart text in presenter mode').toBeGreaterThanOrEqual(15);
      const preset = page.locator('[data-testid="preset-select"]');
      expect(await preset.isVisible()).toBe(true);
      await preset.selectOption({ index: 1 });
      await until('the preset to apply in presenter mode', async () => (await page.locator('[data-testid="lab-shell"]').getAttribute('data-preset')) !== '');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      expectClean();
    } finally {
      await session.close();
    }
  });

  it('on a lesson page ? lists the shortcuts and f shows the lab in view in presenter mode', async () => {
    const session = await launch({ viewport: VIEWPORT });
    try {
      const { page, expectClean } = await openGuardedPage(session);
      await page.goto(`${inject('baseURL')}/lessons/queueing-basics`, { waitUntil: 'networkidle' });
      await page.locator('[data-testid="lesson-body"]').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('?');
      await page.locator('[data-testid="shortcut-help"][open]').waitFor();
      await page.keyboard.press('Escape');
      await page.locator('[data-testid="shortcut-help"][open]').waitFor({ state: 'detached' });
      // the second embed, scrolled to the middle of the screen, is the one meant
      const embed = page.locator('[data-testid="lab-embed"]').nth(1);
      await embed.evaluate((el) => el.scrollIntoView({ block: 'center' }));
      await page.keyboard.press('f');
      const shell = embed.locator('[data-testid="lab-shell"][data-presenter="true"]');
      await shell.waitFor({ timeout: 30_000 });
      expect(await page.locator('[data-testid="lab-shell"][data-presenter="true"]').count()).toBe(1);
      await page.keyboard.press('Escape');
      await embed.locator('[data-testid="lab-shell"][data-presenter="false"]').waitFor();
      expectClean();
    } finally {
      await session.close();
    }
  });

  it("the uploads lab's real-upload mode hides the simulation's transport and parameters", async () => {
    const session = await launch({ viewport: VIEWPORT });
    try {
      const { page, expectClean } = await openGuardedPage(session);
      await page.goto(`${inject('baseURL')}/labs/upload`);
      await waitHydrated(page, 'lab-shell');
      expect(await page.locator('[data-testid="transport"]').isVisible()).toBe(true);
      await page.locator('[data-testid="mode-real"]').click();
      await until('the simulation controls to hide', async () => !(await page.locator('[data-testid="transport"]').isVisible()) && !(await page.locator('[data-testid="param-panel"]').isVisible()));
      await page.locator('[data-testid="mode-sim"]').click();
      await until('the simulation controls to return', async () => page.locator('[data-testid="transport"]').isVisible());
      expectClean();
    } finally {
      await session.close();
    }
  });
});
