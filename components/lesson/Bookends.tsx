import styles from './Teaching.module.css';

/**
 * The lesson's bookends: what the learner will be able to do (top) and what to keep (end). Server
 * components (no JavaScript); data props so the content check and the lesson bar can count them.
 */
export function Objectives({ items, title = 'By the end of this lesson you can' }: { items: string[]; title?: string }) {
  return (
    <section className={styles.card} aria-label="Learning objectives" data-testid="objectives">
      <p className={styles.kicker}>Objectives</p>
      <p className={styles.verdict}>
        <strong>{title}</strong>
      </p>
      <ul className={styles.list}>
        {items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </section>
  );
}

export function Recap({ items, title = 'What to remember' }: { items: string[]; title?: string }) {
  return (
    <section className={`${styles.card} ${styles.estimate}`} aria-label="Recap" data-testid="recap">
      <p className={styles.kicker}>Recap</p>
      <p className={styles.verdict}>
        <strong>{title}</strong>
      </p>
      <ol className={styles.list}>
        {items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ol>
    </section>
  );
}
