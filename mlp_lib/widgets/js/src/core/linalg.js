// The few matrix operations the models need. A matrix here is flat: a Float64Array holding its
// rows one after the other (row-major, as numpy stores X), its shape given beside it: entry
// (i, j) of an n x p matrix M is M[i * p + j], and row i is example i, as in numpy with
// examples as rows. Plain loops over typed arrays, no callbacks and no arrays of arrays:
// training runs these thousands of times per second in the page (chapter 6's deepest network
// trains about twice as fast as on arrays of rows: benchmarks/bench_explorers.py).
// Each sum adds its terms in the textbook order (over l, over i, over j, from 0): the loops only
// interleave independent sums, so every number is what the plain triple loop gives, bit for bit.
// A term whose factor is exactly 0 (a ReLU that is off, its gradient) is skipped: it would add
// +-0 and change nothing (the parameters are always finite; training stops before they are not).

/** The rows of a nested matrix (n arrays of p numbers) as one flat matrix. */
export function fromRows(rows, p = rows.length ? rows[0].length : 0) {
  const M = new Float64Array(rows.length * p);
  for (let i = 0; i < rows.length; i++) for (let l = 0; l < p; l++) M[i * p + l] = rows[i][l];
  return M;
}

/** A flat n x p matrix as n plain arrays of p numbers (for reading, drawing, JSON). */
export function toRows(M, n, p) {
  const rows = new Array(n);
  for (let i = 0; i < n; i++) rows[i] = Array.from(M.subarray(i * p, (i + 1) * p));
  return rows;
}

/** A W^T + b: row i is W a_i + b, eq. (2.9) for every row a_i of A at once. A: n x p, W: m x p,
 * b: m; returns Z, n x m. */
export function affine(A, W, b, n, p, m) {
  const Z = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    const a = i * p;
    let j = 0;
    for (; j + 3 < m; j += 4) { // four dot products side by side: four sums that do not wait on each other
      const w0 = j * p, w1 = w0 + p, w2 = w1 + p, w3 = w2 + p;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let l = 0; l < p; l++) {
        const x = A[a + l];
        if (x === 0) continue; // a ReLU that is off adds nothing
        s0 += W[w0 + l] * x; s1 += W[w1 + l] * x; s2 += W[w2 + l] * x; s3 += W[w3 + l] * x;
      }
      Z[i * m + j] = s0 + b[j]; Z[i * m + j + 1] = s1 + b[j + 1];
      Z[i * m + j + 2] = s2 + b[j + 2]; Z[i * m + j + 3] = s3 + b[j + 3];
    }
    for (; j < m; j++) { // the last m mod 4: w_j . a_i + b_j
      let s = 0;
      for (let l = 0; l < p; l++) s += W[j * p + l] * A[a + l];
      Z[i * m + j] = s + b[j];
    }
  }
  return Z;
}

/** dZ^T A: dZ n x m, A n x p; returns m x p, the weight gradient of one layer: the sum over
 * examples i of dZ[i][j] A[i][l], added in the order i = 0, 1, ... */
export function transposeTimes(dZ, A, n, m, p) {
  const G = new Float64Array(m * p);
  let i = 0;
  for (; i + 1 < n; i += 2) { // two examples at a time: G is read and written half as often
    const a0 = i * p, a1 = a0 + p;
    for (let j = 0; j < m; j++) {
      const d0 = dZ[i * m + j], d1 = dZ[(i + 1) * m + j], g = j * p;
      if (d0 === 0 && d1 === 0) continue; // no gradient through these units (ReLU' = 0)
      for (let l = 0; l < p; l++) G[g + l] = (G[g + l] + d0 * A[a0 + l]) + d1 * A[a1 + l];
    }
  }
  for (; i < n; i++) {
    for (let j = 0; j < m; j++) {
      const d = dZ[i * m + j], g = j * p;
      for (let l = 0; l < p; l++) G[g + l] += d * A[i * p + l];
    }
  }
  return G;
}

/** dZ W: dZ n x m, W m x p; returns n x p, the gradient passed back to the layer below: row i
 * is the sum over j of dZ[i][j] W[j], added in the order j = 0, 1, ... */
export function times(dZ, W, n, m, p) {
  const out = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    const o = i * p, d = i * m;
    let j = 0;
    for (; j + 1 < m; j += 2) { // two rows of W at a time: the row of out is read and written half as often
      const d0 = dZ[d + j], d1 = dZ[d + j + 1], w0 = j * p, w1 = w0 + p;
      if (d0 === 0 && d1 === 0) continue; // no gradient through these units
      for (let l = 0; l < p; l++) out[o + l] = (out[o + l] + d0 * W[w0 + l]) + d1 * W[w1 + l];
    }
    for (; j < m; j++) {
      const dj = dZ[d + j], w = j * p;
      for (let l = 0; l < p; l++) out[o + l] += dj * W[w + l];
    }
  }
  return out;
}

/** The sum of the rows of an n x m matrix: one number per column. */
export function columnSums(M, n, m) {
  const s = new Float64Array(m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) s[j] += M[i * m + j];
  return s;
}

/** f of every entry (any shape). */
export function mapEntries(M, f) {
  const out = new Float64Array(M.length);
  for (let i = 0; i < M.length; i++) out[i] = f(M[i]);
  return out;
}

/** Entry-by-entry product of two matrices of one shape. */
export function multiply(A, B) {
  const out = new Float64Array(A.length);
  for (let i = 0; i < A.length; i++) out[i] = A[i] * B[i];
  return out;
}

/** True when every entry is finite. */
export function allFinite(M) {
  for (let i = 0; i < M.length; i++) if (!Number.isFinite(M[i])) return false;
  return true;
}

/** f of every entry of a nested matrix (rows of numbers), as nested rows: for what a reader sees. */
export function mapMatrix(rows, f) {
  return rows.map((row) => row.map((v) => f(v)));
}
