'use client';

import Link from 'next/link';
import { useEffect, useId, useState } from 'react';
import { readProgress, writeProgress } from '../lesson/progress';
import { parseQuizProgress, quizStorageKey } from '../lesson/quizProgress';
import type { QuizQuestion } from '../lesson/types';
import type { LessonLearning } from './learningData';
import { afterAnswer, dayNumber, isDue, parseReviewState, reviewKey, type ReviewState } from './review';
import styles from './Learning.module.css';

interface ReviewItem {
  key: string;
  lesson: string;
  lessonTitle: string;
  question: QuizQuestion;
  state: ReviewState | undefined;
}

/** Every question missed in a lesson's quiz, or already in the review schedule, with its state. */
function reviewItems(lessons: readonly LessonLearning[]): ReviewItem[] {
  const items: ReviewItem[] = [];
  for (const lesson of lessons) {
    for (const quiz of lesson.quizzes) {
      let raw: string | null = null;
      try {
        raw = window.localStorage.getItem(quizStorageKey(lesson.slug, quiz.id));
      } catch {
        // storage off
      }
      const progress = parseQuizProgress(raw, quiz.questions);
      quiz.questions.forEach((question, index) => {
        const key = reviewKey(lesson.slug, quiz.id, index);
        const state = readProgress(key, parseReviewState) ?? undefined;
        const answer = progress[index];
        const missed = answer?.checked === true && answer.choice !== question.answer;
        if (missed || state) items.push({ key, lesson: lesson.slug, lessonTitle: lesson.title, question, state });
      });
    }
  }
  return items;
}

/**
 * The review: missed quiz questions come back on a spaced-repetition schedule (review.ts), one at a
 * time; a right answer pushes a question further out, a wrong one brings it back tomorrow.
 */
export function ReviewView({ lessons }: { lessons: LessonLearning[] }) {
  const baseId = useId();
  const [items, setItems] = useState<ReviewItem[] | null>(null);
  const [today, setToday] = useState(0);
  const [choice, setChoice] = useState<number | null>(null);
  const [answered, setAnswered] = useState<{ key: string; correct: boolean; next: ReviewState } | null>(null);

  useEffect(() => {
    setToday(dayNumber(new Date()));
    setItems(reviewItems(lessons));
  }, [lessons]);

  const due = (items ?? []).filter((item) => isDue(item.state, today));
  const later = (items ?? []).filter((item) => !isDue(item.state, today) && !item.state?.learnt);
  const learnt = (items ?? []).filter((item) => item.state?.learnt);
  const current = answered ? items?.find((i) => i.key === answered.key) : due[0];

  const check = () => {
    if (!current || choice === null) return;
    const correct = choice === current.question.answer;
    const next = afterAnswer(current.state, correct, today);
    writeProgress(current.key, next);
    setAnswered({ key: current.key, correct, next });
  };
  const advance = () => {
    setAnswered(null);
    setChoice(null);
    setItems(reviewItems(lessons));
  };
  const nextDue = later.length ? Math.min(...later.map((i) => i.state!.due)) : null;

  return (
    <div className={styles.page} data-testid="review" data-hydrated={items ? 'true' : undefined} data-due={due.length}>
      <p className={styles.message} role="status" data-testid="review-summary">
        {!items
          ? 'Loading your review…'
          : items.length === 0
            ? 'Nothing to review yet: questions you miss in a lesson’s quiz come back here.'
            : `${due.length} due today · ${later.length} scheduled later${nextDue !== null ? ` (next in ${nextDue - today} day${nextDue - today === 1 ? '' : 's'})` : ''} · ${learnt.length} learnt`}
      </p>
      {current && (
        <div className={styles.item} data-testid="review-card">
          <p className={styles.meta}>
            From{' '}
            <Link prefetch={false} href={`/lessons/${current.lesson}`}>
              {current.lessonTitle}
            </Link>
            {current.state ? ` · box ${current.state.box + 1}` : ' · first review'}
          </p>
          <fieldset className={styles.fieldset} disabled={!!answered}>
            <legend>{current.question.prompt}</legend>
            {current.question.choices.map((text, i) => {
              const state = answered ? (i === current.question.answer ? 'right' : i === choice ? 'wrong' : undefined) : undefined;
              return (
                <label key={i} className={styles.choice} data-state={state}>
                  <input type="radio" name={`${baseId}-choice`} checked={choice === i} onChange={() => setChoice(i)} />
                  <span>{text}</span>
                </label>
              );
            })}
          </fieldset>
          <div aria-live="polite">
            {answered && (
              <p className={answered.correct ? styles.done : styles.error} data-testid="review-verdict">
                {answered.correct
                  ? answered.next.learnt
                    ? 'Right, and learnt: it leaves the review.'
                    : `Right: next review in ${answered.next.due - today} day${answered.next.due - today === 1 ? '' : 's'}.`
                  : `Not quite: “${current.question.choices[current.question.answer]}”. It comes back tomorrow.`}{' '}
                {current.question.explanation}
              </p>
            )}
          </div>
          <div className={styles.actions}>
            {answered ? (
              <button type="button" className={`${styles.button} ${styles.primary}`} onClick={advance}>
                {due.length > 1 || !due.some((d) => d.key === answered.key) ? 'Next question' : 'Done'}
              </button>
            ) : (
              <button type="button" className={`${styles.button} ${styles.primary}`} disabled={choice === null} onClick={check}>
                Check answer
              </button>
            )}
          </div>
        </div>
      )}
    </div>
  );
}
