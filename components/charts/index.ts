export { TimeSeriesChart, type TimeSeriesChartProps, type EventMarker, type Guide } from './TimeSeriesChart';
export type { ChartSeries, AnySeries } from './series';
export { formatNumber } from './format';
