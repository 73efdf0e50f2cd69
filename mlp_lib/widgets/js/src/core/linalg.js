// The few matrix operations the models need. A matrix is an array of rows (arrays of
// numbers): X[i] is example i, as in numpy with examples as rows. Plain loops, no
// callbacks: training runs these thousands of times per second in the page.

/** A @ W^T + b: row i is W a_i + b, eq. (2.9) for every row a_i of A at once. */
export function affine(A, W, b) {
  const Z = new Array(A.length);
  for (let i = 0; i < A.length; i++) {
    const a = A[i], z = new Array(W.length);
    for (let j = 0; j < W.length; j++) z[j] = dot(W[j], a) + b[j];
    Z[i] = z;
  }
  return Z;
}

export function dot(u, v) {
  let s = 0;
  for (let i = 0; i < u.length; i++) s += u[i] * v[i];
  return s;
}

/** Apply f to every entry of a matrix. */
export function mapMatrix(M, f) {
  const out = new Array(M.length);
  for (let i = 0; i < M.length; i++) {
    const row = M[i], r = new Array(row.length);
    for (let j = 0; j < row.length; j++) r[j] = f(row[j]);
    out[i] = r;
  }
  return out;
}

/** Entry-by-entry product of two matrices of one shape. */
export function multiply(A, B) {
  const out = new Array(A.length);
  for (let i = 0; i < A.length; i++) {
    const a = A[i], b = B[i], r = new Array(a.length);
    for (let j = 0; j < a.length; j++) r[j] = a[j] * b[j];
    out[i] = r;
  }
  return out;
}

/** dZ^T A: shape (columns of dZ, columns of A); the weight gradient of one layer. */
export function transposeTimes(dZ, A) {
  const m = dZ[0].length, mPrev = A[0].length;
  const G = Array.from({ length: m }, () => new Array(mPrev).fill(0));
  for (let i = 0; i < dZ.length; i++) {
    const d = dZ[i], a = A[i];
    for (let j = 0; j < m; j++) {
      const dj = d[j], g = G[j];
      for (let l = 0; l < mPrev; l++) g[l] += dj * a[l];
    }
  }
  return G;
}

/** dZ W: shape (rows of dZ, columns of W); the gradient passed back to the layer below. */
export function times(dZ, W) {
  const cols = W[0].length, out = new Array(dZ.length);
  for (let i = 0; i < dZ.length; i++) {
    const d = dZ[i], r = new Array(cols).fill(0);
    for (let j = 0; j < W.length; j++) {
      const dj = d[j], w = W[j];
      for (let l = 0; l < cols; l++) r[l] += dj * w[l];
    }
    out[i] = r;
  }
  return out;
}

/** The sum of a matrix's rows: one number per column. */
export function columnSums(M) {
  const s = new Array(M[0].length).fill(0);
  for (const row of M) for (let j = 0; j < row.length; j++) s[j] += row[j];
  return s;
}

/** True when every number in a (nested) array is finite. */
export function allFinite(x) {
  if (typeof x === "number") return Number.isFinite(x);
  for (let i = 0; i < x.length; i++) if (!allFinite(x[i])) return false;
  return true;
}
