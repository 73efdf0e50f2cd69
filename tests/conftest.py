"""Shared test setup: a non-interactive matplotlib backend, so figures render headless, and
the chromium and loopback-server fixtures of the explorer tests (tests/explorer_page.py)."""
import matplotlib

matplotlib.use("Agg")

from explorer_page import chromium, explorer_server  # noqa: E402,F401
