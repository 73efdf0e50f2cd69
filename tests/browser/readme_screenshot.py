"""Take the README's screenshot (docs/screenshot.png) from the built site, in the same browser
set-up as tests/test_site_browser.py (Debian's chromium, nothing from other hosts).

usage: .venv/bin/python tests/browser/readme_screenshot.py [PAGE] [--out docs/screenshot.png]

PAGE defaults to book/03_stacking_neurons.html; the shot is one 1280x860 screen with the
page's first saved widget (sliders and figure) in view, with the code cell that shows it.
Build the book first (README command 1) and `npm ci --prefix tests/browser`.
"""
import argparse
import functools
import sys
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
import test_site_browser as site  # noqa: E402  (the test's server handler, offline routing, widget showing)

SCROLL_JS = """() => {
  // The page's first saved widget, with the code cell that shows it, below the sticky header.
  const view = document.querySelector('script[type="application/vnd.jupyter.widget-view+json"]');
  const cell = view ? view.closest('.cell') || view.parentElement : document.querySelector('h1');
  const y = cell.getBoundingClientRect().top + window.scrollY - 150;
  window.scrollTo(0, Math.max(0, y));
  return y;
}"""


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", nargs="?", default="book/03_stacking_neurons.html")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshot.png")
    args = parser.parse_args(argv)
    if not (site.SITE / args.page).is_file():
        sys.exit(f"no {args.page} in {site.SITE}: build the book first")

    from playwright.sync_api import sync_playwright

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(site._QuietHandler, directory=str(site.SITE)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"

    blocked = []
    with sync_playwright() as p:
        browser = site.launch_chromium(p)
        context = browser.new_context(viewport={"width": 1280, "height": 860}, color_scheme="light")
        context.route("**/*", site.offline_router(base, blocked))
        page = context.new_page()
        page.goto(base + args.page, wait_until="load")
        site.show_widgets(page, 60_000)
        page.evaluate(site.SETTLE_JS, 60_000)
        page.wait_for_load_state("networkidle")
        page.evaluate(SCROLL_JS)
        page.wait_for_timeout(500)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(args.out))
        browser.close()
    server.shutdown()
    if blocked:
        sys.exit(f"the page asked other hosts for {blocked[:3]}")
    server.server_close()
    print(f"wrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out} from {args.page}")


if __name__ == "__main__":
    main()
