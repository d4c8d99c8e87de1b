'use client';
import { useId } from 'react';
import styles from './LabShell.module.css';

/** The copied share link, shown so it can also be copied by hand (no clipboard permission). */
export function ShareLink({ url, copied }: { url: string; copied: boolean }) {
  const inputId = useId();
  return (
    <div className={styles.share}>
      <label className={styles.fieldLabel} htmlFor={inputId}>
        Link to this run
      </label>
      <input id={inputId} readOnly value={url} onFocus={(e) => e.currentTarget.select()} data-testid="share-link" />
      <span role="status" className={styles.muted}>
        {copied ? 'Copied to the clipboard.' : 'Copy it from the field.'}
      </span>
    </div>
  );
}
