import { createContext } from 'react';

/**
 * How much larger than normal chart text is drawn (tick labels, axis titles, markers). The lab shell
 * provides 1 normally and more in presenter mode, so a chart's text scales with the rest of the page
 * and its margins grow to fit it.
 */
export const ChartTextScale = createContext(1);

/** Chart text scale in presenter mode: 11 px tick labels become 16 px, like the presenter's body text. */
export const PRESENTER_CHART_TEXT_SCALE = 1.45;
