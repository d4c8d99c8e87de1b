'use client';
import { memo } from 'react';
import type { DiscoverWeeklyFrame } from '@/simulations/discover-weekly';
import { groupColor } from '@/components/charts';
import { sharePercent } from '../viewModel';
import styles from '../DiscoverWeeklyView.module.css';

/** One listener: what they played most, their top-10 with the played tracks behind each, and the popularity chart beside it. */
export const Recommendations = memo(function Recommendations({ focus, genreNames }: { focus: DiscoverWeeklyFrame['focus']; genreNames: string[] }) {
  const hits = focus.recommendations.filter((r) => r.hit).length;
  const popularHits = focus.popular.filter((r) => r.hit).length;
  return (
    <div className={styles.recs} data-testid="dw-recommendations" data-hits={hits}>
      <div>
        <h3 className={styles.subTitle}>
          Listener {focus.user} (mostly {genreNames[focus.genre]}) played
        </h3>
        <ul className={styles.liked}>
          {focus.liked.map((t) => (
            <li key={t.track}>
              <span className={styles.dot} style={{ background: groupColor(t.genre) }} aria-hidden="true" />
              {t.name} <span className={styles.muted}>×{t.plays}</span>
            </li>
          ))}
        </ul>
      </div>
      <div>
        <h3 className={styles.subTitle}>Their top-10 ({hits} held-out hit{hits === 1 ? '' : 's'})</h3>
        <ol className={styles.top}>
          {focus.recommendations.map((r) => (
            <li key={r.track} className={r.hit ? styles.hit : undefined}>
              <span className={styles.dot} style={{ background: groupColor(r.genre) }} aria-hidden="true" />
              <strong>{r.name}</strong>
              {r.hit && <span className={styles.badge}>hit</span>}
              {r.because.length > 0 && <span className={styles.because}> because of {r.because.map((b) => `${b.name} (${sharePercent(b.share)})`).join(', ')}</span>}
            </li>
          ))}
        </ol>
      </div>
      <div>
        <h3 className={styles.subTitle}>Popularity chart ({popularHits} hit{popularHits === 1 ? '' : 's'})</h3>
        <ol className={styles.top}>
          {focus.popular.map((r) => (
            <li key={r.track} className={r.hit ? styles.hit : undefined}>
              <span className={styles.dot} style={{ background: groupColor(r.genre) }} aria-hidden="true" />
              {r.name}
              {r.hit && <span className={styles.badge}>hit</span>}
            </li>
          ))}
        </ol>
      </div>
    </div>
  );
});
