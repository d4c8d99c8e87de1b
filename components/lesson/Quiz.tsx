'use client';

import { useEffect, useId, useState } from 'react';
import { parseQuizProgress, quizScore, quizStorageKey, serialiseQuizProgress, type QuizProgress } from './quizProgress';
import type { QuizQuestion } from './types';
import styles from './Quiz.module.css';

interface QuizProps {
  id: string;
  /** Bound by the lesson page (the learner never writes it). */
  lesson?: string;
  title?: string;
  questions: QuizQuestion[];
}

/**
 * Multiple choice, graded in the browser. Native radio groups inside fieldsets give the keyboard
 * behaviour for free (Tab into a group, arrows to choose). Progress survives reloads.
 */
export function Quiz({ id, lesson = 'lesson', title = 'Check your understanding', questions }: QuizProps) {
  const baseId = useId();
  const storageKey = quizStorageKey(lesson, id);
  const [progress, setProgress] = useState<QuizProgress>({});
  const [hydrated, setHydrated] = useState(false);

  useEffect(() => {
    let saved: string | null = null;
    try {
      saved = window.localStorage.getItem(storageKey);
    } catch {
      // Storage disabled: the quiz still works, it just does not remember.
    }
    setProgress(parseQuizProgress(saved, questions));
    setHydrated(true);
  }, [storageKey, questions]);

  const save = (next: QuizProgress) => {
    setProgress(next);
    try {
      if (Object.keys(next).length === 0) window.localStorage.removeItem(storageKey);
      else window.localStorage.setItem(storageKey, serialiseQuizProgress(next, questions));
    } catch {
      // See above.
    }
  };

  const score = quizScore(progress, questions);

  return (
    <div className={styles.quiz} role="group" aria-labelledby={`${baseId}-title`} data-testid="quiz" data-hydrated={hydrated ? 'true' : undefined}>
      <div className={styles.header}>
        <p className={styles.kicker}>Quiz</p>
        <p id={`${baseId}-title`} className={styles.title}>
          {title}
        </p>
      </div>

      {questions.map((question, index) => {
        const answer = progress[index];
        const checked = answer?.checked === true;
        const correct = checked && answer.choice === question.answer;
        const name = `${baseId}-q${index}`;
        return (
          <fieldset key={index} className={styles.question}>
            <legend className={styles.prompt}>
              <span className={styles.number}>{index + 1}.</span> {question.prompt}
            </legend>
            <div className={styles.choices}>
              {question.choices.map((choice, choiceIndex) => {
                const selected = answer?.choice === choiceIndex;
                const state = !checked ? undefined : choiceIndex === question.answer ? 'right' : selected ? 'wrong' : undefined;
                return (
                  <label key={choiceIndex} className={styles.choice} data-state={state} data-selected={selected || undefined}>
                    <input
                      type="radio"
                      name={name}
                      value={choiceIndex}
                      checked={selected}
                      onChange={() => save({ ...progress, [index]: { choice: choiceIndex, checked: false } })}
                    />
                    <span>{choice}</span>
                    {state === 'right' && <span className={styles.mark}>✓ correct answer</span>}
                    {state === 'wrong' && <span className={styles.mark}>✗ your answer</span>}
                  </label>
                );
              })}
            </div>
            <div className={styles.actions}>
              <button
                type="button"
                className={styles.button}
                disabled={answer === undefined || checked}
                onClick={() => answer && save({ ...progress, [index]: { ...answer, checked: true } })}
              >
                Check answer
              </button>
            </div>
            <div aria-live="polite">
              {checked && (
                <div className={styles.feedback} data-correct={correct}>
                  <p className={styles.verdict}>{correct ? 'Correct.' : `Not quite: the answer is “${question.choices[question.answer]}”.`}</p>
                  <p>{question.explanation}</p>
                </div>
              )}
            </div>
          </fieldset>
        );
      })}

      <div className={styles.footer}>
        <p className={styles.score} role="status">
          {score.checked === 0
            ? `${score.total} question${score.total === 1 ? '' : 's'}: choose an answer, then check it.`
            : `${score.correct} of ${score.total} correct${score.checked < score.total ? ` (${score.total - score.checked} not checked yet)` : ''}.`}
        </p>
        {Object.keys(progress).length > 0 && (
          <button type="button" className={styles.linkButton} onClick={() => save({})}>
            Reset quiz
          </button>
        )}
      </div>
    </div>
  );
}
