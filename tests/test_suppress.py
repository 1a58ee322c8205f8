"""Inline suppression comments in Markdown and HTML, and --report-unused-suppressions."""

import json
from pathlib import Path

import pytest

from conftest import run_cli
from sbp_lint.policy.suppress import parse

PLAN = """# Care and support plan

<!-- sbp-lint disable-next-line deficit.refuses -- quoting the court order -->

She refuses her tablets.

She refuses her lunch.

<!-- sbp-lint disable label -->
Mr Davies is a service user.
Mrs Jones suffers from arthritis.
<!-- sbp-lint enable label -->

Mr Rees is a service user.

<!-- sbp-lint disable -->
Mr Rees suffers from asthma and is a service user.
<!-- sbp-lint enable -->

<!-- sbp-lint disable-next-line jargon -->
He likes football.

Mrs Jones refuses visits. <!-- sbp-lint disable-next-line deficit, label.no-such-rule -->
Mr Evans is a service user and refuses his lunch.
"""


def kept(findings) -> list[tuple[str, int]]:
    return [(f["rule"], f["line"]) for f in findings]


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("suppress")
    (folder / "plan.md").write_text(PLAN, encoding="utf-8")
    result = run_cli("check", "plan.md", "--report-unused-suppressions", "--format", "text",
                     "--format", "json:out.json", cwd=folder)
    data = json.loads((folder / "out.json").read_text(encoding="utf-8"))
    return result, data["files"][0]["findings"]


def test_comments_turn_findings_off_where_they_say(run):
    _, findings = run
    found = [f for f in kept(findings) if f[0] != "structure.unused-suppression"]
    assert ("deficit.refuses", 5) not in found  # disable-next-line skips the blank line after the comment
    assert ("deficit.refuses", 7) in found  # only the next line
    assert ("label.service-user", 10) not in found  # "label" names the category (and pack)
    assert ("deficit.suffers-from", 11) in found  # the range disables labels only
    assert ("label.service-user", 14) in found  # after "enable label"
    assert not any(line == 17 for _, line in found)  # "disable" with no names: every rule
    assert ("deficit.refuses", 24) not in found and ("label.service-user", 24) in found  # inline comment, next line
    assert ("deficit.refuses", 23) in found  # the line the inline comment sits on is not covered


def test_unused_suppressions_are_reported_in_json_and_text(run):
    result, findings = run
    unused = {(f["line"], f["message"]) for f in findings if f["rule"] == "structure.unused-suppression"}
    assert len(unused) == 2, unused
    assert any(line == 20 and "'jargon'" in message and "suppresses nothing" in message for line, message in unused)
    assert any(line == 23 and "'label.no-such-rule'" in message and "names no rule" in message for line, message in unused)
    unused_json = next(f for f in findings if f["rule"] == "structure.unused-suppression")
    assert unused_json["category"] == "structure" and unused_json["severity"] == "warning"
    text = result.stdout.decode()
    assert "plan.md:20:1" in text and "structure.unused-suppression" in text and "suppresses nothing" in text


def test_unused_suppressions_are_silent_unless_asked(linter):
    findings = linter.check_text(PLAN, "plan.md")
    assert not any(f.rule == "structure.unused-suppression" for f in findings)
    assert not any(f.rule == "deficit.refuses" and f.line == 5 for f in findings)


def test_html_comments_suppress_too(tmp_path: Path):
    page = (
        "<html><body>\n"
        "<!-- sbp-lint disable-next-line deficit -->\n"
        "<p>She refuses her tablets.</p>\n"
        "<p>She refuses her lunch.</p>\n"
        "<!-- sbp-lint disable label.service-user -->\n"
        "<p>Mr Davies is a service user.</p>\n"
        "</body></html>\n"
    )
    (tmp_path / "notes.html").write_text(page, encoding="utf-8")
    result = run_cli("check", "notes.html", "--format", "json", cwd=tmp_path)
    found = kept(json.loads(result.stdout)["files"][0]["findings"])
    assert ("deficit.refuses", 3) not in found and ("deficit.refuses", 4) in found
    assert not any(rule == "label.service-user" for rule, _ in found)


@pytest.mark.parametrize("comment,action,names", [
    ("sbp-lint disable deficit.refuses, label", "disable", ("deficit.refuses", "label")),
    ("sbp-lint disable-next-line", "disable-next-line", ()),
    ("sbp-lint: enable jargon -- the team agreed", "enable", ("jargon",)),
    ("sbp-lint-disable label service-user", "disable", ("label", "service-user")),
    ("SBP-LINT DISABLE deficit", "disable", ("deficit",)),
])
def test_directive_syntax(comment, action, names):
    directive = parse(4, comment)
    assert (directive.action, directive.names, directive.line) == (action, names, 4)


def test_other_comments_are_not_directives():
    assert parse(1, "TODO: ask Mrs Jones") is None
    assert parse(1, "sbp-lint disabel deficit").action == ""  # a typo: reported with --report-unused-suppressions
