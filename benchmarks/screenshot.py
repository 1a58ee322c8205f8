"""Refresh docs/report-screenshot.png: a library report on generated records, as Debian's chromium draws it.

    python -m benchmarks.screenshot

Needs /usr/bin/chromium and playwright (the test extra); never downloads a browser.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.library import ROOT, make_library

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]


def main() -> int:
    from playwright.sync_api import sync_playwright

    target = ROOT / "docs" / "report-screenshot.png"
    with tempfile.TemporaryDirectory(prefix="sbp-shot-") as scratch:
        work = Path(scratch)
        library = work / "library"
        make_library(library / "records", documents=80, words=40_000)
        for example in sorted((ROOT / "examples").glob("*.md")):
            if example.name != "README.md" and ".rewrite" not in example.name:
                shutil.copy(example, library / example.name)
        page_file = work / "report.html"
        subprocess.run([sys.executable, "-m", "sbp_lint.cli", "report", "library", "--html", str(page_file), "--no-cache"],
                       cwd=work, check=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.goto(page_file.as_uri())
            target.parent.mkdir(exist_ok=True)
            page.screenshot(path=str(target), full_page=True)
            browser.close()
    print(f"wrote {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
