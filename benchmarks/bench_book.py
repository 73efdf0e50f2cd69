"""How long the book takes to run: every chapter, executed as a reader's kernel runs it.

usage: python benchmarks/bench_book.py [--quick] [--rounds N]

Every chapter (book/*.ipynb) is executed as ``scripts/execute_notebooks.py --check`` does
(a fresh kernel per notebook, outputs not written), `rounds` times; per chapter the median,
and the median of the per-round totals. Kernel start-up is included: it is part of what a
reader waits for. (The explorers compute in the page: bench_explorers.py times them.)
Writes benchmarks/results/book.json.
"""
import argparse
import os
import sys

from _common import ROOT, header, save, summary, table

sys.path.insert(0, str(ROOT / "scripts"))
from execute_notebooks import execute  # noqa: E402

TARGET_BOOK_S = 90


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


def print_notebooks(nb):
    rows = [[name, f"{s['median']:.1f} s"] for name, s in nb["seconds"].items()]
    rows.append(["total (median of the rounds' totals)", f"{nb['total']['median']:.1f} s"])
    print(table(["chapter", f"execution (median of {nb['rounds']})"], rows))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1 round; not saved")
    parser.add_argument("--rounds", type=int, default=3, help="executions of the whole book")
    args = parser.parse_args(argv)
    info = header("The book: time to execute every chapter")
    os.chdir(ROOT)
    print("\nChapters:", flush=True)
    payload = {"machine": info, "notebooks": bench_notebooks(1 if args.quick else args.rounds)}
    print_notebooks(payload["notebooks"])
    if not args.quick:
        save("book", payload)


if __name__ == "__main__":
    main()
