/**
 * The users × tracks play-count matrix, sparse (compressed rows): only the pairs with plays are
 * stored, as in the real thing (a user hears a few hundred of 100M tracks). `transpose` gives the
 * tracks × users view the item half-step walks.
 */
export interface PlayMatrix {
  rows: number;
  cols: number;
  /** row r's entries are at [rowStart[r], rowStart[r + 1]) */
  rowStart: Int32Array;
  /** column of each entry, ascending within a row */
  col: Int32Array;
  /** play count r_ui > 0 of each entry */
  count: Float64Array;
}

export interface PlayTriplet {
  row: number;
  col: number;
  count: number;
}

/** Build from (row, col, count) triplets in any order; duplicates add up, zero totals are dropped. */
export function fromTriplets(rows: number, cols: number, triplets: readonly PlayTriplet[]): PlayMatrix {
  const byRow: Map<number, number>[] = Array.from({ length: rows }, () => new Map());
  for (const t of triplets) {
    if (!(t.row >= 0 && t.row < rows && t.col >= 0 && t.col < cols)) throw new RangeError(`play (${t.row}, ${t.col}) outside ${rows} × ${cols}`);
    const m = byRow[t.row];
    m.set(t.col, (m.get(t.col) ?? 0) + t.count);
  }
  const rowStart = new Int32Array(rows + 1);
  let nnz = 0;
  for (let r = 0; r < rows; r++) {
    for (const v of byRow[r].values()) if (v > 0) nnz++;
    rowStart[r + 1] = nnz;
  }
  const col = new Int32Array(nnz);
  const count = new Float64Array(nnz);
  for (let r = 0; r < rows; r++) {
    const entries = [...byRow[r].entries()].filter(([, v]) => v > 0).sort((a, b) => a[0] - b[0]);
    let k = rowStart[r];
    for (const [c, v] of entries) {
      col[k] = c;
      count[k] = v;
      k++;
    }
  }
  return { rows, cols, rowStart, col, count };
}

export function transpose(m: PlayMatrix): PlayMatrix {
  const nnz = m.col.length;
  const rowStart = new Int32Array(m.cols + 1);
  for (let k = 0; k < nnz; k++) rowStart[m.col[k] + 1]++;
  for (let c = 0; c < m.cols; c++) rowStart[c + 1] += rowStart[c];
  const next = rowStart.slice(0, m.cols);
  const col = new Int32Array(nnz);
  const count = new Float64Array(nnz);
  for (let r = 0; r < m.rows; r++) {
    for (let k = m.rowStart[r]; k < m.rowStart[r + 1]; k++) {
      const slot = next[m.col[k]]++;
      col[slot] = r;
      count[slot] = m.count[k];
    }
  }
  return { rows: m.cols, cols: m.rows, rowStart, col, count };
}

export function entries(m: PlayMatrix): number {
  return m.col.length;
}

/** r_ui, 0 when the pair has no plays (binary search in the row). */
export function countAt(m: PlayMatrix, row: number, column: number): number {
  let lo = m.rowStart[row];
  let hi = m.rowStart[row + 1] - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = m.col[mid];
    if (c === column) return m.count[mid];
    if (c < column) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
}
