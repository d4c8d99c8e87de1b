/**
 * The video-streaming lesson's exercise ("beat rate-based on the 3G commute without more
 * rebuffering"): its model answer does, on the preset's seed and two others, in the same sandbox.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadQuickJs } from '@/code-lab/sandbox/quickjs';
import { compileTypeScript } from '@/code-lab/sandbox/compileNode';
import { recordRace } from '@/code-lab/abr/race';
import { abrLab, abrPresets, type AbrParams } from '@/simulations/abr';
import { validate } from '@/simulations/core/params';
import { Runner } from '@/simulations/core/runner';

describe('the lesson\'s Write-your-own-ABR exercise', () => {
  it('has a model answer that beats rate-based on the 3G commute with no more rebuffering', async () => {
    const qjs = await loadQuickJs();
    const source = readFileSync('code-lab/abr/exercises/buffer-aware-rate.ts', 'utf8');
    const program = compileTypeScript(source, 'buffer-aware-rate.ts');
    const preset = abrPresets.find((p) => p.id === 'bba-vs-rate-3g')!;
    for (const seed of [preset.seed ?? 1, 1, 2]) {
      const p = validate(abrLab.schema, { ...preset.params, 'race.third': 'yours' }).params as AbrParams;
      const { record } = recordRace(qjs, program, p, seed);
      const runner = new Runner(abrLab, { ...p, 'yours.record': record }, seed);
      runner.runToEnd();
      const [, rate, yours] = runner.result() as { algorithm: string; qoe: number; rebufferS: number }[];
      expect(rate.algorithm).toBe('rate');
      expect(yours.qoe, `seed ${seed}`).toBeGreaterThan(rate.qoe);
      expect(yours.rebufferS, `seed ${seed}`).toBeLessThanOrEqual(rate.rebufferS);
    }
  });
});
