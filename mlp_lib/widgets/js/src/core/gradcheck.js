// Central differences, as mlp_lib/gradcheck.py: is backpropagation's number the derivative of J?
//   dJ/dθ_i ≈ (J(θ + ε e_i) - J(θ - ε e_i)) / (2ε)
// accurate to O(ε²), plus a rounding error of about 1e-16 |J| / ε.

/**
 * dJ/dp[i] by a central difference: p[i] (an entry of one of the network's own arrays) is moved
 * to p[i] + eps and p[i] - eps IN PLACE, J() evaluated at each, and p[i] restored to its exact
 * original value (not to (p[i] + eps) - eps, which may differ by rounding).
 */
export function centralDifference(J, p, i, eps) {
  const original = p[i];
  p[i] = original + eps;
  const Jplus = J();
  p[i] = original - eps;
  const Jminus = J();
  p[i] = original;
  return (Jplus - Jminus) / (2 * eps);
}
