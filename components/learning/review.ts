/**
 * Spaced repetition for missed quiz questions (a Leitner schedule): a question answered wrong in a
 * lesson enters box 0, due at once; each right answer in review moves it up a box and pushes the next
 * review out (1, 3, 7, 16, 35 days); a wrong one sends it back to box 0, due tomorrow. Past the last box
 * it has been learnt and leaves the review. Days are whole local days (an integer), so the schedule is
 * the same whatever the hour. Pure.
 */

export const REVIEW_INTERVAL_DAYS = [1, 3, 7, 16, 35] as const;

export interface ReviewState {
  box: number;
  /** the day (days since 1970-01-01, local) it is next due */
  due: number;
  /** set once it has passed the last box */
  learnt?: boolean;
}

export function dayNumber(date: Date): number {
  return Math.floor((date.getTime() - date.getTimezoneOffset() * 60_000) / 86_400_000);
}

/** The state after answering a due question. */
export function afterAnswer(state: ReviewState | undefined, correct: boolean, today: number): ReviewState {
  if (!correct) return { box: 0, due: today + 1 };
  const box = (state?.box ?? 0) + 1;
  if (box >= REVIEW_INTERVAL_DAYS.length) return { box, due: Number.MAX_SAFE_INTEGER, learnt: true };
  return { box, due: today + REVIEW_INTERVAL_DAYS[box - 1] };
}

/** A missed question with no review state yet is due now (box 0). */
export function isDue(state: ReviewState | undefined, today: number): boolean {
  return !state ? true : !state.learnt && state.due <= today;
}

export function parseReviewState(value: unknown): ReviewState | null {
  const v = value as Partial<ReviewState> | null;
  if (!v || typeof v.box !== 'number' || !Number.isInteger(v.box) || v.box < 0 || typeof v.due !== 'number' || !Number.isFinite(v.due)) return null;
  return { box: v.box, due: v.due, ...(v.learnt === true ? { learnt: true } : {}) };
}

export const reviewKey = (lesson: string, quiz: string, question: number) => `sdl:review:${lesson}:${quiz}:${question}`;
