'use client';
import { memo } from 'react';
import styles from './LabShell.module.css';

export interface LabHeaderProps {
  title: string;
  summary: string;
  presenter: boolean;
  back?: { href: string; label: string };
  fullScreenHref?: string;
  onHelp(): void;
  onPresenter(): void;
}

/** Title, summary and the header's links and toggles. Memoised: it does not follow the run. */
export const LabHeader = memo(function LabHeader({ title, summary, presenter, back, fullScreenHref, onHelp, onPresenter }: LabHeaderProps) {
  return (
    <header className={styles.header}>
      <div className={styles.headerText}>
        <h2 className={styles.title}>{title}</h2>
        {!presenter && <p className={styles.summary}>{summary}</p>}
      </div>
      <div className={styles.headerActions}>
        {back && !presenter && (
          <a className={styles.link} href={back.href}>
            ← {back.label}
          </a>
        )}
        {fullScreenHref && !presenter && (
          <a className={styles.link} href={fullScreenHref} data-testid="open-full-screen">
            Open full screen
          </a>
        )}
        <button type="button" className={styles.ghostButton} onClick={onHelp} aria-keyshortcuts="?" data-testid="help-button">
          Shortcuts
        </button>
        <button type="button" className={styles.ghostButton} aria-pressed={presenter} aria-keyshortcuts="f" onClick={onPresenter} data-testid="presenter-toggle">
          {presenter ? 'Exit presenter' : 'Presenter'}
        </button>
      </div>
    </header>
  );
});
