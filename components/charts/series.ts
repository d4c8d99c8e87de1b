import { area, curveLinear, curveStepAfter, line, type ScaleLinear } from 'd3';
import { decimate, IncrementalDecimator } from './decimate';
import { IncrementalPath } from './pathWriter';

/**
 * One series of a chart. The chart never looks inside `D`: it reads points only through `x` and `y`.
 *
 * LOUD: path caches are keyed by `id`, the data array, its length and the scales, NOT by the
 * accessor functions (views recreate them every render). Give a different `id` to a series
 * that reads different values, or its path will not be rebuilt. A live array may only grow at
 * the end (or shrink, e.g. a scrub back): points already drawn are never re-read.
 */
export interface ChartSeries<D = unknown> {
  /** Stable identity (cache key, React key). */
  id: string;
  /** Legend and tooltip text. */
  label: string;
  /** Points sorted by x. May be a live array that grows between renders. */
  data: readonly D[];
  x: (d: D) => number;
  y: (d: D) => number;
  /** 'step' holds each value until the next point (counters, queue lengths). */
  kind: 'line' | 'step' | 'area';
  /** Any CSS colour; defaults to var(--series-N). */
  color?: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnySeries = ChartSeries<any>;

export interface SeriesPaths {
  line: string;
  area: string | null;
  /** points actually drawn (after decimation) */
  drawn: number;
  /** sum of |Δy| in pixels along the drawn line: divided by the width, how jagged it is */
  travel?: number;
}

interface CacheEntry {
  data: readonly unknown[];
  length: number;
  key: string;
  paths: SeriesPaths;
  decimator: IncrementalDecimator<unknown>;
  line: IncrementalPath<unknown>;
  area: IncrementalPath<unknown> | null;
}

/**
 * Builds decimated SVG paths for series and reuses them while nothing they depend on changed.
 * When a live series only grew, only the points after its last complete pixel column are written.
 */
export class SeriesPathCache {
  private entries = new Map<string, CacheEntry>();
  builds = 0;

  paths(series: AnySeries, xScale: ScaleLinear<number, number>, yScale: ScaleLinear<number, number>): SeriesPaths {
    const [x0, x1] = xScale.domain();
    const [r0, r1] = xScale.range();
    const [y0, y1] = yScale.domain();
    const [yr0, yr1] = yScale.range();
    const key = `${series.kind}|${x0}|${x1}|${r0}|${r1}|${y0}|${y1}|${yr0}|${yr1}`;
    let entry = this.entries.get(series.id);
    if (entry && entry.data === series.data && entry.length === series.data.length && entry.key === key) return entry.paths;
    if (!entry || entry.key !== key) {
      // other scales or kind: every pixel moves, start the path text over (the decimator only
      // depends on the x range and the width, it keeps its own state)
      const curve = series.kind === 'step' ? 'step' : 'linear';
      entry = {
        data: series.data,
        length: 0,
        key,
        paths: EMPTY_PATHS,
        decimator: entry?.decimator ?? new IncrementalDecimator<unknown>(),
        line: new IncrementalPath<unknown>(curve, 'line'),
        area: series.kind === 'area' ? new IncrementalPath<unknown>(curve, 'area') : null,
      };
      this.entries.set(series.id, entry);
    }
    entry.paths = buildPaths(series, xScale, yScale, entry.decimator, entry);
    entry.data = series.data;
    entry.length = series.data.length;
    this.builds++;
    return entry.paths;
  }

  /** Drop entries of series that are no longer drawn. */
  retain(ids: Iterable<string>): void {
    const keep = new Set(ids);
    for (const id of this.entries.keys()) if (!keep.has(id)) this.entries.delete(id);
  }
}

const EMPTY_PATHS: SeriesPaths = { line: '', area: null, drawn: 0, travel: 0 };

export function buildPaths(
  series: AnySeries,
  xScale: ScaleLinear<number, number>,
  yScale: ScaleLinear<number, number>,
  decimator?: IncrementalDecimator<unknown>,
  incremental?: { line: IncrementalPath<unknown>; area: IncrementalPath<unknown> | null },
): SeriesPaths {
  const [x0, x1] = xScale.domain();
  const columns = Math.abs(xScale.range()[1] - xScale.range()[0]);
  const options = { x0, x1, columns };
  const points = decimator ? decimator.decimate(series.data, series.x, series.y, options) : decimate(series.data, series.x, series.y, options);
  const px = (d: unknown) => xScale(series.x(d));
  const py = (d: unknown) => yScale(series.y(d));
  const defined = (d: unknown) => Number.isFinite(series.y(d)) && Number.isFinite(series.x(d));
  const [d0, d1] = yScale.domain();
  const baseline = yScale(Math.max(d0, Math.min(d1, 0)));
  if (decimator && incremental) {
    const geometry = { px, py, defined, baseline };
    const line = incremental.line.build(points, decimator.stable, decimator.generation, geometry);
    const area = incremental.area ? incremental.area.build(points, decimator.stable, decimator.generation, geometry) : null;
    return { line, area, drawn: points.length, travel: incremental.line.travel };
  }
  const curve = series.kind === 'step' ? curveStepAfter : curveLinear;
  const linePath = line<unknown>().x(px).y(py).defined(defined).curve(curve).digits(1)(points) ?? '';
  let areaPath: string | null = null;
  if (series.kind === 'area') {
    areaPath = area<unknown>().x(px).y0(baseline).y1(py).defined(defined).curve(curve).digits(1)(points) ?? '';
  }
  let travel = 0;
  let previous: number | null = null;
  for (const d of points) {
    if (!defined(d)) {
      previous = null;
      continue;
    }
    const y = py(d);
    if (previous !== null) travel += Math.abs(y - previous);
    previous = y;
  }
  return { line: linePath, area: areaPath, drawn: points.length, travel };
}

export function seriesColor(series: AnySeries, index: number): string {
  return series.color ?? `var(--series-${(index % 6) + 1}, ${FALLBACK_COLORS[index % 6]})`;
}

const FALLBACK_COLORS = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2'];
