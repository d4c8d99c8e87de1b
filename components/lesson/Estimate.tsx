'use client';

import { useEffect, useId, useState } from 'react';
import { formatMeasured } from './predictLogic';
import { DEFAULT_ESTIMATE_TOLERANCE, gradeEstimate, nudge, parseEstimate, type EstimateGiven, type EstimateStep } from './estimateModel';
import styles from './Teaching.module.css';

export interface EstimateProps {
  title: string;
  /** the known inputs, with units */
  givens?: EstimateGiven[];
  steps: EstimateStep[];
}

interface StepState {
  typed: string;
  checked?: { correct: boolean; ratio: number };
  revealed: boolean;
}

/**
 * A back-of-the-envelope drill: the learner works each step in its unit, checks it (right within the
 * step's tolerance, else told how far off and which way), and can reveal the worked answer.
 */
export function Estimate({ title, givens = [], steps }: EstimateProps) {
  const baseId = useId();
  const [state, setState] = useState<StepState[]>(() => steps.map(() => ({ typed: '', revealed: false })));
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const update = (index: number, next: Partial<StepState>) => setState((all) => all.map((s, i) => (i === index ? { ...s, ...next } : s)));
  const done = state.filter((s) => s.checked?.correct || s.revealed).length;
  const right = state.filter((s) => s.checked?.correct).length;

  return (
    <div className={`${styles.card} ${styles.estimate}`} role="group" aria-labelledby={`${baseId}-t`} data-testid="estimate" data-hydrated={hydrated ? 'true' : undefined}>
      <p className={styles.kicker}>Estimate</p>
      <p id={`${baseId}-t`} className={styles.question}>
        {title}
      </p>
      {givens.length > 0 && (
        <table className={styles.table}>
          <caption className="visually-hidden">Given</caption>
          <thead>
            <tr>
              <th scope="col">Given</th>
              <th scope="col">Value</th>
            </tr>
          </thead>
          <tbody>
            {givens.map((g, i) => (
              <tr key={i}>
                <th scope="row">{g.label}</th>
                <td>
                  {typeof g.value === 'number' ? formatMeasured(g.value) : g.value}
                  {g.unit ? ` ${g.unit}` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ol className={styles.steps}>
        {steps.map((step, index) => {
          const s = state[index];
          const parsed = parseEstimate(s.typed);
          const inputId = `${baseId}-s${index}`;
          const verdict = s.checked;
          return (
            <li key={index} className={styles.step} data-state={verdict ? (verdict.correct ? 'right' : 'wrong') : undefined} data-testid="estimate-step">
              <label htmlFor={inputId} className={styles.stepLabel}>
                {index + 1}. {step.prompt}
              </label>
              <div className={styles.inputRow}>
                <input
                  id={inputId}
                  className={styles.number}
                  inputMode="decimal"
                  value={s.typed}
                  aria-invalid={s.typed.trim() !== '' && parsed === null ? true : undefined}
                  aria-describedby={`${inputId}-hint`}
                  onChange={(e) => update(index, { typed: e.target.value, checked: undefined })}
                  onKeyDown={(e) => {
                    // the field itself, not the last render's value: Enter can follow a key before the re-render
                    const typedNow = parseEstimate(e.currentTarget.value);
                    if (e.key === 'Enter' && typedNow !== null) update(index, { typed: e.currentTarget.value, checked: gradeEstimate(typedNow, step) });
                  }}
                />
                <span className={styles.unit}>{step.unit}</span>
                <button type="button" className={styles.secondary} disabled={parsed === null} onClick={() => parsed !== null && update(index, { checked: gradeEstimate(parsed, step) })}>
                  Check
                </button>
                <button type="button" className={styles.secondary} aria-expanded={s.revealed} aria-controls={`${inputId}-work`} onClick={() => update(index, { revealed: !s.revealed })}>
                  {s.revealed ? 'Hide the working' : 'Show the working'}
                </button>
              </div>
              <p id={`${inputId}-hint`} className={styles.muted}>
                {s.typed.trim() !== '' && parsed === null ? 'Type a number (1,200, 1.2e3 and 1.2k all work).' : `Within ±${Math.round((step.tolerance ?? DEFAULT_ESTIMATE_TOLERANCE) * 100)}% counts.`}
              </p>
              <div aria-live="polite">
                {verdict && (
                  <p className={verdict.correct ? styles.ok : styles.bad}>
                    {verdict.correct ? `Right: about ${formatMeasured(step.answer)} ${step.unit}.` : `Not yet: ${nudge(verdict.ratio)}.`}
                  </p>
                )}
              </div>
              <div id={`${inputId}-work`} hidden={!s.revealed} className={styles.reveal}>
                <p className={styles.verdict}>
                  <strong>
                    {formatMeasured(step.answer)} {step.unit}.
                  </strong>{' '}
                  {step.work}
                </p>
              </div>
            </li>
          );
        })}
      </ol>
      <p className={styles.muted} role="status">
        {done === 0 ? `${steps.length} steps: work each one in its unit, then check it.` : `${right} of ${steps.length} steps right${done > right ? `, ${done - right} worked from the answer` : ''}.`}
      </p>
    </div>
  );
}
