"""ODT, HTML and PDF: read in document order, sections from headings, findings located in each format's terms."""

import json

import pytest

import docfactory
from conftest import run_cli
from sbp_lint.config import Config
from sbp_lint.documents import read_document
from sbp_lint.run.files import expand_paths

ODT_BODY = (
    '<text:h text:outline-level="1">About me</text:h>'
    '<text:p>Mrs Evans <text:span>suffers</text:span> from arthritis.<text:s text:c="2"/>She likes '
    '<text:a>gardening</text:a>.<office:annotation><dc:creator>Eleri</dc:creator><text:p>the service user</text:p></office:annotation></text:p>'
    '<text:tracked-changes><text:changed-region text:id="c1"><text:deletion><text:p>She is non-compliant.</text:p>'
    '</text:deletion></text:changed-region></text:tracked-changes>'
    '<text:h text:outline-level="1">Personal outcomes</text:h>'
    '<text:list><text:list-item><text:p>To attend the day centre.</text:p></text:list-item></text:list>'
    '<table:table><table:table-row><table:table-cell><text:p>Outcome</text:p></table:table-cell>'
    '<table:table-cell><text:p>Who</text:p></table:table-cell><table:table-cell><text:p>When</text:p></table:table-cell></table:table-row>'
    '<table:table-row><table:table-cell><text:p>To have respite</text:p></table:table-cell>'
    '<table:table-cell><text:p>The service user</text:p></table:table-cell><table:table-cell><text:p>May</text:p></table:table-cell>'
    '</table:table-row></table:table>'
)
ODT_STYLES = ('<office:master-styles><style:master-page style:name="Standard"><style:header><text:p>Dyffryn Council</text:p>'
              '</style:header></style:master-page></office:master-styles>')


def test_odt_in_document_order_with_sections_tables_and_header(linter, tmp_path):
    path = docfactory.odt(tmp_path / "plan.odt", ODT_BODY, ODT_STYLES)
    document = read_document(str(path))
    texts = [b.text for b in document.blocks]
    assert texts[:4] == ["About me", "Mrs Evans suffers from arthritis.  She likes gardening.", "Personal outcomes",
                         "To attend the day centre."], "headings and paragraphs in order; comments and deletions left out"
    assert texts[-1] == "Dyffryn Council" and document.blocks[-1].location == "header"
    cell = next(b for b in document.blocks if b.text == "The service user")
    assert (cell.location, cell.line) == ("table 1, row 2, cell 2", 9)
    findings = linter.check_document(document)
    suffers = next(f for f in findings if f.rule == "deficit.suffers-from")
    assert (suffers.line, suffers.column, suffers.location) == (2, 11, "paragraph 2")
    assert any(f.line == 4 and f.category in ("service_as_outcome", "missing_first_person") for f in findings), \
        "the outcome rules see the 'Personal outcomes' heading"
    assert not any(f.line == 2 and f.category == "missing_first_person" for f in findings)


HTML = """<!DOCTYPE html>
<html lang="en-GB"><head><title>the service user</title>
<style>p::after { content: "suffers from"; }</style>
<script>const note = "the service user suffers from";</script></head>
<body>
<h1>Care plan</h1>
<h2>Personal outcomes</h2>
<ul><li>To attend the day centre.</li></ul>
<h2>About me</h2>
<p>Tom &amp; Ann say Mrs&nbsp;Evans <em>suffers</em>
from asthma.</p>
<blockquote><p>I suffer from nothing, the service user says.</p></blockquote>
<pre>the service user</pre>
<p>The field <code>service user</code> is empty.</p>
<table><tr><th>Outcome</th><th>Who</th></tr><tr><td>To get out more</td><td>The service user</td></tr></table>
</body></html>
"""


def test_html_positions_point_into_the_source(linter, tmp_path):
    path = tmp_path / "plan.html"
    path.write_text(HTML, encoding="utf-8")
    findings = linter.check_document(read_document(str(path)))
    lines = HTML.splitlines()
    assert findings
    for f in findings:
        if f.line == f.end_line and f.category in ("deficit", "label", "jargon"):
            assert lines[f.line - 1][f.column - 1:f.end_column - 1] == f.text, f
    suffers = next(f for f in findings if f.rule == "deficit.suffers-from")
    assert (suffers.line, suffers.column) == (10, lines[9].index("suffers") + 1)
    assert (suffers.end_line, suffers.end_column) == (11, 5), "the span ends on the next source line"
    flagged_lines = {f.line for f in findings}
    assert not flagged_lines & {2, 3, 4}, "head, style and script are not prose"
    assert 12 not in {f.line for f in findings if f.category == "deficit"}, "a block quote is the person's own words"
    assert not flagged_lines & {13, 14}, "pre and code are skipped"
    label = [f for f in findings if f.line == 15 and f.category == "label"]
    assert label and label[0].location == "table 1, row 2, cell 2"
    assert any(f.line == 8 and f.category in ("service_as_outcome", "missing_first_person") for f in findings), \
        "h2 'Personal outcomes' scopes the outcome rules"


def test_html_comments_are_directives(tmp_path):
    path = tmp_path / "p.html"
    path.write_text("<p>Hello there.</p>\n<!-- sbp-lint disable-next-line label -->\n<p>The service user.</p>\n")
    blocks = read_document(str(path)).blocks
    assert [(b.kind, b.directives) for b in blocks if b.directives] == [("directive", [(2, "sbp-lint disable-next-line label")])]


def test_pdf_pages_are_lines_and_locations(linter, tmp_path):
    path = docfactory.pdf(tmp_path / "plan.pdf", [
        ["Care and support plan", "Personal outcomes", "To attend the day centre twice a week."],
        ["About me", "Mrs Evans suffers from asthma and likes walking.", "She enjoys reading the paper."],
    ])
    document = read_document(str(path))
    assert [b.location for b in document.blocks][-1] == "page 2"
    findings = linter.check_document(document)
    suffers = next(f for f in findings if f.rule == "deficit.suffers-from")
    assert (suffers.line, suffers.location) == (2, "page 2")
    from pypdf import PdfReader

    page_text = PdfReader(path).pages[1].extract_text()
    assert page_text[suffers.column - 1:suffers.end_column - 1] == "suffers from"
    assert any(f.line == 1 and f.category in ("service_as_outcome", "missing_first_person") for f in findings)


def test_scanned_pdf_is_a_clear_error(tmp_path):
    path = docfactory.pdf(tmp_path / "scan.pdf", [[], []])
    result = run_cli("check", "--no-cache", "--format", "json", str(path))
    assert result.returncode == 2
    entry = json.loads(result.stdout)["files"][0]
    assert entry["error"].startswith("no text layer (scanned PDF?)")


def test_folders_include_the_document_formats(tmp_path):
    for name in ("a.docx", "b.odt", "c.html", "d.htm", "e.pdf", "f.md", "g.png", "h.doc"):
        (tmp_path / name).write_bytes(b"x")
    found = [p.rsplit("/", 1)[-1] for p in expand_paths([str(tmp_path)], Config().include, Config().exclude)]
    assert found == ["a.docx", "b.odt", "c.html", "d.htm", "e.pdf", "f.md"]


def test_stdin_with_a_word_file_name(tmp_path):
    path = docfactory.care_plan(tmp_path / "plan.docx")
    result = run_cli("check", "--no-cache", "--format", "json", "--stdin-filename", "plan.docx", "-", input=path.read_bytes())
    assert result.returncode == 1, result.stderr
    findings = json.loads(result.stdout)["files"][0]["findings"]
    assert any(f["rule"] == "deficit.suffers-from" and f["location"] == "paragraph 4" for f in findings)


@pytest.mark.parametrize("name", ["plan.docx", "plan.odt", "plan.html", "plan.pdf"])
def test_each_format_end_to_end_through_the_cli(tmp_path, name):
    path = tmp_path / name
    if name.endswith(".docx"):
        docfactory.care_plan(path)
    elif name.endswith(".odt"):
        docfactory.odt(path, ODT_BODY, ODT_STYLES)
    elif name.endswith(".html"):
        path.write_text(HTML, encoding="utf-8")
    else:
        docfactory.pdf(path, [["About me", "Mrs Evans suffers from asthma."]])
    result = run_cli("check", "--no-cache", str(path))
    assert result.returncode == 1, result.stderr
    assert "suffers from" in result.stdout.decode()
