"""One training step of an MLP: mlp_lib against a minimal numpy reference, scikit-learn and PyTorch.

usage: python benchmarks/bench_training_step.py [--quick] [--only N] [--dtype float64|float32]

A step is: forward pass, the mean cost J of eq. (1.2) with the squared loss, backpropagation,
and the update theta := theta - alpha grad (eq. 1.3 on the batch). ReLU hidden layers, a
linear output layer. All contenders start from the same parameters and see the same batch.

What is timed, per step (seconds per step = seconds of a block / steps in it):
- reference: ``reference_step`` below, called k times: plain numpy, no checks, in place.
- mlp_lib: the public optimizer, ``mlp_lib.gd(net, X, y, lr, n_iter, record_every=n_iter)``
  (eq. 1.3; with the batch as the data set this IS one step of eq. 1.5). Each round times a
  call with n_iter = 1 + k and one with n_iter = 1 and keeps the difference / k: what every
  further iteration costs (backprop, the update, the finiteness check that keeps the last
  finite parameters), with the per-call work (validating X and y, J before the first and
  after the last iteration) cancelling out. That per-call work is reported too.
- hand loop: the loop chapter 1 teaches, on the public API, k times:
  ``grad_W, grad_b = net.gradients(X, y)``, then ``net.W[k] -= lr * grad_W[k]`` (and b) for
  every layer. It validates X and y at every step, as the public ``gradients`` does.
- mlp_lib Alg. 2: the same with ``mlp_lib.minibatch_sgd(..., B=len(X))``, which also draws
  the batch (B indices without replacement) at every iteration, as Algorithm 2 does.
- scikit-learn: ``MLPRegressor.partial_fit(X, y)`` k times (solver="sgd", batch_size=len(X),
  momentum=0, alpha=0, constant learning_rate_init, shuffle=False): one update per call.
- PyTorch (when installed; CPU, as many threads as numpy's BLAS): zero_grad, forward,
  0.5 * sum((h - y)^2) / n, backward, SGD step, k times.
- matmul: ``A @ B`` for two 2048 x 2048 matrices of the dtype, timed in the same rounds,
  gives the machine's matrix-multiply throughput; each step's matrix-product FLOPs divided
  by its time, as a fraction of that throughput, says how close the step is to the machine.

Peak memory (tracemalloc, which sees numpy's allocations) of one mlp_lib step and one
reference step is measured on the largest configuration.
Writes benchmarks/results/training_step.json.
"""
import argparse
import resource
import time
import tracemalloc

import numpy as np

import mlp_lib

try:  # benchmark-only packages: see benchmarks/requirements.txt
    from sklearn.neural_network import MLPRegressor
except ImportError:
    MLPRegressor = None
try:  # optional
    import torch
except ImportError:
    torch = None

from _common import (blas_threads, fmt_time, header, interleaved, limit_blas_threads, paired_ratio, save,
                     stable_malloc, steps_for, summary, table, timed)

#: (sizes [d, m_1, ..., m_r], batch size n)
CONFIGS = [
    ([4, 3, 1], 16),
    ([13, 64, 64, 1], 32),
    ([784, 256, 256, 10], 128),
    ([1024, 2048, 2048, 1], 1024),
]
DTYPES = ["float64", "float32"]
LR = 1e-3
MATMUL_N = 2048


def name_of(sizes, n):
    return f"{'-'.join(map(str, sizes))}, n={n}"


def matmul_flops(sizes, n):
    """Floating-point operations in the matrix products of one step.

    Forward Z = A W^T: 2 n m_k m_{k-1} per layer; backward dJ/dW = dZ^T A, the same; and
    dJ/da = dZ W for every layer but the first, the same again.
    """
    per_layer = [2 * n * m * m_prev for m_prev, m in zip(sizes[:-1], sizes[1:])]
    return 3 * sum(per_layer) - per_layer[0]


# ---------------------------------------------------------------- the reference
def reference_step(Ws, bs, X, Y, lr):
    """One step of gradient descent on J (eq. 1.2), written out with numpy and nothing else.

    Ws[k], bs[k] are layer k+1's weights (m, m_prev) and biases (m,), updated in place;
    X is (n, d), Y is (n, m_r). Returns J before the update.
    """
    # forward
    Zs, As = [], [X]
    for k, (W, b) in enumerate(zip(Ws, bs)):
        Z = As[-1] @ W.T + b
        Zs.append(Z)
        As.append(np.maximum(Z, 0) if k < len(Ws) - 1 else Z)
    n = X.shape[0]
    E = As[-1] - Y
    J = 0.5 * np.sum(E * E) / n
    # backward
    dZ = E / n
    grads = []
    for k in reversed(range(len(Ws))):
        grads.append((dZ.T @ As[k], dZ.sum(axis=0)))
        if k > 0:
            dZ = (dZ @ Ws[k]) * (Zs[k - 1] > 0)
    # update
    for W, b, (gW, gb) in zip(Ws, bs, reversed(grads)):
        W -= lr * gW
        b -= lr * gb
    return J


# ---------------------------------------------------------------- the contenders
def make_contenders(sizes, n, dtype, seed=0):
    """Blocks of k steps for every contender, all from the same parameters and batch.

    Returns dict name -> make(k) -> block(), where block() runs k steps, returns seconds.
    """
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, sizes[0])).astype(dtype)
    Y = rng.standard_normal((n, sizes[-1])).astype(dtype)
    y = Y[:, 0] if sizes[-1] == 1 else Y
    net0 = mlp_lib.MLP(sizes, seed=seed, dtype=dtype)
    makers = {}

    Ws = [W.copy() for W in net0.W]
    bs = [b.copy() for b in net0.b]

    def ref(k):
        def run():
            for _ in range(k):
                reference_step(Ws, bs, X, Y, LR)
        return timed(run)
    makers["reference"] = ref

    def mlp(optimizer):
        net = net0.copy()
        sampling = np.random.default_rng(seed)
        if optimizer == "gd":
            def call(n_iter):
                return mlp_lib.gd(net, X, y, LR, n_iter=n_iter, record_every=n_iter)
        else:
            def call(n_iter):
                return mlp_lib.minibatch_sgd(net, X, y, LR, B=n, n_iter=n_iter,
                                             record_every=n_iter, seed=sampling)

        def make(k):
            def block():
                start = time.perf_counter()
                call(1)
                one = time.perf_counter() - start
                start = time.perf_counter()
                call(1 + k)
                many = time.perf_counter() - start
                make.fixed.append(one - (many - one) / k)  # the per-call work alone
                return many - one
            return block
        make.fixed = []
        return make
    def hand(k):
        net = net0.copy()

        def run():
            for _ in range(k):  # the loop chapter 1 teaches, on the public API
                grad_W, grad_b = net.gradients(X, y)
                for j in range(1, net.r + 1):
                    net.W[j] -= LR * grad_W[j]
                    net.b[j] -= LR * grad_b[j]
        return timed(run)
    makers["hand loop"] = hand
    makers["mlp_lib"] = mlp("gd")
    makers["mlp_lib Alg. 2"] = mlp("minibatch_sgd")

    if MLPRegressor is not None:
        skl = MLPRegressor(hidden_layer_sizes=sizes[1:-1], activation="relu", solver="sgd",
                           alpha=0.0, batch_size=n, learning_rate="constant",
                           learning_rate_init=LR, momentum=0.0, nesterovs_momentum=False,
                           shuffle=False, random_state=seed)
        skl.partial_fit(X, y)  # allocates its parameters; then start from ours
        for k, (W, b) in enumerate(zip(net0.W, net0.b)):
            skl.coefs_[k][...] = W.T
            skl.intercepts_[k][...] = b
        assert skl.coefs_[0].dtype == np.dtype(dtype)

        def sk(k):
            def run():
                for _ in range(k):
                    skl.partial_fit(X, y)
            return timed(run)
        makers["scikit-learn"] = sk

    if torch is not None:
        torch.set_num_threads(blas_threads())
        tdtype = getattr(torch, dtype)
        layers = []
        for k, (W, b) in enumerate(zip(net0.W, net0.b), start=1):
            lin = torch.nn.Linear(W.shape[1], W.shape[0], dtype=tdtype)
            with torch.no_grad():
                lin.weight.copy_(torch.from_numpy(W))
                lin.bias.copy_(torch.from_numpy(b))
            layers += [lin] + ([torch.nn.ReLU()] if k < len(net0.W) else [])
        model = torch.nn.Sequential(*layers)
        opt = torch.optim.SGD(model.parameters(), lr=LR)
        tX, tY = torch.from_numpy(X), torch.from_numpy(Y)

        def step():
            opt.zero_grad(set_to_none=True)
            E = model(tX) - tY
            J = 0.5 * (E * E).sum() / n
            J.backward()
            opt.step()

        def pt(k):
            def run():
                for _ in range(k):
                    step()
            return timed(run)
        makers["PyTorch"] = pt

    A = np.random.default_rng(1).standard_normal((MATMUL_N, MATMUL_N)).astype(dtype)
    B = np.random.default_rng(2).standard_normal((MATMUL_N, MATMUL_N)).astype(dtype)

    def mm(k):
        def run():
            for _ in range(k):
                A @ B
        return timed(run)
    makers["matmul"] = mm
    return makers


def _same_start(sizes, n, dtype, seed):
    """A seeded batch, a net, and a copy of its parameters for the reference: (net, X, y, Y, Ws, bs)."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, sizes[0])).astype(dtype)
    Y = rng.standard_normal((n, sizes[-1])).astype(dtype)
    y = Y[:, 0] if sizes[-1] == 1 else Y
    net = mlp_lib.MLP(sizes, seed=seed, dtype=dtype)
    Ws, bs = [W.copy() for W in net.W], [b.copy() for b in net.b]
    return net, X, y, Y, Ws, bs


def peak_memory(sizes, n, dtype, seed=0):
    """Peak bytes numpy allocates during one step (tracemalloc), mlp_lib and the reference."""
    net, X, y, Y, Ws, bs = _same_start(sizes, n, dtype, seed)
    runs = {"mlp_lib": lambda: mlp_lib.gd(net, X, y, LR, n_iter=1),
            "reference": lambda: reference_step(Ws, bs, X, Y, LR)}
    peaks = {}
    for name, run in runs.items():
        run()  # warm-up
        tracemalloc.start()
        start, _ = tracemalloc.get_traced_memory()
        run()
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        peaks[name] = peak - start
    return {"mlp_lib_bytes": peaks["mlp_lib"], "reference_bytes": peaks["reference"],
            "ratio": peaks["mlp_lib"] / peaks["reference"],
            "note": "mlp_lib: one call gd(net, X, y, lr, n_iter=1), which also evaluates J "
                    "before and after; reference: one reference_step"}


def page_faults(sizes, n, dtype, k, seed=0):
    """Minor page faults per step (getrusage), mlp_lib (gd, k iterations) and the reference."""
    net, X, y, Y, Ws, bs = _same_start(sizes, n, dtype, seed)

    def ref():
        for _ in range(k):
            reference_step(Ws, bs, X, Y, LR)
    runs = {"mlp_lib": lambda: mlp_lib.gd(net, X, y, LR, n_iter=k, record_every=k), "reference": ref}
    faults = {}
    for name, run in runs.items():
        run()  # warm-up
        before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
        run()
        faults[name] = (resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before) / k
    return faults


def update_cost(sizes, dtype, rounds, seed=0):
    """Seconds of the update alone: mlp_lib's own ``optimizers._step`` on the one vector
    theta (a copy of theta, kept to put back should the step diverge, then
    ``theta -= alpha grad`` in place) and the check that the new theta is finite, as
    ``optimizers._train`` makes it, fed a ready-made gradient; against the reference's
    ``W -= lr * dW`` for every array. Median over rounds."""
    from mlp_lib.optimizers import _step, _vectors

    net = mlp_lib.MLP(sizes, seed=seed, dtype=dtype)
    rng = np.random.default_rng(seed)
    theta = _vectors(net.parameters())  # [net.theta]: every parameter in one vector
    grads = [rng.standard_normal(p.shape).astype(dtype) for p in net.parameters()]
    flat = np.concatenate([g.ravel() for g in grads])
    Ws = [p.copy() for p in net.parameters()]
    lr = 1e-12  # keep the parameters where they are

    def mlp():
        grad = [flat.copy()]  # a new gradient array, as backpropagation returns (not timed)
        start = time.perf_counter()
        _step(theta, grad, lr)
        ok = all(np.isfinite(p).all() for p in theta)
        return time.perf_counter() - start, ok

    def ref():
        start = time.perf_counter()
        for W, dW in zip(Ws, grads):
            W -= lr * dW
        return time.perf_counter() - start, True

    times = {"mlp_lib": [], "reference": []}
    for r in range(rounds + 1):
        for name, run in (("mlp_lib", mlp), ("reference", ref)):
            seconds, ok = run()
            assert ok
            if r:
                times[name].append(seconds)
    return {name: float(np.median(t)) for name, t in times.items()}


def bench(sizes, n, dtype, quick=False):
    makers = make_contenders(sizes, n, dtype)
    ref_one = makers["reference"](1)
    ref_one()
    step_s = min(ref_one() for _ in range(3))
    big = step_s > 0.05
    block_s = 0.05 if quick else (1.5 if big else 0.1)
    rounds = 3 if quick else (12 if big else 25)
    blocks = {}
    for name, make in makers.items():
        one = make(1)
        one()  # warm-up
        if name == "matmul":
            k = 1
        elif name.startswith("mlp_lib"):  # a difference of two timings: calibrate on the reference
            k = blocks["reference"][1]
        else:
            k = steps_for(one, block_s)
        blocks[name] = (make(k), k)
    makers["mlp_lib"].fixed.clear()
    times = interleaved(blocks, rounds=rounds, warmup=1)
    flops = matmul_flops(sizes, n)
    mm_flops = 2 * MATMUL_N**3
    result = {"sizes": sizes, "n": n, "dtype": dtype, "matmul_flops_per_step": flops,
              "steps_per_block": {name: k for name, (_, k) in blocks.items()},
              "seconds_per_step": {name: summary(t) for name, t in times.items()}}
    result["vs_reference"] = {name: paired_ratio(t, times["reference"])
                              for name, t in times.items() if name not in ("reference", "matmul")}
    if "scikit-learn" in times:
        result["mlp_lib_vs_scikit_learn"] = paired_ratio(times["mlp_lib"], times["scikit-learn"])
    rate = mm_flops / times["matmul"]
    result["matmul_gflops"] = summary(rate / 1e9)
    result["fraction_of_matmul"] = {
        name: summary((flops / t) / rate) for name, t in times.items() if name != "matmul"}
    fixed = makers["mlp_lib"].fixed[1:]  # drop the warm-up round
    result["mlp_lib_per_call_s"] = float(np.median(fixed))
    result["update_s"] = update_cost(sizes, dtype, 5 if quick else (12 if big else 25))
    result["page_faults_per_step"] = page_faults(sizes, n, dtype, max(2, min(blocks["reference"][1], 600) // 3))
    return result


def print_results(results):
    rows = []
    for r in results:
        c, v = r["seconds_per_step"], r["vs_reference"]
        row = [name_of(r["sizes"], r["n"]), r["dtype"],
               fmt_time(c["reference"]["median"]),
               fmt_time(c["mlp_lib"]["median"]), f"{v['mlp_lib']['median']:.2f}x",
               f"{v['mlp_lib Alg. 2']['median']:.2f}x", f"{v['hand loop']['median']:.2f}x"]
        for other in ("scikit-learn", "PyTorch"):
            row += [f"{v[other]['median']:.2f}x"] if other in v else ["-"]
        row += [f"{r['matmul_gflops']['median']:.0f}",
                f"{r['fraction_of_matmul']['mlp_lib']['median']:.0%}",
                f"{r['fraction_of_matmul']['reference']['median']:.0%}"]
        rows.append(row)
    print(table(["config", "dtype", "reference", "mlp_lib", "mlp_lib/ref", "Alg.2/ref", "hand/ref",
                 "sklearn/ref", "torch/ref", "matmul GFLOP/s", "mlp_lib % mm", "ref % mm"], rows))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="few rounds; results not saved")
    parser.add_argument("--only", type=int, action="append", help="config index (0-3), repeatable")
    parser.add_argument("--dtype", choices=DTYPES, action="append")
    parser.add_argument("--blas-threads", type=int, help="threads of numpy's BLAS (and PyTorch); "
                        "default: as numpy starts")
    parser.add_argument("--default-malloc", action="store_true",
                        help="leave glibc's malloc as it is (see _common.stable_malloc)")
    args = parser.parse_args(argv)
    malloc = "glibc defaults" if args.default_malloc else stable_malloc() or "system defaults"
    limit_blas_threads(args.blas_threads)
    info = header("Training step: forward, backward, update (ratios: time / reference time, "
                  "median over rounds)")
    results = []
    for dtype in args.dtype or DTYPES:
        for i, (sizes, n) in enumerate(CONFIGS):
            if args.only and i not in args.only:
                continue
            r = bench(sizes, n, dtype, quick=args.quick)
            results.append(r)
            print_results([r])
    print()
    print_results(results)
    sizes, n = CONFIGS[-1]
    memory = {dtype: peak_memory(sizes, n, dtype) for dtype in args.dtype or DTYPES}
    for dtype, m in memory.items():
        print(f"peak memory, {name_of(sizes, n)}, {dtype}: mlp_lib {m['mlp_lib_bytes'] / 2**20:.1f} MiB, "
              f"reference {m['reference_bytes'] / 2**20:.1f} MiB ({m['ratio']:.2f}x)")
    if not args.quick and not args.only and not args.dtype:
        name = "training_step" + ("_default_malloc" if args.default_malloc else "")
        save(name, {"machine": {**info, "malloc": malloc}, "learning_rate": LR, "matmul_n": MATMUL_N,
                    "torch": getattr(torch, "__version__", None), "scikit_learn": _sklearn_version(),
                    "results": results, "peak_memory": {"config": name_of(sizes, n), **memory}})


def _sklearn_version():
    try:
        import sklearn
        return sklearn.__version__
    except ImportError:
        return None


if __name__ == "__main__":
    main()
