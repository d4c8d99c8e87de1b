'use client';

import { useEffect, useMemo, useState } from 'react';
import type { AnyLab, RunView } from '@/simulations/core/lab';
import { shareQuery } from '@/components/lab-shell/link';
import { CHALLENGE_PARAM, decodeChallenge, describeChallengeCheck, evaluateChallenge } from './challengeModel';
import { parseSolved } from './challengeProgress';
import { formatMeasured } from './predictLogic';
import { challengeKey, writeProgress } from './progress';
import { useStored } from './useStored';
import styles from './Teaching.module.css';

/**
 * The challenge a lab page's URL carries, checked against the run on screen: once the run has played
 * to its end, every check is evaluated on its result document; a solve is remembered locally and can
 * be shared as a link (the run's params and seed plus the challenge).
 */
export function ChallengePanel({ lab, encoded, run }: { lab: AnyLab; encoded: string; run: RunView | null }) {
  const decoded = useMemo(() => decodeChallenge(encoded), [encoded]);
  const spec = 'spec' in decoded ? decoded.spec : null;
  const solvedBefore = useStored(challengeKey(spec?.id ?? '-'), parseSolved);
  const done = !!run && run.done;
  const evaluation = useMemo(() => (spec && done && run ? evaluateChallenge(run.result(), spec.checks) : null), [spec, done, run, run?.version]); // eslint-disable-line react-hooks/exhaustive-deps
  const runQuery = run ? shareQuery(lab, { params: run.params as Record<string, unknown>, seed: run.seed }) : '';
  const [origin, setOrigin] = useState('');
  useEffect(() => setOrigin(window.location.origin), []);

  useEffect(() => {
    if (spec && evaluation?.solved) writeProgress(challengeKey(spec.id), { solved: true, query: runQuery, goal: spec.goal, lab: lab.id });
  }, [spec, evaluation?.solved, runQuery, lab.id]);

  if (!spec) {
    return (
      <p className={styles.error} role="alert" data-testid="challenge-panel">
        This link carries a challenge that cannot be used: {'error' in decoded ? decoded.error : ''}
      </p>
    );
  }
  const solutionHref = `${origin}/labs/${encodeURIComponent(lab.id)}?${runQuery}${runQuery ? '&' : ''}${CHALLENGE_PARAM}=${encoded}`;
  const state = evaluation ? (evaluation.solved ? 'solved' : 'not-yet') : 'running';

  return (
    <section className={`${styles.card} ${styles.challenge}`} aria-label="Challenge" data-testid="challenge-panel" data-state={state}>
      <p className={styles.kicker}>Challenge{solvedBefore ? ' · solved before ✓' : ''}</p>
      <p className={styles.question}>{spec.goal}</p>
      <ul className={styles.list}>
        {spec.checks.map((check, i) => {
          const r = evaluation?.results[i];
          return (
            <li key={i}>
              {describeChallengeCheck(check)}
              {r && (
                <span className={r.met ? styles.ok : styles.bad}>
                  {' '}
                  {r.met ? '✓' : '✗'} this run: {typeof r.actual === 'number' ? formatMeasured(r.actual) : String(r.actual ?? 'not measured')}
                </span>
              )}
            </li>
          );
        })}
      </ul>
      <p role="status" className={state === 'solved' ? styles.ok : styles.muted} data-testid="challenge-status">
        {state === 'solved'
          ? 'Solved! This run meets every check.'
          : state === 'not-yet'
            ? 'Not yet: this run played to its end without meeting every check. Change the parameters and run again.'
            : 'Change the parameters, then play the run to its end (End key): the checks are made on the finished run.'}
      </p>
      {state === 'solved' && (
        <p className={styles.verdict}>
          Share your solution:{' '}
          <a href={solutionHref} data-testid="challenge-solution-link">
            link to this run with the challenge
          </a>
        </p>
      )}
    </section>
  );
}
