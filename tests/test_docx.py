"""Word documents in (findings on the right words, in Word terms) and reviewed Word documents out."""

import hashlib
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest

import docfactory
from conftest import EXAMPLES, run_cli
from sbp_lint.commands.annotate import annotate_file, sentence_groups
from sbp_lint.documents import read_document
from sbp_lint.documents.docx import body_paragraphs
from sbp_lint.errors import SbpError


@pytest.fixture
def plan(tmp_path) -> Path:
    return docfactory.care_plan(tmp_path / "plan.docx")


def by_line(document):
    return {b.line: b for b in document.blocks}


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- reading ------------------------------------------------------------------------------

def test_reader_sees_what_word_shows(plan):
    blocks = by_line(read_document(str(plan)))
    assert blocks[2].text == "Name: Gwenllian Evans", "content control text is read; an unfilled placeholder is not"
    assert blocks[4].text == "Mrs Evans suffers from arthritis in both knees.", "runs joined, the tab read as a space"
    assert blocks[6].text == "She is wheelchair-bound outside the home.", "insertion counted, deletion ignored"
    assert "non-compliant" not in " ".join(b.text for b in blocks.values())
    assert "ŵyr Siôn" in blocks[5].text
    assert blocks[21].text == "Mrs Evans has a package of care in the mornings.", "block-level content control"
    assert (blocks[22].location, blocks[23].location) == ("header", "footer")
    assert blocks[23].text == "OFFICIAL-SENSITIVE"


def test_headings_give_sections_and_tables_give_locations(plan):
    blocks = by_line(read_document(str(plan)))
    assert [blocks[n].kind for n in (1, 3, 8, 11)] == ["heading"] * 4, "Title, Heading 1 and a style based on Heading 2"
    assert blocks[4].section == ("Care and support plan", "About me")
    assert blocks[9].section == ("Care and support plan", "Personal outcomes")
    assert blocks[11].section == ("Care and support plan", "Personal outcomes"), "level 2 under level 1"
    assert blocks[7].quoted, "the Quote style marks the person's own words"
    assert blocks[18].location == "table 1, row 3, cell 1"
    assert blocks[18].column_header == "Action"
    assert blocks[4].location == "paragraph 4"


def test_findings_point_at_their_words_in_each_paragraph(linter, plan):
    findings = linter.check_document(read_document(str(plan)))
    paragraphs = {b.line: b.text for b in read_document(str(plan)).blocks}
    assert findings
    for f in findings:
        assert f.line == f.end_line
        assert paragraphs[f.line][f.column - 1:f.end_column - 1] == f.text, f
    where = {(f.rule, f.line, f.location) for f in findings}
    assert ("deficit.suffers-from", 4, "paragraph 4") in where
    assert any(f.rule.startswith("label.") and f.location == "table 1, row 3, cell 1" and f.text == "service user" for f in findings)
    assert any(f.location == "header" and f.text == "service user" for f in findings)
    assert any(f.line == 6 and "wheelchair" in f.text for f in findings), "tracked insertions are checked"
    assert not any("non-compliant" in f.text for f in findings), "tracked deletions are not"
    assert any(f.line == 21 and f.text == "package of care" for f in findings), "text inside content controls is checked"


def test_outcome_rules_fire_under_the_outcomes_heading_only(linter, plan):
    findings = linter.check_document(read_document(str(plan)))
    outcome_findings = {f.line for f in findings if f.category in ("service_as_outcome", "missing_first_person")}
    assert 9 in outcome_findings, "'To attend the day centre' under Personal outcomes"
    assert 10 not in outcome_findings, "'I want to see my daughter' is in the person's voice"
    assert not outcome_findings & {4, 5, 6, 7}, "paragraphs under 'About me' are not outcomes"


def test_footnotes_are_read_after_the_body(tmp_path):
    plan = docfactory.care_plan(tmp_path / "plan.docx")
    notes = ('<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
             '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
             '<w:footnote w:id="1"><w:p><w:r><w:t>The service user asked for this.</w:t></w:r></w:p></w:footnote>'
             '</w:footnotes>')
    with zipfile.ZipFile(plan, "a") as archive:
        archive.writestr("word/footnotes.xml", notes)
    blocks = read_document(str(plan)).blocks
    assert (blocks[-1].text, blocks[-1].location, blocks[-1].line) == ("The service user asked for this.", "footnote 1", 24)


def test_text_boxes_are_read_once_and_reported_not_commented(linter, tmp_path):
    d = docx.Document()
    d.add_paragraph("Before the box.")
    docfactory.text_box(d.add_paragraph("Anchor text. "), "She suffers from gout.")
    d.save(tmp_path / "box.docx")
    blocks = read_document(str(tmp_path / "box.docx")).blocks
    assert [(b.text, b.location) for b in blocks] == [
        ("Before the box.", "paragraph 1"), ("Anchor text. ", "paragraph 2"), ("She suffers from gout.", "text box (paragraph 3)")]
    result = annotate_file(linter, str(tmp_path / "box.docx"))
    assert any(f.rule == "deficit.suffers-from" for f in result.elsewhere)
    assert not any(r["anchored"] == "suffers from" for r in docfactory.comment_ranges(Path(result.output)).values())


def test_welsh_text_keeps_positions(linter, tmp_path):
    d = docx.Document()
    d.add_paragraph("Dywedodd Siân: “Rwy’n hapus yma.” Her ŵyr Dafydd says she suffers from asthma.")
    d.save(tmp_path / "cy.docx")
    document = read_document(str(tmp_path / "cy.docx"))
    finding = next(f for f in linter.check_document(document) if f.rule == "deficit.suffers-from")
    assert document.blocks[0].text[finding.column - 1:finding.end_column - 1] == "suffers from"


def test_json_line_is_the_paragraph_number(plan):
    result = run_cli("check", "--format", "json", "--no-cache", str(plan))
    assert result.returncode == 1, result.stderr
    findings = json.loads(result.stdout)["files"][0]["findings"]
    suffers = next(f for f in findings if f["rule"] == "deficit.suffers-from")
    assert (suffers["line"], suffers["column"], suffers["location"]) == (4, 11, "paragraph 4")


def test_text_report_says_where_in_word_terms(plan):
    result = run_cli("check", "--no-cache", str(plan))
    assert f"{plan}:4:11 (paragraph 4)" in result.stdout.decode()
    assert "(table 1, row 3, cell 1)" in result.stdout.decode()


def test_example_template_is_checked_end_to_end(linter):
    path = EXAMPLES / "care-and-support-plan.docx"
    document = read_document(str(path))
    texts = {b.line: b.text for b in document.blocks}
    assert "Mrs Gwenllian Evans" in texts.values(), "the name sits in a content control"
    findings = linter.check_document(document)
    suffers = next(f for f in findings if f.rule == "deficit.suffers-from")
    assert texts[suffers.line].startswith("She suffers from dementia")
    assert texts[suffers.line][suffers.column - 1:suffers.end_column - 1] == "suffers from"
    outcomes = [f for f in findings if f.category == "service_as_outcome"]
    assert any("Bryn Day Centre" in texts[f.line] for f in outcomes), "outcome rules see the Personal outcomes heading"
    assert any(f.location.startswith("table 2, row") for f in findings), "the actions table is checked"


# -- annotate -----------------------------------------------------------------------------

@pytest.fixture
def reviewed_plan(tmp_path):
    """A plan with an existing comment, tracked changes and formatting; and its reviewed copy."""
    path = docfactory.care_plan(tmp_path / "plan.docx")
    d = docx.Document(path)
    target = next(p for p in d.paragraphs if p.text.startswith("I want to see"))
    d.add_comment(target.runs, text="Lovely: in her own words.", author="Eleri Jones", initials="EJ")
    d.save(path)
    return path


def test_annotate_puts_each_comment_on_its_finding(linter, reviewed_plan):
    before = sha(reviewed_plan)
    original_texts = [p.text for p in body_paragraphs(docx.Document(reviewed_plan).element)]
    result = annotate_file(linter, str(reviewed_plan))
    out = Path(result.output)
    assert out.name == "plan.reviewed.docx"
    assert sha(reviewed_plan) == before, "the original's bytes are untouched"
    ranges = docfactory.comment_ranges(out)
    ours = [r for r in ranges.values() if r["author"] == "sbp-lint"]
    assert len(ours) == result.comments > 0
    assert all(r["initials"] == "SBP" for r in ours)
    body = [f for f in result.findings if f not in result.elsewhere]
    groups = sentence_groups(body)
    assert len(ours) == len(groups) < len(body), "one comment per sentence, however many findings it has"
    for group in groups:
        texts = [r["anchored"] for r in ours if all(f.text in r["anchored"] for f in group)]
        assert texts, f"a comment covers {[f.text for f in group]}"
    suffers = next(r for r in ours if r["anchored"].startswith("suffers from"))
    assert "suffers" in suffers["text"] and "Suggested rewrite: Mrs Evans lives with arthritis" in suffers["text"]
    assert "Why: " in suffers["text"] and "deficit.suffers-from" in suffers["text"].splitlines()[-1]
    assert not any("sbp-lint" in r["text"] or "explain" in r["text"] for r in ours), "no command-line hints in Word"
    assert any(f.location == "header" for f in result.elsewhere), "header findings are reported, not attached"
    assert [p.text for p in body_paragraphs(docx.Document(out).element)] == original_texts, "text unchanged"


def test_annotate_keeps_comments_tracked_changes_and_formatting(linter, reviewed_plan):
    result = annotate_file(linter, str(reviewed_plan))
    out = Path(result.output)
    ranges = docfactory.comment_ranges(out)
    existing = [r for r in ranges.values() if r["author"] == "Eleri Jones"]
    assert existing == [{"text": "Lovely: in her own words.", "author": "Eleri Jones", "initials": "EJ",
                         "anchored": "I want to see my daughter Carys every week."}]
    for tag in ("w:ins", "w:del", "w:sdt", "w:tbl"):
        assert docfactory.count_tags(out, "word/document.xml", tag) == docfactory.count_tags(reviewed_plan, "word/document.xml", tag), tag
    bold = [r for p in docx.Document(out).paragraphs for r in p.runs if r.bold]
    assert "".join(r.text for r in bold) == "suffers from", "the split run keeps its bold"
    with zipfile.ZipFile(reviewed_plan) as a, zipfile.ZipFile(out) as b:
        assert a.read("word/header1.xml") == b.read("word/header1.xml")


def test_annotate_output_rules(linter, reviewed_plan, tmp_path):
    out = tmp_path / "plan.reviewed.docx"
    out.write_bytes(b"someone's file")
    result = run_cli("annotate", str(reviewed_plan))
    assert result.returncode == 2
    assert result.stderr.decode().strip() == f"sbp-lint: error: {out}: already exists (use --force to replace it)"
    assert out.read_bytes() == b"someone's file"
    result = run_cli("annotate", "--force", str(reviewed_plan))
    assert result.returncode == 0, result.stderr
    assert "comments on" in result.stdout.decode()
    assert zipfile.is_zipfile(out)
    with pytest.raises(SbpError, match="replace the original"):
        annotate_file(linter, str(reviewed_plan), output=str(reviewed_plan), force=True)
    text = tmp_path / "notes.md"
    text.write_text("She suffers from asthma.\n")
    with pytest.raises(SbpError, match="give a .docx file"):
        annotate_file(linter, str(text))


def test_annotate_custom_output_and_no_leftovers(linter, reviewed_plan, tmp_path):
    out = tmp_path / "review" / "copy.docx"
    out.parent.mkdir()
    annotate_file(linter, str(reviewed_plan), output=str(out))
    assert sorted(p.name for p in out.parent.iterdir()) == ["copy.docx"], "no temporary files left"


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(_soffice() is None, reason="LibreOffice (Debian package libreoffice-writer) is not installed; CI installs it")
def test_libreoffice_opens_the_reviewed_copy(linter, reviewed_plan, tmp_path):
    result = annotate_file(linter, str(reviewed_plan))
    profile = (tmp_path / "lo-profile").as_uri()
    for target in ("pdf", "odt"):
        done = subprocess.run([_soffice(), f"-env:UserInstallation={profile}", "--headless", "--convert-to", target,
                               "--outdir", str(tmp_path / "lo"), result.output], capture_output=True, timeout=180)
        assert done.returncode == 0, done.stderr
        assert b"Error" not in done.stderr, done.stderr
    pdf = tmp_path / "lo" / "plan.reviewed.pdf"
    from pypdf import PdfReader

    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Mrs Evans suffers from arthritis" in " ".join(text.split())
    with zipfile.ZipFile(tmp_path / "lo" / "plan.reviewed.odt") as odt:
        content = odt.read("content.xml").decode()
    assert content.count("<dc:creator>sbp-lint</dc:creator>") == result.comments, "LibreOffice reads every comment"
    assert "<dc:creator>Eleri Jones</dc:creator>" in content
