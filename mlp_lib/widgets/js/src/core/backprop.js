// Backpropagation one step at a time, in the order mlp_lib's MLP.backprop (and the core's
// MLP.backprop in mlp.js) computes it, as mlp_lib/widgets/backprop.py lists it: the steps the
// explorer of the chapter "Backpropagation, a preview" walks, and the network's parameters
// by name ("W[k][j,i]", "b[k][j]": 1-based j and i, as in the notes).
import { centralDifference } from "./gradcheck.js";

/**
 * Every step of backpropagation on (X, y): {values (net.backprop's), steps: [{kind, k, value}]}.
 * Step 0 is the input a[0] = X; then z[k] and a[k] for k = 1..r (no a[r]: h = z[r], eq. 2.12),
 * J (1.2), and for k = r down to 1: dz[k] (BP1 for k = r, else BP5), dW[k] (BP2), db[k] (BP3),
 * da[k-1] (BP4).
 */
export function backpropSteps(net, X, y) {
  const v = net.backprop(X, y, true);
  const r = net.r;
  const steps = [{ kind: "x", k: 0, value: v.A[0] }];
  for (let k = 1; k <= r; k++) {
    steps.push({ kind: "z", k, value: v.Z[k] }); // (2.9); (2.12) for k = r
    if (k < r) steps.push({ kind: "a", k, value: v.A[k] }); // (2.13)
  }
  steps.push({ kind: "J", k: r, value: v.J }); // (1.2)
  for (let k = r; k >= 1; k--) {
    steps.push({ kind: "dz", k, value: v.dZ[k] }); // (BP1), (BP5)
    steps.push({ kind: "dW", k, value: v.gradW[k] }); // (BP2)
    steps.push({ kind: "db", k, value: v.gradb[k] }); // (BP3)
    steps.push({ kind: "da", k: k - 1, value: v.dA[k - 1] }); // (BP4)
  }
  return { values: v, steps };
}

/** The last step t of a network of depth r, as last_step of mlp_lib/widgets/backprop.py: 2r - 1
 * forward (z[1..r], a[1..r-1]), J, then 4 backward steps per layer, after step 0 (the input). */
export function lastStep(r) { return (2 * r - 1) + 1 + 4 * r; }

/** Every parameter of a network of these sizes by name, in the order of mlp_lib's theta. */
export function paramNames(sizes) {
  const names = [];
  for (let k = 1; k < sizes.length; k++) {
    for (let j = 1; j <= sizes[k]; j++) for (let i = 1; i <= sizes[k - 1]; i++) names.push(`W[${k}][${j},${i}]`);
    for (let j = 1; j <= sizes[k]; j++) names.push(`b[${k}][${j}]`);
  }
  return names;
}

/** "W[2][1,3]" -> {which: "W", k: 2, j: 0, i: 2}; "b[1][4]" -> {which: "b", k: 1, j: 3, i: null} (0-based j, i). */
export function parseParam(name) {
  const m = /^([Wb])\[(\d+)\]\[(\d+)(?:,(\d+))?\]$/.exec(name);
  if (!m) throw new Error(`a parameter is named W[k][j,i] or b[k][j], got '${name}'.`);
  return { which: m[1], k: Number(m[2]), j: Number(m[3]) - 1, i: m[4] === undefined ? null : Number(m[4]) - 1 };
}

/** The array holding a parameter and its index there (the network's own: W[k] or b[k] as they sit in theta). */
function entryOf(net, { which, k, j, i }) {
  return which === "W" ? [net.flatW(k), j * net.sizes[k - 1] + i] : [net.flatb(k), j];
}

/** A parameter's value, and its entry of a gradient {gradW, gradb} (indexed like W, b). */
export function paramValue(net, p) { const [array, index] = entryOf(net, p); return array[index]; }
export function gradientOf(values, { which, k, j, i }) { return which === "W" ? values.gradW[k][j][i] : values.gradb[k][j]; }

/**
 * "Check it": dJ/dparam by central differences for each eps (mlp_lib.gradcheck's numbers), on the
 * network's own arrays (each entry is restored exactly).
 */
export function centralDifferences(net, X, y, param, epsilons) {
  const [array, index] = entryOf(net, parseParam(param));
  return epsilons.map((eps) => centralDifference(() => net.cost(X, y), array, index, eps)); // (1.2) at θ ± ε e_i
}
