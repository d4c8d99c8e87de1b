'use client';
import { memo } from 'react';
import type { LiveLatencyParams } from '@/simulations/live-latency';
import { budgetRows, seconds, TERM_COLORS } from '../viewModel';
import styles from '../LiveLatencyView.module.css';

/** A stacked latency budget per delivery protocol on the run's params (closed form), the run's own in bold with its formula. */
export const BudgetBars = memo(function BudgetBars({ params }: { params: LiveLatencyParams }) {
  const rows = budgetRows(params);
  const maxMs = Math.max(...rows.map((r) => r.totalMs));
  const current = rows.find((r) => r.current)!;
  return (
    <section className={styles.panel} data-testid="latency-budget" aria-label="Latency budget per protocol">
      <h3>Latency budget per protocol</h3>
      {rows.map((row) => (
        <div key={row.delivery} className={`${styles.barRow} ${row.current ? styles.current : ''}`}>
          <span>{row.label}</span>
          <div className={styles.bar} role="img" aria-label={`${row.label}: ${row.terms.map((t) => `${t.label} ${seconds(t.ms)}`).join(', ')}`}>
            {row.terms.map((t) => (
              <span key={t.id} title={`${t.label}: ${seconds(t.ms)} (${t.formula})`} style={{ width: `${(t.ms / maxMs) * 100}%`, background: TERM_COLORS[t.id] }} />
            ))}
          </div>
          <span className={styles.total}>{seconds(row.totalMs)}</span>
        </div>
      ))}
      <ul className={styles.legend}>
        {current.terms.map((t) => (
          <li key={t.id} title={t.formula}>
            <span className={styles.swatch} style={{ background: TERM_COLORS[t.id] }} aria-hidden="true" />
            {t.label} {seconds(t.ms)}
          </li>
        ))}
      </ul>
      <p className={styles.formula}>{current.formula}</p>
    </section>
  );
});
