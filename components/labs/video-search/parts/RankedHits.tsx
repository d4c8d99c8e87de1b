'use client';
import type { VideoSearchFrame } from '@/simulations/video-search';
import { formatCount, formatScore, mergedNote, scoreFormula, termRowLabel } from '../viewModel';
import labView from '../../lab-view.module.css';
import styles from '../VideoSearchView.module.css';

/** Ranked hits with every (term, field) contribution, next to MiniSearch's ranking of the same query. */
export function RankedHits({ frame }: { frame: VideoSearchFrame }) {
  const hits = frame.hits;
  const mini = frame.miniSearch;
  return (
    <div className={styles.hitsRow}>
      <section className={styles.hits} aria-labelledby="vs-hits-title" data-testid="vs-hits">
        <h3 id="vs-hits-title" className={styles.heading}>
          Ranked hits {hits ? `(${formatCount(frame.matched)} match, ${formatCount(frame.postingsTouched)} postings touched)` : ''}
        </h3>
        {!hits && <p className={styles.note}>Waiting for every shard to answer…</p>}
        {hits && mergedNote(frame) && <p className={styles.note}>{mergedNote(frame)}</p>}
        {hits && hits.length === 0 && <p className={styles.note}>No video matches these terms: {frame.terms.join(' ') || '(all dropped as stop words)'}.</p>}
        {hits && hits.length > 0 && (
          <ol className={styles.hitList}>
            {hits.map((h) => (
              <li key={h.id} className={styles.hit} data-testid="vs-hit">
                <details>
                  <summary>
                    <span className={styles.hitTitle}>{h.title}</span>{' '}
                    <span className={styles.muted}>
                      {formatCount(h.views)} views · score {formatScore(h.score)}
                    </span>
                  </summary>
                  <table className={labView.numbers}>
                    <caption className={styles.srOnly}>Why “{h.title}” scored {formatScore(h.score)}</caption>
                    <thead>
                      <tr>
                        <th scope="col">Term</th>
                        <th scope="col">tf</th>
                        <th scope="col">n</th>
                        <th scope="col">IDF</th>
                        <th scope="col">TF part</th>
                        <th scope="col">boost</th>
                        <th scope="col">adds</th>
                      </tr>
                    </thead>
                    <tbody>
                      {h.terms.map((t) => (
                        <tr key={`${t.term}:${t.field}`}>
                          <th scope="row">{termRowLabel(t)}</th>
                          <td>{t.tf}</td>
                          <td>{formatCount(t.docFreq)}</td>
                          <td>{t.idf.toFixed(3)}</td>
                          <td>{t.tfNorm.toFixed(3)}</td>
                          <td>{t.boost}</td>
                          <td>{formatScore(t.score)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                  <p className={styles.formula}>{scoreFormula(h)}</p>
                </details>
              </li>
            ))}
          </ol>
        )}
      </section>
      <section className={styles.hits} aria-labelledby="vs-mini-title" data-testid="vs-minisearch">
        <h3 id="vs-mini-title" className={styles.heading}>
          MiniSearch 7.2, same query {mini ? `(${mini.overlapAt10} of 10 in common)` : ''}
        </h3>
        {!mini && <p className={styles.note}>The real library answers once our index has.</p>}
        {mini && (
          <>
            <ol className={styles.hitList}>
              {mini.hits.map((h) => (
                <li key={h.id} className={styles.hit}>
                  <span className={styles.hitTitle}>{h.title}</span>{' '}
                  <span className={styles.muted}>
                    score {formatScore(h.score)} · {h.ourRank === null ? 'not in the single-index top 10' : `single index #${h.ourRank}`}
                  </span>
                </li>
              ))}
            </ol>
            <p className={styles.note}>Same analyzer, k1, b, δ, boosts and popularity. Where scoring differs:</p>
            <ul className={styles.differences}>
              {mini.differences.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          </>
        )}
      </section>
    </div>
  );
}
