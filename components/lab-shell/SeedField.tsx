'use client';
import { memo, useId, useState } from 'react';
import styles from './LabShell.module.css';

/** The run's seed: typed (applied once it is a valid integer) or a new random one. */
export const SeedField = memo(function SeedField({ seed, onSeed }: { seed: number; onSeed(seed: number): void }) {
  const [draft, setDraft] = useState<string | null>(null);
  const id = useId();
  const text = draft ?? String(seed);
  const n = Number(text);
  const valid = text.trim() !== '' && Number.isInteger(n) && n >= 0 && n <= 0xffffffff;
  return (
    <div className={styles.seed}>
      <label className={styles.fieldLabel} htmlFor={id}>
        Seed
      </label>
      <input
        id={id}
        type="number"
        min={0}
        max={0xffffffff}
        step={1}
        className={styles.seedInput}
        value={text}
        aria-invalid={valid ? undefined : true}
        onChange={(e) => {
          const t = e.target.value;
          setDraft(t);
          const v = Number(t);
          if (t.trim() !== '' && Number.isInteger(v) && v >= 0 && v <= 0xffffffff && v !== seed) onSeed(v);
        }}
        onBlur={() => setDraft(null)}
        data-testid="seed-input"
      />
      <button
        type="button"
        className={styles.ghostButton}
        onClick={() => {
          setDraft(null);
          onSeed(Math.floor(Math.random() * 1_000_000));
        }}
        data-testid="new-seed"
      >
        New seed
      </button>
      {!valid && (
        <span className={styles.fieldError} role="alert">
          seed must be an integer from 0 to 4294967295
        </span>
      )}
    </div>
  );
});
