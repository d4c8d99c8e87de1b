/**
 * The companion that IS the live run (same params, played to its end): the shell holds a fresh
 * run's first picture until it arrives (ABR's preview of the whole race), so the view is laid out
 * once. Other companions (the uploads chunk-size sweep) are never waited for.
 */
import { describe, expect, it } from 'vitest';
import { liveCompanionKey } from '@/components/lab-shell/useCompanions';
import { runForPreset } from '@/components/lab-shell/link';
import { abrLab } from '@/simulations/abr';
import { uploadLab } from '@/simulations/upload';
import { queueLab } from '@/simulations/queue';
import type { AnyLab } from '@/simulations/core/lab';

const paramsOf = (lab: AnyLab) => runForPreset(lab).run.params;

describe('the live run’s own companion', () => {
  it('is ABR’s finished race, for every preset', () => {
    for (const preset of abrLab.presets) expect(liveCompanionKey(abrLab as AnyLab, runForPreset(abrLab, preset.id).run.params), preset.id).toBe('finished');
  });

  it('is none for the uploads sweep (other chunk sizes) or a lab without companions', () => {
    expect(liveCompanionKey(uploadLab as AnyLab, paramsOf(uploadLab as AnyLab))).toBeUndefined();
    expect(liveCompanionKey(queueLab as AnyLab, paramsOf(queueLab as AnyLab))).toBeUndefined();
  });
});
