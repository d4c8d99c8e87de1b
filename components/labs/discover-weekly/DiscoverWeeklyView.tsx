'use client';
import { useCallback, useMemo, useState } from 'react';
import { HeatmapChart, ScatterChart, TimeSeriesChart, type ChartSeries } from '@/components/charts';
import type { LabViewProps } from '@/components/lab-shell/types';
import { useThrottled } from '@/components/lab-shell/useThrottled';
import { viewOf } from '@/simulations/core/lab';
import type { SeriesPoint } from '@/simulations/core/recorder';
import { discoverWeeklyLab, sweepsAt, type DiscoverWeeklySeriesName } from '@/simulations/discover-weekly';
import { Recommendations } from './parts/Recommendations';
import { PlayEditor } from './parts/PlayEditor';
import { coldStartText, LAYERS, layerShape, layerValues, scoreRows, statusLine, verdict, withAddedPlays, type Layer } from './viewModel';
import labView from '../lab-view.module.css';
import styles from './DiscoverWeeklyView.module.css';

const sweeps = (p: SeriesPoint) => sweepsAt(p.t);
const value = (p: SeriesPoint) => p.v;
const percent = (v: number) => `${Math.round(v * 100)}%`;

interface Point {
  x: number;
  y: number;
  g: number;
}
function points(xy: number[], groups: number[]): Point[] {
  return groups.map((g, k) => ({ x: xy[2 * k], y: xy[2 * k + 1], g }));
}

export function DiscoverWeeklyView({ runner, version, presenter, setParams }: LabViewProps) {
  const run = viewOf(discoverWeeklyLab, runner);
  const rec = run.recorder;
  const params = run.params;
  const frame = run.frame();
  const result = useThrottled(runner, version, () => run.result());
  const [layer, setLayer] = useState<Layer>('plays');
  const height = presenter ? 150 : 170;
  const series = (id: DiscoverWeeklySeriesName, label: string, kind: ChartSeries['kind'], color: string): ChartSeries<SeriesPoint> => ({ id, label, data: rec.series(id), x: sweeps, y: value, kind, color });
  const common = { xLabel: 'sweeps', xDomain: [0, params.iterations] as [number, number], cursorX: sweepsAt(run.now), height };
  // The frame crosses from the worker as new arrays on every update, but the window's plays never
  // change during a run and the factors' pictures only need a redraw per phase: hold them steady
  // so the memoised charts skip the hundreds of SVG cells in between.
  const stage = `${frame.iteration}:${frame.phase}`;
  const w = useMemo(() => frame.window, [runner, params, stage]); // eslint-disable-line react-hooks/exhaustive-deps
  const projection = useMemo(() => frame.projection, [runner, params, stage]); // eslint-disable-line react-hooks/exhaustive-deps
  const focus = useMemo(() => frame.focus, [runner, params, stage]); // eslint-disable-line react-hooks/exhaustive-deps
  const values = useMemo(() => layerValues(layer, { ...frame, window: w }, params), [layer, w, params]); // eslint-disable-line react-hooks/exhaustive-deps
  const rowGroup = useMemo(() => (layer === 'playlists' ? w.tracks.map((t) => t.genre) : w.userGenre), [layer, w]);
  const columnGroup = useMemo(() => w.tracks.map((t) => t.genre), [w]);
  const scatterLayers = useMemo(
    () => [
      { id: 'users', label: 'listeners', data: points(projection.users, projection.userGenre), x: (p: Point) => p.x, y: (p: Point) => p.y, group: (p: Point) => p.g, shape: 'circle' as const },
      { id: 'tracks', label: 'tracks', data: points(projection.tracks, projection.trackGenre), x: (p: Point) => p.x, y: (p: Point) => p.y, group: (p: Point) => p.g, shape: 'square' as const },
    ],
    [projection],
  );
  const genreNames = useMemo(() => frame.genreNames, [runner, params]); // eslint-disable-line react-hooks/exhaustive-deps
  const addOnClick = useCallback(
    (r: number, c: number) => setParams?.({ extraPlays: withAddedPlays(params.extraPlays, w.users[r], w.tracks[c].track), focusUser: w.users[r] }, { keepTime: true }),
    [setParams, params, w],
  );
  const shape = layerShape(layer, frame);
  const layerInfo = LAYERS.find((l) => l.id === layer)!;
  const edit = (changes: Record<string, unknown>) => setParams?.(changes, { keepTime: true });
  const cold = coldStartText(frame, result, params.coldStartBlend);

  return (
    <div className={`${labView.stack} ${styles.view}`} data-testid="dw-view" data-phase={frame.phase} data-iteration={frame.iteration}>
      <p className={styles.status} data-testid="dw-status">
        {statusLine(frame, params.iterations)}
      </p>
      <div className={styles.scoreboard}>
        <table className={labView.numbers} data-testid="dw-scores">
          <caption>Held-out plays found in the top-10</caption>
          <thead>
            <tr>
              <th scope="col">Measure</th>
              <th scope="col">ALS</th>
              <th scope="col">Popularity</th>
            </tr>
          </thead>
          <tbody>
            {scoreRows(result).map((r) => (
              <tr key={r.label}>
                <th scope="row">{r.label}</th>
                <td>{r.model}</td>
                <td>{r.popularity}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className={styles.note}>
          {verdict(result)}
          {cold && <span data-testid="dw-cold"> {cold}</span>}
        </p>
      </div>
      <div className={`${labView.charts} ${labView.pairFrom700}`}>
        <TimeSeriesChart title="Loss after every half-step" yLabel="loss" series={[series('objective', 'loss', 'line', 'var(--series-1)')]} {...common} />
        <TimeSeriesChart
          title="Precision@10 and recall@10 on held-out plays"
          yLabel="share"
          yDomain={[0, 1]}
          yFormat={percent}
          series={[
            series('precision', 'ALS precision', 'line', 'var(--series-1)'),
            series('baselinePrecision', 'popularity precision', 'line', 'var(--series-2)'),
            series('recall', 'ALS recall', 'line', 'var(--series-3)'),
            series('baselineRecall', 'popularity recall', 'line', 'var(--series-5)'),
          ]}
          {...common}
        />
      </div>
      <div className={styles.matrixRow}>
        <div className={styles.matrix}>
          <div className={styles.layerPicker} role="group" aria-label="Heatmap layer">
            {LAYERS.map((l) => (
              <button key={l.id} type="button" aria-pressed={layer === l.id} className={styles.layerButton} onClick={() => setLayer(l.id)}>
                {l.title}
              </button>
            ))}
          </div>
          <HeatmapChart
            title={layerInfo.title}
            rows={shape.rows}
            columns={shape.columns}
            values={values}
            marked={layer === 'plays' || layer === 'predicted' ? w.heldOut : undefined}
            markedLabel={layer === 'plays' || layer === 'predicted' ? 'held out' : undefined}
            rowGroup={rowGroup}
            columnGroup={columnGroup}
            rowLabel={layer === 'playlists' ? 'tracks' : `${w.users.length} listeners by main genre`}
            columnLabel={`${w.tracks.length} tracks by genre`}
            summary={layerInfo.note}
            onCellClick={layer === 'plays' && setParams ? addOnClick : undefined}
          />
          <p className={styles.note}>
            {layerInfo.note}
            {layer === 'plays' ? '; click a cell to add plays and retrain.' : '.'}
          </p>
        </div>
        <ScatterChart
          title="Taste space: the two main directions of the vectors"
          layers={scatterLayers}
          groupNames={genreNames}
          summary="listeners and tracks of the same genre gather as training goes on"
          height={presenter ? 220 : 260}
        />
      </div>
      <div className={styles.focusRow}>
        <Recommendations focus={focus} genreNames={genreNames} />
        <PlayEditor
          frame={frame}
          users={params.users}
          added={params.extraPlays}
          disabled={!setParams}
          onShow={(user) => edit({ focusUser: user })}
          onAdd={(user, track) => edit({ extraPlays: withAddedPlays(params.extraPlays, user, track), focusUser: user })}
          onClear={() => edit({ extraPlays: [] })}
        />
      </div>
    </div>
  );
}
