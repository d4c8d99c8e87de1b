'use client';
import { memo, useEffect, useId, useRef } from 'react';
import { SHORTCUTS } from './keyboard';
import styles from './LabShell.module.css';

/** The "?" dialog: a native modal <dialog> (focus trap, Esc closes) listing the shortcuts. */
export const ShortcutHelp = memo(function ShortcutHelp({ open, onClose, note }: { open: boolean; onClose(): void; note?: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
    } else if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} className={styles.dialog} aria-labelledby={titleId} onClose={onClose} data-testid="shortcut-help">
      <h2 id={titleId} className={styles.dialogTitle}>
        Keyboard shortcuts
      </h2>
      <table className={styles.shortcutTable}>
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.command}>
              <th scope="row">
                <kbd>{s.label}</kbd>
              </th>
              <td>{s.description}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">
              <kbd>Esc</kbd>
            </th>
            <td>Close this dialog / leave presenter mode</td>
          </tr>
        </tbody>
      </table>
      {note && (
        <p className={styles.muted} data-testid="shortcut-help-note">
          {note}
        </p>
      )}
      <p className={styles.muted}>Shortcuts are ignored while you type in a field.</p>
      <form method="dialog">
        <button type="submit" className={styles.button}>
          Close
        </button>
      </form>
    </dialog>
  );
});
