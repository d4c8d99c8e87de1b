'use client';
import { memo } from 'react';
import type { ConferencingFrame } from '@/simulations/conferencing';
import { numberText } from '@/simulations/core/numberText';
import { formatKbps } from '@/simulations/conferencing';
import { audioSummary, pathLabel } from '../viewModel';
import labView from '../../lab-view.module.css';
import styles from '../ConferencingView.module.css';

/** The audio call's jitter-buffer numbers. */
export const AudioPanel = memo(function AudioPanel({ audio }: { audio: ConferencingFrame['audio'] }) {
  return (
    <section className={labView.panel} aria-label="Audio call" data-testid="audio-panel">
      <h3 className={labView.panelTitle}>Audio call through the jitter buffer</h3>
      <dl className={styles.pairs}>
        {audioSummary(audio).map((r) => (
          <div key={r.label}>
            <dt>{r.label}</dt>
            <dd>{r.value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
});

/** The 1:1 call's ICE checks so far and the path it settled on. */
export const IcePanel = memo(function IcePanel({ ice }: { ice: ConferencingFrame['ice'] }) {
  return (
    <section className={labView.panel} aria-label="1:1 call" data-testid="ice-panel" data-selected={ice.selected ?? ''}>
      <h3 className={labView.panelTitle}>1:1 call: STUN or TURN?</h3>
      <ol className={styles.checks}>
        {ice.checks.map((c) => (
          <li key={c.path}>
            <strong>{c.works ? '✓' : '✕'} {pathLabel(c.path)}</strong>: {c.why}
          </li>
        ))}
        {ice.checks.length === 0 ? <li>Gathering candidates…</li> : null}
      </ol>
      <p className={styles.note}>
        {ice.selected && ice.rttMs !== null && ice.turnKbps !== null
          ? `Connected: ${pathLabel(ice.selected)}, ${numberText(ice.rttMs)} ms round trip${ice.turnKbps > 0 ? `, relay carries ${formatKbps(ice.turnKbps)}` : ', no relay bandwidth'}.`
          : 'Not connected yet.'}
      </p>
    </section>
  );
});
