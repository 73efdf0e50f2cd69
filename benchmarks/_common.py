"""What every benchmark script shares: the machine it ran on, side-by-side timing, JSON.

Timing on a shared machine: every contender of a comparison runs once per *round*, in an
order shuffled anew each round, so a burst of load from another program hits all of them
alike. We report medians over the rounds (after warm-up rounds that are thrown away) and,
for ratios, the median of the per-round ratios: each ratio compares two timings taken
seconds apart. Python's garbage collector is paused while a round runs, as timeit does.
"""
import datetime
import gc
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"


# ------------------------------------------------------------------ the machine
def _cpu_model():
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _blas():
    """BLAS name, version and threads as numpy uses it (threadpoolctl when installed)."""
    info = {}
    try:
        deps = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
        info = {"name": deps.get("name"), "version": deps.get("version")}
    except Exception:  # older numpy: no mode="dicts"
        pass
    try:
        from threadpoolctl import threadpool_info

        pools = [p for p in threadpool_info() if p.get("user_api") == "blas"]
        if pools:
            info.update(threads=pools[0].get("num_threads"),
                        internal=pools[0].get("internal_api"),
                        architecture=pools[0].get("architecture"))
    except ImportError:
        pass
    return info


def blas_threads():
    """Number of threads numpy's BLAS uses (1 when unknown)."""
    return _blas().get("threads") or 1


_limits = []


def limit_blas_threads(n):
    """Make numpy's BLAS use n threads from now on (threadpoolctl); None leaves it alone."""
    if n is None:
        return
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        print("threadpoolctl is not installed: BLAS threads left as they are", file=sys.stderr)
        return
    _limits.append(threadpool_limits(limits=n, user_api="blas"))


def _git_commit():
    """The commit checked out, with " + changes" when mlp_lib/ or benchmarks/ differ from it."""
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                             text=True, timeout=10)
        dirty = subprocess.run(["git", "diff", "--quiet", "HEAD", "--", "mlp_lib", "benchmarks"],
                               cwd=ROOT, capture_output=True, timeout=10).returncode != 0
        return (out.stdout.strip() + (" + changes" if dirty else "")) or None
    except (OSError, subprocess.SubprocessError):
        return None


def machine():
    """A description of this machine and environment, stored with every result."""
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count()
    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "usable_cores": usable,
        "python": platform.python_version(),
        "numpy": np.__version__,
        "blas": _blas(),
        "os": f"{platform.system()} {platform.release()}",
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "git_commit": _git_commit(),
        "load_average_at_start": _loadavg(),
    }


def _loadavg():
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


# ------------------------------------------------------------------ memory
MALLOC_NOTE = "kept (mallopt: M_MMAP_MAX=0, M_TRIM_THRESHOLD=1 GiB)"


def stable_malloc():
    """Make glibc's malloc keep freed memory in the process, for every contender alike.

    By default glibc serves blocks above a threshold (128 KiB, raised as such blocks are
    freed) with mmap and returns them to the system on free, and trims the top of its heap;
    the next allocation of that size then pays a page fault per 4 KiB page (about 2 µs on
    the virtual machines these benchmarks were written on). Which contender crosses the
    threshold depends on the history of the process, so without this a step's time moves
    by up to 2x from one run to the next. Returns a note for the results, or None when this
    is not glibc.
    """
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"))
        M_TRIM_THRESHOLD, M_MMAP_MAX = -1, -4
        if libc.mallopt(M_MMAP_MAX, 0) == 1 and libc.mallopt(M_TRIM_THRESHOLD, 2**30) == 1:
            return MALLOC_NOTE
    except (OSError, AttributeError, TypeError):
        pass
    return None


# ------------------------------------------------------------------ timing
def timed(fn):
    """Wrap fn() into a block that returns the seconds it took."""
    def block():
        start = time.perf_counter()
        fn()
        return time.perf_counter() - start
    return block


def interleaved(blocks, rounds, warmup=1, seed=0):
    """Time contenders side by side.

    Parameters
    ----------
    blocks : dict name -> (block, k)
        ``block()`` runs k steps of that contender and returns the seconds they took.
    rounds, warmup : int
        Rounds kept, and rounds run first and thrown away.

    Returns
    -------
    dict name -> numpy array of shape (rounds,): seconds per step in each round.
    """
    rng = np.random.default_rng(seed)
    names = list(blocks)
    per_step = {name: [] for name in names}
    for r in range(warmup + rounds):
        order = rng.permutation(len(names))
        gc_was_enabled = gc.isenabled()
        gc.disable()
        try:
            for i in order:
                block, k = blocks[names[i]]
                seconds = block()
                if r >= warmup:
                    per_step[names[i]].append(seconds / k)
        finally:
            if gc_was_enabled:
                gc.enable()
    return {name: np.array(ts) for name, ts in per_step.items()}


def steps_for(block_of_one, target_seconds, max_k=100_000):
    """How many steps make a block last about target_seconds (at least 1), from one timing."""
    seconds = max(block_of_one(), 1e-7)
    return int(min(max_k, max(1, round(target_seconds / seconds))))


def summary(values):
    """Median and quartiles of an array of measurements (one per round), and how many."""
    q1, med, q3 = np.percentile(values, [25, 50, 75])
    return {"median": float(med), "q1": float(q1), "q3": float(q3), "rounds": int(len(values))}


def paired_ratio(a, b):
    """Median over rounds of a/b, with quartiles: how many times slower a is than b."""
    ratios = np.asarray(a) / np.asarray(b)
    q1, med, q3 = np.percentile(ratios, [25, 50, 75])
    return {"median": float(med), "q1": float(q1), "q3": float(q3)}


# ------------------------------------------------------------------ output
def save(name, payload):
    """Write benchmarks/results/<name>.json (through a .tmp file, so a crash leaves no half file)."""
    RESULTS.mkdir(exist_ok=True)
    payload = {"machine": payload.pop("machine", machine()), **payload}
    payload["machine"]["load_average_at_end"] = _loadavg()
    path = RESULTS / f"{name}.json"
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(payload, indent=1) + "\n")
    tmp.replace(path)
    print(f"\nwrote {path.relative_to(ROOT)}")
    return path


def table(headers, rows):
    """A plain-text table with right-aligned columns (also valid Markdown)."""
    cells = [[str(c) for c in row] for row in [headers] + rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = ["| " + " | ".join(c.rjust(w) for c, w in zip(row, widths)) + " |" for row in cells]
    lines.insert(1, "|" + "|".join("-" * (w + 1) + ":" for w in widths) + "|")
    return "\n".join(lines)


def fmt_time(seconds):
    """Seconds in the unit that keeps 3 significant digits readable."""
    if seconds < 1e-3:
        return f"{seconds * 1e6:.1f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds:.2f} s"


def header(title):
    info = machine()
    blas = info["blas"]
    print(f"{title}\n{info['cpu']}, {info['usable_cores']} cores, Python {info['python']}, "
          f"numpy {info['numpy']} with {blas.get('name')} {blas.get('version')} "
          f"({blas.get('threads')} threads), {info['date']}, load {info['load_average_at_start']}",
          flush=True)
    return info


def flush_print(*args):
    print(*args, flush=True)
    sys.stdout.flush()
