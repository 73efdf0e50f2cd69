// Activation functions sigma and their derivatives sigma', as in mlp_lib/activations.py.
// Each takes one number z (the pre-activation) and returns one number.

export function relu(z) { return Math.max(z, 0); } // (2.1)
export function reluDerivative(z) { return z > 0 ? 1 : 0; } // 1[z > 0], 0 at the kink

// (2.14), written so that exp never sees a positive argument (no overflow for |z| = 1e4).
export function sigmoid(z) {
  const e = Math.exp(-Math.abs(z));
  return z >= 0 ? 1 / (1 + e) : e / (1 + e); // (2.14)
}
export function sigmoidDerivative(z) { const s = sigmoid(z); return s * (1 - s); }

export function tanh(z) { return Math.tanh(z); } // (2.15)
export function tanhDerivative(z) { const t = Math.tanh(z); return 1 - t * t; }

export function identity(z) { return z; } // (2.16)-(2.20)
export function identityDerivative() { return 1; }

/** The pairs [sigma, sigma'] by name, as mlp_lib.ACTIVATIONS. */
export const ACTIVATIONS = {
  relu: [relu, reluDerivative],
  sigmoid: [sigmoid, sigmoidDerivative],
  tanh: [tanh, tanhDerivative],
  identity: [identity, identityDerivative],
};

/** [sigma, sigma'] for a name; an unknown name is an error that lists the known ones. */
export function getActivation(name) {
  const pair = Object.hasOwn(ACTIVATIONS, name) ? ACTIVATIONS[name] : undefined;
  if (!pair) {
    const known = Object.keys(ACTIVATIONS).map((k) => `'${k}'`).join(", ");
    throw new Error(`activation must be one of ${known}, got '${name}'.`);
  }
  return pair;
}
