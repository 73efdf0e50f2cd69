"""The explorers' JS core (mlp_lib/widgets/js/src/core) against mlp_lib, under node.

The page computes what the explorers show; these tests require its numbers to equal
mlp_lib's to 1e-9 (relative): the forward pass and backpropagation for every activation
and depths 1-4, GD and mini-batch SGD trajectories given the same indices, the cost
grids the explorers draw, and the page's random indices replayed in Python.
"""
import numpy as np
import pytest

import mlp_lib
from mlp_lib.data import housing_prices, quadratic_data
from mlp_lib.plots.neuron import neuron_cost_grid
from mlp_lib.plots.optimization import cost_grid
from mlp_lib.widgets._explorer import mlp_to_page
from mlp_lib.widgets.page_random import PageRandom, page_batches
from node_core import run_js

RTOL = 1e-9


def close(page, numpy_value):
    np.testing.assert_allclose(np.asarray(page, dtype=float), numpy_value, rtol=RTOL, atol=1e-12)


@pytest.mark.parametrize("activation", sorted(mlp_lib.ACTIVATIONS))
@pytest.mark.parametrize("sizes", [[3, 1], [3, 5, 1], [2, 4, 3, 1], [4, 6, 5, 3, 1]], ids=lambda s: f"r={len(s) - 1}")
def test_forward_and_backprop_equal_mlp_lib(sizes, activation):
    rng = np.random.default_rng(len(sizes))
    net = mlp_lib.MLP(sizes, activation=activation, seed=1)
    X = rng.standard_normal((11, sizes[0]))
    y = rng.standard_normal(11)
    page = run_js("""
        const net = core.MLP.fromJSON(inputs.net);
        const { J, grads } = net.costAndGradients(inputs.X, inputs.y);
        const v = net.backprop(inputs.X, inputs.y);
        return { h: net.forward(inputs.X), features: net.layers(inputs.X).A[net.r - 1], J, grad: Array.from(grads),
                 gradW: v.gradW.slice(1), gradb: v.gradb.slice(1) };
    """, net=mlp_to_page(net), X=X, y=y)
    close(page["h"], net(X))
    close(page["features"], net.features(X))
    close(page["J"], net.cost(X, y))
    close(page["grad"], net.cost_and_gradients(X, y)[1].vector)  # laid out as theta, as training takes it
    grad_W, grad_b = net.gradients(X, y)
    for k in range(1, net.r + 1):
        close(page["gradW"][k - 1], grad_W[k])
        close(page["gradb"][k - 1], grad_b[k])


@pytest.mark.parametrize("n, p, m", [(80, 32, 32), (7, 3, 5), (1, 1, 1), (9, 40, 1), (6, 1, 7)])
def test_matrix_products_equal_the_plain_triple_loop_bit_for_bit(n, p, m):
    """linalg.js interleaves independent sums and skips factors that are exactly 0: every entry
    must still be the plain loop's, in the textbook order (numpy's own is checked above)."""
    rng = np.random.default_rng(n * p * m)
    A, W, dZ = (rng.standard_normal(shape) * (rng.random(shape) < 0.6) for shape in [(n, p), (m, p), (n, m)])
    b = rng.standard_normal(m)
    page = run_js("""
        const { n, p, m } = inputs;
        const [A, W, dZ] = [inputs.A, inputs.W, inputs.dZ].map((rows) => core.fromRows(rows));
        const Z = Array(n * m).fill(0), G = Array(m * p).fill(0), D = Array(n * p).fill(0);
        for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) {
          let s = 0; for (let l = 0; l < p; l++) s += W[j * p + l] * A[i * p + l]; Z[i * m + j] = s + inputs.b[j]; }
        for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) for (let l = 0; l < p; l++) {
          G[j * p + l] += dZ[i * m + j] * A[i * p + l]; D[i * p + l] += dZ[i * m + j] * W[j * p + l]; }
        const same = (got, want) => got.length === want.length && want.every((v, i) => got[i] === v);
        return [same(core.affine(A, W, core.fromRows([inputs.b]), n, p, m), Z),
                same(core.transposeTimes(dZ, A, n, m, p), G), same(core.times(dZ, W, n, m, p), D)];
    """, A=A, W=W, dZ=dZ, b=b, n=n, p=p, m=m)
    assert page == [True, True, True]


def test_activations_equal_mlp_lib_including_extremes():
    z = np.array([-1e4, -30.0, -1.0, -1e-8, 0.0, 1e-8, 0.5, 2.0, 40.0, 1e4])
    page = run_js("""
        const out = {};
        for (const [name, [f, df]] of Object.entries(core.ACTIVATIONS))
          out[name] = [inputs.z.map(f), inputs.z.map(df)];
        return out;
    """, z=z)
    assert set(page) == set(mlp_lib.ACTIVATIONS)
    for name, (sigma, derivative) in mlp_lib.ACTIVATIONS.items():
        close(page[name][0], sigma(z))
        close(page[name][1], derivative(z))


def test_unknown_activation_names_the_choices():
    message = run_js("try { core.getActivation('softplus'); } catch (e) { return e.message; }")
    assert message == "activation must be one of 'relu', 'sigmoid', 'tanh', 'identity', got 'softplus'."


def test_gd_trajectory_equals_mlp_lib_gd():
    X, y = mlp_lib.data.smooth_curve(n=30)
    net = mlp_lib.MLP([1, 8, 8, 1], activation="tanh", seed=0)
    start = mlp_to_page(net)
    history = mlp_lib.gd(net, X, y, lr=0.1, n_iter=60)
    page = run_js("""
        const run = core.train(core.MLP.fromJSON(inputs.net), inputs.X, inputs.y, 0.1, 60,
                               core.batchChooser("gd", inputs.X.length, 0, 0));
        return { history: run.history, net: run.model.toJSON(), diverged: run.diverged };
    """, net=start, X=X, y=y)
    assert page["diverged"] is None
    close(page["history"], history)
    for k in range(1, net.r + 1):
        close(page["net"]["W"][k - 1], net.W[k])
        close(page["net"]["b"][k - 1], net.b[k])


def test_minibatch_trajectory_equals_mlp_lib_update_given_the_same_indices():
    """The page draws its own indices (random.js); given those indices, each step is
    mlp_lib's update (1.5): one iteration of mlp_lib.gd on the batch."""
    X, y = mlp_lib.data.smooth_curve(n=24)
    net = mlp_lib.MLP([1, 6, 1], activation="relu", seed=3)
    start = mlp_to_page(net)
    batches = page_batches("minibatch", len(X), 5, 40, seed=11)
    history = [net.cost(X, y)]
    for idx in batches:
        mlp_lib.gd(net, X[idx], y[idx], lr=0.2, n_iter=1)  # theta := theta - lr grad on the batch, (1.5)
        history.append(net.cost(X, y))
    page = run_js("""
        const choose = core.batchChooser("minibatch", inputs.X.length, 5, 11);
        const run = core.train(core.MLP.fromJSON(inputs.net), inputs.X, inputs.y, 0.2, 40, choose);
        return { history: run.history, net: run.model.toJSON() };
    """, net=start, X=X, y=y)
    close(page["history"], history)
    for k in range(1, net.r + 1):
        close(page["net"]["W"][k - 1], net.W[k])


def test_sgd_on_the_footnote_model_equals_mlp_lib_and_divergence_stops_at_the_same_iteration():
    X, y = quadratic_data()
    for lr, n_iter in [(0.02, 50), (3.0, 50)]:
        model = mlp_lib.QuadraticModel((0.2, -2.0))
        path, history, diverged = [model.theta.copy()], [model.cost(X, y)], None
        for t, idx in enumerate(page_batches("sgd", len(X), 1, n_iter, seed=4), start=1):
            try:
                mlp_lib.gd(model, X[idx], y[idx], lr=lr, n_iter=1)
            except mlp_lib.TrainingDiverged:
                diverged = t
                break
            J = model.cost(X, y)
            if not np.isfinite(J):
                diverged = t
                break
            path.append(model.theta.copy())
            history.append(J)
        page = run_js("""
            const run = core.train(new core.QuadraticModel([0.2, -2.0]), inputs.X, inputs.y, inputs.lr,
                                   inputs.n_iter, core.batchChooser("sgd", inputs.X.length, 1, 4));
            return { history: run.history, path: run.models.map((m) => m.theta), diverged: run.diverged };
        """, X=X, y=y, lr=lr, n_iter=n_iter)
        assert page["diverged"] == diverged, f"lr={lr}"
        close(page["history"], history)
        close(page["path"], path)
    assert diverged is not None  # the second rate does diverge, so the stop was compared


def _diverging_runs():
    """Runs that diverge, one per model the explorers train: (mlp_lib model, X, y, lr, algorithm,
    B, n_iter, seed, the page's model in JS)."""
    X, y = mlp_lib.data.smooth_curve()
    Xq, yq = quadratic_data()
    Xh, yh = housing_prices()
    return {
        # the reproducer: theta stays finite, J at the new theta overflows
        "MLP, GD": (mlp_lib.MLP([1, 10, 1], seed=0), X, y, 10.0, "gd", 0, 300, 0,
                    "core.MLP.fromJSON(inputs.start)"),
        "MLP, mini-batch SGD": (mlp_lib.MLP([1, 8, 1], activation="tanh", seed=1), X, y, 40.0, "minibatch", 8, 300, 3,
                                "core.MLP.fromJSON(inputs.start)"),
        "footnote model, SGD": (mlp_lib.QuadraticModel((0.2, -2.0)), Xq, yq, 3.0, "sgd", 1, 50, 4,
                                "new core.QuadraticModel([0.2, -2.0])"),
        # theta - lr grad itself overflows, at the first step
        "footnote model, GD, theta overflows": (mlp_lib.QuadraticModel((0.2, -2.0)), Xq, yq, 1e308, "gd", 0, 5, 0,
                                                "new core.QuadraticModel([0.2, -2.0])"),
        "single neuron, mini-batch SGD": (mlp_lib.SingleNeuron(1.0, 0.0, "identity"), Xh, yh, 2.0, "minibatch", 10, 200,
                                          0, "new core.SingleNeuron(1.0, 0.0, 'identity')"),
    }


@pytest.mark.parametrize("name", list(_diverging_runs()))
def test_divergence_stops_at_the_same_iteration_with_the_same_last_finite_parameters(name):
    """mlp_lib and the page at a divergence: the same iteration, the same J before it, and the
    same parameters kept, the last whose J is finite (mlp_lib's TrainingDiverged, JS's steps())."""
    model, X, y, lr, algorithm, B, n_iter, seed, js_model = _diverging_runs()[name]
    start = mlp_to_page(model) if isinstance(model, mlp_lib.MLP) else None
    with pytest.raises(mlp_lib.TrainingDiverged) as info:
        mlp_lib.batch_sgd(model, X, y, lr, page_batches(algorithm, len(X), B, n_iter, seed))
    page = run_js(f"""
        const X = inputs.d1 ? inputs.X.map((r) => r[0]) : inputs.X;
        const run = core.train({js_model}, X, inputs.y, inputs.lr, inputs.n_iter,
                               core.batchChooser(inputs.algorithm, X.length, inputs.B, inputs.seed));
        const m = run.model; // theta laid out as mlp_lib's: W[1], b[1], W[2], b[2], ...
        const theta = m instanceof core.MLP ? m.W.slice(1).flatMap((W, k) => [...W.flat(), ...m.b[k + 1]])
          : m.theta ?? [m.w, m.b];
        return {{ diverged: run.diverged, history: run.history, theta }};
    """, X=X, y=y, lr=lr, n_iter=n_iter, algorithm=algorithm, B=B, seed=seed, start=start,
        d1=isinstance(model, mlp_lib.SingleNeuron))
    err = info.value
    assert page["diverged"] == err.iteration
    close(page["history"], err.history)
    theta = np.concatenate([np.ravel(p) for p in model.parameters()])
    close(page["theta"], theta)
    assert np.isfinite(model.cost(X, y))


def test_footnote_cost_grid_equals_mlp_lib():
    X, y = quadratic_data()
    grid = cost_grid(X, y, num=41)
    page = run_js("return core.costGrid(inputs.X, inputs.y, 2.5, 41);", X=X, y=y)
    close(page["theta1"], grid["theta1"])
    close(page["J"], grid["J"])


@pytest.mark.parametrize("activation", sorted(mlp_lib.ACTIVATIONS))
def test_single_neuron_cost_and_gradient_equal_mlp_lib(activation):
    X, y = housing_prices()
    grid = neuron_cost_grid(X, y, activation, num=21)
    page = run_js("""
        const x = inputs.X.map((r) => r[0]);
        const J = inputs.b.map((b) => inputs.w.map((w) => new core.SingleNeuron(w, b, inputs.activation).cost(x, inputs.y)));
        const g = new core.SingleNeuron(1.3, -2.1, inputs.activation).costAndGradients(x, inputs.y).grads;
        return { J, grad: [g.w, g.b] };
    """, X=X, y=y, w=grid["w"], b=grid["b"], activation=activation)
    close(page["J"], grid["J"])
    grad_w, grad_b = mlp_lib.SingleNeuron(1.3, -2.1, activation).gradients(X, y)
    close(page["grad"], [grad_w[0], grad_b])


def test_page_random_is_replayed_exactly_in_python():
    page = run_js("""
        const r = new core.PageRandom(2026);
        return { floats: Array.from({ length: 20 }, () => r.next()), choice: r.choice(50, 10),
                 integer: r.integer(7) };
    """)
    rng = PageRandom(2026)
    assert page["floats"] == [rng.next() for _ in range(20)]
    assert page["choice"] == rng.choice(50, 10)
    assert page["integer"] == rng.integer(7)
    assert len(set(page["choice"])) == 10  # without replacement, as Algorithm 2 requires
