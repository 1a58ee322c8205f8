"""The command line as users and CI jobs run it: exit codes, JSON contract, errors, config."""

import json
import os
from pathlib import Path

import pytest

from sbp_lint.findings import PROFILE_KEYS

from conftest import EXAMPLES, run_cli

PLAN = "# Plan\n\nMr Davies refuses his tablets.\n\nHe likes football.\n"
CLEAN = "# Plan\n\nMr Davies likes football and sees his brother on Sundays.\n"


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.md"
    path.write_text(PLAN, encoding="utf-8")
    return path


def as_json(result) -> dict:
    assert result.stderr == b"", result.stderr
    return json.loads(result.stdout)


def test_json_contract(plan):
    result = run_cli("check", str(plan), "--format", "json")
    assert result.returncode == 1
    data = as_json(result)
    assert data["version"] == 1
    (entry,) = data["files"]
    assert entry["path"] == str(plan) and entry["error"] is None
    finding = next(f for f in entry["findings"] if f["rule"] == "deficit.refuses")
    assert finding == {
        "rule": "deficit.refuses", "category": "deficit", "severity": "warning",
        "line": 3, "column": 11, "end_line": 3, "end_column": 18, "text": "refuses",
        "message": finding["message"], "suggestions": finding["suggestions"], "language": "en",
        "rewrite": {"text": "Mr Davies chooses not to take his tablets [because …].", "safe": False,
                    "placeholders": ["because …"]},
    }
    assert "refuses" in finding["message"] and finding["suggestions"]
    assert data["summary"]["files"] == 1
    assert data["summary"]["findings"] == len(entry["findings"])
    assert data["summary"]["by_category"]["deficit"] >= 1


def test_text_output_shows_sentence_span_and_suggestion(plan):
    result = run_cli("check", str(plan))
    out = result.stdout.decode()
    assert result.returncode == 1
    assert f"{plan}:3:11" in out and "deficit.refuses" in out
    assert "Mr Davies refuses his tablets." in out
    assert "          ^^^^^^^" in out  # the span marked under the sentence
    assert "Rewrite: Mr Davies chooses not to take his tablets [because …]." in out  # the sentence rewritten, not "Try:"
    assert "deficit" in out.split("\n\n")[-1]
    assert "\x1b[" not in out  # no colour when not a terminal


def test_text_output_shows_the_words_as_written(tmp_path):
    """Square brackets and colons in a record are text, not markup or emoji codes."""
    path = tmp_path / "notes.md"
    path.write_text("Mr Jones [see note 2] refuses :thumbs_up: his tablets.\n", encoding="utf-8")
    out = run_cli("check", str(path)).stdout.decode()
    assert "    Mr Jones [see note 2] refuses :thumbs_up: his tablets.\n" + " " * 26 + "^^^^^^^\n" in out


def test_clean_file_exits_zero(tmp_path):
    path = tmp_path / "clean.md"
    path.write_text(CLEAN)
    result = run_cli("check", str(path))
    assert result.returncode == 0, result.stdout.decode()
    assert "0 findings in 1 file" in result.stdout.decode()


@pytest.mark.parametrize("fail_on,code", [("error", 0), ("warning", 1), ("suggestion", 1), ("never", 0)])
def test_fail_on(plan, fail_on, code):
    assert run_cli("check", str(plan), "--fail-on", fail_on).returncode == code


def test_select_and_ignore(plan):
    selected = as_json(run_cli("check", str(plan), "--format", "json", "--select", "jargon,label"))
    assert all(f["category"] in ("jargon", "label") for f in selected["files"][0]["findings"])
    ignored = as_json(run_cli("check", str(plan), "--format", "json", "--ignore", "deficit"))
    assert not any(f["category"] == "deficit" for f in ignored["files"][0]["findings"])
    by_id = as_json(run_cli("check", str(plan), "--format", "json", "--select", "deficit.refuses"))
    assert {f["rule"] for f in by_id["files"][0]["findings"]} == {"deficit.refuses"}


def test_unknown_rule_in_select_is_a_usage_error(plan):
    result = run_cli("check", str(plan), "--select", "deficit.nope")
    assert result.returncode == 2
    assert result.stderr.decode().strip() == "sbp-lint: error: 'deficit.nope' names no rule, pack or category"


def test_bad_flag_one_line_exit_2(plan):
    result = run_cli("check", str(plan), "--fail-on", "sometimes")
    assert result.returncode == 2
    lines = result.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and "--fail-on" in lines[0] and "Traceback" not in lines[0]


def test_stdin(tmp_path):
    result = run_cli("check", "-", "--format", "json", input=PLAN.encode())
    data = as_json(result)
    assert data["files"][0]["path"] == "-"
    assert any(f["rule"] == "deficit.refuses" for f in data["files"][0]["findings"])
    named = as_json(run_cli("check", "-", "--stdin-filename", "notes.txt", "--format", "json", input=b"She suffers from asthma.\n"))
    assert named["files"][0]["path"] == "notes.txt"


def test_unreadable_and_binary_files_do_not_stop_the_run(tmp_path, plan):
    binary = tmp_path / "scan.md"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    locked = tmp_path / "locked.md"
    locked.write_text(PLAN)
    locked.chmod(0)
    missing = tmp_path / "missing.md"
    result = run_cli("check", str(binary), str(locked), str(missing), str(plan), "--format", "json")
    assert result.returncode == 2
    files = {Path(f["path"]).name: f for f in json.loads(result.stdout)["files"]}
    assert files["scan.md"]["error"].startswith("binary file") and files["scan.md"]["findings"] == []
    if os.geteuid() != 0:  # root can read anything
        assert files["locked.md"]["error"] == "permission denied"
    assert files["missing.md"]["error"] == "no such file"
    assert files["plan.md"]["error"] is None and files["plan.md"]["findings"]


def test_text_report_names_file_and_problem(tmp_path):
    missing = tmp_path / "gone.md"
    result = run_cli("check", str(missing))
    assert result.returncode == 2
    assert f"{missing}: error no such file" in result.stdout.decode()


def test_cp1252_and_bom_and_empty_files(tmp_path):
    cp = tmp_path / "old.txt"
    cp.write_bytes("Siân suffers from asthma \u2013 since 2019.\n".encode("cp1252"))
    bom = tmp_path / "bom.md"
    bom.write_bytes("\ufeffShe suffers from asthma.\n".encode("utf-8"))
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")
    data = json.loads(run_cli("check", str(cp), str(bom), str(empty), "--format", "json").stdout)
    files = {Path(f["path"]).name: f for f in data["files"]}
    assert files["old.txt"]["encoding"] == "cp1252"
    finding = next(f for f in files["old.txt"]["findings"] if f["rule"] == "deficit.suffers-from")
    assert finding["column"] == 6 and finding["text"] == "suffers from"
    assert next(f for f in files["bom.md"]["findings"] if f["rule"] == "deficit.suffers-from")["column"] == 5
    assert files["empty.md"] == {"path": str(empty), "error": None, "findings": [], "audience": "unknown",
                                 "kind": "unknown", "profile": dict.fromkeys(PROFILE_KEYS, 0)}


def test_folders_recurse_with_include_and_exclude(tmp_path):
    (tmp_path / "plans" / "old").mkdir(parents=True)
    (tmp_path / "plans" / "a.md").write_text(PLAN)
    (tmp_path / "plans" / "old" / "b.md").write_text(PLAN)
    (tmp_path / "plans" / "c.txt").write_text(PLAN)
    (tmp_path / "plans" / "image.png").write_bytes(b"\x89PNG\x00")
    data = json.loads(run_cli("check", str(tmp_path / "plans"), "--format", "json").stdout)
    assert sorted(Path(f["path"]).name for f in data["files"]) == ["a.md", "b.md", "c.txt"]
    data = json.loads(run_cli("check", str(tmp_path / "plans"), "--format", "json", "--exclude", "old", "--include", "*.md").stdout)
    assert [Path(f["path"]).name for f in data["files"]] == ["a.md"]


def test_force_exclude_applies_exclude_to_files_named_on_the_command_line(tmp_path):
    """pre-commit names every changed file: a project's excluded folders must stay excluded (the hook's flag)."""
    (tmp_path / "templates" / "legacy").mkdir(parents=True)
    (tmp_path / "templates" / "legacy" / "old.md").write_text(PLAN)
    (tmp_path / "templates" / "plan.md").write_text(PLAN)
    (tmp_path / ".sbp-lint.yaml").write_text("exclude: [legacy, '*.draft.md']\n")
    (tmp_path / "notes.draft.md").write_text(PLAN)
    named = ["templates/legacy/old.md", "templates/plan.md", "notes.draft.md"]

    def checked(*flags: str) -> list[str]:
        result = run_cli("check", *named, "--format", "json", *flags, cwd=tmp_path)
        return [f["path"] for f in json.loads(result.stdout)["files"]]

    assert checked() == named  # named files are checked, as before
    assert checked("--force-exclude") == ["templates/plan.md"]
    only_excluded = run_cli("check", "templates/legacy/old.md", "--force-exclude", cwd=tmp_path)
    assert only_excluded.returncode == 0 and b"0 findings in 0 files" in only_excluded.stdout
    (tmp_path / ".sbp-lint.yaml").write_text("exclude: [legacy, '*.draft.md']\nforce_exclude: true\n")
    assert checked() == ["templates/plan.md"]  # or set once in the configuration


def test_examples_have_findings_with_suggestions_and_rewrites_are_clean():
    data = json.loads(run_cli("check", str(EXAMPLES), "--format", "json", "--include", "*.md").stdout)
    files = {Path(f["path"]).name: f for f in data["files"]}
    for name in ("care-and-support-plan", "assessment", "case-notes", "cynllun-gofal-a-chymorth"):
        original = files[f"{name}.md"]["findings"]
        assert len(original) >= 10 and all(f["suggestions"] for f in original)
        assert files[f"{name}.rewrite.md"]["findings"] == [], files[f"{name}.rewrite.md"]["findings"]


def test_rules_and_explain():
    listing = run_cli("rules").stdout.decode()
    assert "deficit.refuses" in listing and "jargon" in listing
    explained = run_cli("explain", "deficit.refuses")
    text = explained.stdout.decode()
    assert explained.returncode == 0
    for heading in ("What it flags", "Why it matters", "Example", "Use instead"):
        assert heading in text
    unknown = run_cli("explain", "deficit.nope")
    assert unknown.returncode == 2 and "unknown rule 'deficit.nope'" in unknown.stderr.decode()


def test_explain_text_shows_parse_and_matches():
    result = run_cli("explain", "--text", "It was decided that she refuses care.")
    out = result.stdout.decode()
    assert result.returncode == 0
    assert "auxpass" in out and "nsubj" in out  # dependencies for rule authors
    assert "passive.decision" in out and "deficit.refuses" in out


def test_installed_package_works_from_any_directory(tmp_path):
    """The rule packs ship inside the package: no checkout needed at run time."""
    result = run_cli("rules", cwd=tmp_path)
    assert result.returncode == 0 and "deficit.refuses" in result.stdout.decode()


def test_missing_model_names_the_install_command(plan):
    result = run_cli("check", str(plan), "--model", "en_no_such_pipeline")
    assert result.returncode == 2
    line = result.stderr.decode().strip()
    assert line.startswith("sbp-lint: error: cannot load spaCy pipeline 'en_no_such_pipeline'") and "\n" not in line
