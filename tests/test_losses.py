"""The least-squares cost, eqs. (1.1) and (1.2)."""
import numpy as np

import mlp_lib


def test_squared_loss_per_example_eq_1_1():
    h, y = np.array([1.0, 2.0, -1.0]), np.array([0.0, 2.0, 1.0])
    assert np.array_equal(mlp_lib.squared_loss(h, y), [0.5, 0.0, 2.0])


def test_mean_cost_is_the_average_eq_1_2():
    h, y = np.array([1.0, 2.0, -1.0]), np.array([0.0, 2.0, 1.0])
    assert mlp_lib.mean_squared_cost(h, y) == (0.5 + 0.0 + 2.0) / 3


def test_vector_outputs_sum_the_squares_over_outputs():
    h = np.array([[1.0, 1.0], [0.0, 3.0]])
    y = np.zeros((2, 2))
    assert np.array_equal(mlp_lib.squared_loss(h, y), [1.0, 4.5])
