"""mlp_lib.gradcheck: central differences, checked on functions whose gradient is known,
then used to check backpropagation (MLP.gradients) for every activation and depth."""
import numpy as np
import pytest

import mlp_lib
from mlp_lib.gradcheck import numerical_gradient, numerical_gradients, relative_error


def test_numerical_gradient_of_a_known_function():
    x = np.array([[-1.3, 0.2], [0.7, 2.5]])
    grad = numerical_gradient(lambda v: np.sum(np.sin(v)) + 0.5 * np.sum(v**2), x)
    assert grad.shape == x.shape
    assert np.allclose(grad, np.cos(x) + x, rtol=0, atol=1e-8)


def test_numerical_gradient_leaves_its_argument_alone():
    x = np.array([1.0, 2.0, 3.0])
    numerical_gradient(lambda v: np.sum(v**3), x)
    assert np.array_equal(x, [1.0, 2.0, 3.0])


def test_central_differences_are_exact_for_quadratics():
    # A quadratic has no third derivative: the only error left is rounding.
    A = np.array([[2.0, 1.0], [1.0, 3.0]])
    x = np.array([0.3, -0.8])
    grad = numerical_gradient(lambda v: 0.5 * v @ A @ v, x, eps=1e-3)
    assert np.allclose(grad, A @ x, rtol=0, atol=1e-10)


def test_one_layer_network_against_the_closed_form_gradient():
    # r = 1: h = X W^T + b, J = 1/(2n) ||h - y||^2, so dJ/dW = (h - y)^T X / n, dJ/db = mean(h - y).
    rng = np.random.default_rng(0)
    net = mlp_lib.MLP([3, 1], seed=0)
    X, y = rng.standard_normal((7, 3)), rng.standard_normal(7)
    residual = net(X) - y
    grad_W, grad_b = numerical_gradients(net, X, y)
    assert np.allclose(grad_W[1], residual[None, :] @ X / 7, rtol=0, atol=1e-9)
    assert np.allclose(grad_b[1], [residual.mean()], rtol=0, atol=1e-9)


@pytest.mark.parametrize("activation", sorted(mlp_lib.ACTIVATIONS))
@pytest.mark.parametrize("sizes", [[2, 1], [3, 4, 1], [3, 5, 4, 1], [2, 3, 3, 3, 2]])
def test_backpropagation_matches_central_differences(activation, sizes):
    rng = np.random.default_rng(1)
    net = mlp_lib.MLP(sizes, activation=activation, seed=2)
    X = rng.standard_normal((6, sizes[0]))
    y = rng.standard_normal(6) if sizes[-1] == 1 else rng.standard_normal((6, sizes[-1]))
    backprop = net.gradients(X, y)
    numerical = numerical_gradients(net, X, y)
    assert relative_error(backprop, numerical) < 1e-7
    for k in range(1, net.r + 1):  # layer by layer, not only in total
        assert numerical[0][k].shape == net.W[k].shape
        assert relative_error(backprop[0][k], numerical[0][k]) < 1e-6
        assert relative_error(backprop[1][k], numerical[1][k]) < 1e-6


def test_a_wrong_gradient_is_caught():
    rng = np.random.default_rng(3)
    net = mlp_lib.MLP([2, 4, 1], activation="tanh", seed=0)
    X, y = rng.standard_normal((5, 2)), rng.standard_normal(5)
    grad_W, grad_b = net.gradients(X, y)
    numerical = numerical_gradients(net, X, y)
    wrong_W = [g.copy() for g in grad_W]
    wrong_W[0] = wrong_W[0] * 5  # e.g. forgetting the 1/n of (1.2) in one layer
    assert relative_error((wrong_W, list(grad_b)), numerical) > 1e-2


def test_numerical_gradients_restore_the_parameters_bit_for_bit():
    net = mlp_lib.MLP([2, 3, 1], activation="sigmoid", seed=0)
    before = [p.copy() for p in net.parameters()]
    X, y = np.ones((4, 2)), np.zeros(4)
    numerical_gradients(net, X, y, eps=0.1)
    assert all(np.array_equal(p, q) for p, q in zip(net.parameters(), before))


def test_relative_error_definition():
    a, b = np.array([3.0, 4.0]), np.array([3.0, 4.0 + 1e-6])
    assert relative_error(a, b) == pytest.approx(1e-6 / (5.0 + np.linalg.norm(b)))
    assert relative_error(np.zeros(3), np.zeros(3)) == 0.0
    assert relative_error(a, -a) == pytest.approx(1.0)
    with pytest.raises(ValueError, match="same number of entries"):
        relative_error(np.zeros(3), np.zeros(4))


def test_eps_must_be_positive():
    net = mlp_lib.MLP([1, 1], seed=0)
    with pytest.raises(ValueError, match="eps"):
        numerical_gradients(net, np.ones((2, 1)), np.ones(2), eps=0)
