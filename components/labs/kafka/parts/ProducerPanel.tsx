'use client';
import type { ClusterView, KafkaResult, ResolvedConfig } from '@/simulations/kafka';
import { formatNumber } from '@/components/charts/format';
import { producerRows } from './describe';
import { acksLabel } from './verdict';
import styles from '../KafkaView.module.css';
import labView from '../../lab-view.module.css';

const MiB = 1024 * 1024;
const mib = (b: number) => `${formatNumber(Math.round((b / MiB) * 100) / 100)} MiB`;

/** The producer: buffer.memory gauge, the settings that decide the outcome, and its numbers so far. */
export function ProducerPanel({ view, cfg, result, presenter }: { view: ClusterView; cfg: ResolvedConfig; result: KafkaResult; presenter: boolean }) {
  const p = view.producer;
  const pct = p.bufferTotal > 0 ? Math.min(100, (p.bufferUsed / p.bufferTotal) * 100) : 0;
  const state = p.blocked ? 'blocked' : pct >= 90 ? 'nearly full' : 'ok';
  return (
    <section className={labView.panel} aria-label="Producer" data-testid="kafka-producer">
      <h3 className={labView.panelTitle}>Producer</h3>
      <div className={styles.gaugeRow}>
        <span>buffer.memory</span>
        <div
          className={styles.gauge}
          role="meter"
          aria-label="buffer.memory in use"
          aria-valuemin={0}
          aria-valuemax={p.bufferTotal}
          aria-valuenow={p.bufferUsed}
          aria-valuetext={`${mib(p.bufferUsed)} of ${mib(p.bufferTotal)}`}
          data-state={state}
          data-testid="kafka-buffer-gauge"
          data-buffer-used={p.bufferUsed}
        >
          <div className={styles.gaugeFill} style={{ width: `${pct}%` }} />
        </div>
        <span className={styles.gaugeText}>
          {mib(p.bufferUsed)} / {mib(p.bufferTotal)}
        </span>
      </div>
      <p className={styles.producerState} data-testid="kafka-producer-state">
        {p.blocked ? (
          <strong className={styles.bad}>send() is blocked: the buffer is full (max.block.ms {formatNumber(cfg.maxBlockMs)} ms)</strong>
        ) : p.onBufferFull === 'drop' ? (
          <>On a full buffer: <strong>drop the record</strong> (Netflix Keystone)</>
        ) : (
          <>On a full buffer: <strong>block send()</strong> up to max.block.ms</>
        )}
        {' · '}
        {formatNumber(p.queuedBatches)} batches queued
      </p>
      <p className={styles.settings}>
        <code>{acksLabel(cfg.acks)}</code> <code>linger.ms={cfg.lingerMs}</code> <code>batch.size={cfg.batchSize}</code>{' '}
        <code>idempotence={cfg.idempotence ? 'on' : 'off'}</code> <code>max.in.flight={cfg.maxInFlight}</code> <code>partitioner={cfg.partitioner}</code>{' '}
        <code>min.insync.replicas={cfg.minInsyncReplicas}</code> <code>unclean={String(cfg.unclean)}</code> <code>Kafka {cfg.version}</code>
      </p>
      {cfg.notes.length > 0 && (
        <ul className={styles.notes} data-testid="kafka-config-notes">
          {cfg.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      {!presenter && (
        <table className={labView.numbers} data-testid="kafka-numbers">
          <caption>The run so far</caption>
          <tbody>
            {producerRows(result, cfg).map((row) => (
              <tr key={row.label}>
                <th scope="row">{row.label}</th>
                <td>
                  {row.value}
                  {row.note && <span className={styles.note}>{row.note}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
