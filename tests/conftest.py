"""Shared test setup: a non-interactive matplotlib backend, so figures render headless; the
chromium and loopback-server fixtures of the explorer tests (tests/explorer_page.py); and the
hypothesis profiles of the property-based tests.

Profiles: "book" (the default, and CI's) runs 40 examples per property with a 10 s deadline
per example; "thorough" runs 1000 (``HYPOTHESIS_PROFILE=thorough .venv/bin/python -m pytest
tests/test_bad_input.py tests/test_explorer_settings.py``).
"""
import os

import matplotlib
from hypothesis import HealthCheck, settings

matplotlib.use("Agg")

settings.register_profile("book", max_examples=40, deadline=10_000, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", max_examples=1000, deadline=10_000, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "book"))

from explorer_page import chromium, explorer_server  # noqa: E402,F401
