"""The for-loop forward pass of eq. (2.5) equals the vectorized one, for any shapes."""
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import mlp_lib
from mlp_lib.activations import ACTIVATIONS


@settings(max_examples=60, deadline=None)
@given(
    sizes=st.lists(st.integers(1, 6), min_size=2, max_size=5),
    n=st.integers(1, 8),
    activation=st.sampled_from(sorted(ACTIVATIONS)),
    seed=st.integers(0, 2**16),
)
def test_loops_forward_equals_vectorized_forward(sizes, n, activation, seed):
    net = mlp_lib.MLP(sizes, activation=activation, seed=seed)
    X = np.random.default_rng(seed).standard_normal((n, sizes[0]))
    vectorized = net(X)
    loops = mlp_lib.forward_loops(net, X)
    assert loops.shape == vectorized.shape
    np.testing.assert_allclose(loops, vectorized, rtol=1e-12, atol=1e-12)


@settings(max_examples=40, deadline=None)
@given(sizes=st.lists(st.integers(1, 6), min_size=2, max_size=5), n=st.integers(1, 8))
def test_output_shape_rule(sizes, n):
    net = mlp_lib.MLP(sizes, seed=0)
    out = net(np.zeros((n, sizes[0])))
    assert out.shape == ((n,) if sizes[-1] == 1 else (n, sizes[-1]))
    assert net.features(np.zeros((n, sizes[0]))).shape == (n, sizes[-2] if len(sizes) > 2 else sizes[0])
