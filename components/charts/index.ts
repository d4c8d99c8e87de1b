export { TimeSeriesChart, type TimeSeriesChartProps, type EventMarker } from './TimeSeriesChart';
export type { ChartSeries, AnySeries } from './series';
export { formatNumber } from './format';
