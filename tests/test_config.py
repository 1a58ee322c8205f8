"""Configuration discovery and errors."""

from pathlib import Path

import pytest

from conftest import run_cli
from sbp_lint.config import find_config, load_config_file
from sbp_lint.errors import ConfigError

PLAN = "Mr Davies refuses his tablets and suffers from arthritis.\n"


def rules_found(result) -> set[str]:
    import json

    return {f["rule"] for f in json.loads(result.stdout)["files"][0]["findings"]}


def test_yaml_config_found_from_checked_path_upwards(tmp_path):
    (tmp_path / ".sbp-lint.yaml").write_text("ignore: [deficit.refuses]\nseverity:\n  deficit.suffers-from: error\n")
    (tmp_path / "team" / "plans").mkdir(parents=True)
    plan = tmp_path / "team" / "plans" / "p.md"
    plan.write_text(PLAN)
    assert find_config(plan) == tmp_path / ".sbp-lint.yaml"
    result = run_cli("check", str(plan), "--format", "json", "--fail-on", "error")
    assert "deficit.refuses" not in rules_found(result)
    assert result.returncode == 1  # suffers-from raised to error


def test_pyproject_section(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.sbp-lint]\nselect = ["deficit.suffers-from"]\n')
    plan = tmp_path / "p.md"
    plan.write_text(PLAN)
    assert rules_found(run_cli("check", str(plan), "--format", "json")) == {"deficit.suffers-from"}


def test_closest_config_wins(tmp_path):
    (tmp_path / ".sbp-lint.yaml").write_text("select: [deficit.refuses]\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / ".sbp-lint.yaml").write_text("select: [deficit.suffers-from]\n")
    plan = tmp_path / "sub" / "p.md"
    plan.write_text(PLAN)
    assert rules_found(run_cli("check", str(plan), "--format", "json")) == {"deficit.suffers-from"}


def test_explicit_config_overrides_search(tmp_path):
    (tmp_path / ".sbp-lint.yaml").write_text("select: [deficit.refuses]\n")
    other = tmp_path / "other.yaml"
    other.write_text("select: [deficit.suffers-from]\n")
    plan = tmp_path / "p.md"
    plan.write_text(PLAN)
    assert rules_found(run_cli("check", str(plan), "--format", "json", "--config", str(other))) == {"deficit.suffers-from"}


@pytest.mark.parametrize("text,line,problem", [
    ("select: [deficit]\ncolour: red\n", 2, "unknown configuration key 'colour'"),
    ("fail_on: sometimes\n", 1, "'fail_on' must be one of"),
    ("select: deficit: x\n", 1, "invalid YAML"),
    ("severity:\n  deficit.refuses: fatal\n", 1, "'severity' must map rule ids"),
])
def test_config_errors_name_file_line_and_key(tmp_path, text, line, problem):
    path = tmp_path / ".sbp-lint.yaml"
    path.write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_config_file(path)
    assert str(caught.value).startswith(f"{path}:{line}: ") and problem in str(caught.value)


def test_config_error_from_cli_is_one_line_exit_2(tmp_path):
    (tmp_path / ".sbp-lint.yaml").write_text("colour: red\n")
    plan = tmp_path / "p.md"
    plan.write_text(PLAN)
    result = run_cli("check", str(plan))
    assert result.returncode == 2
    assert result.stderr.decode() == f"sbp-lint: error: {tmp_path / '.sbp-lint.yaml'}:1: unknown configuration key 'colour' (known: allow, exclude, extra_packs, fail_on, ignore, include, model, options, outcome_headings, packs, select, severity)\n" or "unknown configuration key 'colour'" in result.stderr.decode()
    assert result.stdout == b""


def test_unknown_rule_in_severity_is_an_error(tmp_path):
    (tmp_path / ".sbp-lint.yaml").write_text("severity:\n  deficit.nope: error\n")
    plan = tmp_path / "p.md"
    plan.write_text(PLAN)
    result = run_cli("check", str(plan))
    assert result.returncode == 2 and "unknown rule 'deficit.nope'" in result.stderr.decode()


def test_outcome_headings_and_fail_on_from_config(tmp_path):
    (tmp_path / ".sbp-lint.yaml").write_text("outcome_headings: [Hopes for the future]\nfail_on: never\nselect: [outcomes]\n")
    plan = tmp_path / "p.md"
    plan.write_text("## Hopes for the future\n\n- To reduce social isolation.\n")
    result = run_cli("check", str(plan), "--format", "json")
    assert result.returncode == 0  # fail_on: never
    assert "outcomes.missing-first-person" in rules_found(result)


def test_allow_list_is_an_organisation_glossary(tmp_path):
    (tmp_path / ".sbp-lint.yaml").write_text("allow: [refuses]\n")
    plan = tmp_path / "p.md"
    plan.write_text(PLAN)
    assert "deficit.refuses" not in rules_found(run_cli("check", str(plan), "--format", "json"))
