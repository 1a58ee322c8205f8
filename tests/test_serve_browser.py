"""``sbp-lint serve`` end to end: the real server and Debian's chromium, driven as a practitioner would.

Skipped, with the reason, when /usr/bin/chromium is not installed (never a downloaded browser).
Playwright evaluates a string predicate with eval(), which the page's CSP rightly refuses (and the
refusal is a console error these tests fail on): wait_for_function is given functions.
"""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

from docfactory import care_plan, comment_ranges
from servehelp import serving

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]
DRAFT = """# Care and support plan: Mr Evans

## About me

Mr Evans suffers from arthritis and is wheelchair-bound outside the home. He refuses respite and is non-compliant with his tablets. It was decided that the service user would attend the day centre. He enjoys the radio and talks about his years on the railway with real pride.

## Personal outcomes

To attend the day centre two days a week.

I want to see my daughter Carys every week.
"""
REWRITE = "He chose not to have a short break because [reason] and is non-compliant with his tablets."

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason="Debian's chromium is not installed (/usr/bin/chromium); .ci/run installs it")


@pytest.fixture(scope="module")
def server(linter):
    with serving(linter) as served:
        yield served


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


class Session:
    """A page on the server that records every request and every console error (CSP violations are errors)."""

    def __init__(self, browser, server, locale: str = "en-GB"):
        self.context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale=locale, accept_downloads=True)
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", lambda message: self.errors.append(message.text) if message.type == "error" else None)
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.origin = server.url.rstrip("/")
        self.page.goto(server.url, wait_until="load")

    def close(self) -> None:
        self.context.close()
        assert self.errors == []
        assert self.requests and all(url.startswith(self.origin + "/") for url in self.requests), self.requests

    def findings(self) -> int:
        return self.page.locator("#findings .finding").count()

    def check(self, text: str) -> None:
        self.page.fill("#text", text)
        self.page.click("#check")
        self.page.wait_for_selector("#backdrop mark")


@pytest.fixture
def session(browser, server):
    opened = Session(browser, server)
    yield opened
    opened.close()


def test_paste_check_accept_a_fix_and_download_the_corrected_text(session, tmp_path):
    page = session.page
    page.fill("#text", DRAFT)
    page.focus("#check")
    page.keyboard.press("Space")  # a real button: Space and Enter both work
    page.wait_for_selector("#backdrop mark")
    marks = page.locator("#backdrop mark")
    categories = {marks.nth(i).get_attribute("data-category") for i in range(marks.count())}
    assert {"deficit", "jargon", "label", "passive", "service_as_outcome"} <= categories
    deficit = page.locator("#backdrop mark.cat-deficit").first
    assert deficit.inner_text() == "suffers from" and deficit.get_attribute("data-label") == "Deficit language: suffers from"
    before = session.findings()
    assert page.locator("#status").inner_text() == f"{before} findings"
    assert page.locator("#status").get_attribute("role") == "status"
    # Grouped by sentence: the "suffers from" sentence is one group, with why and the suggestions (the title's
    # group, with the plan's missing elements, comes before it).
    group = page.locator("#findings .group", has_text="Mr Evans suffers from arthritis").first
    assert group.locator(".sentence").inner_text().endswith("Mr Evans suffers from arthritis and is wheelchair-bound outside the home.")
    assert "Why it matters:" in group.inner_text() and "lives with" in group.inner_text()
    page.screenshot(path=str(tmp_path / "serve.png"), full_page=True)

    accept = page.get_by_role("button", name="Replace “suffers from” with “lives with”")
    accept.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('#text').value.includes('Mr Evans lives with arthritis')")
    page.wait_for_function(f"() => document.querySelectorAll('#findings .finding').length === {before - 1}")
    assert page.locator("#backdrop mark", has_text="suffers from").count() == 0
    assert page.get_by_role("button", name="Replace “suffers from” with “lives with”").count() == 0
    assert page.locator("#status").inner_text() == f"{before - 1} findings"
    assert page.evaluate("document.activeElement.classList.contains('group')")  # focus stays in the list

    with page.expect_download() as download:
        page.click("#download-text")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert download.value.suggested_filename == "corrected-text.md"
    assert saved.read_text(encoding="utf-8") == DRAFT.replace("suffers from", "lives with")
    assert (tmp_path / "serve.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_accept_a_rewrite_replaces_the_sentence_and_selects_what_to_fill_in(session):
    """Rewrites come from the linter's rewrite field: the answer is given one here, as the linter will."""
    def with_rewrite(route):
        response = route.fetch()
        data = response.json()
        for finding in data["files"][0]["findings"]:
            if finding["rule"] == "deficit.refuses":
                finding["rewrite"] = {"text": REWRITE, "safe": False, "placeholders": ["reason"]}
        route.fulfill(response=response, json=data)

    page = session.page
    page.route("**/api/check", with_rewrite)
    session.check(DRAFT)
    before = session.findings()
    item = page.locator("#findings .finding", has_text="frames the person's choice")
    assert REWRITE in item.inner_text() and "Fill in the parts in [square brackets]" in item.inner_text()
    item.get_by_role("button", name="Accept rewrite").click()
    page.wait_for_function("() => document.querySelector('#text').value.includes('[reason]')")
    page.wait_for_function("() => document.activeElement.id === 'text'")
    text = page.input_value("#text")
    assert "He refuses respite" not in text and REWRITE in text
    selected = page.evaluate("(() => { const t = document.querySelector('#text'); "
                             "return t.value.slice(t.selectionStart, t.selectionEnd); })()")
    assert selected == "[reason]"
    assert "Fill in [reason]" in page.locator("#status").inner_text()
    assert page.locator("#findings .finding", has_text="frames the person's choice").count() == 0
    assert session.findings() < before


def test_open_a_word_document_and_download_the_reviewed_copy(session, tmp_path):
    page = session.page
    plan = care_plan(tmp_path / "plan.docx")
    page.set_input_files("#file", str(plan))
    page.wait_for_function("() => document.querySelector('#text').value.includes('# Care and support plan')")
    page.wait_for_selector("#backdrop mark.cat-deficit")
    assert page.locator("#status").inner_text().startswith("Opened plan.docx.")
    assert page.locator("#backdrop mark", has_text="suffers from").count() == 1
    assert page.is_visible("#download-docx")
    with page.expect_download() as download:
        page.click("#download-docx")
    reviewed = tmp_path / "reviewed.docx"
    download.value.save_as(reviewed)
    assert download.value.suggested_filename == "plan.reviewed.docx"
    comments = list(docx.Document(io.BytesIO(reviewed.read_bytes())).comments)
    assert len(comments) >= 4 and {c.author for c in comments} == {"sbp-lint"}
    assert any("suffers from" in c.text for c in comments)
    assert "suffers from" in {r["anchored"] for r in comment_ranges(reviewed).values()}
    page.wait_for_function("() => document.querySelector('#status').textContent.startsWith('Reviewed Word document downloaded')")
    assert f"{len(comments)} comments" in page.locator("#status").inner_text()
    # The edited words download as Markdown named after the document.
    with page.expect_download() as download:
        page.click("#download-text")
    assert download.value.suggested_filename == "plan.corrected.md"


def test_a_broken_file_is_one_line_and_the_page_keeps_working(session, tmp_path):
    page = session.page
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not a Word file")
    page.set_input_files("#file", str(broken))
    page.wait_for_function("() => document.querySelector('#error').textContent !== ''")
    error = page.locator("#error")
    assert error.get_attribute("role") == "alert"
    assert error.inner_text().startswith("Not checked: broken.docx:") and "\n" not in error.inner_text()
    session.errors[:] = [e for e in session.errors if "422" not in e]  # the browser logs the failed request itself
    session.check("He refuses respite.")
    assert error.inner_text() == "" and session.findings() == 2


def test_show_in_text_selects_the_words_and_says_what_they_are(session):
    page = session.page
    session.check(DRAFT)
    page.locator("#findings .finding", has_text="is service language").get_by_role("button", name="Show in text").click()
    assert page.evaluate("document.activeElement.id") == "text"
    selected = page.evaluate("(() => { const t = document.querySelector('#text'); "
                             "return t.value.slice(t.selectionStart, t.selectionEnd); })()")
    assert selected == "respite"
    assert page.locator("#at-caret").inner_text().startswith("At the cursor: Jargon.")
    assert page.locator("#backdrop mark.active").inner_text() == "respite"
    # Typing makes the findings stale: no highlight or accept button may point at the wrong words.
    page.keyboard.type("x")
    assert page.locator("#backdrop mark").count() == 0
    assert page.locator("#summary").inner_text().startswith("The text has changed")
    assert page.locator("#findings button.accept:not([disabled])").count() == 0


def test_the_page_is_keyboard_usable_labelled_and_readable(session):
    page = session.page
    order = []
    for _ in range(7):
        page.keyboard.press("Tab")
        order.append(page.evaluate("document.activeElement.id || document.activeElement.className"))
    assert order[:6] == ["skip", "lang", "file", "text", "check", "download-text"], order
    unlabelled = page.evaluate("""[...document.querySelectorAll('input, select, textarea, button')]
        .filter(e => !e.hidden && !(e.labels && e.labels.length) && !e.textContent.trim()).map(e => e.id)""")
    assert unlabelled == []
    assert page.locator("[aria-live]").count() >= 2
    session.check(DRAFT)
    assert page.evaluate(CONTRAST) == [], "text below WCAG AA contrast"
    page.fill("#text", "Mrs Jones is wheelchair-bound.")
    page.focus("#text")
    page.keyboard.press("Control+Enter")  # checks from the text box
    page.wait_for_function("() => document.querySelector('#status').textContent === '1 finding'")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "check"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"  # focus is visible


def test_welsh_interface_and_the_good_practice_profile(session):
    """The profile comes from the linter's profile field: the answer is given one here, as the linter will."""
    def with_profile(route):
        response = route.fetch()
        data = response.json()
        data["files"][0]["profile"] = {"words": 61, "strengths": 1, "own_words": 0, "outcomes": 2,
                                       "outcomes_first_person": 1, "decisions": 1, "decisions_explained": 0}
        data["files"][0]["kind"] = "care_and_support_plan"
        route.fulfill(response=response, json=data)

    page = session.page
    page.route("**/api/check", with_profile)
    session.check(DRAFT)
    assert page.is_visible("#profile")
    assert page.locator("#kind").inner_text() == "Type of document: Care and support plan"
    assert "Personal outcomes\n2" in page.locator("#profile-list").inner_text()
    count = session.findings()
    page.select_option("#lang", "cy")
    assert page.evaluate("document.documentElement.lang") == "cy"
    assert page.locator("#check").inner_text() == "Gwirio"
    assert page.locator("#summary").inner_text() == f"{count} canfyddiad"
    assert page.locator("#kind").inner_text() == "Math o ddogfen: Cynllun gofal a chymorth"
    assert page.locator(".tagline").inner_text().startswith("Strengths-based")  # not yet translated: English
    page.select_option("#lang", "en")
    assert page.evaluate("document.documentElement.lang") == "en" and page.locator("#check").inner_text() == "Check"


def test_a_welsh_browser_opens_the_page_in_welsh(browser, server):
    session = Session(browser, server, locale="cy-GB")
    try:
        assert session.page.evaluate("document.documentElement.lang") == "cy"
        assert session.page.locator("h1").inner_text() == "Gwirio drafft"
    finally:
        session.close()


# WCAG AA: 4.5:1 for every piece of text against the background it is drawn on.
CONTRAST = """(() => {
  const parse = (c) => { const m = c.match(/[\\d.]+/g).map(Number); return { rgb: m.slice(0, 3), a: m.length > 3 ? m[3] : 1 }; };
  const lum = (rgb) => { const [r, g, b] = rgb.map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const background = (el) => { for (let e = el; e; e = e.parentElement) { const c = parse(getComputedStyle(e).backgroundColor);
    if (c.a > 0.5) return c.rgb; } return [255, 255, 255]; };
  const bad = [];
  const selectors = 'h1, h2, h3, label, .tagline, .privacy, .hint, button, .status, .summary, .legend li span, .badge, .severity, ' +
    '.flagged, .message, .why, .suggestions li, .sentence, .sentence mark, .at-caret, .foot p, select';
  for (const el of document.querySelectorAll(selectors)) {
    if (!el.offsetParent || !el.textContent.trim()) continue;
    const fg = lum(parse(getComputedStyle(el).color).rgb), bg = lum(background(el));
    const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
    if (ratio < 4.5) bad.push(`${el.className || el.tagName}: ${ratio.toFixed(2)}`);
  }
  return bad;
})()"""
