'use client';
import type { LiveLatencyFrame } from '@/simulations/live-latency';
import { timelineModel } from '../viewModel';
import styles from '../LiveLatencyView.module.css';

const STATE_TEXT = { capturing: 'being captured', encoding: 'encoded, in the first mile', published: 'published at the origin', downloaded: 'in the player' } as const;

/** Segments / parts / frames on media time: which exist where, against the player's position and the live edge (now). */
export function Timeline({ frame }: { frame: LiveLatencyFrame }) {
  const m = timelineModel(frame);
  const counts = m.blocks.reduce<Record<string, number>>((acc, b) => ({ ...acc, [b.state]: (acc[b.state] ?? 0) + 1 }), {});
  const summary = Object.entries(counts)
    .map(([state, n]) => `${n} ${STATE_TEXT[state as keyof typeof STATE_TEXT]}`)
    .join(', ');
  return (
    <section className={styles.panel} data-testid="latency-timeline" aria-label="Availability timeline">
      <h3>What exists where, on media time</h3>
      <div className={styles.track} role="img" aria-label={`Units near the live edge: ${summary || 'none yet'}. ${frame.positionMs === null ? 'The player has not started.' : 'The orange line is the player, the black line the live edge.'}`}>
        {m.blocks.map((b) => (
          <span key={b.key} className={`${styles.block} ${styles[b.state]} ${b.independent ? styles.keyframe : ''}`} style={{ left: `${b.leftPct}%`, width: `${b.widthPct}%` }}>
            {b.widthPct > 6 ? b.label : ''}
          </span>
        ))}
        {m.playheadPct !== null && <span className={`${styles.marker} ${styles.playhead}`} style={{ left: `${m.playheadPct}%` }} />}
        <span className={`${styles.marker} ${styles.edge}`} style={{ left: `calc(${m.edgePct}% - 2px)` }} />
        {m.ticks.map((t) => (
          <span key={t.label} className={styles.tick} style={{ left: `${t.pct}%` }}>
            {t.label}
          </span>
        ))}
      </div>
      <ul className={styles.legend}>
        <li><span className={`${styles.swatch} ${styles.capturing}`} aria-hidden="true" />capturing</li>
        <li><span className={`${styles.swatch} ${styles.encoding}`} aria-hidden="true" />encoding / first mile</li>
        <li><span className={`${styles.swatch} ${styles.published}`} aria-hidden="true" />published</li>
        <li><span className={`${styles.swatch} ${styles.downloaded}`} aria-hidden="true" />in the player</li>
        <li><span className={`${styles.swatch} ${styles.playhead}`} aria-hidden="true" />player position</li>
        <li><span className={`${styles.swatch} ${styles.edge}`} aria-hidden="true" />live edge (now)</li>
      </ul>
    </section>
  );
}
