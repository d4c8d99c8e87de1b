'use client';
import { useId, type ChangeEvent } from 'react';
import styles from '../AbrView.module.css';

export interface TraceEditorActionsProps {
  custom: boolean;
  editable: boolean;
  /** "Edit by hand" is open on a generated trace (nothing applied until a point moves) */
  drafting: boolean;
  /** the host can set params (hand edit and file loading) */
  canApply: boolean;
  canRemove: boolean;
  onHandEdit(): void;
  onCloseDraft(): void;
  onAdd(): void;
  onRemove(): void;
  onFile(e: ChangeEvent<HTMLInputElement>): void;
}

/** The editor's buttons: edit a generated trace by hand, add/remove a point, load a trace file. */
export function TraceEditorActions({ custom, editable, drafting, canApply, canRemove, onHandEdit, onCloseDraft, onAdd, onRemove, onFile }: TraceEditorActionsProps) {
  const fileId = useId();
  return (
    <div className={styles.editorActions}>
      {!custom && canApply && !drafting && (
        <button type="button" className={styles.smallButton} onClick={onHandEdit} data-testid="abr-edit-by-hand">
          Edit by hand
        </button>
      )}
      {drafting && (
        <button type="button" className={styles.smallButton} onClick={onCloseDraft} data-testid="abr-hand-edit-close">
          Close without changes
        </button>
      )}
      {editable && (
        <>
          <button type="button" className={styles.smallButton} onClick={onAdd} data-testid="abr-add-point">
            Add point
          </button>
          <button type="button" className={styles.smallButton} onClick={onRemove} disabled={!canRemove} data-testid="abr-remove-point">
            Remove point
          </button>
        </>
      )}
      {canApply && (
        <label className={styles.fileButton} htmlFor={fileId}>
          Load a trace file
          <input id={fileId} type="file" className={styles.visuallyHidden} onChange={onFile} data-testid="abr-trace-file" />
        </label>
      )}
    </div>
  );
}
