// The page's own seeded random numbers, for SGD's indices (Algorithms 1 and 2).
// mulberry32: a small 32-bit generator, plenty for choosing examples. mlp_lib draws with
// numpy's generator instead; the tests check the update rule given the SAME indices, and
// mlp_lib/widgets/page_random.py replays this generator so Python can follow the page.

/** The seeds the generator takes: 32 bits (SEED_RANGE of mlp_lib/widgets/page_random.py). */
export const SEED_RANGE = [0, 2 ** 32 - 1];

export class PageRandom {
  constructor(seed = 0) { this.state = seed >>> 0; }

  /** A float in [0, 1). */
  next() {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in 0..n-1, uniform. */
  integer(n) { return Math.floor(this.next() * n); }

  /** B distinct integers of 0..n-1 (without replacement): the first B of a partial shuffle. */
  choice(n, B) {
    const order = Array.from({ length: n }, (_, i) => i);
    for (let i = 0; i < B; i++) {
      const j = i + this.integer(n - i);
      [order[i], order[j]] = [order[j], order[i]];
    }
    return order.slice(0, B);
  }
}

/** Which examples feed iteration t: all of them (GD, 1.3), one (Algorithm 1), or B (Algorithm 2). */
export function batchChooser(algorithm, n, B, seed = 0) {
  const rng = new PageRandom(seed);
  if (algorithm === "gd") return () => null; // all n: eq. (1.3)
  if (algorithm === "sgd") return () => [rng.integer(n)]; // one j, uniform: eq. (1.4)
  if (algorithm === "minibatch") return () => rng.choice(n, B); // B distinct: eq. (1.5)
  throw new Error(`algorithm must be one of 'gd', 'sgd', 'minibatch', got '${algorithm}'.`);
}
