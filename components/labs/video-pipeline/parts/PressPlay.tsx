'use client';
import { memo } from 'react';
import type { VideoPipelineFrame } from '@/simulations/video-pipeline';
import { PLANE_LABELS, PLAY_LABELS } from '../viewModel';
import styles from '../VideoPipelineView.module.css';

const STEPS = Object.keys(PLAY_LABELS) as (keyof typeof PLAY_LABELS)[];
const PLANE_OF = { 'playback-api': 'control', steering: 'control', probe: 'data', 'first-segment': 'data', 'first-frame': 'data' } as const;

/** The press-play sequence: every step listed from the start (stable size), filled in as it happens. */
export const PressPlay = memo(function PressPlay({ play }: { play: VideoPipelineFrame['play'] }) {
  return (
    <section className={styles.play} aria-label="Press play" data-testid="vp-press-play">
      <h3 className={styles.blockTitle}>Press play</h3>
      <ol className={styles.playSteps}>
        {STEPS.map((step) => {
          const done = play.find((p) => p.step === step);
          const plane = PLANE_OF[step];
          return (
            <li key={step} className={done ? styles.stepDone : styles.stepPending} data-plane={plane}>
              <span className={plane === 'control' ? styles.planeControl : styles.planeData}>{PLANE_LABELS[plane]}</span>
              <span>{PLAY_LABELS[step]}</span>
              <span className={styles.stepTime}>{done ? `${Math.round(done.durationMs)} ms (at ${Math.round(done.endMs)} ms)` : '…'}</span>
            </li>
          );
        })}
      </ol>
    </section>
  );
});
