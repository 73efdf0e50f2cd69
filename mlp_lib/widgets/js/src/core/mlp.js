// The fully-connected network of eqs. (2.12)-(2.13), as mlp_lib.MLP: layer k has W[k] of
// shape (m_k, m_{k-1}) and b[k] of shape (m_k), k = 1..r (index 0 unused, as in the notes).
// Examples are the rows of X. The parameters come from mlp_lib (seeded); nothing here draws them.
//
// The parameters live in one flat Float64Array, theta, in mlp_lib's order (W[1] row by row,
// b[1], W[2], ...), and every layer's values in flat matrices (linalg.js): training takes a
// step in one loop over theta and allocates no arrays of arrays. For reading, W and b give
// the parameters as nested arrays (W[k][j][i]), and layers() and backprop() their values as
// rows, one per example.
import { getActivation } from "./activations.js";
import { affine, allFinite, columnSums, fromRows, mapEntries, multiply, times, toRows, transposeTimes } from "./linalg.js";
import { meanSquaredCost } from "./losses.js";

/** Where each W[k] and b[k] starts in theta: {W: [null, offset...], b: [null, offset...], size}. */
function layout(sizes) {
  const W = [null], b = [null];
  let at = 0;
  for (let k = 1; k < sizes.length; k++) {
    W.push(at);
    at += sizes[k] * sizes[k - 1];
    b.push(at);
    at += sizes[k];
  }
  return { W, b, size: at };
}

export class MLP {
  /**
   * @param {number[]} sizes [d, m_1, ..., m_r]
   * @param {string} activation the hidden layers' sigma
   * @param {Float64Array} theta every parameter, in mlp_lib's order (see MLP.fromJSON for W and b)
   */
  constructor(sizes, activation, theta) {
    [this.sigma, this.sigmaDerivative] = getActivation(activation);
    this.sizes = sizes;
    this.activation = activation;
    this.r = sizes.length - 1;
    this.at = layout(sizes);
    if (!(theta instanceof Float64Array) || theta.length !== this.at.size) {
      throw new Error(`theta must be a Float64Array of ${this.at.size} numbers for sizes [${sizes.join(", ")}].`);
    }
    this.theta = theta;
  }

  /** From mlp_lib's to_json form {sizes, activation, W: [W1, ..., Wr], b: [b1, ..., br]} (nested lists). */
  static fromJSON({ sizes, activation, W, b }) {
    const at = layout(sizes);
    const theta = new Float64Array(at.size);
    for (let k = 1; k < sizes.length; k++) {
      theta.set(fromRows(W[k - 1], sizes[k - 1]), at.W[k]);
      theta.set(b[k - 1], at.b[k]);
    }
    return new MLP(sizes, activation, theta);
  }

  /** W[k] as it sits in theta: flat, m_k x m_{k-1} (a view: writing to it writes theta). */
  flatW(k) { return this.theta.subarray(this.at.W[k], this.at.b[k]); }

  /** b[k] as it sits in theta (a view). */
  flatb(k) { return this.theta.subarray(this.at.b[k], this.at.b[k] + this.sizes[k]); }

  /** W[1..r] as nested arrays, W[k][j][i] (W[0] is null): a copy to read. */
  get W() { return [null, ...this.sizes.slice(1).map((m, i) => toRows(this.flatW(i + 1), m, this.sizes[i]))]; }

  /** b[1..r] as arrays (b[0] is null): a copy to read. */
  get b() { return [null, ...this.sizes.slice(1).map((_, i) => Array.from(this.flatb(i + 1)))]; }

  /** The forward pass on a flat X (n x d): Z[k], A[k] flat, A[0] = X. */
  forwardFlat(X, n) {
    const Z = [null], A = [X];
    for (let k = 1; k <= this.r; k++) {
      Z[k] = affine(A[k - 1], this.flatW(k), this.flatb(k), n, this.sizes[k - 1], this.sizes[k]); // (2.9)
      A[k] = k < this.r ? mapEntries(Z[k], this.sigma) : Z[k]; // (2.13); last layer linear (2.12)
    }
    return { Z, A };
  }

  /** The pre-activations Z[k] and activations A[k] of every layer, one row per example; A[0] = X. */
  layers(X) {
    const { Z, A } = this.forwardFlat(fromRows(X, this.sizes[0]), X.length);
    const rows = (M, k) => toRows(M, X.length, this.sizes[k]);
    return { Z: Z.map((M, k) => (k === 0 ? null : rows(M, k))), A: [X, ...A.slice(1).map((M, k) => rows(M, k + 1))] };
  }

  /** h_theta(x) for every row of X: n numbers when m_r = 1 (eq. 2.12), else rows of m_r. */
  forward(X) {
    const H = this.forwardFlat(fromRows(X, this.sizes[0]), X.length).A[this.r];
    return this.sizes[this.r] === 1 ? Array.from(H) : toRows(H, X.length, this.sizes[this.r]);
  }

  /** The mean cost J of eq. (1.2) (m_r = 1). */
  cost(X, y) { return meanSquaredCost(this.forwardFlat(fromRows(X, this.sizes[0]), X.length).A[this.r], y); } // (1.2)

  /**
   * Backpropagation on a flat X (n x d), every value flat: {Z, A, J, dZ, dA, gradW, gradb},
   * indexed by layer k as in the notes. dA[0] = dJ/dX only if inputGradient.
   */
  backpropFlat(X, n, y, inputGradient = false) {
    const { Z, A } = this.forwardFlat(X, n); // (2.9), (2.13), (2.12)
    const r = this.r, m = this.sizes;
    const J = meanSquaredCost(A[r], y); // (1.2): A[r] is h, one number per example
    const dZ = new Array(r + 1).fill(null), dA = new Array(r + 1).fill(null);
    const gradW = [null], gradb = [null];
    dZ[r] = A[r].map((h, i) => (h - y[i]) / n); // (BP1) dJ/dz[r] = (h - y) / n: layer r is linear
    for (let k = r; k >= 1; k--) {
      if (k < r) dZ[k] = multiply(dA[k], mapEntries(Z[k], this.sigmaDerivative)); // (BP5) dJ/da[k] * sigma'(z[k])
      gradW[k] = transposeTimes(dZ[k], A[k - 1], n, m[k], m[k - 1]); // (BP2) dJ/dW[k] = dz[k]^T a[k-1]
      gradb[k] = columnSums(dZ[k], n, m[k]); // (BP3) dJ/db[k]: the sum of dz[k] over examples
      if (k > 1 || inputGradient) dA[k - 1] = times(dZ[k], this.flatW(k), n, m[k], m[k - 1]); // (BP4) dJ/da[k-1] = dz[k] W[k]
    }
    return { Z, A, J, dZ, dA, gradW, gradb };
  }

  /**
   * Backpropagation, every value it computes (as mlp_lib's MLP.backprop): {Z, A, h, J, dZ, dA,
   * gradW, gradb}, indexed by layer k as in the notes; Z[k], A[k], dZ[k], dA[k] have a row per
   * example. dA[0] = dJ/dX only if inputGradient. (BP1)-(BP5): the chapter "Backpropagation, a preview".
   */
  backprop(X, y, inputGradient = false) {
    const n = X.length, m = this.sizes;
    const v = this.backpropFlat(fromRows(X, m[0]), n, y, inputGradient);
    const rows = (list) => list.map((M, k) => (M === null ? null : toRows(M, n, m[k])));
    return {
      Z: rows(v.Z), A: [X, ...rows(v.A).slice(1)],
      h: Array.from(v.A[this.r]), J: v.J, dZ: rows(v.dZ), dA: rows(v.dA),
      gradW: v.gradW.map((G, k) => (k === 0 ? null : toRows(G, m[k], m[k - 1]))),
      gradb: v.gradb.map((g) => (g === null ? null : Array.from(g))),
    };
  }

  /** J (1.2) and its gradient by backpropagation: {J, grads}, grads laid out as theta. */
  costAndGradients(X, y) {
    const { J, gradW, gradb } = this.backpropFlat(fromRows(X, this.sizes[0]), X.length, y);
    const grads = new Float64Array(this.theta.length);
    for (let k = 1; k <= this.r; k++) {
      grads.set(gradW[k], this.at.W[k]);
      grads.set(gradb[k], this.at.b[k]);
    }
    return { J, grads };
  }

  /** theta - lr * grad, eqs. (1.3)-(1.5), as a new network (this one is kept). */
  step(grads, lr) {
    const theta = new Float64Array(this.theta.length);
    for (let i = 0; i < theta.length; i++) theta[i] = this.theta[i] - lr * grads[i]; // (1.3)-(1.5)
    return new MLP(this.sizes, this.activation, theta);
  }

  isFinite() { return allFinite(this.theta); }

  /** mlp_lib's to_json form: {sizes, activation, W: [W1, ..., Wr], b: [b1, ..., br]} (plain arrays). */
  toJSON() {
    return { sizes: this.sizes, activation: this.activation, W: this.W.slice(1), b: this.b.slice(1) };
  }
}
