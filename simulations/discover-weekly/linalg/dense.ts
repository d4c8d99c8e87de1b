/**
 * Small dense linear algebra for f × f systems (f ≤ 64): row-major Float64Arrays, Cholesky
 * factorisation and solve, and a partial-pivot Gaussian elimination used as the independent
 * "naive" reference. Only + − × ÷ and sqrt, which IEEE 754 defines exactly, so Node and every
 * browser get the same bits (same seed ⇒ same factors).
 */

/** A square f × f matrix, row-major. */
export type SquareMatrix = Float64Array;

/** a := a + w · v vᵀ on the lower triangle only (the solves read nothing else). */
export function addWeightedOuterLower(a: SquareMatrix, f: number, v: Float64Array, offset: number, w: number): void {
  for (let r = 0; r < f; r++) {
    const wr = w * v[offset + r];
    if (wr === 0) continue;
    const row = r * f;
    for (let c = 0; c <= r; c++) a[row + c] += wr * v[offset + c];
  }
}

/** Copy the lower triangle onto the upper one (after accumulating on the lower triangle only). */
export function symmetrizeFromLower(a: SquareMatrix, f: number): void {
  for (let r = 0; r < f; r++) for (let c = 0; c < r; c++) a[c * f + r] = a[r * f + c];
}

/**
 * Gram matrix VᵀV of `rows` vectors of length f stored back to back in `v` (full, symmetric).
 * O(rows · f²): the YᵀY that every user solve of a half-step shares.
 */
export function gram(v: Float64Array, rows: number, f: number, out: SquareMatrix = new Float64Array(f * f)): SquareMatrix {
  out.fill(0);
  for (let k = 0; k < rows; k++) addWeightedOuterLower(out, f, v, k * f, 1);
  symmetrizeFromLower(out, f);
  return out;
}

/**
 * In-place Cholesky factorisation A = L Lᵀ of a symmetric positive-definite matrix, reading the
 * lower triangle and leaving L there. Returns false if A is not positive definite.
 */
export function choleskyInPlace(a: SquareMatrix, f: number): boolean {
  for (let j = 0; j < f; j++) {
    const rowJ = j * f;
    let d = a[rowJ + j];
    for (let k = 0; k < j; k++) d -= a[rowJ + k] * a[rowJ + k];
    if (!(d > 0)) return false;
    const ljj = Math.sqrt(d);
    a[rowJ + j] = ljj;
    for (let i = j + 1; i < f; i++) {
      const rowI = i * f;
      let s = a[rowI + j];
      for (let k = 0; k < j; k++) s -= a[rowI + k] * a[rowJ + k];
      a[rowI + j] = s / ljj;
    }
  }
  return true;
}

/** Solve L Lᵀ x = b with the factor from choleskyInPlace; b is overwritten with x. */
export function choleskySolveInPlace(l: SquareMatrix, f: number, b: Float64Array, offset = 0): void {
  for (let i = 0; i < f; i++) {
    let s = b[offset + i];
    const row = i * f;
    for (let k = 0; k < i; k++) s -= l[row + k] * b[offset + k];
    b[offset + i] = s / l[row + i];
  }
  for (let i = f - 1; i >= 0; i--) {
    let s = b[offset + i];
    for (let k = i + 1; k < f; k++) s -= l[k * f + i] * b[offset + k];
    b[offset + i] = s / l[i * f + i];
  }
}

/**
 * Solve A x = b by Gaussian elimination with partial pivoting on copies (A full, not only its
 * lower triangle). The reference the Cholesky path is checked against: a different algorithm.
 */
export function gaussianSolve(a: SquareMatrix, f: number, b: Float64Array): Float64Array {
  const m = Float64Array.from(a);
  const x = Float64Array.from(b);
  for (let col = 0; col < f; col++) {
    let pivot = col;
    for (let r = col + 1; r < f; r++) if (Math.abs(m[r * f + col]) > Math.abs(m[pivot * f + col])) pivot = r;
    if (m[pivot * f + col] === 0) throw new RangeError('gaussianSolve: singular matrix');
    if (pivot !== col) {
      for (let c = 0; c < f; c++) {
        const t = m[col * f + c];
        m[col * f + c] = m[pivot * f + c];
        m[pivot * f + c] = t;
      }
      const t = x[col];
      x[col] = x[pivot];
      x[pivot] = t;
    }
    for (let r = col + 1; r < f; r++) {
      const factor = m[r * f + col] / m[col * f + col];
      if (factor === 0) continue;
      for (let c = col; c < f; c++) m[r * f + c] -= factor * m[col * f + c];
      x[r] -= factor * x[col];
    }
  }
  for (let r = f - 1; r >= 0; r--) {
    let s = x[r];
    for (let c = r + 1; c < f; c++) s -= m[r * f + c] * x[c];
    x[r] = s / m[r * f + r];
  }
  return x;
}

/** max_i |(A x − b)_i| for a full matrix A. */
export function residualMax(a: SquareMatrix, f: number, x: Float64Array, b: Float64Array): number {
  let worst = 0;
  for (let r = 0; r < f; r++) {
    let s = -b[r];
    for (let c = 0; c < f; c++) s += a[r * f + c] * x[c];
    worst = Math.max(worst, Math.abs(s));
  }
  return worst;
}

/** u · v over f entries at the given offsets. */
export function dot(u: Float64Array, uOffset: number, v: Float64Array, vOffset: number, f: number): number {
  let s = 0;
  for (let k = 0; k < f; k++) s += u[uOffset + k] * v[vOffset + k];
  return s;
}
