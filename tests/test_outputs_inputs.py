"""Item 1 of issue 13: an output that is also an input is refused before the run, however it is spelled.

``-o``, ``--format FORMAT:FILE``, ``--write-baseline`` and ``report --html`` naming a file being checked
(directly, through a symbolic or hard link, with ``./`` or ``..`` in the path, or inside a folder being
checked where the include globs would pick it up) stop the run with one line and exit 2; the file is
untouched.
"""

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from sbp_lint import cli

PLAN = "# About me\n\nMrs Jones suffers from arthritis.\n"
SPELLINGS = ("plain", "dot", "parent", "absolute", "symlink", "hardlink", "double-slash")
OPTIONS = ("-o", "--format", "--write-baseline", "--html")


def _spell(folder: Path, how: str) -> str:
    """Another name for folder/notes/plan.md, as seen from ``folder``."""
    if how == "plain":
        return "notes/plan.md"
    if how == "dot":
        return "./notes/./plan.md"
    if how == "parent":
        return "notes/../notes/plan.md"
    if how == "absolute":
        return str(folder / "notes" / "plan.md")
    if how == "double-slash":
        return "notes//plan.md"
    alias = folder / f"alias-{how}.md"
    if not alias.exists():
        (alias.symlink_to if how == "symlink" else alias.hardlink_to)(folder / "notes" / "plan.md")
    return alias.name


def _argv(option: str, output: str, checked: str) -> list[str]:
    if option == "--html":
        return ["report", checked, "--html", output, "--no-cache"]
    if option == "--format":
        return ["check", checked, "--format", f"sarif:{output}", "--no-cache"]
    return ["check", checked, option, output, "--no-cache"]


def _run(argv: list[str], capsys) -> tuple[int, str]:
    with pytest.raises(SystemExit) as exit_info:
        cli.main(argv)
    return exit_info.value.code, capsys.readouterr().err


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(how=st.sampled_from(SPELLINGS), option=st.sampled_from(OPTIONS), checked=st.sampled_from(["file", "folder", "other-spelling"]))
def test_an_output_that_is_an_input_is_refused(tmp_path_factory, monkeypatch, capsys, how, option, checked):
    folder = tmp_path_factory.mktemp("library")
    (folder / "notes").mkdir()
    plan = folder / "notes" / "plan.md"
    plan.write_text(PLAN, encoding="utf-8")
    monkeypatch.chdir(folder)
    output = _spell(folder, how)
    target = {"file": "notes/plan.md", "folder": "notes", "other-spelling": str(plan)}[checked]
    if checked == "folder" and how in ("symlink", "hardlink"):
        target = "."  # the alias sits beside notes/: check the folder that holds it
    code, err = _run(_argv(option, output, target), capsys)
    assert code == 2, err
    assert len(err.splitlines()) == 1 and "sbp-lint: error:" in err and "being checked" in err
    assert plan.read_text(encoding="utf-8") == PLAN


def test_an_output_inside_a_checked_folder_that_would_not_be_checked_is_allowed(tmp_path, monkeypatch, capsys):
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "plan.md").write_text(PLAN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, err = _run(["check", "notes", "--format", "sarif:notes/report.sarif", "--write-baseline", "baseline.json",
                      "--no-cache", "--jobs", "1"], capsys)
    assert code == 0, err  # the baseline accepts today's findings
    assert (tmp_path / "notes" / "report.sarif").is_file() and (tmp_path / "baseline.json").is_file()


def test_a_new_report_inside_a_checked_folder_is_refused_when_it_would_be_checked(tmp_path, monkeypatch, capsys):
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "plan.md").write_text(PLAN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, err = _run(["check", "notes", "-o", "notes/findings.txt", "--no-cache"], capsys)
    assert code == 2 and "is inside notes, which is being checked" in err
    assert not os.path.exists("notes/findings.txt")
