'use client';

import { useEffect, useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { runPresetHeadless } from '@/components/lab-shell/run-host/presetResultClient';
import { PLAY_TO_END_EVENT, type PlayToEndDetail } from '@/components/lab-shell/presenterRequest';
import { formatMeasured, gradeChoice, gradeNumber, type PredictChoice, type PredictionVerdict } from './predictLogic';
import { predictionKey, readProgress, writeProgress } from './progress';
import { readResultField } from './resultFields';
import styles from './Teaching.module.css';

export interface PredictProps {
  /** unique in the lesson; keys the saved prediction */
  id: string;
  /** bound by the lesson page */
  lesson?: string;
  /** the lab and preset of the embed this card sits before */
  lab: string;
  preset?: string;
  /** a number field of the lab's result document (dotted path; the content check knows the lab's) */
  field: string;
  question: string;
  /** unit shown beside the guess and the measured value, after `scale` */
  unit?: string;
  /** the field × scale is what the learner guesses (e.g. 1000 to turn seconds into ms, 100 for %) */
  scale?: number;
  /** ranges to choose from; absent: the learner types a number */
  choices?: PredictChoice[];
  /** a number guess within this relative error counts as right (default 0.25) */
  tolerance?: number;
  /** the explanation revealed with the value (markdown between the tags) */
  children?: ReactNode;
}

interface SavedPrediction {
  guess: number;
  actual: number;
  correct: boolean;
}

/** A typed guess: a number, with a decimal point or comma; null when it is not one. */
function parseGuess(text: string): number | null {
  if (text.trim() === '') return null;
  const n = Number(text.trim().replace(',', '.'));
  return Number.isFinite(n) ? n : null;
}

function parseSaved(value: unknown): SavedPrediction | null {
  const v = value as Partial<SavedPrediction> | null;
  return v && typeof v.guess === 'number' && typeof v.actual === 'number' && typeof v.correct === 'boolean' ? { guess: v.guess, actual: v.actual, correct: v.correct } : null;
}

type Phase = { kind: 'guessing' } | { kind: 'running'; guess: number } | { kind: 'revealed'; guess: number; verdict: PredictionVerdict } | { kind: 'failed'; guess: number; message: string };

/**
 * Predict, then run: the learner commits a guess; the preset then runs to its end in a worker (the
 * same params and seed as the embed below, so the same run), the embed plays to its end too, and the
 * card compares the guess with the field that run computed. No number in the lesson is ever the answer.
 */
export function Predict({ id, lesson = 'lesson', lab, preset, field, question, unit, scale = 1, choices, tolerance = 0.25, children }: PredictProps) {
  const baseId = useId();
  const storageKey = predictionKey(lesson, id);
  const [phase, setPhase] = useState<Phase>({ kind: 'guessing' });
  const [typed, setTyped] = useState('');
  const [chosen, setChosen] = useState<number | null>(null);
  const [hydrated, setHydrated] = useState(false);
  const revealRef = useRef<HTMLDivElement>(null);
  // set by a commit: the reveal takes the focus once it is on the page (an animation frame may come
  // before React has drawn it on a busy page, and the focus was then lost)
  const focusReveal = useRef(false);
  useLayoutEffect(() => {
    if (phase.kind !== 'revealed' || !focusReveal.current) return;
    focusReveal.current = false;
    revealRef.current?.focus();
  }, [phase]);

  useEffect(() => {
    const saved = readProgress(storageKey, parseSaved);
    if (saved) {
      const verdict = choices ? gradeChoice(choices, saved.guess, saved.actual) : gradeNumber(saved.guess, saved.actual, tolerance);
      setPhase({ kind: 'revealed', guess: saved.guess, verdict });
      if (choices) setChosen(saved.guess);
      else setTyped(String(saved.guess));
    }
    setHydrated(true);
  }, [storageKey, choices, tolerance]);

  const guess = choices ? chosen : parseGuess(typed);
  const invalidTyped = !choices && typed.trim() !== '' && parseGuess(typed) === null;

  const commit = async (guess: number | null) => {
    if (guess === null) return;
    setPhase({ kind: 'running', guess });
    window.dispatchEvent(new CustomEvent<PlayToEndDetail>(PLAY_TO_END_EVENT, { detail: { lab, preset } }));
    try {
      const done = await runPresetHeadless(lab, { preset });
      const raw = readResultField(done.result, field);
      if (typeof raw !== 'number') throw new Error(`the run did not measure ${field}`);
      const actual = raw * scale;
      const verdict = choices ? gradeChoice(choices, guess, actual) : gradeNumber(guess, actual, tolerance);
      focusReveal.current = true;
      setPhase({ kind: 'revealed', guess, verdict });
      writeProgress(storageKey, { guess, actual, correct: verdict.correct } satisfies SavedPrediction);
    } catch (e) {
      setPhase({ kind: 'failed', guess, message: e instanceof Error ? e.message : String(e) });
    }
  };

  const again = () => {
    setPhase({ kind: 'guessing' });
    writeProgress(storageKey, null);
  };

  const locked = phase.kind !== 'guessing';
  const withUnit = (n: number) => `${formatMeasured(n)}${unit ? ` ${unit}` : ''}`;
  const guessText = (g: number) => (choices ? `“${choices[g]?.label ?? '?'}”` : withUnit(g));

  return (
    <div className={`${styles.card} ${styles.predict}`} role="group" aria-labelledby={`${baseId}-q`} data-testid="predict" data-hydrated={hydrated ? 'true' : undefined} data-phase={phase.kind}>
      <p className={styles.kicker}>Predict, then run</p>
      <p id={`${baseId}-q`} className={styles.question}>
        {question}
      </p>
      {choices ? (
        <fieldset className={styles.choices} disabled={locked}>
          <legend className="visually-hidden">Your prediction</legend>
          {choices.map((choice, index) => {
            const state = phase.kind === 'revealed' && phase.verdict.rightChoice === index ? 'right' : phase.kind === 'revealed' && phase.guess === index ? 'wrong' : undefined;
            return (
              <label key={index} className={styles.choice} data-state={state}>
                <input type="radio" name={`${baseId}-guess`} checked={chosen === index} onChange={() => setChosen(index)} />
                <span>{choice.label}</span>
                {state === 'right' && <span className={styles.mark}>✓ what the run measured</span>}
                {state === 'wrong' && <span className={styles.mark}>✗ your guess</span>}
              </label>
            );
          })}
        </fieldset>
      ) : (
        <div className={styles.inputRow}>
          <label htmlFor={`${baseId}-n`}>Your guess</label>
          <input
            id={`${baseId}-n`}
            className={styles.number}
            inputMode="decimal"
            value={typed}
            disabled={locked}
            aria-invalid={invalidTyped || undefined}
            aria-describedby={invalidTyped ? `${baseId}-err` : undefined}
            onChange={(e) => setTyped(e.target.value)}
            onKeyDown={(e) => {
              // read the field itself: an Enter typed right after a digit can come before the re-render
              const typedNow = parseGuess(e.currentTarget.value);
              if (e.key === 'Enter' && typedNow !== null && !locked) void commit(typedNow);
            }}
          />
          {unit && <span className={styles.unit}>{unit}</span>}
          {invalidTyped && (
            <span id={`${baseId}-err`} className={styles.error}>
              Type a number, e.g. 2.5
            </span>
          )}
        </div>
      )}
      <div className={styles.actions}>
        {phase.kind === 'guessing' ? (
          <button type="button" className={styles.primary} disabled={guess === null} onClick={() => void commit(guess)}>
            Lock in my guess and run the lab
          </button>
        ) : (
          <button type="button" className={styles.secondary} onClick={again} disabled={phase.kind === 'running'}>
            Predict again
          </button>
        )}
      </div>
      <div aria-live="polite">
        {phase.kind === 'running' && (
          <p className={styles.muted} role="status">
            Running the lab to the end…
          </p>
        )}
        {phase.kind === 'failed' && (
          <p className={styles.error} role="alert">
            The run could not finish: {phase.message}
          </p>
        )}
      </div>
      {phase.kind === 'revealed' && (
        <div ref={revealRef} tabIndex={-1} className={styles.reveal} data-correct={phase.verdict.correct} data-testid="predict-reveal" data-measured={phase.verdict.actual}>
          <p className={styles.verdict}>
            The run measured <strong data-testid="predict-measured">{withUnit(phase.verdict.actual)}</strong>. You predicted {guessText(phase.guess)}
            {phase.verdict.relativeError !== undefined && phase.verdict.actual !== 0 ? ` (${Math.round(phase.verdict.relativeError * 100)}% off)` : ''}:{' '}
            {phase.verdict.correct ? 'close enough, well reasoned.' : 'not this time.'}
          </p>
          {children && <div className={styles.explanation}>{children}</div>}
        </div>
      )}
    </div>
  );
}
