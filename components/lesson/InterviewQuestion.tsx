'use client';

import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { frameworkStages, levelReached, rubricLevels, type InterviewFramework, type InterviewKind, type InterviewRubric } from './interviewModel';
import styles from './InterviewQuestion.module.css';

interface InterviewQuestionProps {
  question: string;
  /** Revealed one at a time. */
  hints?: string[];
  /** what kind of question (the lesson bar wants a "design" and an "estimate" one per lesson) */
  kind?: InterviewKind;
  /** notes per stage of a design answer: requirements → estimates → API and data → design → deep dives → failures */
  framework?: InterviewFramework;
  /** the points a strong answer makes, by level, and common mistakes; shown with the model answer */
  rubric?: InterviewRubric;
  /** The model answer (markdown between the tags). */
  children: ReactNode;
}

const kindLabel: Record<InterviewKind, string> = { concept: 'Concept', design: 'Design end to end', estimate: 'Capacity estimate', debug: 'Debugging' };

export function InterviewQuestion({ question, hints = [], kind, framework, rubric, children }: InterviewQuestionProps) {
  const id = useId();
  const [shownHints, setShownHints] = useState(0);
  const [answerShown, setAnswerShown] = useState(false);
  const [made, setMade] = useState<ReadonlySet<string>>(new Set());
  const [hydrated, setHydrated] = useState(false);
  const lastHintRef = useRef<HTMLLIElement>(null);
  const focusNewHint = useRef(false);

  useEffect(() => setHydrated(true), []);
  useEffect(() => {
    // Move focus to the hint just revealed, so keyboard and screen-reader users land on it.
    if (focusNewHint.current) lastHintRef.current?.focus();
    focusNewHint.current = false;
  }, [shownHints]);

  const stages = framework ? frameworkStages.filter((s) => framework[s.key]) : [];
  const levels = rubric ? rubricLevels.filter((l) => (rubric[l.key] ?? []).length > 0) : [];
  const reached = rubric ? levelReached(rubric, made) : null;
  const toggle = (point: string) =>
    setMade((before) => {
      const next = new Set(before);
      if (next.has(point)) next.delete(point);
      else next.add(point);
      return next;
    });

  return (
    <div className={styles.card} role="group" aria-labelledby={`${id}-question`} data-testid="interview-question" data-hydrated={hydrated ? 'true' : undefined}>
      <p className={styles.kicker}>Interview question{kind ? ` · ${kindLabel[kind]}` : ''}</p>
      <p id={`${id}-question`} className={styles.question}>
        {question}
      </p>

      {stages.length > 0 && (
        <details className={styles.framework} data-testid="interview-framework">
          <summary>Work through it stage by stage</summary>
          <ol className={styles.stages}>
            {stages.map((stage) => (
              <li key={stage.key}>
                <span className={styles.stageTitle}>{stage.title}.</span> {framework?.[stage.key]}
              </li>
            ))}
          </ol>
        </details>
      )}

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
        {rubric && (
          <div className={styles.rubric} data-testid="interview-rubric">
            <p className={styles.answerLabel}>Rubric: tick the points your answer made</p>
            {levels.map((level) => (
              <fieldset key={level.key} className={styles.level}>
                <legend>{level.title}</legend>
                {(rubric[level.key] ?? []).map((point, i) => {
                  const key = `${level.key}:${i}`;
                  return (
                    <label key={key} className={styles.point}>
                      <input type="checkbox" checked={made.has(key)} onChange={() => toggle(key)} />
                      <span>{point}</span>
                    </label>
                  );
                })}
              </fieldset>
            ))}
            <p className={styles.reached} role="status">
              {made.size === 0 ? 'Tick what your answer covered to see the level it reaches.' : reached ? `Your answer reaches the ${rubricLevels.find((l) => l.key === reached)?.title.toLowerCase()} bar.` : 'Not all the mid-level points yet: those come first.'}
            </p>
            {rubric.mistakes && rubric.mistakes.length > 0 && (
              <>
                <p className={styles.answerLabel}>Common mistakes</p>
                <ul className={styles.mistakes}>
                  {rubric.mistakes.map((m, i) => (
                    <li key={i}>{m}</li>
                  ))}
                </ul>
              </>
            )}
          </div>
        )}
      </div>
    </div>
  );
}
