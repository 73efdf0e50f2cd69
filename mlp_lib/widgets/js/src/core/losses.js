// The least-squares cost of Section 1, as in mlp_lib/losses.py.

/** Per-example cost, eq. (1.1): J^(i) = 1/2 (h - y)^2. */
export function squaredLoss(h, y) { return 0.5 * (h - y) ** 2; } // (1.1)

/** Mean cost over the examples, eq. (1.2): J = (1/n) sum_i J^(i). h, y: arrays of n numbers. */
export function meanSquaredCost(h, y) {
  let total = 0;
  for (let i = 0; i < h.length; i++) total += squaredLoss(h[i], y[i]);
  return total / h.length; // (1.2)
}

/** dJ/dh for the mean cost (1.2): (h - y) / n, one number per example. */
export function squaredLossGradient(h, y) {
  return h.map((hi, i) => (hi - y[i]) / h.length);
}
