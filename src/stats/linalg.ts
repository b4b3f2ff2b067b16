// Small dense linear algebra for the statistics module (cold path: called once per test, not per tick).
//
// Contract: a Mat is COLUMN-MAJOR (element (i, j) at data[i + j * rows]) so a column is a contiguous
// Float64Array (subarray) — regressions work column by column. Everything is plain Float64Array code with
// no dependencies. Least squares use Householder QR (backward stable, no normal equations, so the
// t-statistics match numpy's SVD-based pinv to ~1e-12 on well-conditioned designs); symmetric eigenproblems
// use cyclic Jacobi (exact to rounding, fine for the <= 12 x 12 matrices of Johansen); the generalized
// symmetric problem A v = l B v reduces through the Cholesky factor of B.
// Rank-deficient designs throw (statsmodels' pinv would silently drop a direction; a collinear regressor
// in a stat-arb test is a data bug worth stopping on).

export interface Mat {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

export function zeros(rows: number, cols: number): Mat {
  return { rows, cols, data: new Float64Array(rows * cols) };
}

/** Column j as a view (no copy). */
export function col(m: Mat, j: number): Float64Array {
  return m.data.subarray(j * m.rows, (j + 1) * m.rows);
}

export function fromColumns(columns: readonly ArrayLike<number>[], rows?: number): Mat {
  const n = rows ?? (columns.length > 0 ? columns[0].length : 0);
  const m = zeros(n, columns.length);
  for (let j = 0; j < columns.length; j++) {
    const c = columns[j];
    if (c.length !== n) throw new Error(`column ${j} has ${c.length} rows, expected ${n}`);
    const off = j * n;
    for (let i = 0; i < n; i++) m.data[off + i] = c[i];
  }
  return m;
}

export function get(m: Mat, i: number, j: number): number {
  return m.data[i + j * m.rows];
}

/** A' B (both with the same row count). */
export function crossprod(a: Mat, b: Mat): Mat {
  if (a.rows !== b.rows) throw new Error('crossprod: row mismatch');
  const out = zeros(a.cols, b.cols);
  const n = a.rows;
  for (let i = 0; i < a.cols; i++) {
    const ai = i * n;
    for (let j = 0; j < b.cols; j++) {
      const bj = j * n;
      let s = 0;
      for (let r = 0; r < n; r++) s += a.data[ai + r] * b.data[bj + r];
      out.data[i + j * a.cols] = s;
    }
  }
  return out;
}

export function matmul(a: Mat, b: Mat): Mat {
  if (a.cols !== b.rows) throw new Error('matmul: shape mismatch');
  const out = zeros(a.rows, b.cols);
  for (let j = 0; j < b.cols; j++) {
    for (let k = 0; k < a.cols; k++) {
      const bkj = b.data[k + j * b.rows];
      if (bkj === 0) continue;
      const ak = k * a.rows;
      const oj = j * a.rows;
      for (let i = 0; i < a.rows; i++) out.data[oj + i] += a.data[ak + i] * bkj;
    }
  }
  return out;
}

export function transpose(a: Mat): Mat {
  const out = zeros(a.cols, a.rows);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) out.data[j + i * a.cols] = a.data[i + j * a.rows];
  return out;
}

export function scale(a: Mat, s: number): Mat {
  const out = zeros(a.rows, a.cols);
  for (let i = 0; i < a.data.length; i++) out.data[i] = a.data[i] * s;
  return out;
}

/**
 * Householder QR of an n x k matrix (n >= k), computed on a copy. `qr` holds R above the diagonal and the
 * Householder vectors on and below it; `rdiag` is R's diagonal; `vnorm2` each vector's squared norm.
 */
export interface QR {
  readonly n: number;
  readonly k: number;
  readonly qr: Float64Array;
  readonly rdiag: Float64Array;
  readonly vnorm2: Float64Array;
}

/** Relative size below which a pivot means the columns are (numerically) linearly dependent. */
const RANK_TOL = 1e-11;

export function qrFactor(a: Mat): QR {
  const n = a.rows;
  const k = a.cols;
  if (n < k) throw new Error(`least squares needs at least as many rows (${n}) as columns (${k})`);
  const q = Float64Array.from(a.data);
  const rdiag = new Float64Array(k);
  const vnorm2 = new Float64Array(k);
  // Column norms before elimination: the rank test compares each pivot with its own column's scale, so a
  // t^2 trend column next to a unit column does not look "dependent".
  const colNorm = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += q[i + j * n] * q[i + j * n];
    colNorm[j] = Math.sqrt(s);
  }
  for (let c = 0; c < k; c++) {
    const off = c * n;
    let s = 0;
    for (let i = c; i < n; i++) s += q[off + i] * q[off + i];
    const norm = Math.sqrt(s);
    if (!(norm > RANK_TOL * colNorm[c])) throw new Error(`singular design: column ${c} is linearly dependent on earlier columns`);
    const x0 = q[off + c];
    const alpha = x0 > 0 ? -norm : norm;
    q[off + c] = x0 - alpha;
    const vv = 2 * norm * (norm + Math.abs(x0));
    rdiag[c] = alpha;
    vnorm2[c] = vv;
    // Views keep the two inner loops to unit-stride, offset-free indexing (about 3x faster in V8).
    const v = q.subarray(off + c, off + n);
    const len = n - c;
    for (let j = c + 1; j < k; j++) {
      const w = q.subarray(j * n + c, j * n + n);
      let d = 0;
      for (let i = 0; i < len; i++) d += v[i] * w[i];
      const f = (2 * d) / vv;
      for (let i = 0; i < len; i++) w[i] -= f * v[i];
    }
  }
  return { n, k, qr: q, rdiag, vnorm2 };
}

/** y <- Q' y in place (y has n entries). */
export function applyQt(f: QR, y: Float64Array): void {
  const { n, k, qr, vnorm2 } = f;
  for (let c = 0; c < k; c++) {
    const v = qr.subarray(c * n + c, c * n + n);
    const w = y.subarray(c, n);
    const len = n - c;
    let d = 0;
    for (let i = 0; i < len; i++) d += v[i] * w[i];
    const g = (2 * d) / vnorm2[c];
    for (let i = 0; i < len; i++) w[i] -= g * v[i];
  }
}

/** Solve R b = (Q'y)[0..k) for the first `k` columns (a prefix of the factored design). */
export function backSolve(f: QR, qty: Float64Array, k: number = f.k): Float64Array {
  const { n, qr, rdiag } = f;
  const b = new Float64Array(k);
  for (let i = k - 1; i >= 0; i--) {
    let s = qty[i];
    for (let j = i + 1; j < k; j++) s -= qr[i + j * n] * b[j];
    b[i] = s / rdiag[i];
  }
  return b;
}

/** Diagonal of (R'R)^-1 = (X'X)^-1 for the first k columns: squared row norms of R^-1. */
export function xtxInvDiag(f: QR, k: number = f.k): Float64Array {
  const { n, qr, rdiag } = f;
  // Rinv is upper triangular; build it column by column (k is small: tens of columns).
  const rinv = new Float64Array(k * k);
  for (let j = 0; j < k; j++) {
    rinv[j + j * k] = 1 / rdiag[j];
    for (let i = j - 1; i >= 0; i--) {
      let s = 0;
      for (let m = i + 1; m <= j; m++) s += qr[i + m * n] * rinv[m + j * k];
      rinv[i + j * k] = -s / rdiag[i];
    }
  }
  const d = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let s = 0;
    for (let j = i; j < k; j++) s += rinv[i + j * k] * rinv[i + j * k];
    d[i] = s;
  }
  return d;
}

/** Residuals of the least-squares fit of every column of Y on X (Y - X pinv(X) Y). X may have 0 columns. */
export function residualize(y: Mat, x: Mat): Mat {
  if (x.cols === 0) return { rows: y.rows, cols: y.cols, data: Float64Array.from(y.data) };
  if (x.rows !== y.rows) throw new Error('residualize: row mismatch');
  const f = qrFactor(x);
  const out = zeros(y.rows, y.cols);
  const qty = new Float64Array(y.rows);
  for (let j = 0; j < y.cols; j++) {
    const yj = col(y, j);
    qty.set(yj);
    applyQt(f, qty);
    const b = backSolve(f, qty);
    const oj = col(out, j);
    for (let i = 0; i < y.rows; i++) {
      let fit = 0;
      for (let c = 0; c < x.cols; c++) fit += x.data[i + c * x.rows] * b[c];
      oj[i] = yj[i] - fit;
    }
  }
  return out;
}

/** Lower Cholesky factor L of a symmetric positive definite matrix (A = L L'). */
export function cholesky(a: Mat): Mat {
  const n = a.rows;
  if (a.cols !== n) throw new Error('cholesky: matrix is not square');
  const l = zeros(n, n);
  for (let j = 0; j < n; j++) {
    let s = a.data[j + j * n];
    for (let k = 0; k < j; k++) s -= l.data[j + k * n] * l.data[j + k * n];
    if (!(s > 0)) throw new Error('cholesky: matrix is not positive definite');
    const d = Math.sqrt(s);
    l.data[j + j * n] = d;
    for (let i = j + 1; i < n; i++) {
      let t = a.data[i + j * n];
      for (let k = 0; k < j; k++) t -= l.data[i + k * n] * l.data[j + k * n];
      l.data[i + j * n] = t / d;
    }
  }
  return l;
}

/** Inverse of a lower-triangular matrix. */
export function invLower(l: Mat): Mat {
  const n = l.rows;
  const out = zeros(n, n);
  for (let j = 0; j < n; j++) {
    out.data[j + j * n] = 1 / l.data[j + j * n];
    for (let i = j + 1; i < n; i++) {
      let s = 0;
      for (let k = j; k < i; k++) s += l.data[i + k * n] * out.data[k + j * n];
      out.data[i + j * n] = -s / l.data[i + i * n];
    }
  }
  return out;
}

/** Inverse of a symmetric positive definite matrix through its Cholesky factor. */
export function invSpd(a: Mat): Mat {
  const li = invLower(cholesky(a));
  return crossprod(li, li); // (L L')^-1 = L^-T L^-1 = (L^-1)' (L^-1)
}

export interface Eigen {
  /** Eigenvalues, in DESCENDING order. */
  readonly values: Float64Array;
  /** Column j is the eigenvector of values[j]. */
  readonly vectors: Mat;
}

/** Eigen-decomposition of a symmetric matrix by cyclic Jacobi rotations. */
export function symEigen(a: Mat): Eigen {
  const n = a.rows;
  if (a.cols !== n) throw new Error('symEigen: matrix is not square');
  const m = Float64Array.from(a.data);
  const v = zeros(n, n);
  for (let i = 0; i < n; i++) v.data[i + i * n] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let diag = 0;
    for (let p = 0; p < n; p++) {
      diag += m[p + p * n] * m[p + p * n];
      for (let q = p + 1; q < n; q++) off += m[p + q * n] * m[p + q * n];
    }
    if (off <= 1e-32 * diag || off === 0) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = m[p + q * n];
        if (apq === 0) continue;
        const app = m[p + p * n];
        const aqq = m[q + q * n];
        const theta = (aqq - app) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = m[k + p * n];
          const akq = m[k + q * n];
          m[k + p * n] = c * akp - s * akq;
          m[k + q * n] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = m[p + k * n];
          const aqk = m[q + k * n];
          m[p + k * n] = c * apk - s * aqk;
          m[q + k * n] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v.data[k + p * n];
          const vkq = v.data[k + q * n];
          v.data[k + p * n] = c * vkp - s * vkq;
          v.data[k + q * n] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => m[j + j * n] - m[i + i * n]);
  const values = new Float64Array(n);
  const vectors = zeros(n, n);
  order.forEach((src, dst) => {
    values[dst] = m[src + src * n];
    vectors.data.set(v.data.subarray(src * n, (src + 1) * n), dst * n);
  });
  return { values, vectors };
}

/**
 * Generalized symmetric-definite eigenproblem A v = l B v (A symmetric, B SPD). With B = L L',
 * C = L^-1 A L^-T is symmetric with the same eigenvalues, and v = L^-T w. The returned vectors satisfy
 * v' B v = 1; values are in descending order.
 */
export function symGenEigen(a: Mat, b: Mat): Eigen {
  const li = invLower(cholesky(b));
  const c = matmul(matmul(li, a), transpose(li));
  const n = c.rows;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const s = 0.5 * (c.data[i + j * n] + c.data[j + i * n]); // symmetrize rounding noise
      c.data[i + j * n] = s;
      c.data[j + i * n] = s;
    }
  }
  const e = symEigen(c);
  return { values: e.values, vectors: matmul(transpose(li), e.vectors) };
}
