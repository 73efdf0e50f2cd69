"""Which chromium the browser checks and scripts/downloads.py drive."""
import os
import shutil
from pathlib import Path


def chromium_path(playwright):
    """The browser, found as Playwright users expect: $CHROMIUM when set; else Playwright's own
    chromium (``python -m playwright install chromium``); else the system's. None when there
    is none."""
    if os.environ.get("CHROMIUM"):
        return os.environ["CHROMIUM"]
    own = playwright.chromium.executable_path
    if own and Path(own).is_file():
        return own
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    return None
