/**
 * The Kafka lab in a real browser. "acks=1 leader crash" played to the end: the verdict reports
 * acknowledged records lost (data-lost-acked > 0) and blames acks=1; the copied link opened in a
 * fresh browser lands on the same state. "Kafka 4.x safe defaults": pause mid-run, press "Kill
 * leader" for partition 1 (appended to the `faults` param at the current time, replayed to now),
 * play to the end: two leaders died and nothing acknowledged is lost.
 */
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasChromium, launch, openGuardedPage, readAttributes, seriousA11yViolations, waitHydrated } from './support/browser';

const shell = '[data-testid="lab-shell"]';
const view = '[data-testid="kafka-view"]';
const verdict = '[data-testid="kafka-verdict"]';

async function kafkaState(page: Page) {
  const c = '[data-testid="kafka-cluster"]';
  const a = await readAttributes(page, {
    timeMs: [shell, 'data-virtual-time'],
    events: [shell, 'data-event-count'],
    state: [shell, 'data-player-state'],
    seed: [shell, 'data-seed'],
    speed: [shell, 'data-speed'],
    faults: [view, 'data-faults'],
    verdict: [verdict, 'data-verdict'],
    lostAcked: [verdict, 'data-lost-acked'],
    duplicates: [verdict, 'data-duplicates'],
    final: [verdict, 'data-final'],
    leaders: [c, 'data-leaders'],
  });
  return {
    timeMs: Number(a.timeMs),
    events: Number(a.events),
    state: a.state,
    seed: a.seed,
    speed: Number(a.speed),
    faults: Number(a.faults),
    verdict: a.verdict,
    lostAcked: Number(a.lostAcked),
    duplicates: Number(a.duplicates),
    final: a.final,
    leaders: a.leaders ?? '',
  };
}

type KafkaState = Awaited<ReturnType<typeof kafkaState>>;

async function waitFor(page: Page, predicate: (s: KafkaState) => boolean, what: string, timeoutMs = 60_000): Promise<KafkaState> {
  const deadline = Date.now() + timeoutMs;
  let last = await kafkaState(page);
  while (Date.now() < deadline) {
    last = await kafkaState(page);
    if (predicate(last)) return last;
    await page.waitForTimeout(100);
  }
  throw new Error(`timed out waiting for ${what}; last state ${JSON.stringify(last)}`);
}

async function open(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await waitHydrated(page, 'lab-shell');
  await page.locator(`${view} [data-testid="kafka-cluster"] canvas`).waitFor({ timeout: 30_000 });
}

/** Faster playback with the shell's "+" shortcut (focus on the shell itself, not on a control). */
async function speedUp(page: Page, presses: number): Promise<void> {
  await page.locator(shell).first().focus();
  for (let i = 0; i < presses; i++) await page.keyboard.press('+');
}

describe.skipIf(!hasChromium)('kafka lab', () => {
  it('acks=1 + leader crash played to the end loses acknowledged records, and the link reproduces the verdict', async () => {
    const base = inject('baseURL');
    const first = await launch({ viewport: { width: 1280, height: 900 } });
    const second = await launch({ viewport: { width: 1280, height: 900 } });
    try {
      const { page, expectClean } = await openGuardedPage(first);
      await open(page, `${base}/labs/kafka?preset=acks-1-leader-crash-loses-data`);
      const start = await kafkaState(page);
      expect(start.state).toBe('idle');
      expect(start.lostAcked).toBe(0);
      expect(start.final).toBe('false');
      expect(await page.locator('[data-testid="fault-list"]').textContent()).toContain('crash the leader of partition 0');

      await speedUp(page, 2);
      await waitFor(page, (s) => s.speed > start.speed, 'the speed to go up');
      await page.locator('[data-testid="play-toggle"]').click();
      const ended = await waitFor(page, (s) => s.state === 'ended' && s.final === 'true', 'the run to end', 80_000);
      expect(ended.lostAcked).toBeGreaterThan(0);
      expect(ended.verdict).toBe('broken');
      const headline = await page.locator('[data-testid="kafka-verdict-headline"]').textContent();
      expect(headline).toMatch(/^acks=1 \+ leader failover: [\d,]+ acknowledged records? lost$/);
      expect(Number(/([\d,]+) acknowledged/.exec(headline ?? '')![1].replace(/,/g, ''))).toBe(ended.lostAcked);
      await expect(page.locator(`${verdict} [data-guarantee="durability"]`).getAttribute('data-status')).resolves.toBe('broken');
      await expect(page.locator(`${verdict} [data-guarantee="durability"]`).textContent()).resolves.toContain('row 6');
      // the live chart agrees: the "Acknowledged records lost" series rose above zero
      const lostChartMax = async () => {
        const text = await page.locator(`${view} figure:has-text("Acknowledged records lost") p`).first().textContent();
        const max = /lost after acknowledgement: [\d,]+ points?, min [\d.,]+ records, max ([\d.,]+) records/.exec(text ?? '');
        return max ? Number(max[1].replace(/,/g, '')) : -1;
      };
      await expect.poll(lostChartMax, { timeout: 10_000 }).toBeGreaterThan(0);

      await page.locator('[data-testid="copy-link"]').click();
      const link = await page.locator('[data-testid="share-link"]').inputValue();
      expect(link).toContain('preset=acks-1-leader-crash-loses-data');
      expectClean();

      // a fresh browser opening the link shows the same run and the same verdict
      const fresh = await openGuardedPage(second);
      await open(fresh.page, link.startsWith('http') ? link : `${base}${link}`);
      const reproduced = await waitFor(fresh.page, (s) => s.timeMs === ended.timeMs && s.state !== 'seeking', 'the shared time (arrived)');
      expect(reproduced.events).toBe(ended.events);
      expect(reproduced.seed).toBe(ended.seed);
      expect(reproduced.lostAcked).toBe(ended.lostAcked);
      expect(reproduced.verdict).toBe('broken');
      expect(reproduced.final).toBe('true');
      fresh.expectClean();
    } finally {
      await first.close();
      await second.close();
    }
  }, 150_000);

  it('safe defaults: kill the leader of partition 1 mid-run as well; nothing acknowledged is lost', async () => {
    const base = inject('baseURL');
    const session = await launch({ viewport: { width: 1280, height: 900 } });
    try {
      const { page, expectClean } = await openGuardedPage(session);
      await open(page, `${base}/labs/kafka?preset=kafka-4x-safe-defaults`);
      const start = await kafkaState(page);
      expect(start.faults).toBe(1);
      expect(start.leaders.split(',')[1]).toBe('1');

      // play past the preset's first crash (3 s), pause
      await page.locator('[data-testid="play-toggle"]').click();
      await waitFor(page, (s) => s.state === 'playing' && s.timeMs > 4_000, 'the run to play past 4 s');
      await page.locator('[data-testid="play-toggle"]').click();
      const paused = await waitFor(page, (s) => s.state === 'paused', 'pause');
      expect(paused.timeMs).toBeLessThan(19_000);

      // kill the leader of partition 1 "now": the run is replayed to the same time with the fault in it
      await page.locator('[data-testid="fault-partition"]').selectOption('1');
      await page.locator('[data-testid="fault-kill-leader"]').click();
      const killed = await waitFor(page, (s) => s.faults === 2, 'the fault to be added');
      expect(killed.timeMs).toBe(Math.ceil(paused.timeMs));
      expect(killed.state).toBe('paused');
      await expect(page.locator('[data-testid="fault-list"]').textContent()).resolves.toMatch(/crash the leader of partition 1, for the rest of the run/);

      // play to the end, faster
      await speedUp(page, 2);
      await page.locator('[data-testid="play-toggle"]').click();
      const ended = await waitFor(page, (s) => s.state === 'ended' && s.final === 'true', 'the run to end', 80_000);
      expect(ended.leaders.split(',')[1]).not.toBe('1');
      expect(ended.lostAcked).toBe(0);
      expect(ended.duplicates).toBe(0);
      expect(ended.verdict).toBe('held');
      await expect(page.locator(`${verdict} [data-guarantee="durability"]`).getAttribute('data-status')).resolves.toBe('guaranteed');
      await expect(page.locator('[data-testid="kafka-verdict-headline"]').textContent()).resolves.toMatch(/^Every guarantee held/);

      await page.locator('[data-testid="copy-link"]').click();
      const link = await page.locator('[data-testid="share-link"]').inputValue();
      expect(link).toContain('faults=');
      expectClean();
    } finally {
      await session.close();
    }
  }, 150_000);

  it('on a 375 px phone the lab stacks without horizontal scrolling and has no serious axe violations', async () => {
    const session = await launch({ viewport: { width: 375, height: 740 } });
    try {
      const { page, expectClean } = await openGuardedPage(session);
      await open(page, `${inject('baseURL')}/labs/kafka?preset=netflix-keystone&t=6000`);
      await waitFor(page, (s) => s.timeMs === 6_000 && s.state !== 'seeking', 'the linked time (arrived)');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `/labs/kafka overflows by ${overflow}px`).toBeLessThanOrEqual(0);
      // stacked: the verdict sits below the cluster picture, not beside it
      const cluster = await page.locator('[data-testid="kafka-cluster"]').boundingBox();
      const verdictBox = await page.locator(verdict).boundingBox();
      expect(verdictBox!.y).toBeGreaterThan(cluster!.y + cluster!.height - 1);
      const violations = await seriousA11yViolations(page);
      expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);
      expectClean();
    } finally {
      await session.close();
    }
  }, 90_000);
});
