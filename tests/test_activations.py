"""Activations (eqs. 2.1, 2.14, 2.15, 2.16) and their derivatives."""
import numpy as np
import pytest

import mlp_lib
from mlp_lib.activations import ACTIVATIONS, get_activation

Z = np.linspace(-6, 6, 241)


def test_relu_is_max_with_zero():
    assert np.array_equal(mlp_lib.relu(np.array([-2.0, 0.0, 3.5])), [0.0, 0.0, 3.5])


def test_sigmoid_matches_the_formula_of_eq_2_14():
    np.testing.assert_allclose(mlp_lib.sigmoid(Z), 1 / (1 + np.exp(-Z)), rtol=1e-15)


def test_tanh_matches_the_formula_of_eq_2_15():
    expected = (np.exp(Z) - np.exp(-Z)) / (np.exp(Z) + np.exp(-Z))
    np.testing.assert_allclose(mlp_lib.tanh(Z), expected, rtol=1e-13, atol=1e-15)


def test_identity_returns_its_input():
    assert np.array_equal(mlp_lib.identity(Z), Z)


def test_sigmoid_is_exact_and_silent_for_huge_inputs():
    # pyproject turns warnings into errors: an overflow warning would fail this test
    z = np.array([-1e4, -800.0, -40.0, 0.0, 40.0, 800.0, 1e4])
    s = mlp_lib.sigmoid(z)
    assert s[0] == 0.0 and s[-1] == 1.0 and s[3] == 0.5
    assert s[2] == pytest.approx(np.exp(-40.0), rel=1e-12)  # tiny but not flushed to 0
    assert np.all(np.isfinite(mlp_lib.activations.sigmoid_derivative(z)))


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_derivative_matches_central_differences(name):
    sigma, dsigma = get_activation(name)
    z = Z[np.abs(Z) > 1e-3]  # away from ReLU's kink
    h = 1e-6
    numeric = (sigma(z + h) - sigma(z - h)) / (2 * h)
    np.testing.assert_allclose(dsigma(z), numeric, atol=1e-8)


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_activation_keeps_shape_and_float32(name):
    sigma, dsigma = get_activation(name)
    z = np.ones((3, 4), dtype=np.float32)
    assert sigma(z).shape == dsigma(z).shape == (3, 4)
    assert sigma(z).dtype == dsigma(z).dtype == np.float32


def test_unknown_activation_lists_the_choices():
    with pytest.raises(ValueError, match=r"activation must be one of 'relu', 'sigmoid', 'tanh', 'identity', got 'softplus'"):
        get_activation("softplus")
