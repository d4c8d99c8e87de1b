'use client';
/**
 * The button that opens a lab's code panel, and the line shown while the panel loads.
 * LOUD: nothing here may import the panel or Monaco (the lab page's first-load JS must not grow).
 */
import styles from './CodeToggle.module.css';

export function CodeToggle({ open, label, onToggle }: { open: boolean; label: string; onToggle(): void }) {
  return (
    <button type="button" className={styles.toggle} aria-expanded={open} onClick={onToggle} data-testid="code-toggle">
      {open ? 'Hide your code' : label}
    </button>
  );
}

export function CodePanelLoading() {
  return (
    <p className={styles.loading} role="status">
      Loading the editor…
    </p>
  );
}
