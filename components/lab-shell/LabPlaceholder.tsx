import type { LabMeta } from './types';
import { embedSubtitle } from './embedSubtitle';
import { LabHeader } from './LabHeader';
import styles from './LabShell.module.css';

const nothing = () => {};

/**
 * What a lab looks like before its module has loaded: the real title, the preset's story and grey
 * blocks where the controls and charts will be, in the same box as the loaded lab.
 *
 * LOUD: the header is the loaded lab's own (LabHeader, same links and buttons, not yet live), so the
 * summary, a lab page's largest text, keeps its size when the lab replaces the placeholder: a bigger
 * summary would be a new largest contentful paint, timed after all the lab's JavaScript (Lighthouse
 * mobile LCP 2.2 s instead of 1.1 s).
 */
export function LabPlaceholder({
  meta,
  presetId,
  mode,
  fullScreenHref,
  back,
  message,
}: {
  meta: LabMeta | undefined;
  presetId?: string;
  mode: 'page' | 'embed';
  fullScreenHref?: string;
  /** page: the lesson that uses this lab, linked as the loaded lab links it */
  back?: { href: string; label: string };
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
      <LabHeader
        title={meta?.title ?? 'Lab'}
        summary={meta ? (mode === 'page' ? meta.summary : embedSubtitle(meta, presetId)) : ''}
        presenter={false}
        back={back}
        fullScreenHref={fullScreenHref}
        mode={mode}
        onHelp={nothing}
        onPresenter={nothing}
        pending
      />
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
