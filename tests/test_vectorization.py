"""The timing helpers and figures of the vectorization chapter (eqs. 2.7-2.11)."""
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.patches import Rectangle

import mlp_lib
from mlp_lib import timing
from mlp_lib.plots.vectorization import plot_layer_shapes, plot_timings


class FakeClock:
    """A perf_counter that advances only when the timed function runs."""

    def __init__(self, durations):
        self.now, self.durations, self.calls = 0.0, list(durations), 0

    def perf_counter(self):
        return self.now

    def fn(self):
        self.now += self.durations[self.calls % len(self.durations)]
        self.calls += 1


@pytest.fixture
def clock(monkeypatch):
    def make(durations):
        fake = FakeClock(durations)
        monkeypatch.setattr(timing.time, "perf_counter", fake.perf_counter)
        return fake
    return make


def test_median_time_calibrates_the_batch_like_timeit(clock):
    fake = clock([0.001])  # every call takes 1 ms
    seconds = timing.median_time(fake.fn, repeat=3, min_time=0.005)
    # batches of 1, 2, 5 calls: 5 calls reach 5 ms; then two more batches of 5
    assert fake.calls == 1 + 2 + 5 + 5 + 5
    assert seconds == pytest.approx(0.001)


def test_median_time_takes_the_median_not_the_mean(clock):
    fake = clock([0.01, 0.01, 1.0, 0.01, 0.01])  # one slow outlier
    assert timing.median_time(fake.fn, repeat=5, min_time=0) == pytest.approx(0.01)
    assert fake.calls == 5


def test_median_time_stops_at_the_budget_but_not_before_three_batches(clock):
    fake = clock([0.5])
    timing.median_time(fake.fn, repeat=10, min_time=0, budget=0.1)
    assert fake.calls == 3
    fake = clock([0.5])
    timing.median_time(fake.fn, repeat=10, min_time=0, budget=2.2)
    assert fake.calls == 5  # 5 x 0.5 s passes 2.2 s


@pytest.mark.parametrize("kwargs, match", [({"repeat": 0}, "repeat"), ({"fn": 3}, "fn")])
def test_median_time_rejects_bad_arguments(kwargs, match):
    args = {"fn": lambda: None, **kwargs}
    fn = args.pop("fn")
    with pytest.raises(ValueError, match=match):
        timing.median_time(fn, **args)


def test_forward_timings_reports_what_it_measured(monkeypatch):
    seen = []

    def fake_median_time(fn, repeat, budget):
        seen.append(fn())  # run the timed function once and remember its output
        return float(len(seen))  # 1, 2, 3, 4: loops, vectorized, loops, vectorized

    monkeypatch.setattr(timing, "median_time", fake_median_time)
    result = timing.forward_timings([2, 5], d=3, n=7, hidden_layers=2, seed=0)
    np.testing.assert_array_equal(result["widths"], [2, 5])
    np.testing.assert_array_equal(result["loops"], [1.0, 3.0])
    np.testing.assert_array_equal(result["vectorized"], [2.0, 4.0])
    np.testing.assert_allclose(result["speedup"], [0.5, 0.75])
    assert (result["d"], result["n"], result["hidden_layers"]) == (3, 7, 2)
    # it timed forward_loops and net(X) of a [3, m, m, 1] network on the same 7 examples
    for loops_out, vec_out in zip(seen[0::2], seen[1::2]):
        assert loops_out.shape == vec_out.shape == (7,)
        np.testing.assert_allclose(loops_out, vec_out, atol=1e-12)
    assert result["max_abs_diff"] < 1e-12


def test_forward_timings_for_loops_equal_matrices():
    result = timing.forward_timings([1, 3], d=2, n=4, hidden_layers=3, activation="tanh",
                                    repeat=1, budget=0.0)
    assert result["max_abs_diff"] < 1e-12
    assert result["loops"].shape == result["vectorized"].shape == (2,)
    assert np.all(result["loops"] > 0) and np.all(result["vectorized"] > 0)


def test_plot_timings_draws_the_given_numbers():
    timings = {"widths": np.array([2, 4, 8]), "loops": np.array([1e-3, 4e-3, 1.6e-2]),
               "vectorized": np.array([1e-5, 2e-5, 4e-5]), "d": 13, "n": 300, "hidden_layers": 2}
    fig, ax = plt.subplots()
    drawn = plot_timings(timings, ax)
    np.testing.assert_array_equal(drawn["loops"], timings["loops"])
    np.testing.assert_allclose(drawn["speedup"], [100, 200, 400])
    lines = ax.get_lines()
    np.testing.assert_array_equal(lines[0].get_ydata(), timings["loops"])
    np.testing.assert_array_equal(lines[1].get_ydata(), timings["vectorized"])
    assert [t.get_text() for t in ax.texts] == ["100x", "200x", "400x"]
    assert ax.get_xscale() == ax.get_yscale() == "log"
    assert ax.get_title() == "13-m-m-1 network on n = 300 examples"
    plt.close(fig)


@pytest.mark.parametrize("n, d, m", [(6, 3, 4), (5, 2, 7)])
def test_plot_layer_shapes_match_numpy(n, d, m):
    net = mlp_lib.MLP([d, m, 1], seed=0)
    X = np.zeros((n, d))
    Z = X @ net.W[1].T + net.b[1]
    fig, ax = plt.subplots()
    drawn = plot_layer_shapes(n=n, d=d, m=m, ax=ax)
    column, rows = dict(drawn["column"]), dict(drawn["rows"])
    assert column == {"z": (m, 1), "W": net.W[1].shape, "x": (d, 1), "b": (m, 1)}
    assert rows == {"Z": Z.shape, "X": X.shape, "W^T": net.W[1].T.shape, "b^T": (1, m)}
    # eight matrices, plus the n - 1 dotted copies of the broadcast bias row
    assert sum(isinstance(p, Rectangle) for p in ax.patches) == 8 + (n - 1)
    plt.close(fig)
