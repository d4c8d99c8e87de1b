'use client';
import type { VideoSearchFrame } from '@/simulations/video-search';
import { rankChangeText, shardingSummary } from '../viewModel';
import styles from '../VideoSearchView.module.css';

/** The S shards: asked (outlined), answered (filled); and how local IDF moved the top 10. */
export function ShardMap({ frame }: { frame: VideoSearchFrame }) {
  const s = frame.sharding;
  const asked = new Set(s.contacted);
  const answered = new Set(s.answered);
  const moved = rankChangeText(frame);
  return (
    <section className={styles.panel} aria-labelledby="vs-shards-title" data-testid="vs-shards" data-fan-out={s.contacted.length}>
      <h3 id="vs-shards-title" className={styles.heading}>
        Shards: {s.contacted.length} of {s.shards} asked
      </h3>
      <ul className={styles.shards} aria-label="Shards">
        {Array.from({ length: s.shards }, (_, k) => (
          <li key={k} className={styles.shard} data-state={answered.has(k) ? 'answered' : asked.has(k) ? 'asked' : 'idle'} title={`shard ${k + 1}: ${answered.has(k) ? 'answered' : asked.has(k) ? 'asked' : 'not asked'}`}>
            {k + 1}
          </li>
        ))}
      </ul>
      <p className={styles.note}>{shardingSummary(frame)}</p>
      {moved && <p className={styles.note} data-testid="vs-rank-changes">{moved}</p>}
      {moved && s.rankChanges.some((c) => c.localRank !== c.globalRank) && (
        <ul className={styles.rankChanges}>
          {s.rankChanges
            .filter((c) => c.localRank !== c.globalRank)
            .slice(0, 5)
            .map((c) => (
              <li key={c.id}>
                #{c.globalRank} → {c.localRank === null ? 'out' : `#${c.localRank}`}: {c.title}
              </li>
            ))}
        </ul>
      )}
    </section>
  );
}
