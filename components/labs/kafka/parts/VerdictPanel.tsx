'use client';
import type { Verdict, VerdictStatus } from './verdict';
import styles from '../KafkaView.module.css';
import labView from '../../lab-view.module.css';

const BADGE: Record<VerdictStatus, string> = {
  guaranteed: 'guaranteed',
  held: 'held, not promised',
  broken: 'broken',
  info: 'trade-off',
};

/** Which guarantee held or broke, and the rule that says why. */
export function VerdictPanel({ verdict, final, presenter }: { verdict: Verdict; final: boolean; presenter: boolean }) {
  return (
    <section
      className={`${labView.panel} ${styles.verdict}`}
      aria-label="Verdict"
      aria-live="polite"
      data-testid="kafka-verdict"
      data-verdict={verdict.overall}
      data-lost-acked={verdict.lostAcked}
      data-duplicates={verdict.duplicates}
      data-reordered={verdict.reordered}
      data-final={final ? 'true' : 'false'}
    >
      <h3 className={labView.panelTitle}>{final ? 'Verdict' : 'Verdict so far'}</h3>
      <p className={styles.headline} data-status={verdict.overall} data-testid="kafka-verdict-headline">
        {verdict.headline}
      </p>
      <ul className={styles.verdictLines}>
        {verdict.lines.map((l) => (
          <li key={l.id} data-status={l.status} data-guarantee={l.id}>
            <span className={styles.badge} data-status={l.status}>
              {BADGE[l.status]}
            </span>{' '}
            <strong>{l.title}.</strong>
            {!presenter || l.status === 'broken' ? (
              <>
                {' '}
                {l.text} <cite className={styles.cite}>({l.cite})</cite>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
