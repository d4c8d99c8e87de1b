/**
 * The chat lab's Real cluster tab against a real cluster: one gateway on the embedded bus (no Redis
 * needed), its control endpoint on 127.0.0.1:4101 where the app server looks for it. The tab appears
 * while the cluster runs, shows its gateway, takes a fault (a 2 s partition) through the app server,
 * has no serious axe violation, and the simulation tab still works.
 */
import { afterAll, describe, expect, inject, it } from 'vitest';
import { ClusterChild } from '../../servers/chat/clusterChild';
import { hasChromium, launch, openGuardedPage, readAttributes, seriousA11yViolations, waitHydrated } from './support/browser';

let cluster: ClusterChild | null = null;
afterAll(async () => {
  await cluster?.stop();
}, 30_000);

describe.skipIf(!hasChromium)('chat lab: Real cluster tab', () => {
  it('appears while a cluster runs, shows its gateways and injects a fault', async () => {
    cluster = await ClusterChild.start(['--gateways', '1', '--redis', 'off', '--control-port', '4101']);
    const base = inject('baseURL');
    const session = await launch({ viewport: { width: 1280, height: 900 } });
    try {
      const { page, expectClean } = await openGuardedPage(session);
      await page.goto(`${base}/labs/chat`);
      await waitHydrated(page, 'lab-shell');
      // the view polls the app server every 5 s for a running cluster
      await page.locator('[data-testid="chat-mode-real"]').waitFor({ timeout: 20_000 });
      await page.locator('[data-testid="chat-mode-real"]').click();
      const tab = page.locator('[data-testid="chat-real-cluster"]');
      await tab.waitFor({ timeout: 10_000 });
      const a = await readAttributes(page, { mode: ['[data-testid="chat-real-cluster"]', 'data-mode'], gateways: ['[data-testid="chat-real-cluster"]', 'data-gateways'] });
      expect(a).toEqual({ mode: 'embedded', gateways: '1' });
      await expect(page.locator('[data-testid="chat-real-load"]').textContent()).resolves.toContain('not running: npm run chat:load');
      expect(await seriousA11yViolations(page)).toEqual([]);

      await page.getByRole('button', { name: 'partition 0 for 10 s' }).click();
      await expect.poll(() => page.locator('[data-testid="chat-real-message"]').textContent(), { timeout: 10_000 }).toContain('partition gateway 0: done');
      await expect.poll(async () => (await cluster!.stats()).gateways[0].state, { timeout: 5_000 }).toBe('partitioned');

      await page.locator('[data-testid="chat-mode-sim"]').click();
      await page.locator('[data-testid="chat-view"]').waitFor({ timeout: 10_000 });
      expectClean();
    } finally {
      await session.close();
    }
  });
});
