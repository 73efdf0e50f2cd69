"""The synthetic datasets: seeded, shaped as documented, generated as documented."""
import numpy as np
import pytest

import mlp_lib
from mlp_lib import data


@pytest.mark.parametrize("make", [data.housing_prices, data.four_feature_houses, data.smooth_curve])
def test_same_seed_same_data_and_documented_shapes(make):
    X1, y1 = make(n=30, seed=5)
    X2, y2 = make(n=30, seed=5)
    X3, _ = make(n=30, seed=6)
    assert np.array_equal(X1, X2) and np.array_equal(y1, y2)
    assert not np.array_equal(X1, X3)
    assert X1.ndim == 2 and X1.shape[0] == 30 and y1.shape == (30,)


def test_housing_prices_have_the_kink_of_figure_1():
    """The documented rule, written out: price = max(2 (size - 1), 0), in $100k and 1000 sq ft."""
    X, y = data.housing_prices(n=200, noise=0.0, seed=0)
    size = X[:, 0]
    assert np.all(y[size < 1.0] == 0) and (size < 1.0).sum() > 10
    above = size > 1.0
    np.testing.assert_allclose(y[above], 2.0 * (size[above] - 1.0))
    noisy = data.housing_prices(n=200, seed=0)[1]
    assert np.all(noisy >= 0) and np.all(np.diff(size) >= 0)


def test_four_feature_houses_follow_eq_2_3():
    """Eq. (2.3) written out with the documented theta_1..theta_12, not with the code's own network."""
    X, y = data.four_feature_houses(n=100, noise=0.0, seed=0)
    assert X.shape == (100, 4)
    x1, x2, x3, x4 = X.T
    a1 = np.maximum(1.0 * x1 + 0.5 * x2 - 1.0, 0)  # family size: theta_1, theta_2, theta_3
    a2 = np.maximum(2.0 * x3 - 0.5, 0)  # walkable: theta_4, theta_5
    a3 = np.maximum(-0.5 * x3 + 1.5 * x4 - 0.3, 0)  # school quality: theta_6, theta_7, theta_8
    np.testing.assert_allclose(y, 1.0 * a1 + 0.8 * a2 + 1.2 * a3 + 0.5)  # theta_9..theta_12
    np.testing.assert_allclose(y, mlp_lib.housing_net(data.HOUSE_THETA)(X))
    bedrooms = X[:, 1]
    assert np.array_equal(bedrooms, np.round(bedrooms)) and bedrooms.min() >= 1 and bedrooms.max() <= 5
    assert np.all((X[:, 2] >= 0) & (X[:, 2] <= 1))


def test_smooth_curve_is_sin_3x_plus_noise():
    X, y = data.smooth_curve(n=50, noise=0.0, seed=0)
    np.testing.assert_allclose(y, np.sin(3 * X[:, 0]))
    assert np.all(np.abs(X) <= 1)


def test_bad_arguments():
    with pytest.raises(ValueError, match=r"n must be an integer between 1 and 10000000, got 0"):
        data.smooth_curve(n=0)
    with pytest.raises(ValueError, match=r"noise must be a finite number of at least 0, got -1"):
        data.housing_prices(noise=-1)
    with pytest.raises(ValueError, match=r"theta must hold the 12 numbers theta_1..theta_12, got shape \(11,\)"):
        mlp_lib.housing_net(np.zeros(11))


def test_importing_mlp_lib_pulls_in_numpy_only():
    import subprocess
    import sys

    code = ("import sys, mlp_lib; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'matplotlib', 'ipywidgets', 'IPython', 'scipy'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
