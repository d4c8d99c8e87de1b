/**
 * Page load of every lab (issue 11): no layout shift. CLS is deterministic where Lighthouse's
 * performance score and blocking time are not (they depend on the machine's load), so the browser
 * tests hold it: on each lab page, at Lighthouse's desktop (1350×940) and mobile (412×823) sizes,
 * from navigation until the first run is on screen (the view no longer busy, the shell hydrated)
 * plus 2 s (ABR's finished race, the event log and the charts' first width arrive in that time),
 * the layout shifts Chromium reports add up to less than 0.05 (CLS as Lighthouse computes it: the
 * largest session window). A failure names the elements that moved and from where to where.
 * The header's largest contentful paint stays the placeholder's (server-rendered): a larger copy in
 * the loaded lab's header would be timed after all its JavaScript (caught on 5 lab pages at desktop
 * size before the placeholder used the lab's own header).
 * The Lighthouse figures themselves: `npm run bench -- lighthouse`.
 */
import { describe, expect, inject, it } from 'vitest';
import { chromium } from 'playwright-core';
import { labs } from '@/simulations/registry';
import { CHROMIUM, hasChromium, LAUNCH_ARGS, openGuardedPage, waitHydrated } from './support/browser';
import { cumulativeLayoutShift, LAYOUT_SHIFT_INIT, layoutShifts, LCP_INIT, lcpInside } from './support/layoutShift';

const CLS_TARGET = 0.05;
const SETTLE_MS = 2_000;
const FORMS = {
  desktop: { viewport: { width: 1350, height: 940 }, deviceScaleFactor: 1, isMobile: false },
  mobile: { viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true },
} as const;

describe.skipIf(!hasChromium)('lab page load', () => {
  for (const [form, device] of Object.entries(FORMS)) {
    it(`${form}: every lab page loads without layout shift (CLS < ${CLS_TARGET}) or a late largest paint until its first run has been on screen for 2 s`, async () => {
      const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: LAUNCH_ARGS });
      const context = await browser.newContext({ ...device, colorScheme: 'light' });
      await context.addInitScript({ content: LAYOUT_SHIFT_INIT });
      await context.addInitScript({ content: LCP_INIT });
      try {
        const { page, expectClean } = await openGuardedPage({ context, close: () => context.close() });
        const failures: string[] = [];
        for (const lab of labs) {
          await page.goto(`${inject('baseURL')}/labs/${lab.id}`);
          await waitHydrated(page, 'lab-shell');
          await page.locator('[data-testid="lab-view"][aria-busy="false"]').waitFor({ timeout: 30_000 });
          await page.waitForTimeout(SETTLE_MS);
          const shifts = await layoutShifts(page);
          const cls = cumulativeLayoutShift(shifts);
          if (!(cls < CLS_TARGET))
            failures.push(`/labs/${lab.id}: CLS ${cls.toFixed(3)}\n${shifts.map((s) => `    at ${s.t} ms, ${s.value.toFixed(3)}: ${s.sources.join('; ')}`).join('\n')}`);
          // the header's largest paint stays the server-rendered placeholder's: the loaded lab's own,
          // if larger, is timed after all its JavaScript (a lab's result may still be the largest)
          const lateLcp = await lcpInside(page, '[data-testid="lab-shell"] header');
          if (lateLcp) failures.push(`/labs/${lab.id}: the largest contentful paint moved to the loaded lab's header (${lateLcp.element}, ${lateLcp.size} px² at ${lateLcp.t} ms): the placeholder's header must match the lab's`);
        }
        expect(failures, `${form}: layout shifts while the lab pages load`).toEqual([]);
        expectClean();
      } finally {
        await context.close().catch(() => {});
        await browser.close();
      }
    });
  }
});
