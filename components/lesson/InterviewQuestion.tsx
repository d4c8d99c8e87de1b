'use client';

import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import styles from './InterviewQuestion.module.css';

interface InterviewQuestionProps {
  question: string;
  /** Revealed one at a time. */
  hints?: string[];
  /** The model answer (markdown between the tags). */
  children: ReactNode;
}

export function InterviewQuestion({ question, hints = [], children }: InterviewQuestionProps) {
  const id = useId();
  const [shownHints, setShownHints] = useState(0);
  const [answerShown, setAnswerShown] = useState(false);
  const [hydrated, setHydrated] = useState(false);
  const lastHintRef = useRef<HTMLLIElement>(null);
  const focusNewHint = useRef(false);

  useEffect(() => setHydrated(true), []);
  useEffect(() => {
    // Move focus to the hint just revealed, so keyboard and screen-reader users land on it.
    if (focusNewHint.current) lastHintRef.current?.focus();
    focusNewHint.current = false;
  }, [shownHints]);

  return (
    <div className={styles.card} role="group" aria-labelledby={`${id}-question`} data-testid="interview-question" data-hydrated={hydrated ? 'true' : undefined}>
      <p className={styles.kicker}>Interview question</p>
      <p id={`${id}-question`} className={styles.question}>
        {question}
      </p>

      {shownHints > 0 && (
        <ol className={styles.hints}>
          {hints.slice(0, shownHints).map((hint, index) => (
            <li key={index} ref={index === shownHints - 1 ? lastHintRef : undefined} tabIndex={-1} className={styles.hint}>
              <span className={styles.hintLabel}>Hint {index + 1}</span> {hint}
            </li>
          ))}
        </ol>
      )}

      <div className={styles.actions}>
        {shownHints < hints.length && (
          <button
            type="button"
            className={styles.secondary}
            onClick={() => {
              focusNewHint.current = true;
              setShownHints(shownHints + 1);
            }}
          >
            {shownHints === 0 ? 'Show a hint' : 'Show another hint'} ({shownHints + 1} of {hints.length})
          </button>
        )}
        <button type="button" className={styles.primary} aria-expanded={answerShown} aria-controls={`${id}-answer`} onClick={() => setAnswerShown(!answerShown)}>
          {answerShown ? 'Hide model answer' : 'Show model answer'}
        </button>
      </div>

      <div id={`${id}-answer`} className={styles.answer} hidden={!answerShown}>
        <p className={styles.answerLabel}>Model answer</p>
        {children}
      </div>
    </div>
  );
}
