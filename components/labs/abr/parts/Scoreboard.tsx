'use client';
import { memo } from 'react';
import { formatCount, formatKbps, formatQoe, formatSeconds, raceSummary, type ScoreColumn, type ScoreRow } from './scoreboardRows';
import styles from '../AbrView.module.css';

export interface ScoreboardProps {
  rows: ScoreRow[];
  /** reference mode counts startup as rebuffering */
  reference: boolean;
  /** the live run has not started: "so far" is empty */
  preview: boolean;
}

function Cell({ row, column, children }: { row: ScoreRow; column: ScoreColumn; children: string }) {
  const best = row.best.includes(column);
  return (
    <td className={best ? styles.best : undefined} data-best={best ? 'true' : undefined}>
      {children}
      {best && <span className={styles.visuallyHidden}> (best)</span>}
    </td>
  );
}

/** Race results over the whole video (recomputed on every change), with the QoE at the playhead. */
export const Scoreboard = memo(function Scoreboard({ rows, reference, preview }: ScoreboardProps) {
  const summary = raceSummary(rows);
  return (
    <div className={styles.scoreboard} data-testid="abr-scoreboard">
      <div className={styles.tableScroll} tabIndex={0} role="region" aria-label="Race scoreboard">
        <table className={styles.scoreTable}>
          <caption>
            {rows.length > 1 ? 'Race' : 'Result'} over the whole video{summary ? `: ${summary}` : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col">Algorithm</th>
              <th scope="col" title="Σ chunk rewards, chunk 0 excluded (the literature's headline)">
                QoE
              </th>
              <th scope="col">QoE so far</th>
              <th scope="col">Mean bitrate</th>
              <th scope="col">Rebuffer</th>
              <th scope="col">Switches</th>
              <th scope="col">Startup</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.slot} data-testid="abr-score-row" data-slot={r.slot} data-qoe={Number.isFinite(r.qoe) ? r.qoe.toFixed(3) : ''}>
                <th scope="row">
                  <span className={styles.swatch} style={{ background: r.color }} aria-hidden="true" />
                  {r.label}
                </th>
                <Cell row={r} column="qoe">
                  {formatQoe(r.qoe)}
                </Cell>
                <td className={styles.muted}>{preview ? '—' : formatQoe(r.qoeSoFar)}</td>
                <Cell row={r} column="meanBitrateKbps">
                  {formatKbps(r.meanBitrateKbps)}
                </Cell>
                <Cell row={r} column="rebufferS">
                  {formatSeconds(r.rebufferS)}
                </Cell>
                <Cell row={r} column="switches">
                  {formatCount(r.switches)}
                </Cell>
                <Cell row={r} column="startupDelayS">
                  {formatSeconds(r.startupDelayS)}
                </Cell>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className={styles.note}>
        QoE = bitrate utility − rebuffer penalty − switch penalty, summed from chunk 1 (with chunk 0:{' '}
        {rows.map((r, i) => `${i ? ', ' : ''}${r.label} ${formatQoe(r.qoeAll)}`).join('')}).
        {reference ? ' Reference mode counts the startup delay as rebuffering, as the literature does.' : ''}
      </p>
    </div>
  );
});
