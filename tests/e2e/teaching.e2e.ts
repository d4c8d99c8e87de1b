/**
 * The teaching features of issue 17 in a real browser against the production build: a prediction
 * revealed from a real run, a challenge solved and shared by link, progress surviving a reload with
 * the review scheduling a missed question, full-text search with the query in the URL, and keyboard,
 * axe, 375 px and the dark theme for every new component.
 */
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasChromium, launch, openGuardedPage, readAttributes, seriousA11yViolations, waitHydrated } from './support/browser';
import { presetResult } from '@/components/lab-shell/run-host/runService';
import { loadLabDefinition } from '@/simulations/labLoaders';
import { formatMeasured } from '@/components/lesson/predictLogic';

const LESSON = '/lessons/queueing-basics';

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Waits for an attribute to take a value (React renders after the event that changed it). */
async function attributeBecomes(locator: { getAttribute(name: string): Promise<string | null> }, name: string, value: string): Promise<void> {
  await until(`${name}="${value}"`, async () => (await locator.getAttribute(name)) === value, 10_000);
}

async function blurAndPress(page: Page, key: string): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press(key);
}

describe.skipIf(!hasChromium)('teaching components and learning across lessons', () => {
  it('reveals a prediction with the value the preset run computes, and plays the embed to its end', async () => {
    const expected = await presetResult(loadLabDefinition, 'queue', 'near-saturation');
    const measured = (expected.result as { meanTimeInSystem: number }).meanTimeInSystem;
    const session = await launch();
    try {
      const { page, expectClean } = await openGuardedPage(session);
      await page.goto(`${inject('baseURL')}${LESSON}`);
      const predict = page.locator('[data-testid="predict"][data-hydrated="true"]').first();
      await predict.scrollIntoViewIfNeeded();
      // keyboard only: type the guess, Enter commits it
      const input = predict.getByLabel('Your guess');
      await input.focus();
      await page.keyboard.type('2');
      // as a learner does: Enter once the digit is on screen (a lesson page with three labs
      // starting can take a moment to draw a keystroke, and an Enter before it finds the field empty)
      await expect.poll(() => input.inputValue(), { timeout: 10_000 }).toBe('2');
      await page.keyboard.press('Enter');
      const reveal = predict.locator('[data-testid="predict-reveal"]');
      await reveal.waitFor({ timeout: 30_000 });
      expect(Number(await reveal.getAttribute('data-measured'))).toBeCloseTo(measured, 9);
      expect(await predict.locator('[data-testid="predict-measured"]').textContent()).toBe(`${formatMeasured(measured)} s`);
      expect(await reveal.textContent()).toMatch(/You predicted 2 s/);
      // focus moved to the reveal
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('predict-reveal');

      // the embed of the same preset played to its end
      const shell = `[data-testid="lab-shell"][data-preset="near-saturation"]`;
      await until('the embed to reach its end', async () => {
        const a = await readAttributes(page, { t: [shell, 'data-virtual-time'] });
        return Number(a.t) >= expected.horizonMs;
      });

      // a range prediction: pick with the keyboard, the run decides which range is right
      const ranges = page.locator('[data-testid="predict"][data-hydrated="true"]').nth(2);
      await ranges.scrollIntoViewIfNeeded();
      await ranges.locator('input[type="radio"]').first().check();
      await ranges.getByRole('button', { name: /lock in/i }).click();
      await ranges.locator('[data-testid="predict-reveal"]').waitFor({ timeout: 30_000 });
      expect(await ranges.locator('label[data-state="right"]').count()).toBe(1);

      // remembered across a reload
      await page.reload();
      await page.locator('[data-testid="predict"][data-hydrated="true"][data-phase="revealed"]').first().waitFor();
      expectClean();
    } finally {
      await session.close();
    }
  });

  it('solves a challenge on the lab page and shares the solution as a link that solves it in a fresh browser', async () => {
    const first = await launch();
    const second = await launch();
    try {
      const { page, expectClean } = await openGuardedPage(first);
      await page.goto(`${inject('baseURL')}${LESSON}`);
      const card = page.locator('[data-testid="challenge"]').first();
      const href = await card.locator('[data-testid="challenge-open"]').getAttribute('href');
      expect(href).toMatch(/^\/labs\/queue\?preset=near-saturation&challenge=/);
      await page.goto(`${inject('baseURL')}${href}`);
      await waitHydrated(page, 'lab-shell');
      const panel = page.locator('[data-testid="challenge-panel"]');
      await panel.waitFor();
      expect(await panel.getAttribute('data-state')).toBe('running');

      await blurAndPress(page, 'End');
      await until('the preset to be judged', async () => (await panel.getAttribute('data-state')) === 'not-yet');

      const rate = page.locator('[data-testid="param-serviceRate"]');
      await rate.fill('12');
      await rate.press('Enter');
      await until('the new run', async () => (await panel.getAttribute('data-state')) === 'running');
      await blurAndPress(page, 'End');
      await until('the challenge solved', async () => (await panel.getAttribute('data-state')) === 'solved');
      expect(await page.locator('[data-testid="challenge-status"]').textContent()).toMatch(/Solved/);
      const solution = await page.locator('[data-testid="challenge-solution-link"]').getAttribute('href');
      expect(solution).toMatch(/serviceRate=12/);
      expect(solution).toMatch(/challenge=/);

      // the lesson card remembers the solve
      await page.goto(`${inject('baseURL')}${LESSON}`);
      await page.locator('[data-testid="challenge"][data-solved="true"]').waitFor();

      // the shared solution, in a browser that has never seen the challenge
      const other = await openGuardedPage(second);
      await other.page.goto(solution!);
      await waitHydrated(other.page, 'lab-shell');
      const otherPanel = other.page.locator('[data-testid="challenge-panel"]');
      await blurAndPress(other.page, 'End');
      await until('the shared run to solve it', async () => (await otherPanel.getAttribute('data-state')) === 'solved');

      // a damaged challenge link explains itself instead of crashing
      await other.page.goto(`${inject('baseURL')}/labs/queue?challenge=not-a-challenge`);
      await waitHydrated(other.page, 'lab-shell');
      expect(await other.page.locator('[data-testid="challenge-panel"]').textContent()).toMatch(/cannot be used/);
      expectClean();
      other.expectClean();
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('keeps progress across a reload and schedules a missed quiz question for review', async () => {
    const session = await launch();
    try {
      const { page, expectClean } = await openGuardedPage(session);
      await page.goto(`${inject('baseURL')}${LESSON}`);
      // the short check after Little's law: answer it wrong (choice 0 is 12 s; the answer is 30 s)
      const quiz = page.locator('[data-testid="quiz"][data-hydrated="true"]').first();
      await quiz.locator('input[type="radio"]').first().check();
      await quiz.getByRole('button', { name: 'Check answer' }).click();
      await quiz.locator('[data-correct="false"]').waitFor();
      // read to the end
      await page.locator('[data-testid="read-marker"]').scrollIntoViewIfNeeded();
      await page.waitForTimeout(300);

      await page.goto(`${inject('baseURL')}/progress`);
      await waitHydrated(page, 'progress');
      const row = page.locator('[data-testid="progress-lesson"][data-slug="queueing-basics"]');
      expect(await row.getAttribute('data-read')).toBe('true');
      expect(await row.textContent()).toMatch(/1 to review/);
      await page.reload();
      await waitHydrated(page, 'progress');
      expect(await row.getAttribute('data-read')).toBe('true');

      await page.goto(`${inject('baseURL')}/review`);
      await waitHydrated(page, 'review');
      expect(await page.locator('[data-testid="review-summary"]').textContent()).toMatch(/^1 due today/);
      const card = page.locator('[data-testid="review-card"]');
      await card.getByText('30 s', { exact: true }).click();
      await card.getByRole('button', { name: 'Check answer' }).click();
      expect(await page.locator('[data-testid="review-verdict"]').textContent()).toMatch(/next review in 1 day/);
      await card.getByRole('button', { name: /Done|Next question/ }).click();
      expect(await page.locator('[data-testid="review-summary"]').textContent()).toMatch(/^0 due today · 1 scheduled later \(next in 1 day\)/);
      await page.reload();
      await waitHydrated(page, 'review');
      expect(await page.locator('[data-testid="review-summary"]').textContent()).toMatch(/^0 due today · 1 scheduled later/);
      expectClean();
    } finally {
      await session.close();
    }
  });

  it('searches the full text with the query in the URL: ISR, BOLA, tus, p99, Little’s law', async () => {
    const session = await launch();
    try {
      const { page, expectClean } = await openGuardedPage(session);
      const base = inject('baseURL');
      for (const [q, href] of [
        ['ISR', /kafka/],
        ['BOLA', /\/lessons\/video-streaming#bola/],
        ['tus', /\/lessons\/video-uploads#tus/],
        ['p99', /\/lessons\/(queueing-basics#|video-search#the-tail-at-scale)/], // taught in both: percentiles under load, fan-out tails
      ] as const) {
        await page.goto(`${base}/?q=${encodeURIComponent(q)}`);
        const first = page.locator('[data-testid="search-results"] a').first();
        await first.waitFor();
        expect(await page.locator('[data-testid="search-results"] a').evaluateAll((as) => as.slice(0, 3).map((a) => a.getAttribute('href')).join(' '))).toMatch(href);
        expect(await page.getByRole('searchbox').inputValue()).toBe(q);
      }
      // typing puts the query in the URL; a typo still finds it; the result jumps to the heading
      await page.goto(`${base}/`);
      await waitHydrated(page, 'catalog');
      await page.getByRole('searchbox').fill("Litle's law");
      await until('the query in the URL', async () => new URL(page.url()).searchParams.get('q') === "Litle's law");
      const top = page.locator('[data-testid="search-results"] a').first();
      await top.waitFor();
      expect(await top.getAttribute('href')).toBe('/lessons/queueing-basics#littles-law');
      await top.click();
      await page.waitForURL('**/lessons/queueing-basics#littles-law');
      await until('the heading in view', async () => page.evaluate(() => Math.abs(document.getElementById('littles-law')!.getBoundingClientRect().top) < 200));
      // and back: the search is still there
      await page.goBack();
      await page.locator('[data-testid="search-results"]').waitFor();
      expect(await page.getByRole('searchbox').inputValue()).toBe("Litle's law");
      expectClean();
    } finally {
      await session.close();
    }
  });

  it('every new component works by keyboard, passes axe, fits 375 px and reads in the dark theme', async () => {
    const session = await launch({ viewport: { width: 375, height: 740 }, colorScheme: 'dark' });
    try {
      const { page, expectClean } = await openGuardedPage(session);
      const base = inject('baseURL');
      await page.goto(`${base}${LESSON}`, { waitUntil: 'networkidle' });
      expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(15, 17, 21)');

      // Diagram: arrows step through it, the step text and the SVG follow
      await waitHydrated(page, 'diagram');
      const diagram = page.locator('[data-testid="diagram"]').first();
      const scroller = diagram.getByRole('group').first();
      await scroller.focus();
      await page.keyboard.press('ArrowRight');
      await attributeBecomes(diagram, 'data-step', '1');
      expect(await diagram.locator('[data-testid="diagram-step"]').textContent()).toMatch(/Step 2 of 4: The thread pool/);
      expect(await diagram.locator('[data-node="workers"]').getAttribute('data-state')).toBe('new');
      expect(await diagram.locator('[data-node="clients"]').getAttribute('data-state')).toBe('shown');
      expect(await diagram.locator('[data-node="database"]').count()).toBe(0);
      await page.keyboard.press('End');
      await attributeBecomes(diagram, 'data-step', '3');
      await diagram.getByRole('button', { name: /Previous/ }).focus();
      await page.keyboard.press('Enter');
      await attributeBecomes(diagram, 'data-step', '2');

      // Estimate: type, Enter checks
      const estimate = page.locator('[data-testid="estimate"]').first();
      const firstStep = estimate.locator('[data-testid="estimate-step"]').first();
      await waitHydrated(page, 'estimate');
      // the worked answer stays hidden until asked for
      expect(await firstStep.getByText('3,000 requests/s × 2 queries').isVisible()).toBe(false);
      await firstStep.locator('input').focus();
      await page.keyboard.type('6k');
      await page.keyboard.press('Enter');
      await attributeBecomes(firstStep, 'data-state', 'right');
      const second = estimate.locator('[data-testid="estimate-step"]').nth(1);
      await second.locator('input').fill('240');
      await second.locator('input').press('Enter');
      await attributeBecomes(second, 'data-state', 'wrong');
      expect(await second.textContent()).toMatch(/about 10× too high/);

      // InterviewQuestion: framework, model answer and rubric by keyboard
      const interview = page.locator('[data-testid="interview-question"][data-hydrated="true"]').first();
      await interview.locator('summary').focus();
      await page.keyboard.press('Enter');
      await until('the framework open', async () => (await interview.locator('[data-testid="interview-framework"]').getAttribute('open')) !== null, 10_000);
      await interview.getByRole('button', { name: /model answer/i }).focus();
      await page.keyboard.press('Enter');
      const rubric = interview.locator('[data-testid="interview-rubric"]');
      const boxes = rubric.locator('input[type="checkbox"]');
      await boxes.nth(0).focus();
      await page.keyboard.press('Space');
      await boxes.nth(1).focus();
      await page.keyboard.press('Space');
      await until('the level reached', async () => /mid-level/.test((await rubric.getByRole('status').textContent()) ?? ''), 10_000);

      await page.locator('[data-testid="objectives"]').waitFor();
      await page.locator('[data-testid="recap"]').waitFor();
      await page.locator('[data-testid="reference-card"]').waitFor();

      // everything hydrated and in view once, then axe and the width check
      const embeds = page.locator('[data-testid="lab-embed"]');
      for (let i = 0; i < (await embeds.count()); i++) await embeds.nth(i).scrollIntoViewIfNeeded();
      await waitHydrated(page, 'lab-shell');
      await page.waitForTimeout(300);
      const check = async (where: string) => {
        const violations = await seriousA11yViolations(page);
        expect(violations, `${where}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${where} overflows by ${overflow}px`).toBeLessThanOrEqual(0);
      };
      await check(LESSON);

      const challenge = await page.locator('[data-testid="challenge-open"]').first().getAttribute('href');
      for (const [path, ready] of [
        [challenge!, 'lab-shell'],
        ['/progress', 'progress'],
        ['/review', 'review'],
        ['/path', null],
        ['/?q=queue', 'catalog'],
      ] as const) {
        await page.goto(`${base}${path}`, { waitUntil: 'networkidle' });
        if (ready) await waitHydrated(page, ready);
        await check(path);
      }
      expectClean();
    } finally {
      await session.close();
    }
  });
});
