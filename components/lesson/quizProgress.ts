/**
 * Quiz progress saved in localStorage, keyed by lesson + quiz id. Whatever is stored (old versions,
 * hand-edited junk, a quiz whose questions changed since) must never crash the page: parsing drops
 * anything that does not fit the current questions.
 */
import type { QuizQuestion } from './types';

export interface QuestionProgress {
  /** Index of the selected choice. */
  choice: number;
  /** The learner pressed "Check" for this choice. */
  checked: boolean;
}

export type QuizProgress = Record<number, QuestionProgress>;

interface StoredProgress {
  v: 1;
  /** Changes when the questions change, so stale answers are discarded. */
  fingerprint: string;
  answers: QuizProgress;
}

export function quizStorageKey(lesson: string, quizId: string): string {
  return `sdl:quiz:${lesson}:${quizId}`;
}

export function quizFingerprint(questions: readonly QuizQuestion[]): string {
  const text = questions.map((q) => `${q.prompt}\u0001${q.choices.join('\u0002')}\u0001${q.answer}`).join('\u0003');
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}

export function serialiseQuizProgress(progress: QuizProgress, questions: readonly QuizQuestion[]): string {
  const stored: StoredProgress = { v: 1, fingerprint: quizFingerprint(questions), answers: progress };
  return JSON.stringify(stored);
}

export function parseQuizProgress(raw: string | null, questions: readonly QuizQuestion[]): QuizProgress {
  if (!raw) return {};
  let stored: unknown;
  try {
    stored = JSON.parse(raw);
  } catch {
    return {};
  }
  if (!stored || typeof stored !== 'object') return {};
  const { v, fingerprint, answers } = stored as Partial<StoredProgress>;
  if (v !== 1 || fingerprint !== quizFingerprint(questions) || !answers || typeof answers !== 'object') return {};
  const progress: QuizProgress = {};
  for (const [key, value] of Object.entries(answers)) {
    const index = Number(key);
    const question = questions[index];
    if (!Number.isInteger(index) || !question || !value || typeof value !== 'object') continue;
    const { choice, checked } = value as Partial<QuestionProgress>;
    if (typeof choice !== 'number' || !Number.isInteger(choice) || choice < 0 || choice >= question.choices.length) continue;
    progress[index] = { choice, checked: checked === true };
  }
  return progress;
}

export function quizScore(progress: QuizProgress, questions: readonly QuizQuestion[]): { checked: number; correct: number; total: number } {
  let checked = 0;
  let correct = 0;
  questions.forEach((question, index) => {
    const answer = progress[index];
    if (!answer?.checked) return;
    checked++;
    if (answer.choice === question.answer) correct++;
  });
  return { checked, correct, total: questions.length };
}
