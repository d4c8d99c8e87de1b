'use client';
import { memo } from 'react';
import type { MusicDeliveryFrame } from '@/simulations/music-delivery';
import { bytesRows, fmtPct } from '../viewModel';
import styles from '../MusicDeliveryView.module.css';

/** Where the bytes came from, as one stacked bar and its legend. */
export const ByteSplit = memo(function ByteSplit({ frame }: { frame: MusicDeliveryFrame }) {
  const rows = bytesRows(frame);
  const label = rows.map((r) => `${r.label} ${fmtPct(r.share)}`).join(', ');
  return (
    <figure className={styles.split} data-testid="md-bytes">
      <figcaption className={styles.splitTitle}>Where the bytes came from</figcaption>
      <div className={styles.bar} role="img" aria-label={label}>
        {rows.map((r) => (r.share > 0 ? <span key={r.label} style={{ width: `${r.share * 100}%`, background: r.color }} /> : null))}
      </div>
      <ul className={styles.splitLegend}>
        {rows.map((r) => (
          <li key={r.label}>
            <span className={styles.swatch} style={{ background: r.color }} aria-hidden="true" />
            {r.label}: {fmtPct(r.share)} ({r.gb.toFixed(2)} GB)
          </li>
        ))}
      </ul>
    </figure>
  );
});
