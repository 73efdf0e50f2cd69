// The fully-connected network of eqs. (2.12)-(2.13), as mlp_lib.MLP: layer k has W[k] of
// shape (m_k, m_{k-1}) and b[k] of shape (m_k), k = 1..r (index 0 unused, as in the notes).
// Examples are the rows of X. The parameters come from mlp_lib (seeded); nothing here draws them.
import { getActivation } from "./activations.js";
import { affine, allFinite, columnSums, mapMatrix, multiply, times, transposeTimes } from "./linalg.js";
import { meanSquaredCost } from "./losses.js";

export class MLP {
  /**
   * @param {number[]} sizes [d, m_1, ..., m_r]
   * @param {string} activation the hidden layers' sigma
   * @param {number[][][]} W W[1..r] (W[0] is ignored), W[k][j][i]
   * @param {number[][]} b b[1..r] (b[0] is ignored)
   */
  constructor(sizes, activation, W, b) {
    [this.sigma, this.sigmaDerivative] = getActivation(activation);
    this.sizes = sizes;
    this.activation = activation;
    this.r = sizes.length - 1;
    this.W = W;
    this.b = b;
  }

  /** From mlp_lib's to_json form {sizes, activation, W: [W1, ..., Wr], b: [b1, ..., br]}. */
  static fromJSON({ sizes, activation, W, b }) {
    return new MLP(sizes, activation, [null, ...W], [null, ...b]);
  }

  /** The pre-activations Z[k] and activations A[k] of every layer; A[0] = X. */
  layers(X) {
    const Z = [null], A = [X];
    for (let k = 1; k <= this.r; k++) {
      Z[k] = affine(A[k - 1], this.W[k], this.b[k]); // (2.9), one row per example
      A[k] = k < this.r ? mapMatrix(Z[k], this.sigma) : Z[k]; // (2.13); last layer linear (2.12)
    }
    return { Z, A };
  }

  /** h_theta(x) for every row of X: n numbers when m_r = 1 (eq. 2.12), else rows of m_r. */
  forward(X) {
    const H = this.layers(X).A[this.r];
    return this.sizes[this.r] === 1 ? H.map((h) => h[0]) : H;
  }

  /** The mean cost J of eq. (1.2) (m_r = 1). */
  cost(X, y) { return meanSquaredCost(this.forward(X), y); } // (1.2)

  /**
   * Backpropagation, every value it computes (as mlp_lib's MLP.backprop): {Z, A, h, J, dZ, dA,
   * gradW, gradb}, indexed by layer k as in the notes; Z[k], A[k], dZ[k], dA[k] have a row per
   * example. dA[0] = dJ/dX only if inputGradient. (BP1)-(BP5): the chapter "Backpropagation, a preview".
   */
  backprop(X, y, inputGradient = false) {
    const { Z, A } = this.layers(X); // (2.9), (2.13), (2.12)
    const r = this.r, n = X.length;
    const h = A[r].map((row) => row[0]);
    const J = meanSquaredCost(h, y); // (1.2)
    const dZ = new Array(r + 1).fill(null), dA = new Array(r + 1).fill(null);
    const gradW = [null], gradb = [null];
    dZ[r] = A[r].map((row, i) => [(row[0] - y[i]) / n]); // (BP1) dJ/dz[r] = (h - y) / n: layer r is linear
    for (let k = r; k >= 1; k--) {
      if (k < r) dZ[k] = multiply(dA[k], mapMatrix(Z[k], this.sigmaDerivative)); // (BP5) dJ/da[k] * sigma'(z[k])
      gradW[k] = transposeTimes(dZ[k], A[k - 1]); // (BP2) dJ/dW[k] = dz[k]^T a[k-1]
      gradb[k] = columnSums(dZ[k]); // (BP3) dJ/db[k]: the sum of dz[k] over examples
      if (k > 1 || inputGradient) dA[k - 1] = times(dZ[k], this.W[k]); // (BP4) dJ/da[k-1] = dz[k] W[k]
    }
    return { Z, A, h, J, dZ, dA, gradW, gradb };
  }

  /** J (1.2) and its gradient by backpropagation: {J, grads: {W, b}}, indexed like W and b. */
  costAndGradients(X, y) {
    const { J, gradW, gradb } = this.backprop(X, y);
    return { J, grads: { W: gradW, b: gradb } };
  }

  /** theta - lr * grad, eqs. (1.3)-(1.5), as a new network (this one is kept). */
  step(grads, lr) {
    const W = this.W.map((Wk, k) => (k === 0 ? null : Wk.map((row, j) => row.map((w, i) => w - lr * grads.W[k][j][i]))));
    const b = this.b.map((bk, k) => (k === 0 ? null : bk.map((v, j) => v - lr * grads.b[k][j])));
    return new MLP(this.sizes, this.activation, W, b);
  }

  isFinite() { return allFinite(this.W.slice(1)) && allFinite(this.b.slice(1)); }

  toJSON() {
    return { sizes: this.sizes, activation: this.activation, W: this.W.slice(1), b: this.b.slice(1) };
  }
}
