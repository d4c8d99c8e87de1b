'use client';
import { memo, type ReactNode } from 'react';
import styles from './LabShell.module.css';

export interface LabHeaderProps {
  title: string;
  summary: string;
  presenter: boolean;
  back?: { href: string; label: string };
  fullScreenHref?: string;
  /** 'page': the page's <h1>; 'embed': an <h2> inside a lesson */
  mode?: 'page' | 'embed';
  /** shown in presenter mode, where the parameter panel (and its preset picker) is hidden */
  presetPicker?: ReactNode;
  onHelp(): void;
  onPresenter(): void;
  /** the placeholder's copy, before the lab has loaded: the same box, its buttons not yet live */
  pending?: boolean;
}

/** Title, summary and the header's links and toggles. Memoised: it does not follow the run. */
export const LabHeader = memo(function LabHeader({ title, summary, presenter, back, fullScreenHref, mode = 'page', presetPicker, onHelp, onPresenter, pending = false }: LabHeaderProps) {
  const Title = mode === 'page' ? 'h1' : 'h2';
  return (
    <header className={styles.header}>
      <div className={styles.headerText}>
        <Title className={styles.title}>{title}</Title>
        {!presenter && summary && <p className={styles.summary}>{summary}</p>}
      </div>
      {presenter && presetPicker && <div className={styles.presenterPreset}>{presetPicker}</div>}
      <div className={styles.headerActions}>
        {back && !presenter && (
          <a className={styles.link} href={back.href}>
            ← {back.label}
          </a>
        )}
        {fullScreenHref && !presenter && (
          <a className={styles.link} href={fullScreenHref} data-testid={pending ? undefined : 'open-full-screen'}>
            Open the full lab
          </a>
        )}
        <button type="button" className={styles.ghostButton} onClick={onHelp} aria-keyshortcuts="?" disabled={pending} data-testid={pending ? undefined : 'help-button'}>
          Shortcuts
        </button>
        <button type="button" className={styles.ghostButton} aria-pressed={presenter} aria-keyshortcuts="f" onClick={onPresenter} disabled={pending} data-testid={pending ? undefined : 'presenter-toggle'}>
          {presenter ? 'Exit presenter' : 'Presenter'}
        </button>
      </div>
    </header>
  );
});
