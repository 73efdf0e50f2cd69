"""Bad input gets a ValueError naming the argument, what was expected and what came;
a diverging learning rate raises TrainingDiverged and keeps finite parameters."""
import numpy as np
import pytest

import mlp_lib
from mlp_lib import MLP


@pytest.fixture
def data():
    return mlp_lib.data.smooth_curve(n=20, seed=0)


def test_wrong_shape_of_X(data):
    net = MLP([3, 4, 1], seed=0)
    with pytest.raises(ValueError, match=r"X must have shape \(n, d\) = \(n, 3\), one example per row, got shape \(5, 2\)"):
        net(np.zeros((5, 2)))
    with pytest.raises(ValueError, match=r"got shape \(3,\)\. For a single example use X.reshape\(1, -1\)"):
        net(np.zeros(3))


def test_nan_or_inf_in_X_and_y(data):
    X, y = data
    net = MLP([1, 4, 1], seed=0)
    X_bad = X.copy()
    X_bad[3, 0] = np.nan
    with pytest.raises(ValueError, match=r"X must contain only finite numbers, got 1 NaN or inf value\(s\) in an array of shape \(20, 1\)"):
        net(X_bad)
    y_bad = y.copy()
    y_bad[[0, 1]] = np.inf
    with pytest.raises(ValueError, match=r"y must contain only finite numbers, got 2 NaN or inf"):
        mlp_lib.gd(net, X, y_bad, lr=0.1, n_iter=1)


def test_non_numeric_X():
    with pytest.raises(ValueError, match=r"X must be an array of numbers, got str"):
        MLP([1, 1], seed=0)("big house")


def test_wrong_shape_of_y(data):
    X, y = data
    net = MLP([1, 4, 1], seed=0)
    with pytest.raises(ValueError, match=r"y must have shape \(20,\), one target per row of X, got shape \(19,\)"):
        net.gradients(X, y[:-1])
    with pytest.raises(ValueError, match=r"y must have shape \(20, 2\)"):
        MLP([1, 4, 2], seed=0).cost(X, y)


def test_unknown_activation():
    with pytest.raises(ValueError, match=r"activation must be one of 'relu', 'sigmoid', 'tanh', 'identity', got 'Relu'"):
        MLP([1, 2, 1], activation="Relu")


@pytest.mark.parametrize("sizes", [[3], [], "3,4", [3, 0, 1], [3, 2.5, 1], None])
def test_bad_sizes(sizes):
    with pytest.raises(ValueError, match=r"sizes"):
        MLP(sizes)


def test_bad_seed_and_dtype():
    with pytest.raises(ValueError, match=r"seed must be None, a non-negative integer or a numpy.random.Generator, got -1"):
        MLP([1, 1], seed=-1)
    with pytest.raises(ValueError, match=r"dtype must be a floating-point type"):
        MLP([1, 1], dtype=np.int64)


@pytest.mark.parametrize("lr", [0, -0.1, np.nan, np.inf, "0.1", True])
def test_learning_rate_must_be_positive(data, lr):
    X, y = data
    with pytest.raises(ValueError, match=r"lr must be a positive number, got "):
        mlp_lib.gd(MLP([1, 2, 1], seed=0), X, y, lr=lr, n_iter=1)


@pytest.mark.parametrize("B", [0, 21, -3, 2.0])
def test_batch_size_must_be_between_1_and_n(data, B):
    X, y = data
    with pytest.raises(ValueError, match=r"B \(batch size\) must be an integer between 1 and 20, got "):
        mlp_lib.minibatch_sgd(MLP([1, 2, 1], seed=0), X, y, lr=0.1, B=B, n_iter=1)


def test_iterations_and_beta(data):
    X, y = data
    with pytest.raises(ValueError, match=r"n_iter must be an integer at least 0, got -1"):
        mlp_lib.gd(MLP([1, 2, 1], seed=0), X, y, lr=0.1, n_iter=-1)
    with pytest.raises(ValueError, match=r"beta must be a number in \[0, 1\), got 1.0"):
        mlp_lib.momentum_sgd(MLP([1, 2, 1], seed=0), X, y, lr=0.1, B=2, n_iter=1, beta=1.0)


@pytest.mark.parametrize("run", [
    lambda m, X, y: mlp_lib.gd(m, X, y, lr=1e3, n_iter=500),
    lambda m, X, y: mlp_lib.sgd(m, X, y, lr=1e3, n_iter=500, seed=0),
    lambda m, X, y: mlp_lib.minibatch_sgd(m, X, y, lr=1e3, B=5, n_iter=500, seed=0),
    lambda m, X, y: mlp_lib.momentum_sgd(m, X, y, lr=1e3, B=5, n_iter=500, seed=0),
], ids=["gd", "sgd", "minibatch_sgd", "momentum_sgd"])
def test_huge_learning_rate_raises_training_diverged(data, run):
    X, y = data
    net = MLP([1, 8, 1], seed=0)
    with pytest.raises(mlp_lib.TrainingDiverged) as info:  # and no RuntimeWarning (warnings are errors)
        run(net, X, y)
    err = info.value
    assert isinstance(err, FloatingPointError)
    assert f"Training diverged at iteration {err.iteration} with learning rate 1000:" in str(err)
    assert "Try a smaller learning rate, such as 100." in str(err)
    assert 1 <= err.iteration < 500
    assert all(np.all(np.isfinite(p)) for p in net.parameters())
    assert np.all(np.isfinite(err.history)) and len(err.history) >= 1
