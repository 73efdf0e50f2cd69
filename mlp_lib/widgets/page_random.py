"""The page's random numbers, replayed in Python.

In the page, SGD's indices (Algorithms 1 and 2) come from a small seeded generator
(mulberry32, ``js/src/core/random.js``), not from numpy. This class is the same generator,
line for line, so that Python can train with exactly the indices the page used: an
explorer's hand-back method returns the model the reader saw, and the tests check the
page's training against mlp_lib's update given the same indices.
"""

_MASK = 0xFFFFFFFF
#: The seeds the page's generator takes (32 bits; SEED_RANGE of random.js).
SEED_RANGE = (0, _MASK)


def _imul(a, b):
    """32-bit integer multiplication, as JavaScript's Math.imul (result unsigned)."""
    return (a * b) & _MASK


class PageRandom:
    """mulberry32 with the page's seed; ``integer(n)`` and ``choice(n, B)`` as in random.js."""

    def __init__(self, seed=0):
        self.state = seed & _MASK

    def next(self):
        """A float in [0, 1)."""
        self.state = (self.state + 0x6D2B79F5) & _MASK
        t = self.state
        t = _imul(t ^ (t >> 15), t | 1)
        t ^= (t + _imul(t ^ (t >> 7), t | 61)) & _MASK
        return ((t ^ (t >> 14)) & _MASK) / 4294967296

    def integer(self, n):
        """An integer in 0..n-1, uniform."""
        return int(self.next() * n)

    def choice(self, n, B):
        """B distinct integers of 0..n-1: the first B of a partial shuffle."""
        order = list(range(n))
        for i in range(B):
            j = i + self.integer(n - i)
            order[i], order[j] = order[j], order[i]
        return order[:B]


def page_batches(algorithm, n, B, n_iter, seed=0):
    """The indices the page uses at iterations 1..n_iter: None (all n, GD), [j] (Algorithm 1)
    or B distinct indices (Algorithm 2), as ``batchChooser`` in random.js."""
    rng = PageRandom(seed)
    if algorithm == "gd":
        return [None] * n_iter
    if algorithm == "sgd":
        return [[rng.integer(n)] for _ in range(n_iter)]
    if algorithm == "minibatch":
        return [rng.choice(n, B) for _ in range(n_iter)]
    raise ValueError(f"algorithm must be one of 'gd', 'sgd', 'minibatch', got {algorithm!r}.")
