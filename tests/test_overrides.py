"""Per-glob overrides in the configuration: stricter or looser rules for some folders."""

import json
from pathlib import Path

import pytest

from conftest import run_cli
from sbp_lint.config import Override, load_config_file
from sbp_lint.errors import ConfigError

TEXT = "# Notes\n\nShe refuses her tablets. It was decided that the visits will stop. Mr Davies is a service user.\n"
CONFIG = """\
ignore: [passive]
overrides:
  - files: ["plans/**"]          # care plans: deficit language fails the gate, decisions need an owner
    severity: {deficit: error}
    extend-select: [passive.decision]
  - files: ["notes/*.md"]        # case notes
    ignore: [label]
    allow: [refuses]
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("library")
    (root / ".sbp-lint.yaml").write_text(CONFIG, encoding="utf-8")
    for name in ("plans/a.md", "plans/2024/b.md", "notes/c.md", "other.md"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(TEXT, encoding="utf-8")
    return root


def by_file(result) -> dict[str, dict[str, str]]:
    """path -> {rule: severity}"""
    data = json.loads(result.stdout)
    return {Path(f["path"]).as_posix(): {x["rule"]: x["severity"] for x in f["findings"]} for f in data["files"]}


def test_overrides_change_rules_and_severities_per_folder(library):
    result = run_cli("check", ".", "--format", "json", "--fail-on", "error", cwd=library)
    assert result.returncode == 1, result.stderr  # only the plans have error-level findings
    found = by_file(result)
    for plan in ("plans/a.md", "plans/2024/b.md"):  # "**" reaches sub-folders
        assert found[plan]["deficit.refuses"] == "error"
        assert "passive.decision" in found[plan]  # turned on here though ignored everywhere else
        assert "passive.agentless" not in found[plan]
        assert found[plan]["label.service-user"] == "warning"
    assert "label.service-user" not in found["notes/c.md"] and "deficit.refuses" not in found["notes/c.md"]
    assert found["other.md"]["deficit.refuses"] == "warning"
    assert not any(rule.startswith("passive.") for rule in found["other.md"])
    assert "label.service-user" in found["other.md"]


def test_the_command_line_wins_over_overrides(library):
    result = run_cli("check", ".", "--format", "json", "--fail-on", "error", "--ignore", "deficit", cwd=library)
    assert result.returncode == 0
    found = by_file(result)
    assert not any(rule.startswith("deficit.") for rules in found.values() for rule in rules)
    assert "passive.decision" in found["plans/a.md"]


def test_an_override_naming_no_rule_is_a_one_line_error(tmp_path):
    (tmp_path / ".sbp-lint.yaml").write_text("overrides:\n  - files: [plans/**]\n    ignore: [deficit.nope]\n", encoding="utf-8")
    (tmp_path / "a.md").write_text(TEXT, encoding="utf-8")
    result = run_cli("check", "a.md", cwd=tmp_path)
    err = result.stderr.decode()
    assert result.returncode == 2 and ".sbp-lint.yaml:2:" in err and "'deficit.nope' names no rule" in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("yaml_text,problem,line", [
    ("overrides:\n  - files: [a]\n    ignored: [x]\n", "unknown key 'ignored' in override", 3),
    ("overrides:\n  - ignore: [x]\n", "missing 'files'", 2),
    ("overrides:\n  - files: [a]\n", "changes nothing", 2),
    ("overrides:\n  - files: [a]\n    severity: {deficit: fatal}\n", "error, warning or suggestion", 3),
    ("overrides: {files: [a]}\n", "must be a list", 1),
])
def test_override_config_errors_name_the_line(tmp_path, yaml_text, problem, line):
    path = tmp_path / ".sbp-lint.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_config_file(path)
    assert problem in str(error.value) and str(error.value).startswith(f"{path}:{line}:")


@pytest.mark.parametrize("pattern,path,matches", [
    ("plans/**", "plans/a.md", True),
    ("plans/**", "plans/2024/jan/a.md", True),
    ("plans/**", "old/plans/a.md", False),
    ("plans/*.md", "plans/2024/a.md", False),
    ("**/plans/*.md", "old/plans/a.md", True),
    ("*.txt", "notes/2024/a.txt", True),  # no "/": a name at any depth
    ("notes", "notes/2024/a.md", True),  # a folder name covers what is inside
    ("docs/[ab]*.md", "docs/b1.md", True),
    ("docs/[!ab]*.md", "docs/b1.md", False),
    ("./plans/", "plans/x/a.md", True),
])
def test_globs(pattern, path, matches):
    assert Override(files=(pattern,), ignore=("x",)).matches(path) is matches


def test_a_top_level_allow_silences_check_rules_as_an_override_allow_does(tmp_path):
    """'allow' means "phrases never flagged" wherever it is written: named checks included."""
    from sbp_lint import Linter
    from sbp_lint.config import Config, parse_config

    text = "It was decided that Mr Evans will move.\n"
    flagged = {f.rule for f in Linter(Config()).check_text(text)}
    assert {"passive.decision", "structure.decision-without-reason"} <= flagged
    top = parse_config({"allow": ["was decided", "it was decided"]}, str(tmp_path / ".sbp-lint.yaml"))
    per_glob = parse_config({"overrides": [{"files": ["*"], "allow": ["was decided", "it was decided"]}]},
                            str(tmp_path / ".sbp-lint.yaml"))
    for config in (top, per_glob):
        left = {f.rule for f in Linter(config).check_text(text, path=str(tmp_path / "plan.md"))}
        assert not left & {"passive.decision", "structure.decision-without-reason"}, left
