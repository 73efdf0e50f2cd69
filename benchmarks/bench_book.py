"""How long the book takes to run, and how long one widget update takes.

usage: python benchmarks/bench_book.py [--quick] [--rounds N] [--skip-notebooks] [--skip-widgets]
                                      [--only NAME ...]

1. Every chapter (book/*.ipynb) is executed as ``scripts/execute_notebooks.py --check`` does
   (a fresh kernel per notebook, outputs not written), `rounds` times; per chapter the median,
   and the median of the per-round totals. Kernel start-up is included: it is part of what a
   reader waits for.
2. Every explorer in mlp_lib/widgets/*.py that still redraws from Python (a function named
   *_explorer, called with its defaults; found at run time, so new ones are picked up) is
   built once; those that compute in the page are timed by bench_explorers.py. Then, for every
   control, many times, we time what a reader waits for: the control is set to another
   valid value and the explorer computes, redraws, renders its PNG
   (:func:`mlp_lib.widgets._common.render_png`) and shows it. The PNG part is reported
   apart, and so is the slowest *first visit* of a value (where the explorer may have to
   train before it draws). "(as built)" times ``box.redraw()`` with no control changed.
   ``--only`` limits this to the named explorers.
Writes benchmarks/results/book.json.
"""
import argparse
import contextlib
import importlib
import inspect
import io
import os
import pkgutil
import sys
import time

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402

from _common import ROOT, fmt_time, header, save, summary, table  # noqa: E402

sys.path.insert(0, str(ROOT / "scripts"))
from execute_notebooks import execute  # noqa: E402

TARGET_BOOK_S = 90
TARGET_UPDATE_S = 0.100


# ------------------------------------------------------------------ notebooks
def bench_notebooks(rounds):
    paths = sorted((ROOT / "book").glob("*.ipynb"))
    per_nb = {p.name: [] for p in paths}
    totals = []
    for r in range(rounds):
        total = 0.0
        for path in paths:
            seconds = execute(path, timeout=600, write=False)
            per_nb[path.name].append(seconds)
            total += seconds
            print(f"  round {r + 1}: {path.name:40s} {seconds:6.1f} s", flush=True)
        totals.append(total)
    return {"rounds": rounds, "seconds": {name: summary(t) for name, t in per_nb.items()},
            "total": summary(totals), "target_s": TARGET_BOOK_S}


# ------------------------------------------------------------------ widgets
def find_explorers():
    """(module name, function name, function) of every *_explorer in mlp_lib.widgets that
    redraws from Python. The explorers that compute in the page (anywidget; their module
    defines a subclass of ``Explorer``) are timed in chromium by bench_explorers.py."""
    from mlp_lib.widgets._explorer import Explorer

    import mlp_lib.widgets as pkg

    found = []
    for info in pkgutil.iter_modules(pkg.__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"mlp_lib.widgets.{info.name}")
        if any(isinstance(c, type) and issubclass(c, Explorer) for c in vars(module).values()):
            continue  # in the page
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            if name.endswith("_explorer") and fn.__module__ == module.__name__:
                found.append((info.name, name, fn))
    return found


def other_values(control):
    """Two valid values for a control other than its current one (empty when unknown)."""
    v = control.value
    if hasattr(control, "options") and not hasattr(control, "min"):  # Dropdown, ToggleButtons...
        values = [opt[1] if isinstance(opt, tuple) else opt for opt in control.options]
        return [x for x in values if x != v][:2]
    if isinstance(v, bool):
        return [not v]
    if hasattr(control, "min") and hasattr(control, "max"):
        if type(control).__name__ == "FloatLogSlider":
            lo, hi = control.base ** control.min, control.base ** control.max
            candidates = [np.sqrt(lo * hi), lo * (hi / lo) ** 0.25]
        else:
            candidates = [(control.min + control.max) / 2, control.min + (control.max - control.min) / 4]
        if isinstance(v, (int, np.integer)):
            candidates = [int(round(c)) for c in candidates]
        return [c for c in candidates if c != v] or [control.min if v != control.min else control.max]
    return []


def bench_widget(fn, repeats):
    """Per control, the (redraw, PNG, first visit) of `repeats` changes of that control.

    What is timed is what the reader waits for: setting the control's value, which makes
    the explorer redraw, render the PNG and put it in its Output (outside a kernel the
    display only prints a line, captured here). The PNG part is timed by wrapping the
    figure's ``canvas.print_png``; the redraw is the rest. A change to a value this control
    has not had before is a *first visit*: the explorer may have to compute (train a net)
    before it can draw; later visits may find that in its cache.
    """
    with contextlib.redirect_stdout(io.StringIO()):  # a redraw triggered outside a kernel prints a repr
        start = time.perf_counter()
        box = fn()
        build_s = time.perf_counter() - start
    canvas = box.figure.canvas
    print_png, png_seconds = canvas.print_png, []

    def timed_print_png(*args, **kwargs):
        start = time.perf_counter()
        try:
            return print_png(*args, **kwargs)
        finally:
            png_seconds.append(time.perf_counter() - start)

    canvas.print_png = timed_print_png  # this figure only

    def timed(change):
        """(redraw, PNG) seconds of `change`, which makes the explorer show a new PNG."""
        png_seconds.clear()
        with contextlib.redirect_stdout(io.StringIO()):
            start = time.perf_counter()
            change()
            total = time.perf_counter() - start
        if len(png_seconds) != 1:
            raise RuntimeError(f"expected one PNG per update, got {len(png_seconds)}")
        return total - png_seconds[0], png_seconds[0]

    timed(box.redraw)  # warm-up (caches, first PNG)
    times = {"(as built)": [(*timed(box.redraw), False) for _ in range(repeats)]}
    skipped = []
    for name, control in box.controls.items():
        values = other_values(control)
        if not values:
            skipped.append(name)
            continue
        original, ts = control.value, []
        seen = {original}
        if len(values) == 1:  # go back and forth, so that every timed update follows a change
            values = [values[0], original]
        for i in range(repeats):
            value = values[i % len(values)]

            def change():
                control.value = value
            ts.append((*timed(change), value not in seen))
            seen.add(value)
        with contextlib.redirect_stdout(io.StringIO()):
            control.value = original
        times[name] = ts
    return build_s, times, skipped


def bench_widgets(repeats, only=()):
    results = []
    for module, name, fn in find_explorers():
        if only and name not in only and module not in only:
            continue
        required = [p for p in inspect.signature(fn).parameters.values()
                    if p.default is inspect.Parameter.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
        if required:
            results.append({"module": module, "explorer": name, "skipped": "needs arguments"})
            continue
        try:
            build_s, times, skipped = bench_widget(fn, repeats)
        except Exception as err:  # another engineer's explorer may be half-written right now
            results.append({"module": module, "explorer": name, "error": f"{type(err).__name__}: {err}"})
            print(f"  {module}.{name}: {type(err).__name__}: {err}", flush=True)
            continue
        per_control = {}
        for control, ts in times.items():
            redraw, png, first = np.array(ts).T
            total, first = redraw + png, first.astype(bool)
            per_control[control] = {**summary(total), "redraw_median": float(np.median(redraw)),
                                    "png_median": float(np.median(png)),
                                    "first_visits": int(first.sum()),
                                    "slowest_first_visit": float(total[first].max()) if first.any() else None}
        worst = max(per_control.items(), key=lambda kv: kv[1]["median"])
        results.append({"module": module, "explorer": name, "build_s": build_s,
                        "update_s": per_control, "worst_control": worst[0],
                        "worst_median_s": worst[1]["median"],
                        "controls_not_changed": skipped})
        print(f"  {module}.{name}: built in {build_s:.2f} s, slowest update "
              f"{fmt_time(worst[1]['median'])} ({worst[0]})", flush=True)
    return {"repeats": repeats, "target_s": TARGET_UPDATE_S, "explorers": results}


# ------------------------------------------------------------------ output
def print_notebooks(nb):
    rows = [[name, f"{s['median']:.1f} s"] for name, s in nb["seconds"].items()]
    rows.append(["total (median of the rounds' totals)", f"{nb['total']['median']:.1f} s"])
    print(table(["chapter", f"execution (median of {nb['rounds']})"], rows))


def print_widgets(w):
    rows = []
    for e in w["explorers"]:
        if "update_s" not in e:
            rows.append([f"{e['module']}.{e['explorer']}", "-", e.get("error") or e.get("skipped"), "", "", "", "", ""])
            continue
        for control, s in e["update_s"].items():
            first = s.get("slowest_first_visit")
            rows.append([f"{e['module']}.{e['explorer']}", control, fmt_time(s["median"]),
                         fmt_time(s["redraw_median"]), fmt_time(s["png_median"]),
                         fmt_time(s["q3"]), fmt_time(first) if first else "-", f"{s['rounds']}"])
    print(table(["explorer", "control changed", "median update", "of which redraw", "of which PNG",
                 "75th percentile", "slowest first visit", "updates"], rows))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1 round, few updates; not saved")
    parser.add_argument("--rounds", type=int, default=3, help="executions of the whole book")
    parser.add_argument("--updates", type=int, default=15, help="timed updates per control")
    parser.add_argument("--skip-notebooks", action="store_true")
    parser.add_argument("--skip-widgets", action="store_true")
    parser.add_argument("--only", nargs="+", default=(), metavar="NAME",
                        help="time only these explorers (function or module names); not saved")
    args = parser.parse_args(argv)
    info = header("The book: chapter execution and widget updates")
    os.chdir(ROOT)
    import ipywidgets

    payload = {"machine": info, "matplotlib": matplotlib.__version__, "ipywidgets": ipywidgets.__version__}
    if not args.skip_widgets:
        print("\nWidget updates (redraw + PNG):", flush=True)
        payload["widgets"] = bench_widgets(3 if args.quick else args.updates, args.only)
        print_widgets(payload["widgets"])
    if not args.skip_notebooks:
        print("\nChapters:", flush=True)
        payload["notebooks"] = bench_notebooks(1 if args.quick else args.rounds)
        print_notebooks(payload["notebooks"])
    if not (args.quick or args.skip_notebooks or args.skip_widgets or args.only):
        save("book", payload)


if __name__ == "__main__":
    main()
