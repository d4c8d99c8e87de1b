/**
 * Geometry of the cluster picture: the producer column on the left (one accumulator queue per
 * partition row), then one column per broker; row p holds partition p's replicas as log bars in
 * the columns of the brokers it is assigned to. Pure, so it is unit-tested.
 */

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Point {
  x: number;
  y: number;
}

export interface ClusterLayout {
  width: number;
  height: number;
  pad: number;
  headerHeight: number;
  rowHeight: number;
  /** partitions drawn (rows), from partition 0 */
  rows: number;
  /** partitions not drawn (more than MAX_ROWS) */
  hidden: number;
  producer: { x: number; w: number };
  brokers: { x: number; w: number }[];
  /** text is drawn in cells at least this wide */
  compact: boolean;
  presenter: boolean;
}

/** At most this many partition rows are drawn; the rest are summarised in a footer line. */
export const MAX_ROWS = 12;
const FOOTER = 18;

export function clusterLayout(width: number, presenter: boolean, brokers: number, partitions: number): ClusterLayout {
  const w = Math.max(240, Math.floor(width));
  const pad = 8;
  const rows = Math.max(1, Math.min(partitions, MAX_ROWS));
  const hidden = Math.max(0, partitions - rows);
  const headerHeight = presenter ? 48 : 40;
  const rowHeight = presenter ? (rows > 8 ? 34 : 44) : w < 480 ? 30 : rows > 8 ? 28 : 36;
  const producerW = Math.round(Math.max(84, Math.min(220, w * 0.26)));
  const gapToBrokers = Math.round(Math.max(14, Math.min(48, w * 0.05)));
  const brokersX = pad + producerW + gapToBrokers;
  const brokersW = w - pad - brokersX;
  const B = Math.max(1, brokers);
  const colGap = B > 6 ? 3 : 6;
  const colW = Math.max(8, (brokersW - colGap * (B - 1)) / B);
  const cols = Array.from({ length: B }, (_, b) => ({ x: brokersX + b * (colW + colGap), w: colW }));
  const height = pad + headerHeight + rows * rowHeight + (hidden > 0 ? FOOTER : 0) + pad;
  return { width: w, height, pad, headerHeight, rowHeight, rows, hidden, producer: { x: pad, w: producerW }, brokers: cols, compact: colW < 64, presenter };
}

export function rowTop(L: ClusterLayout, row: number): number {
  return L.pad + L.headerHeight + row * L.rowHeight;
}

/** Partition `row`'s replica on broker `b` (the cell; the log bar is inset). */
export function cellRect(L: ClusterLayout, row: number, b: number): Rect {
  const col = L.brokers[b];
  return { x: col.x + 2, y: rowTop(L, row) + 2, w: col.w - 4, h: L.rowHeight - 4 };
}

/** Partition `row`'s accumulator queue in the producer column. */
export function producerRect(L: ClusterLayout, row: number): Rect {
  return { x: L.producer.x, y: rowTop(L, row) + 2, w: L.producer.w, h: L.rowHeight - 4 };
}

/** The log bar inside a cell: leaves room for the crown above and the numbers below. */
export function logBarRect(L: ClusterLayout, cell: Rect): Rect {
  const inset = L.compact ? 3 : 6;
  const barH = Math.max(6, Math.min(14, Math.round(cell.h * 0.36)));
  return { x: cell.x + inset, y: cell.y + Math.round((cell.h - barH) / 2) - (L.compact ? 0 : 3), w: Math.max(2, cell.w - 2 * inset), h: barH };
}

/** The offsets a partition's log bars show: [from, to]. */
export interface LogWindow {
  from: number;
  to: number;
}

/**
 * The part of a partition's logs worth drawing. Replicas differ only in their last few records
 * (a lagging follower, a leader's tail above the HW), which a bar from offset 0 squeezes into a
 * pixel; so the bars start a little before the lowest LEO / HW among the replicas, and show at least
 * the last 5% of the log. When the replicas are far apart (a broker that was down) it is all of it.
 */
export function logWindow(replicas: readonly { leo: number; hw: number }[]): LogWindow {
  let to = 0;
  let low = Infinity;
  for (const r of replicas) {
    to = Math.max(to, r.leo);
    low = Math.min(low, r.leo, r.hw);
  }
  if (!Number.isFinite(low) || to <= 0) return { from: 0, to: Math.max(0, to) };
  const spread = to - low;
  let from = low - Math.max(spread * 0.5, to * 0.05);
  if (from < to * 0.25) from = 0;
  return { from: Math.max(0, Math.floor(from)), to };
}

/** x of `offset` on a log bar showing the offsets of `w`. */
export function offsetX(bar: Rect, offset: number, w: LogWindow): number {
  const span = w.to - w.from;
  if (span <= 0) return bar.x;
  return bar.x + ((Math.max(w.from, Math.min(offset, w.to)) - w.from) / span) * bar.w;
}

/** Where batches leave the producer for partition `row` (right edge, row middle). */
export function producerOut(L: ClusterLayout, row: number): Point {
  return { x: L.producer.x + L.producer.w, y: rowTop(L, row) + L.rowHeight / 2 };
}

/** Where batches for partition `row` enter broker `b`'s cell. */
export function brokerIn(L: ClusterLayout, row: number, b: number): Point {
  const col = L.brokers[Math.max(0, Math.min(L.brokers.length - 1, b))];
  return { x: col.x + 4, y: rowTop(L, row) + L.rowHeight / 2 };
}

/** What a click at (x, y) points at: a partition row and/or a broker column. */
export function hitTest(L: ClusterLayout, x: number, y: number): { partition: number | null; broker: number | null } {
  const top = L.pad + L.headerHeight;
  const row = Math.floor((y - top) / L.rowHeight);
  const partition = y >= top && row >= 0 && row < L.rows ? row : null;
  let broker: number | null = null;
  for (let b = 0; b < L.brokers.length; b++) {
    const c = L.brokers[b];
    if (x >= c.x && x < c.x + c.w && y >= L.pad && y < top + L.rows * L.rowHeight) broker = b;
  }
  return { partition, broker };
}
