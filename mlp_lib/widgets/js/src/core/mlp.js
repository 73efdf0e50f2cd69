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

  /** Backpropagation: {J, gradW, gradb}, indexed like W and b, the gradient of J (1.2). */
  costAndGradients(X, y) {
    const { Z, A } = this.layers(X);
    const n = X.length;
    const h = A[this.r].map((row) => row[0]);
    const J = meanSquaredCost(h, y); // (1.2)
    let dZ = A[this.r].map((row, i) => [(row[0] - y[i]) / n]); // dJ/dh = (h - y) / n
    const gradW = [null], gradb = [null];
    for (let k = this.r; k >= 1; k--) {
      gradW[k] = transposeTimes(dZ, A[k - 1]); // dJ/dW[k] = dZ^T a[k-1]
      gradb[k] = columnSums(dZ); // dJ/db[k]
      if (k > 1) {
        const dA = times(dZ, this.W[k]); // dJ/da[k-1]
        dZ = multiply(dA, mapMatrix(Z[k - 1], this.sigmaDerivative)); // dJ/dz[k-1]
      }
    }
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
