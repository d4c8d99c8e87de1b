import type { LabMeta } from './types';
import styles from './LabShell.module.css';

/**
 * What a lab looks like before its module has loaded: the real title, the preset's story and grey
 * blocks where the controls and charts will be, in the same box as the loaded lab.
 */
export function LabPlaceholder({
  meta,
  presetId,
  mode,
  fullScreenHref,
  message,
}: {
  meta: LabMeta | undefined;
  presetId?: string;
  mode: 'page' | 'embed';
  fullScreenHref?: string;
  /** replaces the skeleton, e.g. a load error */
  message?: string;
}) {
  const preset = meta?.presets.find((p) => p.id === presetId);
  return (
    <div
      className={`${styles.shell} ${mode === 'embed' ? styles.embed : styles.page}`}
      data-testid="lab-placeholder"
      aria-busy={message ? undefined : true}
    >
      <header className={styles.header}>
        <div className={styles.headerText}>
          <h2 className={styles.title}>{meta?.title ?? 'Lab'}</h2>
          {meta && <p className={styles.summary}>{meta.summary}</p>}
        </div>
        {fullScreenHref && (
          <div className={styles.headerActions}>
            <a className={styles.link} href={fullScreenHref}>
              Open full screen
            </a>
          </div>
        )}
      </header>
      {preset && (
        <p className={styles.story}>
          <strong>{preset.title}.</strong> {preset.story}
        </p>
      )}
      {message ? (
        <p className={styles.loadError} role="alert">
          {message}
        </p>
      ) : (
        <>
          <div className={`${styles.skeletonBar} ${styles.placeholder}`} />
          <div className={`${styles.skeletonGrid} ${styles.placeholder}`}>
            <div className={styles.skeletonBlock} />
            <div className={styles.skeletonBlock} />
          </div>
          <p className={styles.visuallyHidden}>Loading the lab…</p>
        </>
      )}
    </div>
  );
}
