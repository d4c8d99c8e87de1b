'use client';
import styles from './ModeTabs.module.css';

export interface Mode<Id extends string> {
  id: Id;
  label: string;
  testId?: string;
}

/**
 * A lab view's modes as tabs (the uploads lab's Simulation | Real upload, the chat lab's
 * Simulation | Real cluster). The view owns the state and decides what each mode shows.
 */
export function ModeTabs<Id extends string>({ modes, value, onChange, label = 'Lab mode' }: { modes: readonly Mode<Id>[]; value: Id; onChange: (id: Id) => void; label?: string }) {
  return (
    <div className={styles.modes} role="tablist" aria-label={label}>
      {modes.map((m) => (
        <button key={m.id} type="button" role="tab" aria-selected={m.id === value} className={m.id === value ? styles.modeOn : styles.mode} onClick={() => onChange(m.id)} data-testid={m.testId}>
          {m.label}
        </button>
      ))}
    </div>
  );
}
