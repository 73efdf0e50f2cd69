"""The vectorization lesson, measured: the for-loop forward pass against net(X).

usage: python benchmarks/bench_vectorization.py [--quick]

For networks [13, m, m, 1] (d = 13 inputs, two hidden ReLU layers of width m, one output)
and n examples, three ways to compute h_theta(x) for every row of X:
- loops:       mlp_lib.forward_loops(net, X): one multiply-add at a time, eq. (2.5);
- per example: net(X[i:i+1]) for each row i: matrix-vector products, eq. (2.9), one example at a time;
- net(X):      all n examples in one matrix product per layer, eqs. (2.10)-(2.11).
Each round times all three, in a shuffled order; medians over the rounds after a warm-up.
numpy's BLAS runs on one thread here, like the loops (--blas-threads changes it): the lesson
is what the interpreter costs per multiply-add, not parallelism, and on a machine shared with
other programs a multi-threaded BLAS waits for its other thread on such small products.
Writes benchmarks/results/vectorization.json.
"""
import argparse

import numpy as np

import mlp_lib
from _common import (fmt_time, header, interleaved, limit_blas_threads, paired_ratio, save, stable_malloc,
                     steps_for, summary, table, timed)

WIDTHS = [4, 16, 64, 256]
BATCHES = [1, 32, 300]
D = 13


def bench(m, n, quick=False):
    net = mlp_lib.MLP([D, m, m, 1], seed=0)
    X = np.random.default_rng(0).standard_normal((n, D))
    assert np.allclose(mlp_lib.forward_loops(net, X), net(X), rtol=1e-12, atol=1e-12)
    calls = {
        "loops": lambda: mlp_lib.forward_loops(net, X),
        "per example": lambda: [net(X[i:i + 1]) for i in range(n)],
        "net(X)": lambda: net(X),
    }
    block_s = 0.02 if quick else 0.2
    blocks, round_s = {}, 0.0
    for name, call in calls.items():
        one = timed(call)
        one()  # warm-up
        k = steps_for(one, block_s)
        round_s += max(k * one(), block_s)

        def block(call=call, k=k):
            for _ in range(k):
                call()
        blocks[name] = (timed(block), k)
    # about 10 s per configuration, but never fewer than 5 rounds
    rounds = 3 if quick else int(np.clip(10.0 / round_s, 5, 25))
    times = interleaved(blocks, rounds=rounds, warmup=1)
    return {"sizes": [D, m, m, 1], "width": m, "n": n, "calls_per_block": {k: v[1] for k, v in blocks.items()},
            "seconds_per_call": {name: summary(t) for name, t in times.items()},
            "speedup_of_net_X_over_loops": paired_ratio(times["loops"], times["net(X)"]),
            "speedup_of_net_X_over_per_example": paired_ratio(times["per example"], times["net(X)"])}


def print_results(results):
    rows = []
    for r in results:
        s = r["seconds_per_call"]
        rows.append([f"13-{r['width']}-{r['width']}-1", r["n"], fmt_time(s["loops"]["median"]),
                     fmt_time(s["per example"]["median"]), fmt_time(s["net(X)"]["median"]),
                     f"{r['speedup_of_net_X_over_loops']['median']:,.0f}x",
                     f"{r['speedup_of_net_X_over_per_example']['median']:,.1f}x"])
    print(table(["network", "n", "loops (2.5)", "per example (2.9)", "net(X) (2.11)",
                 "loops / net(X)", "per example / net(X)"], rows))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="few rounds; results not saved")
    parser.add_argument("--blas-threads", type=int, default=1, help="threads of numpy's BLAS (default 1)")
    parser.add_argument("--default-malloc", action="store_true",
                        help="leave glibc's malloc as it is (see _common.stable_malloc)")
    args = parser.parse_args(argv)
    malloc = "glibc defaults" if args.default_malloc else stable_malloc() or "system defaults"
    limit_blas_threads(args.blas_threads)
    info = header("Forward pass over n examples: for loops against net(X) (medians; speed-ups are "
                  "medians of per-round ratios)")
    results = []
    for m in WIDTHS:
        for n in BATCHES:
            results.append(bench(m, n, quick=args.quick))
            print_results(results[-1:])
    print()
    print_results(results)
    if not args.quick:
        name = "vectorization" + ("_default_malloc" if args.default_malloc else "")
        save(name, {"machine": {**info, "malloc": malloc}, "d": D, "widths": WIDTHS, "batches": BATCHES,
                    "results": results})

if __name__ == "__main__":
    main()
