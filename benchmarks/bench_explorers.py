"""The explorers in the page: how fast they answer, with no kernel, in headless chromium.

usage: python benchmarks/bench_explorers.py [--changes N] [--site DIR] [--pages PAGE ...]

Opens every chapter page of the built site (``_build/html``; build it first) that holds an
explorer (the pages that load the book's anywidget host), served on 127.0.0.1 with every
request that leaves it blocked, and measures:
1. per control of every explorer (sliders, menus, groups of radio buttons), N times: from
   dispatching the control's ``input`` (or ``change``) event, or clicking the next radio
   button, to the redrawn SVG laid out (the redraw is synchronous in the event;
   reading the explorer's size afterwards forces style and layout). Median and 95th percentile;
   the target is a median <= 16 ms, one frame at 60 Hz.
2. for an explorer with a "play" button: the time from "play" to the end of its default
   training run (target <= 1 s) and the frames per second meanwhile (animation frames in
   which the explorer changed; target >= 30 fps). Not for a play paced for reading (the
   backpropagation stepper's root says ``data-step-ms``): it is no animation.
3. the same for each explorer's slowest setting (WORST: the largest network, the costliest
   activation), opened through a link to that view (ui/state.js) and played from its start.
(What each page transfers is measured by bench_pages.py, with Lighthouse.)
Writes benchmarks/results/explorers.json.
"""
import argparse
import functools
import json
import statistics
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from _common import RESULTS, ROOT, header, save, table

sys.path.insert(0, str(ROOT / "tests"))
from test_site_browser import launch_chromium, offline_router, show_widgets, toc_pages  # noqa: E402

# The controls of an explorer: sliders, menus and groups of radio buttons (a <fieldset>).
CONTROLS = """(e) => Array.from(e.querySelectorAll('input[type=range], select, fieldset.mlp-choice'))
  .filter(c => !c.disabled && !(c.tagName === 'FIELDSET' && c.querySelectorAll('input:not(:disabled)').length < 2))"""

TIME_CONTROL_JS = """async ([i, k, n]) => {
  const e = document.querySelectorAll('.mlp-explorer')[i];
  const c = (""" + CONTROLS + """)(e)[k];
  const times = [];
  if (c.tagName === 'FIELDSET') {  // a click on the next choice of the group, in turn
    const radios = Array.from(c.querySelectorAll('input[type=radio]'));
    for (let t = 0; t < n; t++) {
      await new Promise(r => requestAnimationFrame(r));
      const next = radios[(radios.findIndex(r => r.checked) + 1) % radios.length];
      const t0 = performance.now();
      next.click();
      e.getBoundingClientRect();
      times.push(performance.now() - t0);
    }
    return { label: c.querySelector('legend').textContent.trim(), times };
  }
  const values = c.tagName === 'SELECT' ? Array.from(c.options).map(o => o.value)
    : Array.from({length: 8}, (_, j) => Number(c.min) + (j / 7) * (Number(c.max) - Number(c.min)));
  for (let t = 0; t < n; t++) {
    await new Promise(r => requestAnimationFrame(r));
    const v = values[t % values.length];
    const t0 = performance.now();
    c.value = String(v);
    c.dispatchEvent(new Event(c.tagName === 'SELECT' ? 'change' : 'input', { bubbles: true }));
    e.getBoundingClientRect();  // forces style and layout of the redrawn SVG
    times.push(performance.now() - t0);
  }
  return { label: (c.labels && c.labels[0] ? c.labels[0].textContent : c.id).trim(), times };
}"""

FPS_JS = """async ([i, ms]) => {
  const e = document.querySelectorAll('.mlp-explorer')[i];
  const play = Array.from(e.querySelectorAll('button')).find(b => /play/i.test(b.textContent));
  if (!play || e.dataset.stepMs) return null;  // no play, or a play paced for reading (no animation)
  const reset = Array.from(e.querySelectorAll('button')).find(b => /reset/i.test(b.textContent));
  if (reset) { reset.click(); await new Promise(r => setTimeout(r, 100)); }
  let changed = false, frames = 0, total = 0, lastChange = 0;
  const observer = new MutationObserver(() => { changed = true; });
  observer.observe(e, { subtree: true, childList: true, attributes: true, characterData: true });
  const t0 = performance.now();
  play.click();
  // Frames that redrew, until the run has been quiet for 500 ms (it ended) or ms have passed.
  while (performance.now() - t0 < ms) {
    await new Promise(r => requestAnimationFrame(r));
    total++;
    if (changed) { frames++; lastChange = performance.now(); }
    changed = false;
    if (lastChange && performance.now() - lastChange > 500) break;
  }
  observer.disconnect();
  const run = (lastChange - t0) / 1000;
  return { label: play.textContent, fps: frames / run, frames, run_s: run,
           ended: performance.now() - t0 < ms };
}"""


# Each explorer's slowest setting, as a link to that view: its page, the address's fragment, in words.
WORST = [
    ("02_single_neuron", "#neuron.v=1&neuron.activation=sigmoid&neuron.B=50", "sigmoid, B = n = 50"),
    ("04_two_layer_networks", "#two_layer.v=1&two_layer.m=20&two_layer.activation=sigmoid", "m = 20, sigmoid"),
    ("06_multi_layer_networks", "#depth.v=1&depth.r=6&depth.m=32", "r = 6, m = 32"),
    ("07_activation_functions", "#activations.v=1&activations.activation=sigmoid", "sigmoid"),
    ("08_kernel_connection", "#features.v=1&features.width=40&features.mode=all%20layers", "m = 40, all layers"),
]


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--changes", type=int, default=50, help="timed changes per control")
    parser.add_argument("--site", default=str(ROOT / "_build" / "html"))
    parser.add_argument("--pages", nargs="+", metavar="PAGE",
                        help="measure only these pages (e.g. 09_backprop_preview) and keep the other pages' rows "
                             "of the last results")
    args = parser.parse_args()
    site = Path(args.site)
    pages = [(pid, path) for pid, path in toc_pages()
             if (site / path).is_file() and 'widgets/anywidget-host.js' in (site / path).read_text(encoding="utf-8")
             and (not args.pages or pid in args.pages)]
    if not pages:
        sys.exit(f"no explorer pages in {site}: build the book first")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    from playwright.sync_api import sync_playwright

    results = {"machine": header("The explorers in the page (headless chromium, no kernel)"),
               "controls": [], "animations": []}
    def open_page(browser, page_id, path, fragment=""):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        blocked = []
        context.route("**/*", offline_router(base, blocked))
        page = context.new_page()
        page.goto(base + path + fragment, wait_until="load")
        show_widgets(page, 60_000)
        page.wait_for_selector(".mlp-explorer")
        page.wait_for_load_state("networkidle")
        if blocked:
            sys.exit(f"{page_id} asked other hosts for {blocked[:3]}: nothing may leave the site")
        return context, page

    with sync_playwright() as p:
        browser = launch_chromium(p)
        for page_id, path in pages:
            context, page = open_page(browser, page_id, path)
            for i in range(page.locator(".mlp-explorer").count()):
                n_controls = page.evaluate(f"(i) => ({CONTROLS})(document.querySelectorAll('.mlp-explorer')[i]).length", i)
                for k in range(n_controls):
                    r = page.evaluate(TIME_CONTROL_JS, [i, k, args.changes])
                    t = sorted(r["times"])
                    results["controls"].append({
                        "page": page_id, "explorer": i, "control": r["label"], "n": len(t),
                        "median_ms": statistics.median(t), "p95_ms": t[int(0.95 * (len(t) - 1))]})
                fps = page.evaluate(FPS_JS, [i, 10_000])
                if fps:
                    results["animations"].append({"page": page_id, "explorer": i, "setting": "default", **fps})
            context.close()
            for worst_page, fragment, words in WORST:
                if worst_page != page_id:
                    continue
                context, page = open_page(browser, page_id, path, fragment)
                notice = page.locator(".mlp-notice").first.inner_text()
                if notice:
                    sys.exit(f"{page_id}: the link {fragment} was refused: {notice}")
                fps = page.evaluate(FPS_JS, [0, 10_000])
                results["animations"].append({"page": page_id, "explorer": 0, "setting": words, **fps})
                context.close()
        browser.close()
    server.shutdown()
    print(table(["page", "control", "median ms", "p95 ms"],
                [[c["page"], c["control"][:32], f"{c['median_ms']:.2f}", f"{c['p95_ms']:.2f}"]
                 for c in results["controls"]]))
    if results["animations"]:
        print(table(["page", "setting", "whole run", "fps (frames that redrew)"],
                    [[a["page"], a.get("setting", "default"), f"{a['run_s']:.2f} s" + ("" if a["ended"] else " (not ended)"),
                      f"{a['fps']:.0f}"] for a in results["animations"]]))
    if args.pages:  # the other pages' rows of the last run stay, in the book's order
        order = [pid for pid, _ in toc_pages()]
        last = json.loads((RESULTS / "explorers.json").read_text())
        for part in ("controls", "animations"):
            kept = [row for row in last[part] if row["page"] not in args.pages]
            results[part] = sorted(kept + results[part], key=lambda row: order.index(row["page"]))
        results["machine"]["pages_measured"] = args.pages
        results["machine"]["other_pages"] = last["machine"].get("other_pages", last["machine"])  # when they were measured
    save("explorers", results)


if __name__ == "__main__":
    main()
