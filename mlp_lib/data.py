"""Seeded synthetic datasets for the book. Each function says exactly how its target is made.

All return ``(X, y)`` with X of shape (n, d), one example per row, and y of shape (n,).
The same seed always gives the same data.
"""
import functools

import numpy as np

from ._checks import as_float_array, as_rng, check_int, check_number
from .stacking import housing_net

#: The most examples a dataset may have (80 MB for each column).
MAX_EXAMPLES = 10**7

# ------------------------------------------------------------------ Figure 1
#: The size in 1000 sq ft below which the noiseless price is zero, the kink of Figure 1.
HOUSE_KINK = 1.0
#: The price increase in $100k per 1000 sq ft above the kink.
HOUSE_SLOPE = 2.0


def housing_price_truth(size):
    """Noiseless price ($100k) of a house of `size` (1000 sq ft): max(SLOPE (size - KINK), 0)."""
    return np.maximum(HOUSE_SLOPE * (as_float_array(size, "size") - HOUSE_KINK), 0.0)


def _check_noise(noise):
    return check_number(noise, "noise", 0)


def _finite_targets(arguments):
    """Make a dataset function raise a ValueError naming `arguments` when its targets would
    overflow float64, instead of returning inf with a RuntimeWarning."""
    def decorate(make):
        @functools.wraps(make)
        def checked(*args, **kwargs):
            try:
                with np.errstate(over="raise", invalid="raise"):
                    return make(*args, **kwargs)
            except FloatingPointError:
                raise ValueError(f"{arguments} too large: the targets y would overflow float64.") from None
        return checked
    return decorate


@_finite_targets("noise is")
def housing_prices(n=50, noise=0.3, seed=0):
    """House size -> price with the kink of Figure 1 (d = 1).

    x: size in 1000 sq ft, uniform on [0.5, 5]. y: price in $100k,
    ``max(2 (x - 1), 0) + noise * N(0, 1)``, then clipped at 0 (no negative prices).
    Returned sorted by size. X has shape (n, 1), y shape (n,).
    """
    n = check_int(n, "n", 1, MAX_EXAMPLES)
    noise = _check_noise(noise)
    rng = as_rng(seed)
    size = np.sort(rng.uniform(0.5, 5.0, n))
    price = np.maximum(housing_price_truth(size) + noise * rng.standard_normal(n), 0.0)
    return size[:, None], price


# ------------------------------------------------------------------ eq. (2.3)
#: The four input features x_1..x_4 of eq. (2.3), in order.
HOUSE_FEATURES = ("size (1000 sq ft)", "bedrooms", "zip code (centrality 0-1)", "wealth ($100k income)")
#: The hidden units a_1..a_3 of eq. (2.3).
HOUSE_HIDDEN = ("family size", "walkable", "school quality")
#: The theta_1..theta_12 that generate four_feature_houses (index 0 holds theta_1).
HOUSE_THETA = np.array([1.0, 0.5, -1.0,      # a_1 = ReLU(th1 x1 + th2 x2 + th3)   family size
                        2.0, -0.5,           # a_2 = ReLU(th4 x3 + th5)            walkable
                        -0.5, 1.5, -0.3,     # a_3 = ReLU(th6 x3 + th7 x4 + th8)   school quality
                        1.0, 0.8, 1.2, 0.5])  # h = th9 a1 + th10 a2 + th11 a3 + th12


@_finite_targets("noise is")
def four_feature_houses(n=200, noise=0.2, seed=0):
    """Houses with four features whose price follows the network of eq. (2.3).

    Features (columns of X, see HOUSE_FEATURES):

    - x_1 size in 1000 sq ft, uniform on [0.5, 4];
    - x_2 number of bedrooms, ``round(1.2 x_1 + N(0, 0.5^2))`` clipped to 1..5;
    - x_3 the zip code, encoded as how central it is: uniform on [0, 1];
    - x_4 neighbourhood wealth, median household income in $100k, uniform on [0.3, 2].

    Target: y = h_theta(x) of eq. (2.3) with theta = HOUSE_THETA, plus ``noise * N(0, 1)``
    (price in $100k).
    """
    n = check_int(n, "n", 1, MAX_EXAMPLES)
    noise = _check_noise(noise)
    rng = as_rng(seed)
    size = rng.uniform(0.5, 4.0, n)
    bedrooms = np.clip(np.round(1.2 * size + 0.5 * rng.standard_normal(n)), 1, 5)
    zip_code = rng.uniform(0.0, 1.0, n)
    wealth = rng.uniform(0.3, 2.0, n)
    X = np.column_stack([size, bedrooms, zip_code, wealth])
    y = housing_net(HOUSE_THETA)(X) + noise * rng.standard_normal(n)
    return X, y


# ------------------------------------------------------------ a smooth 1-D curve
def curve_truth(x):
    """The noiseless curve f(x) = sin(3x) behind :func:`smooth_curve`."""
    return np.sin(3 * as_float_array(x, "x"))


@_finite_targets("noise is")
def smooth_curve(n=80, noise=0.1, seed=0):
    """A smooth 1-D target for the fitting chapters (d = 1).

    x uniform on [-1, 1], returned sorted; y = sin(3x) + noise * N(0, 1).
    X has shape (n, 1), y shape (n,).
    """
    n = check_int(n, "n", 1, MAX_EXAMPLES)
    noise = _check_noise(noise)
    rng = as_rng(seed)
    x = np.sort(rng.uniform(-1.0, 1.0, n))
    return x[:, None], curve_truth(x) + noise * rng.standard_normal(n)


# -------------------------------------------------------- the footnote model (Section 1)
#: The theta that generates :func:`quadratic_data` (before noise).
QUADRATIC_THETA = (1.5, 0.8)


@_finite_targets("theta or noise is")
def quadratic_data(n=40, theta=QUADRATIC_THETA, noise=0.1, seed=0):
    r"""A small dataset for the footnote model: x uniform on [-1.5, 1.5]^d and
    :math:`y = \sum_j \theta_j^2 x_j^2 + \text{noise} \cdot N(0, 1)`.

    Returns X of shape (n, d) and y of shape (n,), d = len(theta). Same seed, same data.
    """
    theta = as_float_array(theta, "theta")
    if theta.ndim != 1 or theta.size == 0:
        raise ValueError(f"theta must be a 1-D array of d >= 1 numbers, got shape {theta.shape}.")
    n = check_int(n, "n", 1, MAX_EXAMPLES)
    noise = _check_noise(noise)
    rng = as_rng(seed)
    X = rng.uniform(-1.5, 1.5, (n, theta.size))
    y = (X**2) @ (theta**2) + noise * rng.standard_normal(n)
    return X, y


# ------------------------------------------------- random examples (backpropagation)
def gaussian_examples(n=5, d=3, seed=0):
    """n examples with no structure at all, for following numbers through a network by hand:
    X ~ N(0, 1) of shape (n, d), then y ~ N(0, 1) of shape (n,), drawn in that order from one
    generator (the chapter "Backpropagation, a preview" and its explorer use the defaults)."""
    n = check_int(n, "n", 1)
    d = check_int(d, "d", 1)
    rng = as_rng(seed)
    X = rng.standard_normal((n, d))
    return X, rng.standard_normal(n)
