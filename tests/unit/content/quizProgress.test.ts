import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseQuizProgress, quizScore, quizStorageKey, serialiseQuizProgress } from '../../../components/lesson/quizProgress';
import type { QuizQuestion } from '../../../components/lesson/types';

const questions: QuizQuestion[] = [
  { prompt: 'L = ?', choices: ['λW', 'λ/W'], answer: 0, explanation: 'Little' },
  { prompt: 'W at ρ = 0.9?', choices: ['2 S', '10 S', '100 S'], answer: 1, explanation: '1/(1 − ρ)' },
];

describe('quiz progress in localStorage', () => {
  it('keys by lesson and quiz id', () => {
    expect(quizStorageKey('queueing-basics', 'q1')).toBe('sdl:quiz:queueing-basics:q1');
  });

  it('round-trips and scores checked answers only', () => {
    const progress = { 0: { choice: 0, checked: true }, 1: { choice: 2, checked: false } };
    const restored = parseQuizProgress(serialiseQuizProgress(progress, questions), questions);
    expect(restored).toEqual(progress);
    expect(quizScore(restored, questions)).toEqual({ checked: 1, correct: 1, total: 2 });
    expect(quizScore({ 0: { choice: 1, checked: true }, 1: { choice: 1, checked: true } }, questions)).toEqual({ checked: 2, correct: 1, total: 2 });
  });

  it('forgets answers when the questions change', () => {
    const saved = serialiseQuizProgress({ 0: { choice: 1, checked: true } }, questions);
    const edited = [{ ...questions[0], choices: ['λW', 'λ/W', 'W/λ'] }, questions[1]];
    expect(parseQuizProgress(saved, edited)).toEqual({});
  });

  it('never throws on junk and keeps only answers that fit the questions', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.constant(null)), (raw) => {
        const progress = parseQuizProgress(raw, questions);
        for (const [key, value] of Object.entries(progress)) {
          const question = questions[Number(key)];
          expect(question).toBeDefined();
          expect(Number.isInteger(value.choice) && value.choice >= 0 && value.choice < question.choices.length).toBe(true);
        }
      }),
    );
    const fingerprinted = JSON.parse(serialiseQuizProgress({}, questions));
    const tampered = JSON.stringify({ ...fingerprinted, answers: { 0: { choice: 7, checked: true }, 1: { choice: 1, checked: 'yes' }, 5: { choice: 0 } } });
    expect(parseQuizProgress(tampered, questions)).toEqual({ 1: { choice: 1, checked: false } });
  });
});
