'use client';
import { memo, useId, useState } from 'react';
import { parseSeed, SEED_MAX, SEED_RULE } from '@/simulations/core/params';
import styles from './LabShell.module.css';

/** The run's seed: typed (applied once it is a valid integer) or a new random one. */
export const SeedField = memo(function SeedField({ seed, onSeed }: { seed: number; onSeed(seed: number): void }) {
  const [draft, setDraft] = useState<string | null>(null);
  const id = useId();
  const text = draft ?? String(seed);
  const valid = parseSeed(text) !== undefined;
  return (
    <div className={styles.seed}>
      <label className={styles.fieldLabel} htmlFor={id}>
        Seed
      </label>
      <input
        id={id}
        type="number"
        min={0}
        max={SEED_MAX}
        step={1}
        className={styles.seedInput}
        value={text}
        aria-invalid={valid ? undefined : true}
        onChange={(e) => {
          const t = e.target.value;
          setDraft(t);
          const v = parseSeed(t);
          if (v !== undefined && v !== seed) onSeed(v);
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
          seed must be {SEED_RULE}
        </span>
      )}
    </div>
  );
});
