"""Item 22 of issue 13: a folder in which nothing matched is said on stderr, naming the folder and the globs.

Decided as ruff ("warning: No Python files found under the given path(s)") and markdownlint-cli (exit
status unchanged) do: a warning, and the exit code the findings decide (0 here), so a pre-commit hook or a
CI job over a tree that happens to hold no documents still passes, while a misspelt folder or glob is visible.
"""

import pytest

from sbp_lint import cli


def _run(argv, capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(argv)
    out = capsys.readouterr()
    return exit_info.value.code, out.out, out.err


def test_an_empty_folder_is_a_warning_naming_it_and_the_globs(tmp_path, monkeypatch, capsys):
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "notes.mdx").write_text("She refuses her tablets.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = _run(["check", "plans", "--no-cache", "--exclude", "drafts"], capsys)
    assert code == 0
    assert err == ("sbp-lint: warning: plans: no files to check (include: *.md, *.markdown, *.txt, *.docx, *.odt, "
                   "*.html, *.htm, *.pdf; exclude: drafts)\n")
    assert out.endswith("0 findings in 0 files\n")


def test_only_the_empty_folder_is_named(tmp_path, monkeypatch, capsys):
    (tmp_path / "plans").mkdir()
    (tmp_path / "empty").mkdir()
    (tmp_path / "plans" / "plan.md").write_text("# Plan\n\nShe refuses her tablets.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, _, err = _run(["check", "plans", "empty", "--no-cache", "--include", "*.md"], capsys)
    assert code == 1
    assert err == "sbp-lint: warning: empty: no files to check (include: *.md)\n"
    code, _, err = _run(["report", "empty", "--html", "report.html", "--no-cache"], capsys)
    assert code == 0 and err.startswith("sbp-lint: warning: empty: no files to check")
