'use client';

import { useId, useMemo, type ReactNode } from 'react';
import { challengeHref, describeChallengeCheck, normaliseChecks, type ChallengeCheck } from './challengeModel';
import { parseSolved } from './challengeProgress';
import { challengeKey } from './progress';
import { useStored } from './useStored';
import styles from './Teaching.module.css';

export interface ChallengeProps {
  /** unique across lessons: keys the solved state */
  id: string;
  lab: string;
  preset?: string;
  goal: string;
  /** success: every check holds on the result of a run played to its end */
  check: ChallengeCheck | ChallengeCheck[];
  /** a hint or the why, shown under the goal (markdown between the tags) */
  children?: ReactNode;
}

/**
 * A goal on a lab ("make acks=1 lose acknowledged records"): opens the full lab with the challenge in
 * the URL (a link to hand out); the lab page checks every finished run and remembers a solve here.
 */
export function Challenge({ id, lab, preset, goal, check, children }: ChallengeProps) {
  const baseId = useId();
  const checks = useMemo(() => normaliseChecks(check), [check]);
  const href = challengeHref(lab, preset, { id, goal, checks });
  const solved = useStored(challengeKey(id), parseSolved);
  return (
    <div className={`${styles.card} ${styles.challenge}`} role="group" aria-labelledby={`${baseId}-goal`} data-testid="challenge" data-solved={solved ? 'true' : 'false'}>
      <p className={styles.kicker}>Challenge{solved ? ' · solved ✓' : ''}</p>
      <p id={`${baseId}-goal`} className={styles.question}>
        {goal}
      </p>
      {children && <div className={styles.explanation}>{children}</div>}
      <p className={styles.muted}>Solved when a run played to its end has:</p>
      <ul className={styles.list}>
        {checks.map((c, i) => (
          <li key={i}>{describeChallengeCheck(c)}</li>
        ))}
      </ul>
      <div className={styles.actions}>
        <a className={styles.primary} href={href} data-testid="challenge-open">
          {solved ? 'Open the challenge again' : 'Take the challenge in the lab'}
        </a>
        {solved && (
          <a className={styles.secondary} href={`/labs/${encodeURIComponent(lab)}?${solved.query}`}>
            Open your solving run
          </a>
        )}
      </div>
    </div>
  );
}
