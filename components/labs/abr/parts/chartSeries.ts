import type { AnySeries } from '@/components/charts';
import type { SeriesPoint } from '@/simulations/core/recorder';
import type { AbrRun, SeriesSpec } from '../viewModel';

const seconds = (p: SeriesPoint) => p.t / 1000;

/** Chart series for the specs, reading the run's recorder (times in s, values scaled per spec). */
export function toChartSeries(specs: readonly SeriesSpec[], run: AbrRun): AnySeries[] {
  return specs.map((s) => ({
    id: s.id,
    label: s.label,
    data: run.recorder.series(s.source),
    x: seconds,
    y: s.scale === 1 ? (p: SeriesPoint) => p.v : (p: SeriesPoint) => p.v * s.scale,
    kind: s.kind,
    color: s.color,
  }));
}
