'use client';
import type { VideoSearchFrame } from '@/simulations/video-search';
import { FRESHNESS_STEPS, freshnessLine } from '../viewModel';
import styles from '../VideoSearchView.module.css';

const ORDER = ['waiting', 'uploaded', 'published', 'indexed', 'searchable'];

/** Upload → event → indexer → searchable, with the time of each step. */
export function Freshness({ freshness, now }: { freshness: VideoSearchFrame['freshness']; now: number }) {
  const reached = ORDER.indexOf(freshness.state);
  return (
    <section className={styles.panel} aria-labelledby="vs-fresh-title" data-testid="vs-freshness" data-state={freshness.state}>
      <h3 id="vs-fresh-title" className={styles.heading}>
        Index freshness
      </h3>
      <ol className={styles.pipeline}>
        {FRESHNESS_STEPS.map((step, k) => (
          <li key={step.id} className={styles.step} data-done={reached >= k + 1 ? 'true' : 'false'}>
            <span>{step.label}</span>
            <span className={styles.muted}>{(step.at(freshness) / 1000).toFixed(1)} s</span>
          </li>
        ))}
      </ol>
      <p className={styles.note}>{freshnessLine(freshness, now)}</p>
    </section>
  );
}
