import { describe, expect, it } from 'vitest';
import { budgetProblems, DEFAULT_WORK_LIMITS, paramProblems } from '@/simulations/core/budget';
import { applyParamChecks, defineLab, type AnyLab } from '@/simulations/core/lab';
import { defaults, type ParamSchema } from '@/simulations/core/params';

const schema = {
  rate: { type: 'number', unit: '/s', min: 1, max: 1e6, default: 10, description: 'events per second' },
  durationS: { type: 'number', unit: 's', min: 1, max: 1e7, default: 100, description: 'run length' },
  low: { type: 'number', min: 0, max: 10, default: 1, description: 'must stay below high' },
  high: { type: 'number', min: 0, max: 10, default: 5, description: 'must stay above low' },
} satisfies ParamSchema;

const lab = defineLab({
  id: 'budgeted',
  title: 'b',
  summary: 's',
  topic: 't',
  schema,
  presets: [],
  horizonMs: (p) => p.durationS * 1000,
  checkParams: (p) => (p.low < p.high ? [] : [{ field: 'low', value: p.low, message: 'low must be below high' }]),
  budget: {
    estimate: (p) => ({ events: p.rate * p.durationS, bytes: p.durationS * 1000, drivers: ['rate', 'durationS'] }),
  },
  create: () => ({}),
  result: () => ({}),
}) as AnyLab;

describe('work budgets', () => {
  it('lets a run inside the limits through', () => {
    expect(budgetProblems(lab, defaults(schema))).toEqual([]);
  });

  it('refuses a run over the event limit, naming the params that drive it and the numbers', () => {
    const problems = budgetProblems(lab, { ...defaults(schema), rate: 1e6, durationS: 1e6 });
    expect(problems).toHaveLength(1);
    expect(problems[0].field).toBe('rate');
    expect(problems[0].message).toBe(
      `This run is too big: it would take about 1 trillion events (this lab runs at most ${DEFAULT_WORK_LIMITS.events / 1e6} million) and about 954 MiB of memory (at most 640 MiB). Lower rate, durationS.`,
    );
  });

  it('refuses a run over the memory limit', () => {
    expect(budgetProblems(lab, { ...defaults(schema), rate: 1, durationS: 1e7 })[0].message).toMatch(/of memory \(at most 640 MiB\)/);
  });

  it('cross-field rules come first; a link over budget falls back to the preset/defaults', () => {
    expect(paramProblems(lab, { ...defaults(schema), low: 9, high: 1, rate: 1e6, durationS: 1e6 })[0].field).toBe('low');
    const { params, errors } = applyParamChecks(lab, { ...defaults(schema), rate: 1e6, durationS: 1e6 }, defaults(schema));
    expect(errors[0].field).toBe('rate');
    expect(budgetProblems(lab, params)).toEqual([]);
    expect(params.rate).toBe(10);
  });
});
