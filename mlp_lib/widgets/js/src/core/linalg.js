// The few matrix operations the models need. A matrix is an array of rows (arrays of
// numbers): X[i] is example i, as in numpy with examples as rows.

/** A @ W^T + b: row i is W a_i + b, eq. (2.9) for every row a_i of A at once. */
export function affine(A, W, b) {
  return A.map((a) => W.map((w, j) => dot(w, a) + b[j]));
}

export function dot(u, v) {
  let s = 0;
  for (let i = 0; i < u.length; i++) s += u[i] * v[i];
  return s;
}

/** Apply f to every entry of a matrix. */
export function mapMatrix(M, f) { return M.map((row) => row.map(f)); }

/** Entry-by-entry product of two matrices of one shape. */
export function multiply(A, B) { return A.map((row, i) => row.map((v, j) => v * B[i][j])); }

/** dZ^T A: shape (columns of dZ, columns of A); the weight gradient of one layer. */
export function transposeTimes(dZ, A) {
  const m = dZ[0].length, mPrev = A[0].length;
  const G = Array.from({ length: m }, () => new Array(mPrev).fill(0));
  for (let i = 0; i < dZ.length; i++) {
    for (let j = 0; j < m; j++) {
      const d = dZ[i][j];
      for (let l = 0; l < mPrev; l++) G[j][l] += d * A[i][l];
    }
  }
  return G;
}

/** dZ W: shape (rows of dZ, columns of W); the gradient passed back to the layer below. */
export function times(dZ, W) {
  return dZ.map((d) => W[0].map((_, l) => d.reduce((s, dj, j) => s + dj * W[j][l], 0)));
}

/** The sum of a matrix's rows: one number per column. */
export function columnSums(M) {
  const s = new Array(M[0].length).fill(0);
  for (const row of M) row.forEach((v, j) => { s[j] += v; });
  return s;
}

/** True when every number in a (nested) array is finite. */
export function allFinite(x) {
  return Array.isArray(x) || ArrayBuffer.isView(x)
    ? Array.prototype.every.call(x, allFinite)
    : Number.isFinite(x);
}
