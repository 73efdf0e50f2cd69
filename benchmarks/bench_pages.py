"""Every page of the built book as a reader on a phone gets it: Lighthouse's mobile profile.

usage: python benchmarks/bench_pages.py [--runs N] [--site DIR] [--pages ID ...]

Serves the built site (``_build/html``; build it first) on 127.0.0.1 with gzip, as GitHub
Pages serves it (text types compressed, images and fonts as they are), and runs Lighthouse
12.2.3 (``tests/lighthouse``: ``npm ci --prefix tests/lighthouse``) with its default mobile
settings on the system's chromium: a simulated slow 4G network (150 ms round trips,
1.6 Mbit/s) and a 4x slower CPU. Per page of _toc.yml, the median over N runs of: the
performance score, First Contentful Paint, Largest Contentful Paint, Total Blocking Time,
Cumulative Layout Shift, Speed Index; and, from the first run, the bytes transferred (all,
and per kind) and the requests made to any other host (there must be none).

The targets (issue 18): at most 500 KiB transferred, a score of at least 0.9, nothing from
another host. Writes benchmarks/results/pages.json (the Performance page shows it).
"""
import argparse
import functools
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from _common import ROOT, header, save, table

sys.path.insert(0, str(ROOT / "tests"))
from test_site_browser import chromium_path, toc_pages  # noqa: E402

LIGHTHOUSE = ROOT / "tests" / "lighthouse" / "node_modules" / "lighthouse" / "cli" / "index.js"
BUDGET_BYTES = 500 * 1024
TARGET_SCORE = 0.9
# What GitHub Pages compresses (and so does Lighthouse CI's static server): text, not images or fonts.
COMPRESSED = (".html", ".css", ".js", ".mjs", ".json", ".svg", ".txt", ".xml", ".map")
METRICS = {"score": None, "fcp_s": "first-contentful-paint", "lcp_s": "largest-contentful-paint",
           "tbt_ms": "total-blocking-time", "cls": "cumulative-layout-shift", "si_s": "speed-index"}


class GzipHandler(SimpleHTTPRequestHandler):
    """Files of the site, gzipped when the browser accepts it and the type is text."""

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (not path.is_file() or not path.name.endswith(COMPRESSED)
                or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().do_GET()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def serve(site):
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def lighthouse(url, chromium):
    """One Lighthouse report (dict) of url, mobile defaults, performance only."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        done = subprocess.run(
            ["node", str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
             "--only-categories=performance", f"--chrome-path={chromium}",
             "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"],
            capture_output=True, text=True, timeout=300, env={**os.environ, "CHROME_PATH": chromium})
        if done.returncode != 0 or not out.is_file():
            raise RuntimeError(f"lighthouse failed on {url}:\n{done.stderr[-2000:]}")
        return json.loads(out.read_text())


def facts(report, base):
    """The numbers this benchmark keeps from one Lighthouse report."""
    audits = report["audits"]
    row = {"score": report["categories"]["performance"]["score"]}
    for key, audit in METRICS.items():
        if audit:
            value = audits[audit]["numericValue"]
            row[key] = value / 1000 if key.endswith("_s") else value
    items = audits["network-requests"]["details"]["items"]
    row["transferred"] = sum(i.get("transferSize", 0) for i in items)
    row["requests"] = len(items)
    kinds = {}
    for i in items:
        kind = i.get("resourceType") or "Other"
        kinds[kind] = kinds.get(kind, 0) + i.get("transferSize", 0)
    row["by_kind"] = kinds
    host = urlsplit(base).netloc
    row["other_hosts"] = sorted({i["url"] for i in items
                                 if urlsplit(i["url"]).netloc not in (host, "") and not i["url"].startswith("data:")})
    return row


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (medians)")
    parser.add_argument("--site", default=str(ROOT / "_build" / "html"))
    parser.add_argument("--pages", nargs="*", help="page ids (e.g. 02_single_neuron); default: every page")
    args = parser.parse_args()
    site = Path(args.site)
    if not (site / "index.html").is_file():
        sys.exit(f"no built site at {site}: build the book first")
    if not LIGHTHOUSE.is_file():
        sys.exit("no Lighthouse: run `npm ci --prefix tests/lighthouse`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = chromium_path(p)
    server, base = serve(site)
    results = {"machine": header("The book's pages in Lighthouse 12.2.3, mobile (slow 4G, 4x CPU)"),
               "lighthouse": "12.2.3", "runs": args.runs, "budget_bytes": BUDGET_BYTES,
               "target_score": TARGET_SCORE, "pages": []}
    try:
        for page_id, path in toc_pages():
            if args.pages and page_id not in args.pages:
                continue
            runs = [facts(lighthouse(base + path, chromium), base) for _ in range(args.runs)]
            row = {"page": page_id, **{k: statistics.median(r[k] for r in runs) for k in METRICS},
                   "transferred": runs[0]["transferred"], "requests": runs[0]["requests"],
                   "by_kind": runs[0]["by_kind"], "other_hosts": runs[0]["other_hosts"]}
            results["pages"].append(row)
            print(f"{page_id}: {row['transferred'] / 1024:,.0f} KiB, score {row['score']:.2f}, "
                  f"LCP {row['lcp_s']:.1f} s, TBT {row['tbt_ms']:.0f} ms", flush=True)
    finally:
        server.shutdown()
    print(table(["page", "KiB", "score", "FCP s", "LCP s", "TBT ms", "CLS", "other hosts"],
                [[r["page"], f"{r['transferred'] / 1024:,.0f}", f"{r['score']:.2f}", f"{r['fcp_s']:.1f}",
                  f"{r['lcp_s']:.1f}", f"{r['tbt_ms']:.0f}", f"{r['cls']:.3f}", len(r["other_hosts"])]
                 for r in results["pages"]]))
    save("pages", results)


if __name__ == "__main__":
    main()
