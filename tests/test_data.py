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
    X, y = data.housing_prices(n=200, noise=0.0, seed=0)
    size = X[:, 0]
    assert np.all(y[size < data.HOUSE_KINK] == 0)
    above = size > data.HOUSE_KINK
    np.testing.assert_allclose(y[above], data.HOUSE_SLOPE * (size[above] - data.HOUSE_KINK))
    noisy = data.housing_prices(n=200, seed=0)[1]
    assert np.all(noisy >= 0) and np.all(np.diff(size) >= 0)


def test_four_feature_houses_follow_eq_2_3():
    X, y = data.four_feature_houses(n=100, noise=0.0, seed=0)
    assert X.shape == (100, 4)
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
