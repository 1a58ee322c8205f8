"""`check --fix` / `--diff`: only rules' safe replacements, atomically, keeping encoding and line endings."""

import os
import stat

import pytest

import docfactory
from conftest import all_rules, run_cli
from sbp_lint.findings import Finding, Severity
from sbp_lint.commands.fix import apply_edits, fix_file, plan_edits
from sbp_lint.linter import example_document

PLAN = "# About me\n\nMrs Jones suffers from arthritis.\nThe service user likes gardening.\n"


def finding(line, column, end_column, text, fix, end_line=None):
    return Finding("deficit.x", "deficit", Severity.WARNING, line, column, end_line or line, end_column, text, "m", fix=fix)


def test_edits_apply_from_the_end_and_keep_capitals():
    text = "Suffers from asthma; suffers from gout.\n"
    edits = plan_edits(text, [finding(1, 1, 13, "Suffers from", "lives with"), finding(1, 22, 34, "suffers from", "lives with")])
    assert apply_edits(text, edits) == "Lives with asthma; lives with gout.\n"


def test_edits_skip_overlaps_markup_and_stale_positions():
    text = "She **suffers** from gout.\n"
    assert plan_edits(text, [finding(1, 7, 21, "suffers from", "lives with")]) == [], "markup inside the span: not safe"
    assert plan_edits("She has gout.\n", [finding(1, 5, 17, "suffers from", "lives with")]) == [], "the file changed"
    overlapping = [finding(1, 1, 8, "She has", "x"), finding(1, 5, 9, "has ", "y")]
    assert len(plan_edits("She has gout.\n", overlapping)) == 1


def test_fix_rewrites_markdown_and_reports_what_is_left(tmp_path):
    path = tmp_path / "plan.md"
    path.write_text(PLAN, encoding="utf-8")
    result = run_cli("check", "--no-cache", "--fix", str(path))
    assert path.read_text(encoding="utf-8") == PLAN.replace("suffers from", "lives with")
    out, err = result.stdout.decode(), result.stderr.decode()
    assert "sbp-lint: fixed 1 problem in 1 file" in err
    assert "suffers from" not in out and "service user" in out, "only the safe fix is applied; the label stays for a person"
    assert result.returncode == 1, "the remaining finding still fails the run"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.md"], "no temporary files left behind"


ENCODINGS = {  # file name -> (encoding, prefix, newline)
    "utf8-crlf.md": ("utf-8", b"", "\r\n"),
    "utf8-bom.md": ("utf-8", b"\xef\xbb\xbf", "\n"),
    "cp1252-crlf.md": ("cp1252", b"", "\r\n"),
}


def _encoded(name: str, text: str) -> bytes:
    encoding, prefix, newline = ENCODINGS[name]
    return prefix + text.replace("\n", newline).encode(encoding)


WELSH = "# Nodiadau\n\nSiân’s café trip went well.\nMrs Jones suffers from arthritis.\n"


@pytest.fixture(scope="module")
def fixed_folder(tmp_path_factory):
    """One `check --fix` run over files in several encodings, with tense and permissions to keep."""
    folder = tmp_path_factory.mktemp("fix")
    for name in ENCODINGS:
        (folder / name).write_bytes(_encoded(name, WELSH))
    (folder / "tense.txt").write_text("He has been suffering with depression since the spring.\n", encoding="utf-8")
    (folder / "private.md").write_text(PLAN, encoding="utf-8")
    os.chmod(folder / "private.md", 0o640)
    result = run_cli("check", "--no-cache", "--fix", str(folder))
    return folder, result


@pytest.mark.parametrize("name", list(ENCODINGS))
def test_fix_keeps_encoding_and_line_endings(fixed_folder, name):
    folder, result = fixed_folder
    assert result.returncode in (0, 1), result.stderr
    assert (folder / name).read_bytes() == _encoded(name, WELSH.replace("suffers from", "lives with"))


def test_fix_keeps_tense(fixed_folder):
    folder, _ = fixed_folder
    assert (folder / "tense.txt").read_text(encoding="utf-8") == "He has been living with depression since the spring.\n"


def test_fix_keeps_permissions_and_leaves_no_temporary_files(fixed_folder):
    folder, result = fixed_folder
    assert stat.S_IMODE((folder / "private.md").stat().st_mode) == 0o640
    assert "lives with" in (folder / "private.md").read_text(encoding="utf-8")
    assert sorted(p.name for p in folder.iterdir()) == sorted([*ENCODINGS, "tense.txt", "private.md"])
    assert "sbp-lint: fixed 5 problems in 5 files" in result.stderr.decode()


def test_diff_shows_and_writes_nothing(tmp_path):
    path = tmp_path / "plan.md"
    path.write_text(PLAN, encoding="utf-8")
    before = path.read_bytes()
    result = run_cli("check", "--no-cache", "--diff", str(path))
    assert path.read_bytes() == before
    assert result.returncode == 1
    out = result.stdout.decode()
    assert f"--- a/{path}" in out and f"+++ b/{path}" in out
    assert "-Mrs Jones suffers from arthritis.\n+Mrs Jones lives with arthritis.\n" in out
    assert "would fix 1 problem in 1 file" in result.stderr.decode()
    clean = tmp_path / "clean.md"
    clean.write_text("Mrs Jones lives with arthritis.\n", encoding="utf-8")
    result = run_cli("check", "--no-cache", "--diff", str(clean))
    assert (result.returncode, result.stdout) == (0, b"")


def test_word_documents_are_never_rewritten(tmp_path):
    plan = docfactory.care_plan(tmp_path / "plan.docx")
    other = docfactory.care_plan(tmp_path / "other.docx")
    before = plan.read_bytes(), other.read_bytes()
    result = run_cli("check", "--no-cache", "--fix", str(tmp_path))
    assert (plan.read_bytes(), other.read_bytes()) == before
    err = result.stderr.decode()
    assert err.count("never rewritten") == 1, err
    assert "sbp-lint: fixed 0 problems in 0 files" in err


def test_a_file_that_would_not_round_trip_is_left_alone(tmp_path):
    path = tmp_path / "odd.md"
    path.write_bytes(b"\xef\xbb\xbfMrs Jones suffers from gout \xff.\n")  # a BOM, then invalid UTF-8
    before = path.read_bytes()
    with pytest.raises(Exception, match="would not survive"):
        fix_file(str(path), [finding(1, 11, 23, "suffers from", "lives with")])
    result = run_cli("check", "--no-cache", "--fix", str(path))
    assert path.read_bytes() == before
    assert "not fixed" in result.stderr.decode()


FIXABLE = [rule for rule in all_rules() if rule.fix]


@pytest.mark.parametrize("rule", FIXABLE, ids=[r.id for r in FIXABLE])
def test_every_rule_fix_removes_its_finding(linter, rule):
    """A rule's fix, applied to its own flag examples, leaves text the rule no longer flags."""
    fixed_any = False
    for example in rule.flag_examples:
        text = example_document(rule, example.text)
        findings = [f for f in linter.check_text(text) if f.rule == rule.id and f.fix]
        if not findings:
            continue
        fixed = apply_edits(text, plan_edits(text, findings))
        assert fixed != text
        assert not [f for f in linter.check_text(fixed) if f.rule == rule.id], f"{rule.id}: {fixed!r}"
        fixed_any = True
    assert fixed_any, f"{rule.id} has a fix but none of its flag examples gets one"
