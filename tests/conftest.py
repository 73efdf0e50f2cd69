"""Shared test setup: a non-interactive matplotlib backend, so figures render headless."""
import matplotlib

matplotlib.use("Agg")
