"""The MLP of eqs. (2.12)-(2.13): shapes, forward pass, backpropagation, parameter count."""
import numpy as np
import pytest

import mlp_lib
from mlp_lib import MLP, param_count
from mlp_lib.activations import ACTIVATIONS
from mlp_lib.gradcheck import numerical_gradient


def central_difference_gradients(net, X, y, eps=1e-6):
    """dJ/dtheta by central differences on every parameter, independently of backprop."""
    grads = []
    for p in net.parameters():
        g = np.zeros_like(p)
        for idx in np.ndindex(p.shape):
            old = p[idx]
            p[idx] = old + eps
            j_plus = net.cost(X, y)
            p[idx] = old - eps
            j_minus = net.cost(X, y)
            p[idx] = old
            g[idx] = (j_plus - j_minus) / (2 * eps)
        grads.append(g)
    return grads


def relative_error(a, b):
    return np.linalg.norm(a - b) / max(np.linalg.norm(a) + np.linalg.norm(b), 1e-300)


ARCHITECTURES = [
    [3, 1],              # r = 1: a linear model
    [1, 1, 1],           # widths of 1
    [2, 5, 1],
    [4, 3, 2],           # two outputs
    [3, 4, 1, 3],        # a width-1 bottleneck, three outputs
    [2, 3, 4, 5, 1],     # r = 4
]


@pytest.mark.parametrize("activation", sorted(ACTIVATIONS))
@pytest.mark.parametrize("sizes", ARCHITECTURES, ids=lambda s: "-".join(map(str, s)))
def test_backprop_matches_central_differences(sizes, activation):
    rng = np.random.default_rng(7)
    net = MLP(sizes, activation=activation, seed=3)
    X = rng.standard_normal((6, sizes[0]))
    y = rng.standard_normal(6) if sizes[-1] == 1 else rng.standard_normal((6, sizes[-1]))
    grad_W, grad_b = net.gradients(X, y)
    backprop = [g for gW, gb in zip(grad_W, grad_b) for g in (gW, gb)]
    numeric = central_difference_gradients(net, X, y)
    worst = max(relative_error(a, b) for a, b in zip(backprop, numeric))
    assert worst < 1e-6


@pytest.mark.parametrize("activation", sorted(ACTIVATIONS))
@pytest.mark.parametrize("sizes", [[3, 4, 1], [3, 5, 4, 1], [2, 3, 4, 3]], ids=lambda s: "-".join(map(str, s)))
def test_backprop_keeps_every_value_of_the_chapter_s_rules(sizes, activation):
    """MLP.backprop: the forward values, (BP1)-(BP5) recomputed here from the values it keeps,
    dJ/da[0] against central differences in X, and the gradients of MLP.gradients."""
    rng = np.random.default_rng(5)
    net = MLP(sizes, activation=activation, seed=2)
    X = rng.standard_normal((4, sizes[0]))
    y = rng.standard_normal(4) if sizes[-1] == 1 else rng.standard_normal((4, sizes[-1]))
    v = net.backprop(X, y, input_gradient=True)
    r, (sigma, sigma_prime) = net.r, mlp_lib.get_activation(activation)
    np.testing.assert_array_equal(v.a[0], X)
    for k in range(1, r + 1):
        np.testing.assert_allclose(v.z[k], v.a[k - 1] @ net.W[k].T + net.b[k], rtol=1e-14)
        np.testing.assert_allclose(v.a[k], sigma(v.z[k]) if k < r else v.z[k], rtol=1e-14)
    np.testing.assert_allclose(v.h, net(X), rtol=1e-14)
    assert v.J == pytest.approx(net.cost(X, y), rel=1e-14)
    np.testing.assert_allclose(v.dz[r], (v.a[r] - y.reshape(v.a[r].shape)) / len(X), rtol=1e-14)  # (BP1)
    for k in range(r, 0, -1):
        if k < r:
            np.testing.assert_allclose(v.dz[k], v.da[k] * sigma_prime(v.z[k]), rtol=1e-14)  # (BP5)
        np.testing.assert_allclose(v.grad_W[k], v.dz[k].T @ v.a[k - 1], rtol=1e-14)  # (BP2)
        np.testing.assert_allclose(v.grad_b[k], v.dz[k].sum(axis=0), rtol=1e-14)  # (BP3)
        np.testing.assert_allclose(v.da[k - 1], v.dz[k] @ net.W[k], rtol=1e-14)  # (BP4)
    assert v.da[r] is None and v.dz[0] is None and v.z[0] is None
    dJ_dX = numerical_gradient(lambda X_: net.cost(X_, y), X)
    np.testing.assert_allclose(v.da[0], dJ_dX, rtol=1e-6, atol=1e-9)
    grad_W, grad_b = net.gradients(X, y)
    for k in range(1, r + 1):
        np.testing.assert_array_equal(grad_W[k], v.grad_W[k])
        np.testing.assert_array_equal(grad_b[k], v.grad_b[k])
    assert net.backprop(X, y).da[0] is None  # training never needs dJ/dX
    assert repr(v) == f"Backprop(r={r}, n=4, J={v.J:.6g})"


def test_gradients_are_indexed_like_the_parameters():
    net = MLP([3, 4, 2], seed=0)
    grad_W, grad_b = net.gradients(np.ones((5, 3)), np.zeros((5, 2)))
    for k in (1, 2):
        assert grad_W[k].shape == net.W[k].shape
        assert grad_b[k].shape == net.b[k].shape


def test_housing_net_of_eq_2_3_worked_by_hand():
    theta = [1.0, 0.5, -1.0, 2.0, -0.5, -0.5, 1.5, -0.3, 1.0, 0.8, 1.2, 0.5]
    net = mlp_lib.housing_net(theta)
    x = np.array([[2.0, 3.0, 0.5, 1.0]])  # size, bedrooms, zip code, wealth
    # a_1 = ReLU(1.0*2 + 0.5*3 - 1.0)         = ReLU(2.5)  = 2.5
    # a_2 = ReLU(2.0*0.5 - 0.5)               = ReLU(0.5)  = 0.5
    # a_3 = ReLU(-0.5*0.5 + 1.5*1.0 - 0.3)    = ReLU(0.95) = 0.95
    # h   = 1.0*2.5 + 0.8*0.5 + 1.2*0.95 + 0.5 = 4.54
    np.testing.assert_allclose(net.features(x), [[2.5, 0.5, 0.95]], rtol=1e-14)
    assert net(x)[0] == pytest.approx(4.54, rel=1e-14)
    # With y = 4, J = (4.54 - 4)^2 / 2 = 0.1458 and dJ/dh = 0.54. Then, by the chain rule:
    #   dJ/dtheta_9  = dJ/dh * a_1                      = 0.54 * 2.5       = 1.35
    #   dJ/dtheta_1  = dJ/dh * theta_9 * 1[z_1>0] * x_1 = 0.54 * 1.0 * 2.0 = 1.08
    #   dJ/dtheta_7  = dJ/dh * theta_11 * x_4           = 0.54 * 1.2 * 1.0 = 0.648
    #   dJ/dtheta_12 = dJ/dh                            = 0.54
    y = np.array([4.0])
    assert net.cost(x, y) == pytest.approx(0.1458, rel=1e-12)
    grad_W, grad_b = net.gradients(x, y)
    assert grad_W[2][0, 0] == pytest.approx(1.35, rel=1e-12)
    assert grad_W[1][0, 0] == pytest.approx(1.08, rel=1e-12)
    assert grad_W[1][2, 3] == pytest.approx(0.648, rel=1e-12)
    assert grad_b[2][0] == pytest.approx(0.54, rel=1e-12)


def test_a_negative_pre_activation_blocks_the_gradient():
    # theta_3 = -10 makes z_1 < 0, so a_1 = 0 and nothing flows back to theta_1..theta_3
    theta = [1.0, 0.5, -10.0, 2.0, -0.5, -0.5, 1.5, -0.3, 1.0, 0.8, 1.2, 0.5]
    net = mlp_lib.housing_net(theta)
    grad_W, grad_b = net.gradients(np.array([[2.0, 3.0, 0.5, 1.0]]), np.array([4.0]))
    assert np.all(grad_W[1][0] == 0) and grad_b[1][0] == 0


def notes_printed_param_count(sizes):
    """The parameter count exactly as the notes print it (Section 2, after eq. 2.12):
    (d+1)m_1 + (m_1+1)m_2 + m_2 + ... + (m_{r-2}+1)m_{r-1} + m_{r-1} + 1, for one output.

    For r = 3 the "+ m_2" is the "+ m_{r-1}" of the output layer and the formula is right;
    for r >= 4 the middle "+ m_2" is a term too many."""
    d, ms = sizes[0], sizes[1:-1]  # ms = m_1 .. m_{r-1}
    count = (d + 1) * ms[0]
    for k in range(1, len(ms)):
        count += (ms[k - 1] + 1) * ms[k]
    if len(ms) >= 3:
        count += ms[1]  # the extra "+ m_2"
    return count + ms[-1] + 1


@pytest.mark.parametrize("sizes", [[4, 3, 1], [13, 64, 64, 1], [2, 5, 7, 3, 1], [784, 256, 256, 10], [1, 1]])
def test_num_params_counts_every_entry(sizes):
    net = MLP(sizes, seed=0)
    direct = sum(W.size for W in net.W) + sum(b.size for b in net.b)
    assert net.num_params == direct == param_count(sizes)


def test_notes_printed_param_count_is_right_for_r3_and_off_by_m2_for_deeper_nets():
    # Pinned: mlp_lib uses the correct count; the notes' printed formula adds m_2 once too
    # often when r >= 4 (see the errata page).
    assert notes_printed_param_count([4, 3, 5, 1]) == param_count([4, 3, 5, 1])
    for sizes in ([4, 3, 5, 2, 1], [13, 64, 64, 32, 1], [2, 5, 7, 3, 4, 1]):
        assert notes_printed_param_count(sizes) - param_count(sizes) == sizes[2]


def test_shapes_follow_the_notes():
    net = MLP([5, 4, 3, 2], seed=0)
    assert net.r == 3 and net.d == 5
    for k, (m_prev, m) in enumerate([(5, 4), (4, 3), (3, 2)], start=1):
        assert net.W[k].shape == (m, m_prev)
        assert net.b[k].shape == (m,)
    X = np.zeros((7, 5))
    assert net(X).shape == (7, 2)
    assert net.features(X).shape == (7, 3)
    assert MLP([5, 4, 1], seed=0)(X).shape == (7,)


def test_forward_is_eq_2_12_written_out():
    rng = np.random.default_rng(1)
    net = MLP([3, 4, 5, 1], activation="tanh", seed=2)
    X = rng.standard_normal((6, 3))
    a1 = np.tanh(X @ net.W[1].T + net.b[1])
    a2 = np.tanh(a1 @ net.W[2].T + net.b[2])
    h = a2 @ net.W[3].T + net.b[3]
    np.testing.assert_allclose(net(X), h[:, 0], rtol=1e-14)
    np.testing.assert_allclose(net.features(X), a2, rtol=1e-14)


def test_each_row_is_one_example_eq_2_9():
    net = MLP([3, 6, 2], seed=4)
    X = np.random.default_rng(0).standard_normal((5, 3))
    for i, x in enumerate(X):  # the notes' column-vector form, one example at a time
        z = net.W[1] @ x + net.b[1]
        h = net.W[2] @ mlp_lib.relu(z) + net.b[2]
        np.testing.assert_allclose(net(X)[i], h, rtol=1e-13)


def test_features_of_a_one_layer_net_are_the_inputs():
    X = np.arange(6.0).reshape(3, 2)
    assert np.array_equal(MLP([2, 1], seed=0).features(X), X)


def test_one_dimensional_inputs_are_a_column_when_d_is_1():
    net = MLP([1, 4, 1], seed=0)
    x = np.linspace(0, 1, 5)
    assert np.array_equal(net(x), net(x[:, None]))


def test_same_seed_same_parameters_and_dtype_is_kept():
    a, b = MLP([3, 4, 1], seed=11), MLP([3, 4, 1], seed=11)
    assert all(np.array_equal(p, q) for p, q in zip(a.parameters(), b.parameters()))
    c = MLP([3, 4, 1], seed=12)
    assert not np.array_equal(a.W[1], c.W[1])
    net32 = MLP([3, 4, 1], seed=0, dtype=np.float32)
    assert all(p.dtype == np.float32 for p in net32.parameters())
    assert net32(np.ones((2, 3))).dtype == np.float32


def test_relu_init_spreads_the_kinks_over_the_inputs():
    # biases are not all zero, so the kinks -b_j / w_j of a 1-D ReLU layer differ
    net = MLP([1, 50, 1], seed=0)
    kinks = -net.b[1] / net.W[1][:, 0]
    assert np.std(kinks) > 0.1 and np.mean(np.abs(kinks) < 1) > 0.3


def test_layers_are_numbered_from_one_and_keep_their_shape():
    net = MLP([2, 3, 1], seed=0)
    with pytest.raises(IndexError, match=r"W\[0\] does not exist: layers are numbered 1 to 2"):
        net.W[0]
    with pytest.raises(ValueError, match=r"W\[1\] must have shape \(3, 2\), got shape \(2, 3\)"):
        net.W[1] = np.zeros((2, 3))
    net.W[1] = np.ones((3, 2))
    assert np.array_equal(net.W[1], np.ones((3, 2)))


def test_copy_is_independent():
    net = MLP([2, 3, 1], seed=0)
    twin = net.copy()
    twin.W[1][0, 0] += 1
    assert twin.W[1][0, 0] != net.W[1][0, 0]
