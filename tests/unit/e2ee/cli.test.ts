/** `npm run sim -- e2ee …`: presets, --set and --seed reach the run, --json is the result document. */
import { describe, expect, it } from 'vitest';
import { sim } from '../support/simCli';
import type { E2eeResult } from '@/simulations/e2ee';


describe('e2ee CLI', () => {
  it('--preset steal-bobs-phone --json: the thief’s readable set', async () => {
    const r = await sim(['e2ee', '--preset', 'steal-bobs-phone', '--json']);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as E2eeResult;
    expect(result.compromise?.readable).toEqual([8, 9, 10, 11, 12, 13, 14, 15]);
    expect(result.server.seesPlaintext).toBe(false);
  });

  it('--set and --seed change the run; the same seed repeats it exactly', async () => {
    const args = ['e2ee', '--set', 'messages=10', '--set', 'oneTimePrekeys=0', '--set', 'groupMessages=0', '--set', 'lossProbability=0.3', '--json'];
    const a = JSON.parse((await sim([...args, '--seed', '7'])).stdout) as E2eeResult;
    const b = JSON.parse((await sim([...args, '--seed', '7'])).stdout) as E2eeResult;
    expect(a).toEqual(b);
    expect(a.messages.sent).toBe(10);
    expect(a.x3dh).toEqual({ dhOperations: 3, usedOneTimePrekey: false, bothSidesAgree: true });
    expect(a.group).toBeNull();
  });

  it('a theft after a message that is never sent exits 2 naming the field', async () => {
    const r = await sim(['e2ee', '--set', 'messages=5', '--set', 'compromiseAfter=9']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/compromiseAfter = 9 is invalid/);
    expect(r.stdout).toBe('');
  });
});
