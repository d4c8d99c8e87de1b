/**
 * NODE ONLY. The heaviest runs a learner can start in each lab, found from the lab definitions
 * (`simulations/registry.ts`) with the same `paramProblems` the param panel, links and the CLI ask
 * (`simulations/core/budget.ts`), so whatever budget a lab declares is respected without this file
 * knowing it. Used by `bench/stress.ts` and `tests/e2e/stress.e2e.ts`.
 *
 * - heaviestValues: the lab's cost drivers pushed to their schema limit (max, or min where less is
 *   heavier), then stepped back toward the defaults until paramProblems accepts them: first all
 *   drivers together (binary search on one fraction of the way), then each driver alone as far up
 *   as it is still accepted.
 * - heaviestPreset: the preset whose run costs the most, measured: each preset runs headless for a
 *   short wall-time probe and its cost is extrapolated to the horizon (so no lab budget is needed).
 */
import type { AnyLab } from '../../../simulations/core/lab';
import type { ParamSpec } from '../../../simulations/core/params';
import { defaults, validate, encodeRun } from '../../../simulations/core/params';
import { paramProblems } from '../../../simulations/core/budget';
import { Runner } from '../../../simulations/core/runner';
import { labs } from '../../../simulations/registry';

/** A cost driver: a number pushed to its schema max/min, or an enum/boolean set to its heaviest value. */
export type Driver = { key: string; to: 'max' | 'min' } | { key: string; value: string | boolean };

/**
 * What makes each lab's run expensive, read from its schema and the measurements in issue 11 (events
 * per virtual second, recorded samples, entities held). A lab's own `budget.estimate(...).drivers`
 * are added to these at run time, so a driver a budget names is never missed.
 */
export const COST_DRIVERS: Record<string, Driver[]> = {
  // λ = 10,000/s over 1,000,000 s with a server that (almost) never finishes: the waiting queue grows
  queue: [
    { key: 'arrivalRate', to: 'max' },
    { key: 'durationS', to: 'max' },
    { key: 'serviceRate', to: 'min' },
  ],
  // 300 chunks, hour-long session, a long finely sampled trace, three MPC-family players on 10 rungs
  abr: [
    { key: 'video.chunks', to: 'max' },
    { key: 'session.maxS', to: 'max' },
    { key: 'trace.durationS', to: 'max' },
    { key: 'trace.stepS', to: 'min' },
    { key: 'mpc.horizon', to: 'max' },
    { key: 'video.ladder', value: 'netflix2015' },
    { key: 'algorithm', value: 'robustmpc' },
    { key: 'race.second', value: 'mpc' },
    { key: 'race.third', value: 'dynamic' },
  ],
  // 5 M records/s of 1-byte records for 600 s over the biggest cluster
  kafka: [
    { key: 'workload.recordsPerSecond', to: 'max' },
    { key: 'workload.durationMs', to: 'max' },
    { key: 'workload.recordBytes', to: 'min' },
    { key: 'topic.partitions', to: 'max' },
    { key: 'brokers', to: 'max' },
    { key: 'topic.replicationFactor', to: 'max' },
  ],
  // 5,000,000 users sending 120 messages a minute for a day, sampled every 10 ms
  chat: [
    { key: 'users', to: 'max' },
    { key: 'durationMs', to: 'max' },
    { key: 'sendsPerUserPerMin', to: 'max' },
    { key: 'onlineFraction', to: 'max' },
    { key: 'sampleMs', to: 'min' },
  ],
  // the biggest file in the smallest chunks, an hour of random drops, two tabs
  upload: [
    { key: 'file.sizeMiB', to: 'max' },
    { key: 'client.chunkMiB', to: 'min' },
    { key: 'run.horizonS', to: 'max' },
    { key: 'network.dropsPerMinute', to: 'max' },
    { key: 'tabs.count', to: 'max' },
  ],
  // 60 messages to 3 devices each (5 encrypted copies), a group of 8 with Sender Keys and a leave: the cost is the cryptography
  e2ee: [
    { key: 'messages', to: 'max' },
    { key: 'devices', to: 'max' },
    { key: 'groupSize', to: 'max' },
    { key: 'groupMessages', to: 'max' },
    { key: 'groupMode', value: 'senderKeys' },
    { key: 'memberLeaves', value: true },
    { key: 'reorderProbability', to: 'max' },
  ],
};

export interface HeavyValues {
  params: Record<string, unknown>;
  /** key → [default, chosen, limit] for every driver */
  drivers: { key: string; from: unknown; chosen: unknown; limit: unknown }[];
  /** drivers that could not stay at their schema limit (the budget or a rule refused it) */
  steppedDown: string[];
  /** what paramProblems said about the all-at-the-limit run (empty: accepted as is) */
  refusalAtLimit: string[];
}

function limitOf(spec: ParamSpec, d: Driver): unknown {
  if ('value' in d) return d.value;
  if (spec.type !== 'number') throw new Error(`driver ${d.key} is not a number`);
  return d.to === 'max' ? spec.max : spec.min;
}

/** The value a fraction t of the way from base to limit (geometric for log scales and wide ranges). */
function between(spec: ParamSpec, base: unknown, limit: unknown, t: number): unknown {
  if (t >= 1) return limit;
  if (t <= 0) return base;
  if (spec.type !== 'number') return t >= 0.5 ? limit : base;
  const a = base as number;
  const b = limit as number;
  const geometric = a > 0 && b > 0 && (spec.scale === 'log' || Math.max(a, b) / Math.min(a, b) > 50);
  let v = geometric ? a * Math.pow(b / a, t) : a + (b - a) * t;
  if (spec.integer) v = b > a ? Math.floor(v) : Math.ceil(v);
  else v = Number(v.toPrecision(4));
  return Math.min(spec.max, Math.max(spec.min, v));
}

function accepted(lab: AnyLab, params: Record<string, unknown>): boolean {
  return validate(lab.schema, params).ok && paramProblems(lab, params).length === 0;
}

/** The budget's own drivers (when the lab declares one), each pushed the way that costs more. */
function budgetDrivers(lab: AnyLab, base: Record<string, unknown>): Driver[] {
  if (!lab.budget) return [];
  const cost = (p: Record<string, unknown>) => {
    const e = lab.budget!.estimate(p);
    return e.events / 1e6 + e.bytes / 2 ** 20;
  };
  const names = new Set<string>();
  const atMax = { ...base };
  for (const [key, spec] of Object.entries(lab.schema as Record<string, ParamSpec>)) if (spec.type === 'number') atMax[key] = spec.max;
  for (const p of [base, atMax]) {
    try {
      for (const d of lab.budget.estimate(p).drivers) names.add(d);
    } catch {
      // an estimate that cannot price these params names no drivers
    }
  }
  const out: Driver[] = [];
  for (const key of names) {
    const spec = lab.schema[key];
    if (spec?.type !== 'number') continue;
    let up = 0;
    let down = 0;
    try {
      up = cost({ ...base, [key]: spec.max });
      down = cost({ ...base, [key]: spec.min });
    } catch {
      continue;
    }
    out.push({ key, to: down > up ? 'min' : 'max' });
  }
  return out;
}

export function heaviestValues(lab: AnyLab, base: Record<string, unknown> = defaults(lab.schema) as Record<string, unknown>): HeavyValues {
  const listed = COST_DRIVERS[lab.id] ?? [];
  const drivers = [...listed, ...budgetDrivers(lab, base).filter((d) => !listed.some((l) => l.key === d.key))].filter((d) => lab.schema[d.key]);
  const limits = new Map(drivers.map((d) => [d.key, limitOf(lab.schema[d.key], d)]));
  const at = (t: number, over: Record<string, number> = {}) => {
    const p = { ...base };
    for (const d of drivers) p[d.key] = between(lab.schema[d.key], base[d.key], limits.get(d.key), over[d.key] ?? t);
    return p;
  };
  const atLimit = at(1);
  const refusalAtLimit = accepted(lab, atLimit) ? [] : [...validate(lab.schema, atLimit).errors, ...paramProblems(lab, atLimit)].map((e) => e.message);
  // 1) all drivers together: the largest accepted fraction of the way (binary search)
  let lo = 0;
  let hi = 1;
  if (accepted(lab, atLimit)) lo = 1;
  else
    for (let i = 0; i < 24; i++) {
      const mid = (lo + hi) / 2;
      if (accepted(lab, at(mid))) lo = mid;
      else hi = mid;
    }
  // 2) each driver alone, as far up as it is still accepted with the others where they are
  const fractions: Record<string, number> = Object.fromEntries(drivers.map((d) => [d.key, lo]));
  if (lo < 1)
    for (const d of drivers) {
      let a = fractions[d.key];
      let b = 1;
      if (accepted(lab, at(lo, { ...fractions, [d.key]: 1 }))) a = 1;
      else
        for (let i = 0; i < 20; i++) {
          const mid = (a + b) / 2;
          if (accepted(lab, at(lo, { ...fractions, [d.key]: mid }))) a = mid;
          else b = mid;
        }
      fractions[d.key] = a;
    }
  const params = at(lo, fractions);
  if (!accepted(lab, params)) throw new Error(`${lab.id}: no accepted heavy configuration found (${paramProblems(lab, params).map((e) => e.message).join('; ')})`);
  return {
    params,
    drivers: drivers.map((d) => ({ key: d.key, from: base[d.key], chosen: params[d.key], limit: limits.get(d.key) })),
    steppedDown: drivers.filter((d) => params[d.key] !== limits.get(d.key)).map((d) => d.key),
    refusalAtLimit,
  };
}

export interface PresetCost {
  id: string;
  /** wall ms a headless run of the whole preset would take in Node, extrapolated from the probe */
  projectedMs: number;
}

/**
 * Every preset's cost, heaviest first: each runs headless for about `probeMs` of wall time (after
 * create) and the wall time per virtual ms is extrapolated to the horizon.
 */
export function presetCosts(lab: AnyLab, probeMs = 250): PresetCost[] {
  const out: PresetCost[] = [];
  // the first probe would pay for the JIT warming up: probe the first preset once, unmeasured
  for (const [i, preset] of [lab.presets[0], ...lab.presets].entries()) {
    if (!preset) break;
    const params = validate(lab.schema, preset.params as Record<string, unknown>).params;
    const t0 = performance.now();
    const runner = new Runner(lab, params as never, preset.seed ?? 1);
    const created = performance.now();
    while (!runner.done && performance.now() - created < probeMs) {
      runner.runTo(runner.horizonMs, 2000);
    }
    const spent = performance.now() - created;
    const reached = runner.done ? runner.horizonMs : runner.now;
    const projected = (created - t0) + (runner.done ? spent : reached > 0 ? (spent * runner.horizonMs) / reached : Infinity);
    if (i > 0) out.push({ id: preset.id, projectedMs: projected });
  }
  return out.sort((a, b) => b.projectedMs - a.projectedMs);
}

/**
 * The heaviest preset by the lab's own budget estimate (events, then bytes) when it declares one, an
 * O(params) answer; else by the headless probe.
 */
export function heaviestPresetByBudget(lab: AnyLab): string {
  if (!lab.budget) return heaviestPreset(lab).id;
  const scored = lab.presets.map((p) => {
    const e = lab.budget!.estimate(validate(lab.schema, p.params as Record<string, unknown>).params as never);
    return { id: p.id, events: e.events, bytes: e.bytes };
  });
  scored.sort((a, b) => b.events - a.events || b.bytes - a.bytes);
  return scored[0].id;
}

export function heaviestPreset(lab: AnyLab): PresetCost {
  const costs = presetCosts(lab);
  if (costs.length === 0) throw new Error(`${lab.id} has no presets`);
  return costs[0];
}

/** The query string that opens these params (seed 1) exactly, as a share link would. */
export function linkFor(lab: AnyLab, params: Record<string, unknown>, preset?: string, seed = 1): string {
  return encodeRun(lab.schema, { params: params as never, seed, preset }, lab.presets as never);
}

export const STRESS_LABS = ['queue', 'abr', 'kafka', 'chat', 'upload', 'e2ee'] as const;

export function stressLabs(only?: string[]): AnyLab[] {
  const ids = only && only.length ? only : [...STRESS_LABS, ...labs.map((l) => l.id).filter((id) => !(STRESS_LABS as readonly string[]).includes(id))];
  return ids.map((id) => {
    const lab = labs.find((l) => l.id === id);
    if (!lab) throw new Error(`unknown lab ${JSON.stringify(id)}; labs: ${labs.map((l) => l.id).join(', ')}`);
    return lab;
  });
}
