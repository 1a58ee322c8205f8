"""Baselines: accept today's findings, then report only new ones (matched by sentence, not line)."""

import json
from pathlib import Path

import pytest

from conftest import run_cli
from sbp_lint.policy.baseline import BaselineError, load

PLAN = """# Care and support plan

Mrs Jones suffers from arthritis. She refuses her tablets.

Mr Davies is a service user.
"""
NOTES = "# Case notes\n\nMrs Jones refuses her lunch.\n"


def findings(result) -> list[dict]:
    return [f for entry in json.loads(result.stdout)["files"] for f in entry["findings"]]


@pytest.fixture
def library(tmp_path: Path) -> Path:
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "jones.md").write_text(PLAN, encoding="utf-8")
    (tmp_path / "plans" / "notes.md").write_text(NOTES, encoding="utf-8")
    return tmp_path


def test_write_then_check_a_library_with_its_baseline(library):
    written = run_cli("check", "plans", "--write-baseline", "baseline.json", "--format", "json", cwd=library)
    assert written.returncode == 0, written.stderr
    assert findings(written) == []
    assert "recorded 4 findings in 2 files in baseline.json" in written.stderr.decode()
    data = json.loads((library / "baseline.json").read_text(encoding="utf-8"))
    assert {e["path"] for e in data["findings"]} == {"plans/jones.md", "plans/notes.md"}
    assert all(set(e) == {"path", "rule", "hash", "count"} for e in data["findings"])
    text = (library / "baseline.json").read_text(encoding="utf-8").lower()
    for words in ("suffers from", "arthritis", "tablets", "mrs", "mr davies", "service user"):
        assert words not in text  # hashes only: no document text in a file that gets committed

    # The team adds paragraphs above (lines move), repeats an accepted sentence and writes a new problem.
    (library / "plans" / "jones.md").write_text(
        "# Care and support plan\n\nWhat matters to Mrs Jones.\n\nShe likes gardening.\n\n"
        + PLAN.split("\n", 2)[2] + "\nShe refuses her tablets.\n\nIt was decided that the visits will stop.\n",
        encoding="utf-8")
    checked = run_cli("check", "plans", "--baseline", "baseline.json", "--format", "json", cwd=library)
    assert checked.returncode == 1
    new = [(f["rule"], f["line"]) for f in findings(checked)]
    assert ("deficit.refuses", 11) in new  # the repeated sentence is beyond the accepted count
    assert ("deficit.refuses", 7) not in new and not any(rule == "deficit.suffers-from" for rule, _ in new)
    assert not any(rule == "label.service-user" for rule, _ in new)  # moved from line 5 to 9: still matched
    assert any(rule.startswith("passive.") for rule, _ in new)


def test_baseline_matches_from_another_folder_and_notes_fixed_findings(library):
    run_cli("check", "plans", "--write-baseline", "baseline.json", cwd=library)
    (library / "plans" / "notes.md").write_text("# Case notes\n\nMrs Jones chose not to have lunch.\n", encoding="utf-8")
    elsewhere = library / "plans"
    result = run_cli("check", str(library / "plans"), "--baseline", str(library / "baseline.json"), "--format", "json",
                     cwd=elsewhere)
    assert result.returncode == 0 and findings(result) == []
    assert "1 baselined finding no longer occurs" in result.stderr.decode()


@pytest.mark.parametrize("content,problem", [
    ("{not json", "invalid JSON"),
    ('{"version": 1, "tool": "sbp-lint", "findings": [{"path": "a.md", "rule": "x"}]}', "entry 1 needs"),
    ('{"files": []}', "not an sbp-lint baseline"),
    ('{"version": 9, "tool": "sbp-lint", "findings": []}', "version 9 is not supported"),
])
def test_a_broken_baseline_is_one_line_and_exit_2(library, content, problem):
    (library / "baseline.json").write_text(content, encoding="utf-8")
    result = run_cli("check", "plans", "--baseline", "baseline.json", cwd=library)
    err = result.stderr.decode()
    assert result.returncode == 2 and result.stdout == b""
    assert err.startswith("sbp-lint: error: baseline.json") and problem in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_a_missing_baseline_says_how_to_create_one(tmp_path):
    with pytest.raises(BaselineError, match="create it with --write-baseline"):
        load(str(tmp_path / "nope.json"))
