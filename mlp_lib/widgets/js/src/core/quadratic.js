// The notes' footnote 1 model, as mlp_lib.QuadraticModel: h = sum_j theta_j^2 x_j^2.
import { meanSquaredCost, squaredLossGradient } from "./losses.js";

export class QuadraticModel {
  /** @param {number[]} theta shape (d) */
  constructor(theta) { this.theta = theta; }

  forward(X) { return X.map((x) => x.reduce((s, xj, j) => s + this.theta[j] ** 2 * xj ** 2, 0)); }

  cost(X, y) { return meanSquaredCost(this.forward(X), y); } // (1.2)

  /** {J, grads}: dJ/dtheta_j = sum_i (h_i - y_i)/n 2 theta_j x_ij^2. */
  costAndGradients(X, y) {
    const h = this.forward(X);
    const dh = squaredLossGradient(h, y); // (h - y) / n
    const grads = this.theta.map((t, j) => 2 * t * dh.reduce((s, g, i) => s + g * X[i][j] ** 2, 0));
    return { J: meanSquaredCost(h, y), grads };
  }

  /** theta - lr grad, eqs. (1.3)-(1.5), as a new model. */
  step(grads, lr) { return new QuadraticModel(this.theta.map((t, j) => t - lr * grads[j])); }

  isFinite() { return this.theta.every(Number.isFinite); }
}

/**
 * J(theta) of eq. (1.2) over a num x num grid of [-lim, lim]^2 (d = 2), as
 * mlp_lib's cost_grid: J[i][k] at theta = (t[k], t[i]).
 */
export function costGrid(X, y, lim = 2.5, num = 121) {
  const t = Array.from({ length: num }, (_, k) => -lim + (2 * lim * k) / (num - 1));
  const J = t.map((t2) => t.map((t1) => new QuadraticModel([t1, t2]).cost(X, y)));
  return { theta1: t, theta2: t, J };
}
