/**
 * A chart's margins, sized to the text drawn in them so that no tick label or axis title is cut off
 * (a fixed 52 px left margin clipped labels such as "1,200,000" and the y title over them).
 * Pure: widths are estimated from character counts at the chart's font size.
 */
export interface ChartMargins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** tick label font size in px at text scale 1 (TimeSeriesChart.module.css .tickLabel) */
export const TICK_FONT_PX = 11;
/** average advance of a tabular digit or common label character, in em (generous for DejaVu/Arial) */
const CHAR_EM = 0.62;

export function textWidth(text: string, fontPx: number): number {
  return Math.ceil(text.length * fontPx * CHAR_EM);
}

export function chartMargins({ yTickLabels, lastXTickLabel, hasYLabel, textScale = 1 }: { yTickLabels: readonly string[]; lastXTickLabel: string; hasYLabel: boolean; textScale?: number }): ChartMargins {
  const font = TICK_FONT_PX * textScale;
  const widest = yTickLabels.reduce((w, t) => Math.max(w, textWidth(t, font)), 0);
  // tick (6 px gap) + widest label + the rotated y title's line + breathing room
  const left = Math.max(Math.round(52 * textScale), 6 + widest + (hasYLabel ? Math.ceil(font * 1.5) : 0) + 4);
  // the last x tick label is centred on the right edge of the plot: half of it hangs out
  const right = Math.max(16, Math.ceil(textWidth(lastXTickLabel, font) / 2) + 2);
  // x tick labels (baseline at 16 px) and the x title below them
  const bottom = Math.round(34 * textScale);
  return { top: 10, right, bottom, left };
}
