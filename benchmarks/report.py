"""Write book/performance.md from benchmarks/results/*.json.

usage: python benchmarks/report.py

The page is generated: edit this script (its prose is below), not the page. Every number on
it comes from the JSON files the bench_*.py scripts write, so re-running a benchmark
and then this script updates the page.
"""
import json
import sys
from pathlib import Path

from _common import fmt_time

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
PAGE = ROOT / "book" / "performance.md"


def load(name):
    path = RESULTS / f"{name}.json"
    return json.loads(path.read_text()) if path.exists() else None


def md_table(headers, rows, align=None):
    align = align or ["l"] + ["r"] * (len(headers) - 1)
    marks = {"l": ":---", "r": "---:"}
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join(marks[a] for a in align) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def verdict(ok):
    return "met" if ok else "**missed**"


def ratio_verdict(ratio, limit):
    """met / missed for a ratio of times, and a third answer where the median is above the
    limit but the middle half of the per-round ratios reaches it: the difference is smaller
    than what this benchmark can tell apart."""
    if ratio["median"] <= limit:
        return "met"
    if ratio["q1"] <= limit:
        return f"**tied**: the rounds' ratios straddle {limit}"
    return "**missed**"


def config_name(r):
    return f"{'-'.join(map(str, r['sizes']))}, n = {r['n']}"


def span(values, fmt):
    lo, hi = min(values), max(values)
    return fmt.format(lo) if fmt.format(lo) == fmt.format(hi) else f"{fmt.format(lo)} to {fmt.format(hi)}"


# ------------------------------------------------------------------ tables
def machine_table(results):
    rows = []
    for title, data in results:
        if data is None:
            continue
        runs = [(title, data["machine"])]
        if "pages_measured" in data["machine"]:  # some pages measured again, the others kept
            runs = [(f"{title}: {', '.join(data['machine']['pages_measured'])}", data["machine"]),
                    (f"{title}: the other pages", data["machine"]["other_pages"])]
        rows += [machine_row(name, m) for name, m in runs]
    return md_table(["benchmark", "CPU", "cores", "numpy and BLAS", "Python", "run on (UTC)",
                     "load average before / after", "freed memory", "commit"], rows, ["l"] * 9)


def machine_row(title, m):
    blas = m.get("blas", {})
    return [title, m["cpu"], f"{m['usable_cores']}",
            f"numpy {m['numpy']}, {blas.get('name')} {blas.get('version')}, "
            f"{blas.get('threads')} thread(s)", m["python"], m["date"],
            f"{m['load_average_at_start'][0]:.1f} / {m['load_average_at_end'][0]:.1f}",
            m.get("malloc", "default"), m.get("git_commit") or "-"]


def vectorization_table(v):
    rows = []
    for r in v["results"]:
        s = r["seconds_per_call"]
        rows.append([f"13-{r['width']}-{r['width']}-1", r["n"], fmt_time(s["loops"]["median"]),
                     fmt_time(s["per example"]["median"]), fmt_time(s["net(X)"]["median"]),
                     f"{r['speedup_of_net_X_over_loops']['median']:,.0f}x",
                     f"{r['speedup_of_net_X_over_per_example']['median']:,.1f}x"])
    return md_table(["network", "examples n", "for loops, eq. (2.5)", "one example at a time, eq. (2.9)",
                     "`net(X)`, eq. (2.11)", "loops / `net(X)`", "one at a time / `net(X)`"], rows)


LABELS = {"reference": "numpy reference", "mlp_lib": "mlp_lib (`gd`)",
          "mlp_lib Alg. 2": "mlp_lib (`minibatch_sgd`)", "scikit-learn": "scikit-learn", "PyTorch": "PyTorch"}


def step_time_table(t):
    present = [n for n in LABELS if any(n in r["seconds_per_step"] for r in t["results"])]
    rows = [[config_name(r), r["dtype"]] +
            [fmt_time(r["seconds_per_step"][n]["median"]) if n in r["seconds_per_step"] else "-"
             for n in present] for r in t["results"]]
    return md_table(["network, batch", "dtype"] + [LABELS[n] for n in present], rows,
                    ["l", "l"] + ["r"] * len(present))


def step_ratio_table(t):
    others = [n for n in ("mlp_lib Alg. 2", "scikit-learn", "PyTorch")
              if any(n in r["vs_reference"] for r in t["results"])]
    rows = []
    for r in t["results"]:
        v, mlp = r["vs_reference"], r["vs_reference"]["mlp_lib"]
        rows.append([config_name(r), r["dtype"], f"{mlp['median']:.2f}x ({mlp['q1']:.2f} to {mlp['q3']:.2f})"] +
                    [f"{v[n]['median']:.2f}x" if n in v else "-" for n in others])
    return md_table(["network, batch", "dtype", "mlp_lib (`gd`), with quartiles"] + [LABELS[n] for n in others],
                    rows, ["l", "l"] + ["r"] * (len(others) + 1))


def update_table(t):
    if not all("update_s" in r for r in t["results"]):
        return "*Not measured in this run.*"
    rows = []
    for r in t["results"]:
        u, step = r["update_s"], r["seconds_per_step"]["mlp_lib"]["median"]
        rows.append([config_name(r), r["dtype"], fmt_time(u["mlp_lib"]), fmt_time(u["reference"]),
                     f"{(u['mlp_lib'] - u['reference']) / step:+.1%}"])
    return md_table(["network, batch", "dtype", "mlp_lib update", "reference update",
                     "difference, as a share of mlp_lib's step"], rows)


def throughput_table(t):
    rows = []
    for r in t["results"]:
        f = r["fraction_of_matmul"]
        rows.append([config_name(r), r["dtype"], f"{r['matmul_flops_per_step'] / 1e9:.3g}",
                     f"{r['matmul_gflops']['median']:.0f}"] +
                    [f"{f[n]['median']:.0%}" if n in f else "-"
                     for n in ("mlp_lib", "reference", "scikit-learn", "PyTorch")])
    return md_table(["network, batch", "dtype", "GFLOP in a step's matrix products",
                     "`A @ B` GFLOP/s", "mlp_lib", "reference", "scikit-learn", "PyTorch"], rows,
                    ["l", "l"] + ["r"] * 6)


def memory_table(t):
    pm = t["peak_memory"]
    rows = [[pm["config"], dtype, f"{m['mlp_lib_bytes'] / 2**20:.1f} MiB",
             f"{m['reference_bytes'] / 2**20:.1f} MiB", f"{m['ratio']:.2f}x"]
            for dtype, m in pm.items() if dtype != "config"]
    return md_table(["network, batch", "dtype", "mlp_lib", "reference", "ratio"], rows)


def malloc_table(t, d):
    """Page faults and ratios of a run with glibc's default malloc, beside the main run's ratios."""
    rows = []
    for r, q in zip(t["results"], d["results"]):
        pf = q["page_faults_per_step"]
        rows.append([config_name(r), r["dtype"], f"{pf['reference']:.0f}", f"{pf['mlp_lib']:.0f}",
                     f"{q['vs_reference']['mlp_lib']['median']:.2f}x",
                     f"{r['vs_reference']['mlp_lib']['median']:.2f}x"])
    return md_table(["network, batch", "dtype", "page faults per step, reference",
                     "page faults per step, mlp_lib", "mlp_lib / reference, default malloc",
                     "mlp_lib / reference, memory kept (main run)"], rows)


def notebooks_table(b):
    nb = b["notebooks"]
    rows = [[f"`{name}`", f"{s['median']:.1f} s"] for name, s in nb["seconds"].items()]
    rows.append(["**the whole book** (median of the runs' totals)", f"**{nb['total']['median']:.1f} s**"])
    return md_table(["chapter", f"time to execute (median of {nb['rounds']} runs)"], rows)


def explorer_controls_table(e):
    rows = [[f"`{c['page']}`", c["control"], f"{c['median_ms']:.1f} ms", f"{c['p95_ms']:.1f} ms"]
            for c in e["controls"]]
    return md_table(["chapter", "control", "median", "95th percentile"], rows, ["l", "l", "r", "r"])


def explorer_animation_table(e):
    rows = [[f"`{a['page']}`", a.get("setting", "default"), f"{a['run_s']:.2f} s" + ("" if a["ended"] else " (had not ended)"),
             f"{a['frames']}", f"{a['fps']:.0f}"] for a in e["animations"]]
    return md_table(["chapter", "setting", "training run, play to end", "frames that redrew", "frames per second"],
                    rows, ["l", "l", "r", "r", "r"])


def pages_table(p):
    rows = [[f"`{r['page']}`", f"{r['transferred'] / 1024:,.0f} KiB", f"{r['score']:.2f}",
             f"{r['fcp_s']:.1f} s", f"{r['lcp_s']:.1f} s", f"{r['tbt_ms']:.0f} ms", f"{r['cls']:.3f}",
             str(len(r["other_hosts"]))] for r in p["pages"]]
    return md_table(["page", "transferred (gzip)", "score", "FCP", "LCP", "TBT", "CLS",
                     "requests to other hosts"], rows)


def png_comparison(png):
    """One sentence on the last measurement of the explorers as PNGs redrawn by Python."""
    worst = [e["worst_median_s"] for e in png["widgets"]["explorers"] if "worst_median_s" in e]
    if not worst:
        return ""
    return (f"For comparison, the last measurement of the explorers as matplotlib figures redrawn "
            f"by a Python kernel and sent to the page as PNGs ({png['machine']['date'][:10]}, "
            f"`benchmarks/results/explorers_png.json`) gave each explorer's slowest control a median "
            f"of {fmt_time(min(worst))} to {fmt_time(max(worst))}, and on the static site, with no "
            f"kernel, those explorers did not answer at all.")


def targets_table(v, t, b, e, p=None):
    rows = []
    if v:
        for r in v["results"]:
            if r["width"] == 64 and r["n"] == 32:
                s = r["speedup_of_net_X_over_loops"]["median"]
                rows.append(["for loops at least 100x slower than `net(X)`, 13-64-64-1, n = 32",
                             f"{s:,.0f}x", verdict(s >= 100)])
    if t:
        order = [r["sizes"] for r in t["results"]]
        for r in t["results"]:
            small = order.index(r["sizes"]) < 2
            limit, ratio = (1.25 if small else 1.0), r["vs_reference"]["mlp_lib"]
            rows.append([f"mlp_lib's step at most {limit}x the reference's, {config_name(r)}, {r['dtype']}",
                         f"{ratio['median']:.3f}x ({ratio['q1']:.3f}-{ratio['q3']:.3f})",
                         ratio_verdict(ratio, limit)])
        for r in t["results"]:
            if "scikit-learn" in r["vs_reference"]:
                s = r["mlp_lib_vs_scikit_learn"]["median"]
                rows.append([f"mlp_lib faster than scikit-learn, {config_name(r)}, {r['dtype']}",
                             f"{1 / s:.1f}x faster" if s < 1 else f"{s:.2f}x slower", verdict(s < 1)])
        largest = max(t["results"], key=lambda r: r["matmul_flops_per_step"])["sizes"]
        for r in t["results"]:
            if r["sizes"] == largest:
                f = r["fraction_of_matmul"]["mlp_lib"]["median"]
                rows.append([f"at least 80% of the measured `A @ B` rate, {config_name(r)}, {r['dtype']}",
                             f"{f:.0%}", verdict(f >= 0.8)])
        for dtype, m in t["peak_memory"].items():
            if dtype != "config":
                rows.append([f"peak memory at most 1.2x the reference's, {t['peak_memory']['config']}, {dtype}",
                             f"{m['ratio']:.2f}x", verdict(m["ratio"] <= 1.2)])
    if b:
        if "notebooks" in b:
            total = b["notebooks"]["total"]["median"]
            rows.append(["the whole book executes in 90 s or less", f"{total:.1f} s", verdict(total <= 90)])
    if e:
        for page in dict.fromkeys(c["page"] for c in e["controls"]):
            worst = max((c for c in e["controls"] if c["page"] == page), key=lambda c: c["median_ms"])
            rows.append([f"every control of the explorer of `{page}` redraws in a median of 16 ms or less "
                         f"(slowest: {worst['control']})", f"{worst['median_ms']:.1f} ms",
                         verdict(worst["median_ms"] <= 16)])
        for a in e["animations"]:
            setting = a.get("setting", "default")
            which = "default training run" if setting == "default" else f"training run at its slowest setting ({setting})"
            rows.append([f"the {which} of `{a['page']}` ends within 1 s, at 30 frames per "
                         f"second or more", f"{a['run_s']:.2f} s, {a['fps']:.0f} fps",
                         verdict(a["ended"] and a["run_s"] <= 1 and a["fps"] >= 30)])
    if p:
        for r in p["pages"]:
            ok = r["transferred"] <= p["budget_bytes"] and r["score"] >= p["target_score"] and not r["other_hosts"]
            rows.append([f"`{r['page']}` on a phone: at most {p['budget_bytes'] // 1024} KiB, a Lighthouse score "
                         f"of {p['target_score']} or more, nothing from another host",
                         f"{r['transferred'] / 1024:,.0f} KiB, {r['score']:.2f}, {len(r['other_hosts'])} other hosts",
                         verdict(ok)])
    return md_table(["target", "measured", ""], rows, ["l", "r", "l"])


# ------------------------------------------------------------------ findings, in words
def vectorization_findings(v):
    res = v["results"]
    speed = {(r["width"], r["n"]): r["speedup_of_net_X_over_loops"]["median"] for r in res}
    widths, batches = sorted({w for w, _ in speed}), sorted({n for _, n in speed})
    many = [s for (w, n), s in speed.items() if n >= 32]
    wide = [s for (w, n), s in speed.items() if n >= 32 and w >= 64]
    one_by_one = [r["speedup_of_net_X_over_per_example"]["median"] for r in res if r["n"] == batches[-1]]
    return (f"With a single example and the narrowest network ({widths[0]} units) the loops and "
            f"`net(X)` take about the same time (ratio {speed[(widths[0], 1)]:.1f}): there is almost no arithmetic, "
            f"and `net(X)` pays a fixed cost of some microseconds per call (checking its input, "
            f"calling numpy). The wider the layers, the more the loops lose: "
            f"{speed[(widths[-1], 1)]:,.0f}x for {widths[-1]} units. With "
            f"{min(n for n in batches if n >= 32)} examples or more `net(X)` is {span(many, '{:,.0f}x')} "
            f"faster ({span(wide, '{:,.0f}x')} for widths of 64 and more): in a Python loop each "
            f"multiply-add costs tens of nanoseconds of interpreter work, in a matrix product a "
            f"fraction of a nanosecond. Taking the examples one at a time (still a matrix product "
            f"per layer, eq. 2.9) pays the fixed cost for every example: for n = {batches[-1]}, all "
            f"the examples at once (eq. 2.11) are {span(one_by_one, '{:,.1f}x')} faster, the most "
            f"where the layers are narrow and the fixed cost is all there is.")


def step_findings(t):
    order = [r["sizes"] for r in t["results"]]
    small = [r for r in t["results"] if order.index(r["sizes"]) < 2]
    medium = [r for r in t["results"] if order.index(r["sizes"]) == 2]
    largest = [r for r in t["results"] if order.index(r["sizes"]) == 3]
    ratio = lambda rs, n: [r["vs_reference"][n]["median"] for r in rs if n in r["vs_reference"]]  # noqa: E731
    has_torch = bool(ratio(small, "PyTorch"))
    text = (f"On the two small networks a step is a few dozen numpy calls on tiny arrays, and what "
            f"counts is the Python work around them. mlp_lib takes {span(ratio(small, 'mlp_lib'), '{:.2f}x')} "
            f"the reference's time: the same numpy calls, plus its bookkeeping (cutting the new "
            f"gradient vector into layers, calling $\\sigma'$ through the activation's function, "
            f"the optimizer's loop); its update itself is cheaper than the reference's (table "
            f"below). scikit-learn takes {span(ratio(small, 'scikit-learn'), '{:.1f}x')} the "
            f"reference's time: it validates its input and its hyperparameters at every "
            f"`partial_fit` call.")
    if has_torch:
        text += (f" PyTorch ({span(ratio(small, 'PyTorch'), '{:.1f}x')}) pays for building the "
                 f"graph of every step and dispatching each operation.")
    extra = [r["vs_reference"]["mlp_lib Alg. 2"]["median"] - r["vs_reference"]["mlp_lib"]["median"] for r in small]
    text += (f" Drawing the batch as Algorithm 2 does (the `minibatch_sgd` column) adds "
             f"{span(extra, '{:.2f}')} of a reference step there: `rng.choice` without "
             f"replacement, and copying the rows.")
    text += (f"\n\nOn 784-256-256-10 the matrix products take most of the time but not all: "
             f"mlp_lib is at {span(ratio(medium, 'mlp_lib'), '{:.2f}x')} the reference's time, "
             f"scikit-learn at {span(ratio(medium, 'scikit-learn'), '{:.2f}x')}")
    text += f", PyTorch at {span(ratio(medium, 'PyTorch'), '{:.2f}x')}." if has_torch else "."
    text += (f" On the largest network nearly all of it is in the matrix products and everyone is "
             f"close: mlp_lib at {span(ratio(largest, 'mlp_lib'), '{:.2f}x')}, scikit-learn at "
             f"{span(ratio(largest, 'scikit-learn'), '{:.2f}x')}")
    text += f", PyTorch at {span(ratio(largest, 'PyTorch'), '{:.2f}x')}." if has_torch else "."
    large_updates = [r["update_s"]["mlp_lib"] / r["update_s"]["reference"] for r in medium + largest
                     if "update_s" in r]
    text += (" The update is timed alone in the next table. mlp_lib keeps $\\theta$ and its "
             "gradient in one vector each (`net.theta`; `W[k]` and `b[k]` are views of it), so "
             "its update is one vector operation where the reference makes one per array, which "
             "wins on small networks. On large ones both are memory traffic, and mlp_lib's takes "
             f"{span(large_updates, '{:.1f}') if large_updates else '-'}x the reference's time: it first copies "
             "$\\theta$, then subtracts `lr * g` in place and checks that every entry of the new "
             "$\\theta$ is finite; the reference writes `lr * dW` into a new array and subtracts it "
             "in place. The copy is what lets a diverging run stop with its last finite "
             "parameters: when the new $\\theta$ or its $J$ is not finite, the copy is put back.")
    big = [r["vs_reference"]["mlp_lib"] for r in medium + largest]
    text += (f"\n\nSo on the two large networks mlp_lib's step and the reference's do the same "
             f"matrix products and differ only in the small rest: their ratio is "
             f"{span([b['median'] for b in big], '{:.3f}')} (medians), while the middle half of "
             f"the per-round ratios spans {min(b['q1'] for b in big):.3f} to "
             f"{max(b['q3'] for b in big):.3f}: the two are as fast as each other, to within "
             f"what these rounds can resolve.")
    return text


# ------------------------------------------------------------------ the page
PAGE_TEXT = """\
# Performance

<!-- Generated by benchmarks/report.py from benchmarks/results/*.json: edit the script, not this page. -->

The notes explain why a layer is written as one matrix product (eqs. 2.7-2.11) instead of
loops over units and examples. This page measures what that buys, and checks that
`mlp_lib`, written to be read beside the notes, is not slow: its training step is timed
against a minimal numpy loop written by hand, against scikit-learn's `MLPRegressor` and
against PyTorch, the tools a student would otherwise reach for. Every number comes from the
scripts in `benchmarks/`, on the machine described below; on another machine the times
change, the ratios much less.

**How we time.** The contenders of a comparison run in one process, one after the other in
each *round*, in an order shuffled every round, after a warm-up round that is not kept; we
report the median over the rounds, and every ratio is the median of the per-round ratios,
each comparing two timings taken seconds apart. The machine was shared with other work while
these ran (see the load averages and the cores in the table below), which is why we give medians and
quartiles, not means. In the two compute benchmarks glibc's `malloc` is told to keep the
memory that numpy frees, for reuse (the column "freed memory" below); the end of Section 2
explains why.

## The machine

{machine}

## 1. Vectorization: for loops against `net(X)`

For networks $[13, m, m, 1]$ (13 inputs, two hidden ReLU layers of width $m$, one output)
and $n$ examples, $h_\\theta(x)$ is computed for every example in three ways:
`mlp_lib.forward_loops(net, X)`, one multiply-add at a time, as eq. (2.5) reads;
`net(X[i:i+1])` for one example after the other, one matrix-vector product per layer, as
in eq. (2.9); and `net(X)`, one matrix product per layer for all the examples, eq. (2.11).
numpy's BLAS runs on one thread here, like the loops: the lesson is the cost of the
interpreter, not parallelism. The last two columns are speed-ups of `net(X)`.

{vectorization}

{vectorization_findings}

Reproduce: `.venv/bin/python benchmarks/bench_vectorization.py` (a few minutes).

## 2. One training step

A step is a forward pass, the mean cost $J$ of eq. (1.2), backpropagation and the update
$\\theta := \\theta - \\alpha \\nabla_\\theta J$ on one batch (eq. 1.3 on the batch, which is
one step of eq. 1.5): ReLU hidden layers, a linear output layer, the squared loss. All the
contenders start from the same parameters and see the same batch (normal random inputs and
targets), with $\\alpha = {lr}$. What is timed:

- **numpy reference**: `reference_step` in `benchmarks/bench_training_step.py`, the shortest
  correct numpy we could write: forward, backward, `W -= lr * dW` for every array; no checks.
- **mlp_lib (`gd`)**: the public optimizer, `mlp_lib.gd(net, X, y, lr, n_iter=k,
  record_every=k)`. Each round times a call with $k = 1$ and one with $k = 1 + K$ and keeps
  the difference divided by $K$: what every further iteration costs (backpropagation, the
  update, the check that the step is finite). The fixed work of a call (validating
  `X` and `y`, and $J$ on the data before the first iteration and after the last) cancels;
  it is {per_call} per call on the largest network in float64, about {per_call_steps} of a step.
- **mlp_lib (`minibatch_sgd`)**: the same with Algorithm 2 as written, B = n, which also
  draws the B indices without replacement and copies those rows at every iteration.
- **scikit-learn** {sklearn}: `MLPRegressor(solver="sgd", batch_size=n, momentum=0, alpha=0,
  learning_rate="constant", shuffle=False)`, `partial_fit(X, y)` once per step.
- **PyTorch** {torch} (CPU, as many threads as numpy's BLAS): `zero_grad`, forward,
  `0.5 * ((h - y)**2).sum() / n`, `backward`, `SGD.step`.

Median time of a step:

{step_times}

The same as multiples of the reference's time (below 1: faster than the reference):

{step_ratios}

{step_findings}

The update alone, as `mlp_lib.optimizers` does it on `net.theta` (a copy of $\\theta$ to put
back should the step diverge, `p -= lr * g` in place, the check that the new $\\theta$ is
finite) and as the reference does it
(`W -= lr * dW` for every array), given a ready-made gradient, medians of {update_rounds}
repetitions:

{updates}

How close a step comes to the machine: we count the floating-point operations of its matrix
products ($2 n m_k m_{{k-1}}$ for each of the forward product, the weight gradient and, for
every layer but the first, the gradient with respect to the layer's input) and divide by
the step's time; the table gives that rate as a fraction of the rate of a large `A @ B`
({mm_n} x {mm_n}) timed in the same rounds. On the small networks the products are too
small to keep the processor busy; on the largest, a step runs at nearly the speed of a
pure matrix product.

{throughput}

Peak memory of one step on the largest network, as Python's `tracemalloc` (which sees
numpy's allocations) reports it; for mlp_lib, one `gd(..., n_iter=1)` call:

{memory}

{malloc_section}

Reproduce: `.venv/bin/pip install -r benchmarks/requirements.txt` (scikit-learn; PyTorch is
optional and adds its column when installed), then
`.venv/bin/python benchmarks/bench_training_step.py` (about ten minutes; add
`--default-malloc` to leave `malloc` alone).

## 3. The book: time to run every chapter

Time to execute every chapter, as `scripts/execute_notebooks.py --check` does it: a fresh
kernel for each notebook, its start-up included, outputs not saved.

{notebooks}

Reproduce: `.venv/bin/python benchmarks/bench_book.py` (a few minutes).

## 4. The explorers in the page

Every explorer computes and draws in the page (see `mlp_lib/widgets/js`), so it answers on
the static site with no kernel. `benchmarks/bench_explorers.py` opens each chapter page of
the built site in headless chromium, served on 127.0.0.1 with every request that leaves it
blocked, and times, for every control, from dispatching the control's `input` event to the
redrawn SVG laid out ({changes} changes per control; the redraw is synchronous, so this is
all the reader waits for before the next frame is painted). The target is one frame at
60 Hz, 16 ms.

{explorer_controls}

Training animations: from "play" to the end of the default run, and the animation frames in
which the explorer changed; then the same for each explorer's slowest setting (the largest
network, the costliest activation), opened through a link to that view. (The backpropagation
stepper of chapter 9 plays at a reading pace, one step every 1.6 s: no animation, so no row
here.)

{explorer_animations}

{png_comparison}

Reproduce: build the book, then `.venv/bin/python benchmarks/bench_explorers.py` (a minute).

## 5. Every page on a phone

Many readers open the book on a mid-range phone over a slow network. `benchmarks/bench_pages.py`
serves the built site on 127.0.0.1 with gzip, as GitHub Pages serves it, and runs
Lighthouse {lighthouse} with its mobile settings (a simulated slow 4G network: 150 ms round
trips, 1.6 Mbit/s; a CPU slowed 4x) on every page, {runs} runs each; the table gives the
medians of the performance score and of its metrics (First and Largest Contentful Paint,
Total Blocking Time, Cumulative Layout Shift), and what the page transferred on a first
visit, gzipped. The targets: at most {budget} KiB, a score of at least {target_score}, and no
request to another host. CI checks the bytes and the hosts on every page
(`tests/lighthouse/lighthouserc.cjs`); the scores and times vary from run to run and with
the machine's load, so they are measured here.

{pages}

What the pages are made of: the HTML, with every equation typeset into SVG (and MathML for
screen readers) when the site was built; the theme's styles and scripts; the icon fonts cut to
the glyphs the book uses; the figures, each but the first loaded when the reader scrolls
near it; and on a page with an explorer, the book's anywidget host (4 kB), which loads the
explorer's front end and saved data (one script beside the page) and starts it when the
reader comes within a screen of it: a reader who stays at the top of a chapter loads neither,
and Lighthouse, which does not scroll, counts neither.

Reproduce: build the book, `npm ci --prefix tests/lighthouse`, then
`.venv/bin/python benchmarks/bench_pages.py` (10 to 30 s a page and run).

## Targets

For the ratios of step times, "measured" gives the median and, in brackets, the quartiles
of the per-round ratios.

{targets}

After running any of the benchmarks, `.venv/bin/python benchmarks/report.py` rewrites this
page from their results.
"""

MALLOC_TEXT = """\
**Why `malloc` is told to keep its memory.** By default glibc serves every block above a
threshold (128 KiB at first, raised as such blocks are freed) directly from the operating
system and gives it back when it is freed; the next array of that size then costs a page
fault for every 4 KiB page. Which arrays cross the
threshold depends on the history of the process, so the same step can be fast in one run
and slow in the next. A run with glibc's defaults ({when}, load average {load}; its times
are not comparable with the main run's, only its ratios and page faults are) counted the
minor page faults of each step:

{table}"""


def render():
    """The Performance page, from benchmarks/results/*.json."""
    v, t, b = load("vectorization"), load("training_step"), load("book")
    e, png, p = load("explorers"), load("explorers_png"), load("pages")
    d = load("training_step_default_malloc")
    per_call = per_call_steps = "-"
    if t:
        largest = max((r for r in t["results"] if r["dtype"] == "float64"),
                      key=lambda r: r["matmul_flops_per_step"], default=None)
        if largest and largest.get("mlp_lib_per_call_s"):
            per_call = fmt_time(largest["mlp_lib_per_call_s"])
            per_call_steps = f"{largest['mlp_lib_per_call_s'] / largest['seconds_per_step']['mlp_lib']['median']:.1f}"
    not_run = "*Not run yet.*"
    fields = dict(
        machine=machine_table([("vectorization", v), ("training step", t), ("book", b), ("explorers", e),
                               ("pages", p)]),
        vectorization=vectorization_table(v) if v else not_run,
        vectorization_findings=vectorization_findings(v) if v else "",
        lr=t["learning_rate"] if t else 0.001, mm_n=t["matmul_n"] if t else 2048,
        per_call=per_call, per_call_steps=per_call_steps,
        sklearn=(t or {}).get("scikit_learn") or "",
        torch=(t or {}).get("torch") or "(not installed when this ran: no column)",
        step_times=step_time_table(t) if t else not_run,
        step_ratios=step_ratio_table(t) if t else "",
        step_findings=step_findings(t) if t else "",
        update_rounds="12 (large networks) or 25", updates=update_table(t) if t else "",
        throughput=throughput_table(t) if t else "",
        memory=memory_table(t) if t else "",
        malloc_section=MALLOC_TEXT.format(
            table=malloc_table(t, d), when=d["machine"]["date"],
            load=f"{d['machine']['load_average_at_start'][0]:.1f} to {d['machine']['load_average_at_end'][0]:.1f}",
        ) if t and d else "",
        notebooks=notebooks_table(b) if b and "notebooks" in b else not_run,
        changes=e["controls"][0]["n"] if e else "-",
        explorer_controls=explorer_controls_table(e) if e else not_run,
        explorer_animations=explorer_animation_table(e) if e and e["animations"] else "",
        pages=pages_table(p) if p else not_run, lighthouse=(p or {}).get("lighthouse", "12.2.3"),
        runs=(p or {}).get("runs", "-"), budget=(p or {}).get("budget_bytes", 512000) // 1024,
        target_score=(p or {}).get("target_score", 0.9),
        png_comparison=png_comparison(png) if png else "",
        targets=targets_table(v, t, b, e, p))
    return PAGE_TEXT.format(**fields)


def main():
    """Rewrite the page; with --check, write nothing and exit 1 if the page is not what the
    results give (CI runs the check through tests/test_generated_files.py)."""
    text = render()
    if "--check" in sys.argv[1:]:
        if PAGE.read_text() != text:
            sys.exit(f"{PAGE.relative_to(ROOT)} is stale: run `python benchmarks/report.py`")
        print(f"{PAGE.relative_to(ROOT)} is up to date")
        return
    PAGE.write_text(text)
    print(f"wrote {PAGE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
