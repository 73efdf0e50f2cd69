// Least squares for the last layer of eq. (2.21): with beta fixed, J of eq. (1.2) is a convex
// quadratic in (W[r], b[r]), minimised by the least-squares solution of [Phi, 1] c = y, as
// mlp_lib.features.fit_last_layer does with numpy.linalg.lstsq.
//
// Method (LAPACK's xGELSY, a "complete orthogonal decomposition"), numerically sound without
// ever forming A^T A (whose condition number is the square of A's):
//   1. Householder QR with column pivoting, A P = Q [R11 R12; 0 R22]; the numerical rank k is
//      the number of diagonal entries |R_jj| above rcond |R_00| (R22 is rounding noise, dropped).
//   2. The minimiser of ||A x - y|| with the least ||x|| (numpy's answer when the problem has
//      many: a dead ReLU unit gives a zero column, two units that are straight lines over the
//      data give dependent columns) solves S z = c with S = [R11 R12] (k rows), c = (Q^T y)[:k],
//      z = P^T x. Its least-norm solution is z = Q2 w with S^T = Q2 R2 (a second Householder
//      QR) and R2^T w = c (forward substitution).
// A matrix is an array of rows, as everywhere in the core.

/** Machine epsilon of float64 (numpy.finfo(float).eps). */
const EPS = 2 ** -52;

/**
 * Householder QR of the columns `cols` (an array of N columns of length m, changed in place
 * into R's columns), with column pivoting if `pivot`. Returns {vs, perm}: the Householder
 * vectors (vs[j] acts on rows j..m-1; null where nothing was left to reflect) and the order
 * of the columns (column i of R is column perm[i] of the input).
 */
function householderQR(cols, m, pivot) {
  const perm = cols.map((_, i) => i);
  const vs = [];
  for (let j = 0; j < Math.min(m, cols.length); j++) {
    if (pivot) { // the remaining column with the largest norm (rows j..m-1) goes first
      let best = j;
      for (let c = j + 1; c < cols.length; c++) if (normFrom(cols[c], j) > normFrom(cols[best], j)) best = c;
      [cols[j], cols[best]] = [cols[best], cols[j]];
      [perm[j], perm[best]] = [perm[best], perm[j]];
    }
    const x = cols[j];
    const norm = normFrom(x, j);
    if (norm === 0) { vs.push(null); continue; }
    // H = I - 2 v v^T / (v^T v) maps x[j:] to alpha e_1; alpha's sign avoids cancellation in v.
    const alpha = x[j] > 0 ? -norm : norm;
    const v = x.slice(j);
    v[0] -= alpha;
    for (let c = j + 1; c < cols.length; c++) reflect(v, cols[c], j);
    x.fill(0, j + 1);
    x[j] = alpha;
    vs.push(v);
  }
  return { vs, perm };
}

/** ||x[j:]||, scaled against overflow and underflow (as BLAS's nrm2). */
function normFrom(x, j) {
  let scale = 0;
  for (let i = j; i < x.length; i++) scale = Math.max(scale, Math.abs(x[i]));
  if (scale === 0 || !Number.isFinite(scale)) return scale;
  let s = 0;
  for (let i = j; i < x.length; i++) s += (x[i] / scale) ** 2;
  return scale * Math.sqrt(s);
}

/** u[j:] := H u[j:] with H = I - 2 v v^T / (v^T v). */
function reflect(v, u, j) {
  let vv = 0, vu = 0;
  for (let i = 0; i < v.length; i++) { vv += v[i] * v[i]; vu += v[i] * u[j + i]; }
  const f = (2 * vu) / vv;
  for (let i = 0; i < v.length; i++) u[j + i] -= f * v[i];
}

/**
 * The least-squares solution of A x = y with the least norm, as numpy.linalg.lstsq(A, y,
 * rcond=None): {x, rank}. A: n rows of N numbers; y: n numbers. Singular values below
 * rcond times the largest count as zero; the rank test here uses |R_jj| <= rcond |R_00|
 * (pivoted QR's diagonal estimates them), with numpy's default rcond = eps max(n, N).
 */
export function lstsq(A, y, rcond = EPS * Math.max(A.length, A[0].length)) {
  const n = A.length, N = A[0].length;
  const cols = Array.from({ length: N }, (_, c) => A.map((row) => row[c]));
  const { vs, perm } = householderQR(cols, n, true); // A P = Q R
  const R00 = cols.length ? Math.abs(cols[0][0]) : 0;
  let k = 0;
  while (k < Math.min(n, N) && Math.abs(cols[k][k]) > rcond * R00) k++; // numerical rank
  const x = new Array(N).fill(0);
  if (k === 0) return { x, rank: 0 };

  const c = y.slice(); // c = Q^T y: the same reflections, in order
  vs.forEach((v, j) => { if (v) reflect(v, c, j); });

  // S^T (N x k): its columns are S's rows, [R11 R12] row by row.
  const St = Array.from({ length: k }, (_, i) => cols.map((col) => col[i]));
  const second = householderQR(St, N, false); // S^T = Q2 R2
  const w = new Array(N).fill(0);
  for (let i = 0; i < k; i++) { // R2^T w = c[:k]: R2^T is lower triangular, forward substitution
    let s = c[i];
    for (let l = 0; l < i; l++) s -= St[i][l] * w[l];
    w[i] = s / St[i][i];
  }
  for (let j = k - 1; j >= 0; j--) if (second.vs[j]) reflect(second.vs[j], w, j); // z = Q2 [w; 0]
  perm.forEach((col, i) => { x[col] = w[i]; }); // x = P z
  return { x, rank: k };
}
