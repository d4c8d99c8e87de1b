/** Which rows of a fixed-row-height list are (about to be) visible in its scroll box. */
export interface WindowInput {
  count: number;
  rowHeight: number;
  viewportHeight: number;
  scrollTop: number;
  /** extra rows above and below, so a scroll step never shows an empty gap */
  overscan: number;
}

/** Rows [start, end) to render. Degenerate sizes render everything (never nothing). */
export function visibleWindow({ count, rowHeight, viewportHeight, scrollTop, overscan }: WindowInput): { start: number; end: number } {
  if (!(rowHeight > 0) || !(viewportHeight > 0)) return { start: 0, end: count };
  // a stale scrollTop (the list just shrank, e.g. a filter) must still show the last rows
  const maxScroll = Math.max(0, count * rowHeight - viewportHeight);
  const first = Math.floor(Math.max(0, Math.min(scrollTop, maxScroll)) / rowHeight);
  const start = Math.max(0, Math.min(count, first - overscan));
  const end = Math.max(start, Math.min(count, first + Math.ceil(viewportHeight / rowHeight) + 1 + overscan));
  return { start, end };
}
