/**
 * Charts stay smooth while a live run appends points: the queue lab samples each series 10,000 times
 * per run (SAMPLES_PER_RUN); played end to end at 200×, every chart grows to 10,000 points while we
 * record animation-frame timestamps. Median frame interval must stay ≤ 33 ms (≥ 30 fps).
 */
import { describe, expect, inject, it } from 'vitest';
import { hasChromium, launch, openGuardedPage, waitHydrated } from './support/browser';
import { SAMPLES_PER_RUN } from '@/simulations/queue';

describe.skipIf(!hasChromium)('chart frame rate', () => {
  it('stays at ≥ 30 fps while a live run appends to 10,000-point series', async () => {
    expect(SAMPLES_PER_RUN).toBeGreaterThanOrEqual(10_000);
    const session = await launch({ viewport: { width: 1280, height: 900 } });
    try {
      const { page, expectClean } = await openGuardedPage(session);
      await page.goto(`${inject('baseURL')}/labs/queue?v=1&seed=5&durationS=1200`);
      await waitHydrated(page, 'lab-shell');
      const shell = page.locator('[data-testid="lab-shell"]').first();
      await shell.focus();
      while (Number(await shell.getAttribute('data-speed')) < 200) await page.keyboard.press('+');
      await page.evaluate(() => {
        const w = window as unknown as { __frames: number[]; __recording: boolean };
        w.__frames = [];
        w.__recording = true;
        const tick = (t: number) => {
          if (!w.__recording) return;
          w.__frames.push(t);
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
      await page.locator('[data-testid="play-toggle"]').click();
      await expect
        .poll(async () => shell.getAttribute('data-player-state'), { timeout: 30_000, interval: 250 })
        .toBe('ended');
      const frames = await page.evaluate(() => {
        const w = window as unknown as { __frames: number[]; __recording: boolean };
        w.__recording = false;
        return w.__frames;
      });
      const gaps = frames.slice(1).map((t, i) => t - frames[i]).sort((a, b) => a - b);
      const median = gaps[Math.floor(gaps.length / 2)];
      const p95 = gaps[Math.floor(gaps.length * 0.95)];
      const seconds = (frames[frames.length - 1] - frames[0]) / 1000;
      console.log(`chart fps: ${frames.length} frames in ${seconds.toFixed(1)} s (${(frames.length / seconds).toFixed(1)} fps), median frame ${median.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`);
      expect(frames.length).toBeGreaterThan(60);
      expect(median).toBeLessThanOrEqual(1000 / 30);
      expectClean();
    } finally {
      await session.close();
    }
  });
});
