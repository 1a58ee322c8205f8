"""Every finding points at its exact text in the original file: lists, tables, quotes, multi-byte characters."""

import pytest

from sbp_lint.documents import parse_text
from sbp_lint.documents.base import split_lines


def span_in_source(source: str, finding) -> str:
    lines = split_lines(source)
    assert finding.line == finding.end_line, "single-line spans in these tests"
    return lines[finding.line - 1][finding.column - 1:finding.end_column - 1]


CASES = {
    "paragraph": "# Plan\n\nMr Davies refuses his tablets.\n",
    "wrapped paragraph": "Mr Davies lives alone and he\nsuffers from arthritis in his hands.\n",
    "bullet list": "## Needs\n\n- He likes to cook.\n- He **refuses** to use the frame.\n",
    "nested list": "1. Mornings\n   - Carers help him dress.\n     He has a package of care.\n",
    "table cell": "| Need | Help |\n|---|---|\n| Washing | His care package covers it |\n",
    "emphasis and entities": "Tom &amp; Ann said the *service user* was out.\n",
    "multi-byte": "Siân’s 🙂 niece says she suffers from migraines.\n",
    "front matter": "---\ntitle: service user notes\n---\n\nMrs Ellis suffers from asthma.\n",
    "block quote in list": "- Note:\n  > Staff said the service user was late.\n",
    "crlf": "# Plan\r\n\r\nMr Davies refuses his tablets.\r\n",
    "tabs": "She\tsuffers from\tarthritis.\n",
}


@pytest.mark.parametrize("name", list(CASES))
def test_findings_point_at_their_text(linter, name):
    source = CASES[name]
    findings = [f for f in linter.check_text(source) if f.category in ("deficit", "jargon", "label")]
    if name != "block quote in list":
        assert findings, f"expected a finding in {name}"
    for finding in findings:
        assert span_in_source(source, finding) == finding.text


def test_columns_count_characters_not_bytes(linter):
    source = "Siân’s niece suffers from migraines.\n"
    finding = next(f for f in linter.check_text(source) if f.rule == "deficit.suffers-from")
    assert (finding.line, finding.column) == (1, source.index("suffers") + 1)
    assert finding.end_column == source.index("from") + len("from") + 1


def test_plain_text_lists_and_headings():
    source = "Personal outcomes\n\n- To attend the day centre.\n- I want to see my sister.\n"
    document = parse_text(source, "plan.txt", "text")
    kinds = [(b.kind, b.section) for b in document.blocks]
    assert kinds[0] == ("heading", ())
    assert kinds[1] == ("list_item", ("Personal outcomes",))
    assert document.blocks[2].position(0) == (4, 3)


def test_fenced_and_indented_code_are_skipped(linter):
    source = "```\nThe service user refuses.\n```\n\n    service user refuses\n\nInline `service user` code.\n"
    assert linter.check_text(source) == []


def test_sections_follow_headings():
    source = "# Plan\n\n## Personal outcomes\n\n- To go home.\n\n## Risks\n\nNone.\n"
    blocks = parse_text(source, "p.md", "markdown").blocks
    sections = {b.text: b.section for b in blocks}
    assert sections["To go home."] == ("Plan", "Personal outcomes")
    assert sections["None."] == ("Plan", "Risks")
