'use client';
import styles from './FaultLog.module.css';

const MAX_LISTED = 6;

interface FaultLogProps<F> {
  /** the run's fault schedule (the lab's `faults` parameter) */
  faults: readonly F[];
  describe(fault: F): string;
  /** why the last injection was refused, if it was */
  error: string | null;
  /** clears the schedule (restarts the run); absent when the view cannot change params */
  onClear?: () => void;
}

/**
 * Under a lab's fault buttons: the refusal message, the latest faults of the schedule and a button
 * that removes them all. Shared by every lab whose faults live in a `faults` json parameter.
 */
export function FaultLog<F>({ faults, describe, error, onClear }: FaultLogProps<F>) {
  const listed = faults.slice(-MAX_LISTED);
  return (
    <>
      {error && (
        <p role="alert" className={styles.faultError}>
          {error}
        </p>
      )}
      {faults.length > 0 && (
        <>
          <ol className={styles.faultList} data-testid="fault-list">
            {faults.length > MAX_LISTED && <li className={styles.muted}>… {faults.length - MAX_LISTED} earlier</li>}
            {listed.map((f, i) => (
              <li key={`${faults.length - listed.length + i}`}>{describe(f)}</li>
            ))}
          </ol>
          <button type="button" className={styles.linkButton} onClick={onClear} disabled={!onClear} data-testid="fault-clear">
            Remove all faults (restarts the run)
          </button>
        </>
      )}
    </>
  );
}
