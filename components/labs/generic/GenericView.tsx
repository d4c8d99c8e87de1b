'use client';
import { TimeSeriesChart } from '@/components/charts';
import type { LabViewProps } from '@/components/lab-shell/types';
import { useThrottled } from '@/components/lab-shell/useThrottled';
import type { SeriesPoint } from '@/simulations/core/recorder';
import { resultRows } from './resultRows';
import styles from './GenericView.module.css';
import labView from '../lab-view.module.css';

const MAX_CHARTS = 8;
const seconds = (p: SeriesPoint) => p.t / 1000;
const value = (p: SeriesPoint) => p.v;

/**
 * The view every lab gets before it has its own: one chart per recorded series and the result
 * document. Replace it with `components/labs/<id>/` (see README.md).
 */
export function GenericView({ runner, version, presenter }: LabViewProps) {
  const rec = runner.recorder;
  const names = rec.seriesNames();
  const shown = names.slice(0, MAX_CHARTS);
  const result = useThrottled(runner, version, (r) => {
    try {
      return { ok: true as const, value: r.result() };
    } catch (e) {
      return { ok: false as const, message: (e as Error).message };
    }
  });
  const table = result.ok ? resultRows(result.value) : null;
  return (
    <div className={labView.stack} data-testid="generic-view">
      {shown.length === 0 && <p className={styles.note}>No series recorded yet: press play or step.</p>}
      <div className={`${labView.charts} ${presenter ? labView.pairFrom700 : ''}`}>
        {shown.map((name, i) => (
          <TimeSeriesChart
            key={name}
            title={name}
            series={[{ id: name, label: name, data: rec.series(name), x: seconds, y: value, kind: 'line', color: `var(--series-${(i % 6) + 1})` }]}
            xLabel="time (s)"
            xDomain={[0, runner.horizonMs / 1000]}
            cursorX={runner.now / 1000}
            height={presenter ? 190 : 160}
          />
        ))}
      </div>
      {names.length > shown.length && (
        <p className={styles.note}>
          {names.length - shown.length} more series are recorded; the CLI&apos;s --json output has everything.
        </p>
      )}
      {table ? (
        <table className={styles.result} data-testid="generic-result">
          <caption>Result so far</caption>
          <tbody>
            {table.rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">{r.key}</th>
                <td>{r.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className={styles.note}>The result is not available at this point of the run.</p>
      )}
      {table && table.more > 0 && <p className={styles.note}>…and {table.more} more fields.</p>}
    </div>
  );
}
