import type { LabMeta } from './types';
import { embedSubtitle } from './embedSubtitle';
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
  const Title = mode === 'page' ? 'h1' : 'h2';
  return (
    <div
      className={`${styles.shell} ${mode === 'embed' ? styles.embed : styles.page}`}
      data-testid="lab-placeholder"
      aria-busy={message ? undefined : true}
    >
      <header className={styles.header}>
        <div className={styles.headerText}>
          <Title className={styles.title}>{meta?.title ?? 'Lab'}</Title>
          {meta && <p className={styles.summary}>{mode === 'page' ? meta.summary : embedSubtitle(meta, presetId)}</p>}
        </div>
        {fullScreenHref && (
          <div className={styles.headerActions}>
            <a className={styles.link} href={fullScreenHref}>
              Open the full lab
            </a>
          </div>
        )}
      </header>
      {preset && mode === 'page' && (
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
