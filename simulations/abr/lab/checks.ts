/**
 * Cross-field rules of the ABR lab's params (issue 11: contradictory settings were accepted and
 * silently reconciled). Each error names the field to change.
 */
import type { ParamError } from '../../core/params';
import type { AbrParams } from './schema';

/** Trace kinds whose level starts from trace.meanMbps (then clamped to [minMbps, maxMbps]). */
const MEAN_KINDS = new Set(['constant', 'sine', 'randomWalk']);

export function checkAbrParams(p: AbrParams): ParamError[] {
  const errors: ParamError[] = [];
  const min = p['trace.minMbps'];
  const max = p['trace.maxMbps'];
  if (min > max) {
    errors.push({ field: 'trace.minMbps', value: min, message: `trace.minMbps (${min} Mbps) is above trace.maxMbps (${max} Mbps): every sample is clamped to [min, max], so min must not exceed max` });
  } else if (MEAN_KINDS.has(p['trace.kind']) && (p['trace.meanMbps'] < min || p['trace.meanMbps'] > max)) {
    errors.push({
      field: 'trace.meanMbps',
      value: p['trace.meanMbps'],
      message: `trace.meanMbps (${p['trace.meanMbps']} Mbps) is outside [trace.minMbps, trace.maxMbps] = [${min}, ${max}] Mbps: the ${p['trace.kind']} trace would be clamped away from it`,
    });
  }
  if (p['player.startupS'] > p['player.bufferCapS']) {
    errors.push({
      field: 'player.startupS',
      value: p['player.startupS'],
      message: `player.startupS (${p['player.startupS']} s) is above player.bufferCapS (${p['player.bufferCapS']} s): the player could never buffer enough to start`,
    });
  }
  for (const field of ['race.second', 'race.third'] as const) {
    if (p[field] === 'yours' && !p['yours.record']) {
      errors.push({ field, value: p[field], message: `${field} = yours races your own code, but none has been run: open the code panel, write or pick an algorithm and press Run` });
    }
  }
  return errors;
}
