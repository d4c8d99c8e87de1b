/**
 * Work budgets: every lab estimates, before a run starts, what it will cost (events simulated to
 * the horizon, memory held at the end), and a run over the limits is refused with a message that
 * names the parameters to change. The shell (param panel and links), the CLI (exit 2) and the tests
 * all ask `paramProblems`, so they agree on what runs.
 *
 * Estimates are upper bounds from the params alone (O(params), no simulation). Runs inside the
 * budget are still guarded while they run: the recorder stores at most `eventLimit` events and thins
 * long series, and the runner keeps a bounded number of checkpoints.
 */
import type { ParamError } from './params';

/** What the budget checks need of a lab (a LabDefinition has it; no import of lab.ts, which imports this). */
export interface BudgetedLab {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any lab's params
  checkParams?(params: any): ParamError[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any lab's params
  budget?: { estimate(params: any): WorkEstimate; limits?: Partial<WorkLimits> };
}

export interface WorkEstimate {
  /** events the scheduler will execute to the horizon (an upper bound) */
  events: number;
  /** bytes the run holds at its largest: model state, recorder, checkpoints (an upper bound) */
  bytes: number;
  /** the params that drive the cost, the most effective first (named in the refusal) */
  drivers: string[];
}

export interface WorkLimits {
  events: number;
  bytes: number;
}

/**
 * The default limits. Events: about a minute of CLI time at the slowest lab's few million events
 * per second. Bytes: well under a browser tab's heap (issue 11's target: no heap over 1 GB, the
 * CLI under 2 GB RSS).
 */
export const DEFAULT_WORK_LIMITS: WorkLimits = { events: 150_000_000, bytes: 640 * 2 ** 20 };

export function limitsOf(lab: BudgetedLab): WorkLimits {
  return { ...DEFAULT_WORK_LIMITS, ...lab.budget?.limits };
}

/** The refusals of a run over its lab's work budget (empty when it fits, or the lab has no budget). */
export function budgetProblems(lab: BudgetedLab, params: Record<string, unknown>): ParamError[] {
  if (!lab.budget) return [];
  const estimate = lab.budget.estimate(params);
  const limits = limitsOf(lab);
  const over: string[] = [];
  if (!(estimate.events <= limits.events)) over.push(`about ${formatCount(estimate.events)} events (this lab runs at most ${formatCount(limits.events)})`);
  if (!(estimate.bytes <= limits.bytes)) over.push(`about ${formatBytes(estimate.bytes)} of memory (at most ${formatBytes(limits.bytes)})`);
  if (over.length === 0) return [];
  const field = estimate.drivers[0] ?? Object.keys(params)[0] ?? 'params';
  const names = estimate.drivers.length > 0 ? estimate.drivers.join(', ') : 'the parameters';
  return [{ field, value: params[field], message: `This run is too big: it would take ${over.join(' and ')}. Lower ${names}.` }];
}

/** Every problem a valid-per-field set of params can still have: cross-field rules, then the budget. */
export function paramProblems(lab: BudgetedLab, params: Record<string, unknown>): ParamError[] {
  const rules = lab.checkParams?.(params) ?? [];
  return rules.length > 0 ? rules : budgetProblems(lab, params);
}

export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return 'unboundedly many';
  const short = (x: number) => String(Number(x.toPrecision(3)));
  if (n >= 1e15) return n.toExponential(2);
  if (n >= 1e12) return `${short(n / 1e12)} trillion`;
  if (n >= 1e9) return `${short(n / 1e9)} billion`;
  if (n >= 1e6) return `${short(n / 1e6)} million`;
  return String(Math.round(n));
}

export function formatBytes(n: number): string {
  if (!Number.isFinite(n)) return 'unbounded';
  if (n >= 2 ** 30) return `${(n / 2 ** 30).toPrecision(3)} GiB`;
  return `${Math.round(n / 2 ** 20)} MiB`;
}
