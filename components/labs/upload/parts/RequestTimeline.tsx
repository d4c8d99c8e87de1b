'use client';
import { memo, useRef } from 'react';
import { useElementWidth } from '@/components/charts/useElementWidth';
import { formatBytes, type RequestBar, type Timeline } from '../viewModel';
import styles from '../UploadView.module.css';

const LABEL_W = 96;
const ROW_H = 26;
const AXIS_H = 22;
const METHOD_COLOR: Record<string, string> = {
  POST: 'var(--series-4)',
  GET: 'var(--series-6)',
  HEAD: 'var(--series-5)',
  PATCH: 'var(--series-1)',
  PUT: 'var(--series-3)',
};

function describeBar(b: RequestBar): string {
  const when = `${(b.startMs / 1000).toFixed(2)}–${b.endMs === null ? '…' : (b.endMs / 1000).toFixed(2)} s`;
  const outcome = b.endMs === null ? 'in flight' : b.error ? `cut (${b.error})` : `→ ${b.status}`;
  return `${b.method} ${outcome}, ${when}${b.sent ? `, ${formatBytes(b.sent)} sent` : ''}`;
}

/** Requests on a timeline, one swimlane per client (tus tabs, plain POST, GCS); outages and restarts shaded. */
export const RequestTimeline = memo(function RequestTimeline({ timeline, horizonMs, nowMs }: { timeline: Timeline; horizonMs: number; nowMs: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const width = useElementWidth(ref);
  const plotW = Math.max(40, width - LABEL_W - 18);
  const height = timeline.rows.length * ROW_H + AXIS_H;
  const x = (ms: number) => LABEL_W + (Math.min(ms, horizonMs) / horizonMs) * plotW;
  const rowY = new Map(timeline.rows.map((r, i) => [r.id, i * ROW_H]));
  const ticks = Array.from({ length: 6 }, (_, i) => (i * horizonMs) / 5);
  const cuts = timeline.bars.filter((b) => b.error !== null).length;
  return (
    <figure className={styles.timeline} ref={ref} data-testid="upload-timeline">
      <figcaption className={styles.caption}>
        <span className={styles.captionTitle}>Requests on a timeline</span>
        <span className={styles.legendRow} aria-hidden="true">
          {Object.entries(METHOD_COLOR).map(([m, c]) => (
            <span key={m}>
              <span className={styles.swatch} style={{ background: c }} />
              {m}
            </span>
          ))}
          <span>
            <span className={styles.swatch} style={{ background: 'var(--danger)' }} />
            cut
          </span>
          <span>
            <span className={styles.swatch} style={{ background: 'var(--border)' }} />
            link down / server away
          </span>
        </span>
      </figcaption>
      <svg width={width} height={height} role="img" aria-label={`Request timeline: ${timeline.bars.length} requests, ${cuts} cut by disconnects`} className={styles.timelineSvg}>
        {timeline.bands.map((b, i) => (
          <rect
            key={`band${i}`}
            x={x(b.startMs)}
            y={0}
            width={Math.max(1, x(b.endMs ?? nowMs) - x(b.startMs))}
            height={height - AXIS_H}
            fill={b.kind === 'outage' ? 'var(--border)' : 'var(--danger-soft)'}
            opacity={0.7}
          >
            <title>{b.kind === 'outage' ? 'link down' : 'server restarting'}</title>
          </rect>
        ))}
        {timeline.rows.map((r) => (
          <g key={r.id} transform={`translate(0, ${rowY.get(r.id)})`}>
            <text x={4} y={ROW_H / 2} dy="0.32em" className={styles.rowLabel}>
              {r.label}
            </text>
            <line x1={LABEL_W} x2={LABEL_W + plotW} y1={ROW_H - 0.5} y2={ROW_H - 0.5} className={styles.rowRule} />
          </g>
        ))}
        {timeline.bars.map((b) => {
          const y = (rowY.get(b.row) ?? 0) + 4;
          const x0 = x(b.startMs);
          const w = Math.max(1.5, x(b.endMs ?? nowMs) - x0);
          const cut = b.error !== null;
          const label = cut ? '✕' : b.status !== null ? String(b.status) : '';
          return (
            <g key={b.key}>
              <rect x={x0} y={y} width={w} height={ROW_H - 9} rx={2} fill={METHOD_COLOR[b.method] ?? 'var(--muted)'} stroke={cut ? 'var(--danger)' : 'none'} strokeWidth={cut ? 2 : 0} opacity={b.endMs === null ? 0.6 : 1}>
                <title>{describeBar(b)}</title>
              </rect>
              {label && w > (cut ? 10 : 22) && (
                <text x={x0 + w / 2} y={y + (ROW_H - 9) / 2} dy="0.35em" textAnchor="middle" className={cut ? styles.cutLabel : styles.barLabel}>
                  {label}
                </text>
              )}
              {cut && w <= 10 && (
                <text x={x0 + w} y={y - 1} className={styles.cutLabel}>
                  ✕
                </text>
              )}
            </g>
          );
        })}
        <line x1={x(nowMs)} x2={x(nowMs)} y1={0} y2={height - AXIS_H} className={styles.cursor} />
        <g transform={`translate(0, ${height - AXIS_H})`}>
          {ticks.map((t) => (
            <text key={t} x={x(t)} y={14} textAnchor="middle" className={styles.tick}>
              {Number((t / 1000).toPrecision(3))}
            </text>
          ))}
        </g>
      </svg>
      <p className={styles.note}>time (s) · bars are requests, labelled with their HTTP status; ✕ = the connection died mid-request</p>
    </figure>
  );
});
