/** Runs of the live-latency lab for its tests. */
import { Runner } from '@/simulations/core/runner';
import { defaults } from '@/simulations/core/params';
import { liveLatencyLab, type LiveLatencyParams, type LiveLatencyResult } from '@/simulations/live-latency';

export const base = defaults(liveLatencyLab.schema);

/** Fixed delays: no jitter, no loss, no cached playlist. */
export const FIXED: Partial<LiveLatencyParams> = { jitterMs: 0, lossPercent: 0, playlistTtlS: 0 };

export function params(overrides: Partial<LiveLatencyParams>): LiveLatencyParams {
  return { ...base, ...overrides };
}

export function run(overrides: Partial<LiveLatencyParams>, seed = 1, eventLimit?: number): { runner: Runner; result: LiveLatencyResult } {
  const runner = new Runner(liveLatencyLab, params(overrides), seed, eventLimit === undefined ? {} : { eventLimit });
  runner.runToEnd();
  return { runner, result: runner.result() as LiveLatencyResult };
}

export function presetParams(id: string): LiveLatencyParams {
  const preset = liveLatencyLab.presets.find((p) => p.id === id);
  if (!preset) throw new Error(`no preset ${id}`);
  return params(preset.params);
}
