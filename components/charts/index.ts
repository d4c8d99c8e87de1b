export { TimeSeriesChart, type TimeSeriesChartProps, type EventMarker, type Guide } from './TimeSeriesChart';
export type { ChartSeries, AnySeries } from './series';
export { formatNumber } from './format';
export { ChartTextScale, PRESENTER_CHART_TEXT_SCALE } from './textScale';
export { HeatmapChart, groupColor, type HeatmapChartProps } from './HeatmapChart';
export { ScatterChart, type ScatterChartProps, type ScatterLayer } from './ScatterChart';
export { GanttChart, type GanttChartProps } from './GanttChart';
