import type { ReactNode } from 'react';
import type { CalloutKind } from './componentNames';
import styles from './Callout.module.css';

const labels: Record<CalloutKind, string> = { note: 'Note', warning: 'Warning', pitfall: 'Pitfall', 'deep-dive': 'Deep dive' };
const icons: Record<CalloutKind, string> = { note: 'i', warning: '!', pitfall: '!', 'deep-dive': '+' };

interface CalloutProps {
  type?: CalloutKind;
  title?: string;
  children: ReactNode;
}

/** Server component. `deep-dive` is a native <details> (collapsed; no JavaScript needed). */
export function Callout({ type = 'note', title, children }: CalloutProps) {
  if (type === 'deep-dive') {
    return (
      <details className={`${styles.callout} ${styles['deep-dive']}`}>
        <summary className={styles.summary}>
          <span className={styles.kicker}>{labels[type]}</span>
          {title && <span className={styles.title}>{title}</span>}
        </summary>
        <div className={styles.body}>{children}</div>
      </details>
    );
  }
  return (
    <div className={`${styles.callout} ${styles[type]}`} role="note" aria-label={title ? `${labels[type]}: ${title}` : labels[type]}>
      <p className={styles.heading}>
        <span className={styles.icon} aria-hidden="true">
          {icons[type]}
        </span>
        <span className={styles.kicker}>{labels[type]}</span>
        {title && <span className={styles.title}>{title}</span>}
      </p>
      <div className={styles.body}>{children}</div>
    </div>
  );
}
