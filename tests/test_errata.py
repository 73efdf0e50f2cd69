"""Each entry of book/10_errata.ipynb, asserted: the printed version of the notes disagrees
with the code, and the corrected version agrees. If mlp_lib or the page's claims drift,
these fail."""
import numpy as np
import pytest

import mlp_lib
from mlp_lib.gradcheck import numerical_gradients, relative_error
from mlp_lib.stacking import HOUSE_MASK

rng = np.random.default_rng(0)


def test_section_ref_backpropagation_is_implemented_and_correct():
    # errata-section-ref: the missing backprop section; net.gradients is it, and it is right.
    net = mlp_lib.MLP([4, 3, 2, 1], activation="tanh", seed=0)
    X, y = rng.standard_normal((6, 4)), rng.standard_normal(6)
    assert relative_error(net.gradients(X, y), numerical_gradients(net, X, y)) < 1e-8


def test_stacking_figure_the_three_equations_have_figure_2s_wiring():
    # errata-stacking-figure: four inputs, three hidden units, each reading a subset (Figure 2),
    # not Figure 1's single input and single neuron.
    house = mlp_lib.housing_net(mlp_lib.data.HOUSE_THETA)
    assert house.d == 4 and house.sizes[1] == 3
    assert np.array_equal(house.W[1] != 0, HOUSE_MASK)
    assert not HOUSE_MASK.all()  # not fully connected: a subset of inputs per unit
    assert HOUSE_MASK.sum(axis=1).tolist() == [2, 1, 2]  # a_1: x_1, x_2; a_2: x_3; a_3: x_3, x_4


@pytest.mark.parametrize("seed", range(5))
def test_figure_3_caption_sum_runs_to_d_and_needs_the_bias(seed):
    # errata-figure-3: a_j = ReLU(sum_{i=1}^d (w_j)_i x_i + b_j), not sum_{i=1}^m without b_j.
    d, m = 4, 3
    net = mlp_lib.MLP([d, m, 1], activation="relu", seed=seed)
    W, b = net.W[1], net.b[1]
    X = np.random.default_rng(seed).standard_normal((20, d))
    a = net.features(X)
    corrected = mlp_lib.relu(X @ W.T + b)
    printed = mlp_lib.relu(X[:, :m] @ W[:, :m].T)  # i = 1..m, no bias
    assert np.allclose(corrected, a)
    assert not np.allclose(printed, a)
    assert not np.allclose(mlp_lib.relu(X @ W.T), a)  # the right range alone is not enough


def test_figure_3_caption_sum_to_m_needs_weights_that_do_not_exist_when_m_exceeds_d():
    """The printed sum over i = 1..m, on a network's own W^[1]: given m inputs, it still asks
    for weights (w_j)_i with i > d, which the network does not have."""
    d, m = 2, 5
    W = mlp_lib.MLP([d, m, 1], seed=0).W[1]
    x = np.ones(m)  # as many inputs as the printed sum reads: only the weights can run out
    assert W.shape == (m, d)  # (w_j)_i exists for i = 1..d only
    with pytest.raises(IndexError, match=f"index {d} is out of bounds for axis 1 with size {d}"):
        sum(W[0, i] * x[i] for i in range(m))


def test_2_6_hidden_layer_has_m_entries_not_d():
    # errata-2-6: a in R^m.
    for d, m in [(4, 3), (2, 7)]:
        net = mlp_lib.MLP([d, m, 1], seed=0)
        a = net.features(rng.standard_normal((5, d)))
        assert a.shape == (5, m) and a.shape[1] != d


def test_2_11_output_reads_a_not_z():
    # errata-2-11: h = W2 a + b2; W2 z + b2 differs once some z < 0.
    net = mlp_lib.MLP([4, 3, 1], activation="relu", seed=3)
    X = rng.standard_normal((10, 4))
    z = X @ net.W[1].T + net.b[1]
    a = mlp_lib.relu(z)
    assert np.any(z < 0)
    assert np.allclose((a @ net.W[2].T + net.b[2])[:, 0], net(X))
    assert not np.allclose((z @ net.W[2].T + net.b[2])[:, 0], net(X))


def printed_count(sizes):
    """The notes' parameter count read literally (r >= 4)."""
    d, m = sizes[0], sizes[1:-1]
    total = (d + 1) * m[0] + (m[0] + 1) * m[1] + m[1]
    total += sum((m[k - 1] + 1) * m[k] for k in range(2, len(m)))
    return total + m[-1] + 1


@pytest.mark.parametrize("sizes", [[3, 4, 5, 6, 1], [2, 8, 8, 8, 8, 1], [10, 20, 30, 40, 1], [1, 2, 3, 4, 5, 6, 1]])
def test_param_count_printed_formula_overcounts_by_m2_from_r_4(sizes):
    # errata-param-count
    count = mlp_lib.param_count(sizes)
    assert mlp_lib.MLP(sizes, seed=0).num_params == count
    assert count == sum((p + 1) * q for p, q in zip(sizes[:-1], sizes[1:]))
    assert printed_count(sizes) - count == sizes[2]


@pytest.mark.parametrize("d, m1, m2", [(3, 4, 5), (1, 7, 2)])
def test_param_count_printed_formula_is_right_for_r_2_and_3(d, m1, m2):
    assert (d + 1) * m1 + m1 + 1 == mlp_lib.MLP([d, m1, 1], seed=0).num_params
    assert (d + 1) * m1 + (m1 + 1) * m2 + m2 + 1 == mlp_lib.MLP([d, m1, m2, 1], seed=0).num_params


def test_penultimate_layer_is_a_r_minus_1():
    # errata-penultimate: the learned features are a^[r-1]; a^[r] is the output.
    net = mlp_lib.MLP([2, 5, 4, 1], activation="relu", seed=0)
    X = rng.standard_normal((6, 2))
    a = {0: X}
    for k in range(1, net.r + 1):
        z = a[k - 1] @ net.W[k].T + net.b[k]
        a[k] = mlp_lib.relu(z) if k < net.r else z
    assert np.array_equal(net.features(X), a[net.r - 1])
    assert np.array_equal(a[net.r][:, 0], net(X))
    assert a[net.r].shape != net.features(X).shape


def test_2_19_reference_to_2_8_is_valid_with_zero_biases():
    # errata-2-19 (checked and correct): z1 = W1 x when b1 = 0, and h = W2 W1 x.
    net = mlp_lib.MLP([3, 4, 2], activation="identity", seed=0)
    net.b[1], net.b[2] = np.zeros(4), np.zeros(2)
    X = rng.standard_normal((5, 3))
    assert np.allclose(net(X), (X @ net.W[1].T) @ net.W[2].T)
    assert np.allclose(net(X), X @ (net.W[2] @ net.W[1]).T)


def test_errata_page_has_every_label_the_chapters_link_to():
    import json
    from pathlib import Path

    page = Path(__file__).resolve().parent.parent / "book" / "10_errata.ipynb"
    text = "".join("".join(c["source"]) for c in json.loads(page.read_text())["cells"])
    for label in ["errata-section-ref", "errata-stacking-figure", "errata-figure-3", "errata-2-6",
                  "errata-2-11", "errata-param-count", "errata-penultimate", "errata-2-19"]:
        assert f"({label})=" in text
