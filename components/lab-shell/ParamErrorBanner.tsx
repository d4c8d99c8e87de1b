'use client';
import type { ParamError } from '@/simulations/core/params';
import styles from './LabShell.module.css';

/** Problems found while decoding a share link, each naming its field; dismissible. */
export function ParamErrorBanner({ errors, fromPreset, onDismiss }: { errors: ParamError[]; fromPreset: boolean; onDismiss(): void }) {
  if (errors.length === 0) return null;
  return (
    <div className={styles.banner} role="alert" data-testid="param-errors">
      <div>
        <strong>This link has parameters that could not be used; {fromPreset ? "the preset's values are shown for them" : 'defaults are shown for them'}.</strong>
        <ul>
          {errors.map((e) => (
            <li key={`${e.field}:${e.message}`} data-field={e.field}>
              {e.message}
            </li>
          ))}
        </ul>
      </div>
      <button type="button" className={styles.ghostButton} onClick={onDismiss} data-testid="dismiss-errors">
        Dismiss
      </button>
    </div>
  );
}
