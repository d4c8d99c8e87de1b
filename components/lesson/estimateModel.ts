/**
 * Back-of-the-envelope drills (`<Estimate>`): the data shape, the content check's validation and the
 * grading. Pure.
 */

export interface EstimateGiven {
  label: string;
  value: number | string;
  unit?: string;
}

export interface EstimateStep {
  prompt: string;
  /** the worked answer, in `unit` */
  answer: number;
  unit: string;
  /** relative error accepted (default 0.1: estimates are about the order, not the digits) */
  tolerance?: number;
  /** how to get there, shown when the step is checked or given up on */
  work: string;
}

export const DEFAULT_ESTIMATE_TOLERANCE = 0.1;

/** A typed answer: plain numbers, `1,200`, `1.2e6`, `1.2k`/`3M`/`4G`/`2T` (k = 10³ … T = 10¹²). */
export function parseEstimate(text: string): number | null {
  const t = text.trim().replace(/[,_\s]/g, '');
  const match = /^([-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?)([kmgt]?)$/i.exec(t);
  if (!match) return null;
  const factor = { '': 1, k: 1e3, m: 1e6, g: 1e9, t: 1e12 }[match[2].toLowerCase() as '' | 'k' | 'm' | 'g' | 't'];
  const value = Number(match[1]) * factor;
  return Number.isFinite(value) ? value : null;
}

export function gradeEstimate(typed: number, step: Pick<EstimateStep, 'answer' | 'tolerance'>): { correct: boolean; ratio: number } {
  const tolerance = step.tolerance ?? DEFAULT_ESTIMATE_TOLERANCE;
  const ratio = step.answer === 0 ? (typed === 0 ? 1 : Infinity) : typed / step.answer;
  const correct = step.answer === 0 ? Math.abs(typed) <= tolerance : Math.abs(typed - step.answer) <= tolerance * Math.abs(step.answer) + 1e-12;
  return { correct, ratio };
}

/** "about 10× too high" / "about 3× too low" / "close": the nudge a wrong answer gets. */
export function nudge(ratio: number): string {
  if (!Number.isFinite(ratio) || ratio <= 0) return 'the sign or the order of magnitude is off';
  if (ratio > 1) return ratio >= 1.5 ? `about ${formatRatio(ratio)}× too high` : 'a little high';
  const inverse = 1 / ratio;
  return inverse >= 1.5 ? `about ${formatRatio(inverse)}× too low` : 'a little low';
}

function formatRatio(r: number): string {
  return r >= 10 ? String(Math.round(r)) : r.toFixed(1).replace(/\.0$/, '');
}

export function estimateProblems(givens: unknown, steps: unknown): string[] {
  const problems: string[] = [];
  if (givens !== undefined) {
    if (!Array.isArray(givens)) problems.push('"givens" must be a list of {label, value, unit?}');
    else
      givens.forEach((g, i) => {
        if (!isRecord(g)) return problems.push(`givens[${i}] must be {label, value, unit?}`);
        for (const key of Object.keys(g)) if (!['label', 'value', 'unit'].includes(key)) problems.push(`givens[${i}]: unknown key "${key}" (allowed: label, value, unit)`);
        if (typeof g.label !== 'string' || !g.label.trim()) problems.push(`givens[${i}] needs a "label" (text)`);
        if (!(typeof g.value === 'number' && Number.isFinite(g.value)) && !(typeof g.value === 'string' && g.value.trim())) problems.push(`givens[${i}] needs a "value" (number or text)`);
        if (g.unit !== undefined && typeof g.unit !== 'string') problems.push(`givens[${i}].unit must be text`);
      });
  }
  if (!Array.isArray(steps) || steps.length === 0) return [...problems, '"steps" must be a non-empty list of {prompt, answer, unit, tolerance?, work}'];
  steps.forEach((s, i) => {
    if (!isRecord(s)) return problems.push(`steps[${i}] must be {prompt, answer, unit, tolerance?, work}`);
    for (const key of Object.keys(s)) if (!['prompt', 'answer', 'unit', 'tolerance', 'work'].includes(key)) problems.push(`steps[${i}]: unknown key "${key}" (allowed: prompt, answer, unit, tolerance, work)`);
    if (typeof s.prompt !== 'string' || !s.prompt.trim()) problems.push(`steps[${i}] needs a "prompt" (text)`);
    if (typeof s.answer !== 'number' || !Number.isFinite(s.answer)) problems.push(`steps[${i}] needs an "answer" (a number, in the step's unit)`);
    if (typeof s.unit !== 'string' || !s.unit.trim()) problems.push(`steps[${i}] needs a "unit" (text, e.g. "TB/day"): an estimate without a unit is not an answer`);
    if (s.tolerance !== undefined && !(typeof s.tolerance === 'number' && s.tolerance > 0 && s.tolerance < 10)) problems.push(`steps[${i}].tolerance must be a relative error above 0, e.g. 0.2 for ±20%`);
    if (typeof s.work !== 'string' || !s.work.trim()) problems.push(`steps[${i}] needs "work": how to get the answer, shown after checking`);
  });
  return problems;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}
