"""The library report: its numbers, and the page itself opened from disk in a real headless browser."""

import re
import shutil
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT, run_cli
from sbp_lint.findings import CATEGORIES, FileResult, Finding, Severity
from sbp_lint.reporters.library import build_report

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]
HOSTILE_NAME = "<img src=x onerror=alert(1)>.md"  # a file name is document text too: it must be escaped


class Tags(HTMLParser):
    """The element and attribute names a page really has (text that merely looks like a tag is not one)."""

    def __init__(self):
        super().__init__()
        self.names: set[str] = set()
        self.attributes: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.names.add(tag)
        self.attributes.update(name for name, _ in attrs)


def finding(rule: str, category: str, text: str, severity=Severity.WARNING, suggestions=("x",)) -> Finding:
    return Finding(rule=rule, category=category, severity=severity, line=1, column=1, end_line=1,
                   end_column=1 + len(text), text=text, message="m", suggestions=list(suggestions), sentence=f"{text} here.")


def write_library(folder: Path, generated: int = 0) -> Path:
    """The example records, a note, a file with a hostile name, and ``generated`` records from the benchmark library."""
    if generated:
        sys.path.insert(0, str(ROOT))
        from benchmarks.library import make_library

        make_library(folder / "generated", documents=generated, words=generated * 450)
    folder.mkdir(exist_ok=True)
    for example in sorted(EXAMPLES.glob("*.md")):
        if example.name != "README.md":
            shutil.copy(example, folder / example.name)
    (folder / "notes").mkdir()
    (folder / "notes" / "visit.txt").write_text(
        "Home visit\n\nMr Price is wheelchair-bound and suffers from COPD. He refuses the day centre.\n"
        "He enjoys the radio and talks about his years on the railway with real pride.\n", encoding="utf-8")
    bad = "The service user is non-compliant with his tablets and refuses respite. "
    (folder / HOSTILE_NAME).write_text("# Plan\n\n" + bad * 25 + "\n", encoding="utf-8")
    return folder


def test_report_counts_rates_worst_files_and_phrases(tmp_path):
    long = tmp_path / "long.md"
    long.write_text("Tom walks to the shop. " * 200 + "\n", encoding="utf-8")  # 1,000 words
    short = tmp_path / "short.md"
    short.write_text("Tom walks to the shop. " * 20 + "\n", encoding="utf-8")  # 100 words
    results = [
        FileResult(str(long), [finding("deficit.refuses", "deficit", "Refuses"), finding("deficit.refuses", "deficit", "refuses"),
                               finding("jargon.respite", "jargon", "respite", Severity.SUGGESTION, ("a short break",))]),
        FileResult(str(short), [finding("deficit.refuses", "deficit", "refuses", Severity.ERROR, ("chose not to",))]),
        FileResult(str(tmp_path / "gone.md"), error="no such file"),
    ]
    report = build_report(results, rules=[], roots=[str(tmp_path)])
    assert report.words == 1100
    rates = {c: (n, round(rate, 3)) for c, n, rate in report.categories()}
    assert rates["deficit"] == (3, round(3000 / 1100, 3)) and rates["jargon"] == (1, round(1000 / 1100, 3))
    assert rates["label"] == (0, 0.0)
    assert [d.path for d in report.attention()] == [str(long), str(short)]  # weights 2+2+1 beat 3
    top = report.phrases()[0]
    assert (top.text, top.count, len(top.documents)) == ("refuses", 3, 2)
    assert top.suggestions == ["x", "chose not to"]
    assert [d.path for d in report.errors] == [str(tmp_path / "gone.md")]
    assert report.documents[0].grade is not None and report.documents[0].grade < 6


@pytest.fixture(scope="module")
def report_page(tmp_path_factory) -> Path:
    """One report over a library of 50 records, made by the real command."""
    tmp = tmp_path_factory.mktemp("report")
    library = write_library(tmp / "library", generated=44)
    out = tmp / "report.html"
    result = run_cli("report", str(library), "--html", str(out), "--no-cache", cwd=tmp)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(b"wrote") and result.stderr == b""
    return out


def test_report_command_writes_a_self_contained_escaped_page(report_page):
    page = report_page.read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=alert(1)&gt;" in page and "<img" not in page
    tags = Tags()
    tags.feed(page)
    assert not tags.names & {"script", "link", "iframe", "object", "embed", "img", "image", "use", "base"}
    assert not tags.attributes & {"src", "href", "xlink:href", "srcset", "action", "background"}, "nothing to fetch"
    assert not re.search(r"url\(|@import|@font-face", page), "no fonts or images from anywhere"
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert page.count("<svg") >= 3 and 'class="bar"' in page


def test_report_lists_unreadable_files_and_exits_2(tmp_path):
    library = write_library(tmp_path / "library")
    (library / "scan.txt").write_bytes(b"\x00\x00PK binary")
    out = tmp_path / "report.html"
    result = run_cli("report", str(library), "--html", str(out), "--no-cache", cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and "scan.txt" in lines[0]
    assert "Files that could not be checked" in out.read_text(encoding="utf-8")


def test_report_into_a_missing_folder_is_one_line_and_exit_2(tmp_path):
    result = run_cli("report", str(EXAMPLES), "--html", str(tmp_path / "nowhere" / "r.html"), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode().count("\n") == 1 and "nowhere" in result.stderr.decode()


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (/usr/bin/chromium); .ci/run installs it")
def test_report_renders_in_a_real_browser_from_disk_without_network(report_page, tmp_path):
    from playwright.sync_api import sync_playwright

    out = report_page
    requests, errors = [], []
    shot = tmp_path / "report-screenshot.png"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.on("request", lambda request: requests.append(request.url))
            page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file://") else route.abort())
            page.goto(out.as_uri(), wait_until="load")

            assert page.title() == "Writing quality report"
            # examples/ holds a Welsh plan, so the library is bilingual and gets its per-language table.
            assert page.locator("h2").all_inner_texts()[:5] == [
                "Findings per 1,000 words, by category", "Findings by language", "Documents that most need attention",
                "Most common flagged phrases", "Spread of reading grades"]
            # The charts are drawn: one bar per category, some of them long; one bar per grade bin.
            bars = page.locator("#category-chart rect.bar")
            assert bars.count() == len(CATEGORIES)
            widths = [bars.nth(i).bounding_box()["width"] for i in range(bars.count())]
            assert max(widths) > 300 and sum(1 for w in widths if w > 5) >= 4
            assert page.locator("#grade-chart rect.bar").count() == 13
            heights = [b["height"] for b in (page.locator("#grade-chart rect.bar").nth(i).bounding_box() for i in range(13))]
            assert sum(1 for h in heights if h > 0) >= 1
            assert page.locator("#attention tbody tr").count() == 15
            assert page.locator("#phrases tbody tr").count() == 20
            assert "library/care-and-support-plan.md" in page.locator("#attention").inner_text()
            # Document text is shown as text, never run as markup.
            assert f"library/{HOSTILE_NAME}" in page.locator("#attention td.path").all_inner_texts()
            assert page.locator("img").count() == 0
            assert page.evaluate("document.documentElement.scrollWidth") <= 1200, "no sideways scrolling"
            page.screenshot(path=str(shot), full_page=True)
        finally:
            browser.close()
    assert requests and all(url.startswith("file://") for url in requests), requests
    assert errors == []
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 50_000
