// A single neuron, eqs. (2.1)-(2.2), as mlp_lib.SingleNeuron with d = 1: h = sigma(w x + b).
import { getActivation } from "./activations.js";
import { meanSquaredCost, squaredLossGradient } from "./losses.js";

export class SingleNeuron {
  constructor(w, b, activation = "relu") {
    [this.sigma, this.sigmaDerivative] = getActivation(activation);
    this.w = w;
    this.b = b;
    this.activation = activation;
  }

  /** h for every x (a list of numbers: the houses' sizes). */
  forward(x) { return x.map((xi) => this.sigma(this.w * xi + this.b)); } // (2.1)

  /** J(w, b) of eq. (1.2). */
  cost(x, y) { return meanSquaredCost(this.forward(x), y); } // (1.2)

  /** {J, grads: {w, b}}: dJ/dz = (h - y)/n sigma'(z), then dJ/dw = sum dz x, dJ/db = sum dz. */
  costAndGradients(x, y) {
    const z = x.map((xi) => this.w * xi + this.b); // (2.1), before the activation
    const h = z.map(this.sigma);
    const dz = squaredLossGradient(h, y).map((g, i) => g * this.sigmaDerivative(z[i]));
    const w = dz.reduce((s, d, i) => s + d * x[i], 0);
    const b = dz.reduce((s, d) => s + d, 0);
    return { J: meanSquaredCost(h, y), grads: { w, b } };
  }

  /** (w, b) - lr (dJ/dw, dJ/db), eqs. (1.3)-(1.5), as a new neuron. */
  step(grads, lr) { return new SingleNeuron(this.w - lr * grads.w, this.b - lr * grads.b, this.activation); }

  isFinite() { return Number.isFinite(this.w) && Number.isFinite(this.b); }

  /** True when dJ/dw and dJ/db are exactly 0: a ReLU that outputs 0 on every example ("dead"). */
  isDead(x, y) {
    const { grads } = this.costAndGradients(x, y);
    return grads.w === 0 && grads.b === 0;
  }
}
