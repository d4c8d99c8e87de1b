import { groupedNumber } from '@/simulations/core/numberText';
/**
 * Grading a prediction against the value a real run computed. Pure: the Predict component, the
 * progress store and the tests share it.
 */

/** A range answer: the right one is the first whose `below` exceeds the run's value (the last has none). */
export interface PredictChoice {
  label: string;
  below?: number;
}

export interface PredictionVerdict {
  /** true: within tolerance (number) or the right range (choice) */
  correct: boolean;
  /** the value shown (the run's field × scale) */
  actual: number;
  /** number guesses: |guess − actual| / |actual| (absolute difference when actual is 0) */
  relativeError?: number;
  /** choice guesses: the index of the range the run's value falls in */
  rightChoice?: number;
}

/** The index of the range `value` falls in: ranges are `[previous below, below)`, the last open-ended. */
export function choiceForValue(choices: readonly PredictChoice[], value: number): number {
  const index = choices.findIndex((choice) => choice.below !== undefined && value < choice.below);
  return index === -1 ? choices.length - 1 : index;
}

export function gradeNumber(guess: number, actual: number, tolerance: number): PredictionVerdict {
  const relativeError = actual === 0 ? Math.abs(guess) : Math.abs(guess - actual) / Math.abs(actual);
  return { correct: relativeError <= tolerance + 1e-12, actual, relativeError };
}

export function gradeChoice(choices: readonly PredictChoice[], guess: number, actual: number): PredictionVerdict {
  const rightChoice = choiceForValue(choices, actual);
  return { correct: guess === rightChoice, actual, rightChoice };
}

/** Problems with a choices prop (the content check reports them): ascending `below`, last without. */
export function predictChoiceProblems(choices: unknown): string[] {
  if (!Array.isArray(choices) || choices.length < 2) return ['"choices" must be a list of at least two {label, below?}'];
  const problems: string[] = [];
  let previous = -Infinity;
  choices.forEach((choice, index) => {
    if (!choice || typeof choice !== 'object' || Array.isArray(choice)) {
      problems.push(`choices[${index}] must be {label, below?}`);
      return;
    }
    const { label, below, ...rest } = choice as Record<string, unknown>;
    for (const key of Object.keys(rest)) problems.push(`choices[${index}]: unknown key "${key}" (allowed: label, below)`);
    if (typeof label !== 'string' || !label.trim()) problems.push(`choices[${index}] needs a "label" (text)`);
    const last = index === choices.length - 1;
    if (last && below !== undefined) problems.push(`choices[${index}] is the last range: leave out "below" (it catches everything above the previous one)`);
    if (!last) {
      if (typeof below !== 'number' || !Number.isFinite(below)) problems.push(`choices[${index}] needs "below": the number where the next range starts`);
      else if (below <= previous) problems.push(`choices[${index}].below must be larger than the previous range's (${previous})`);
      else previous = below;
    }
  });
  return problems;
}

/** A number shown to a learner with about three significant digits: 2.13, 0.0412, 1,250. */
export function formatMeasured(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude >= 1000) return groupedNumber(Math.round(value));
  if (magnitude === 0) return '0';
  return Number(value.toPrecision(3)).toString();
}
