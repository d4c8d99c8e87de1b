/**
 * The Kafka, chat and E2EE lessons at the lesson bar (issue 17): bookends, a diagram and a drill
 * render, every lab embed has its prediction card, axe finds nothing serious in either theme, and a
 * range prediction is graded against the run the preset really computes.
 */
import { describe, expect, inject, it } from 'vitest';
import { hasChromium, launch, openGuardedPage, seriousA11yViolations } from './support/browser';
import { presetResult } from '@/components/lab-shell/run-host/runService';
import { loadLabDefinition } from '@/simulations/labLoaders';

const LESSONS = ['/lessons/event-pipelines-kafka', '/lessons/chat-systems', '/lessons/end-to-end-encryption'] as const;

describe.skipIf(!hasChromium)('lessons brought up to the bar', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`render objectives, recap, a diagram, a drill and a prediction per embed, with no serious axe violation (${colorScheme})`, async () => {
      const session = await launch({ colorScheme });
      try {
        const { page, expectClean } = await openGuardedPage(session);
        for (const path of LESSONS) {
          await page.goto(`${inject('baseURL')}${path}`, { waitUntil: 'networkidle' });
          const counts = await page.evaluate(() => {
            const count = (testId: string) => document.querySelectorAll(`[data-testid="${testId}"]`).length;
            return { objectives: count('objectives'), recap: count('recap'), diagram: count('diagram'), estimate: count('estimate'), predict: count('predict'), embeds: count('lab-embed') };
          });
          expect(counts.objectives, path).toBe(1);
          expect(counts.recap, path).toBe(1);
          expect(counts.diagram, path).toBeGreaterThanOrEqual(1);
          expect(counts.estimate, path).toBeGreaterThanOrEqual(1);
          expect(counts.embeds, path).toBeGreaterThan(0);
          expect(counts.predict, path).toBe(counts.embeds);
          const violations = await seriousA11yViolations(page);
          expect(violations, `${path}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
        }
        expectClean();
      } finally {
        await session.close();
      }
    });
  }

  it('grades an E2EE range prediction against the DH count the preset run computes', async () => {
    const expected = await presetResult(loadLabDefinition, 'e2ee', 'no-one-time-prekey');
    const dhOperations = (expected.result as { x3dh: { dhOperations: number } }).x3dh.dhOperations;
    const session = await launch();
    try {
      const { page, expectClean } = await openGuardedPage(session);
      await page.goto(`${inject('baseURL')}/lessons/end-to-end-encryption`);
      const predict = page.locator('[data-testid="predict"][data-hydrated="true"]').nth(1);
      await predict.scrollIntoViewIfNeeded();
      // the choices are "2 or fewer", "3", "4", "5 or more": pick "4", which the run must mark wrong
      await predict.locator('input[type="radio"]').nth(2).check();
      await predict.getByRole('button', { name: /lock in/i }).click();
      const reveal = predict.locator('[data-testid="predict-reveal"]');
      await reveal.waitFor({ timeout: 30_000 });
      expect(Number(await reveal.getAttribute('data-measured'))).toBe(dhOperations);
      expect(await reveal.getAttribute('data-correct')).toBe(String(dhOperations === 4));
      expect(await predict.locator('label[data-state="right"]').textContent()).toContain(String(dhOperations));
      expectClean();
    } finally {
      await session.close();
    }
  });
});
