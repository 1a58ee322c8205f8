"""Configurations and packs a checked folder may bring (issue 13, items 11 and 12).

YAML aliases are measured before anything is built from them, so an alias bomb is one line naming
the file (not gigabytes of memory); an override glob that is not a valid pattern, and a bad option
value, are blamed on the user's configuration file and line, never a traceback or the built-in packs.
"""

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import run_cli
from sbp_lint.config import parse_config
from sbp_lint.errors import ConfigError, SbpError
from sbp_lint.yamlutil import MAX_EXPANSION, MIN_LIMIT, load_yaml, plain

PLAN = "# Plan\n\nMrs Jones suffers from arthritis.\n"


def nested_aliases(levels: int, fan_out: int, leaf: str) -> tuple[str, int]:
    """A 'billion laughs' document and roughly how many characters it stands for."""
    lines = [f'l0: &l0 "{leaf}"']
    for level in range(1, levels + 1):
        lines.append(f"l{level}: &l{level} [{', '.join([f'*l{level - 1}'] * fan_out)}]")
    return "\n".join(lines) + "\n", (len(leaf) + 1) * fan_out ** levels


@settings(max_examples=80, deadline=None)
@given(levels=st.integers(1, 9), fan_out=st.integers(1, 12), leaf=st.text("lo", min_size=1, max_size=3000))
def test_aliases_load_when_small_and_are_refused_when_they_explode(levels, fan_out, leaf):
    text, size = nested_aliases(levels, fan_out, leaf)
    limit = max(MIN_LIMIT, MAX_EXPANSION * len(text))
    if size * 2 < limit:
        data = plain(load_yaml(text, "pack.yaml"))
        assert data["l0"] == leaf and len(data) == levels + 1
    elif size > limit * 2:
        with pytest.raises(SbpError) as refused:
            load_yaml(text, "pack.yaml")
        assert str(refused.value).startswith("pack.yaml: refused: its aliases stand for over")
        assert "\n" not in str(refused.value)


def test_an_alias_inside_its_own_value_is_refused():
    with pytest.raises(SbpError, match="an alias refers to a value that contains it"):
        load_yaml("x: &x [1, *x]\n", "c.yaml")


def test_a_folder_that_brings_an_alias_bomb_config_is_one_line(tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir()
    (folder / "plan.md").write_text(PLAN, encoding="utf-8")
    text, _ = nested_aliases(9, 9, "lol")
    (folder / ".sbp-lint.yaml").write_text(text, encoding="utf-8")
    result = run_cli("check", str(folder), "--no-cache")
    assert result.returncode == 2
    assert result.stderr.decode() == (f"sbp-lint: error: {folder / '.sbp-lint.yaml'}: refused: its aliases stand for over "
                                      f"{MIN_LIMIT:,} characters of data (an alias bomb?); write the values out instead "
                                      "of using so many aliases\n")


def test_a_long_string_repeated_by_alias_is_refused(tmp_path):
    long = "x" * 9000
    text = f"allow:\n  - &s {long}\n" + "".join("  - *s\n" for _ in range(20_000))
    (tmp_path / ".sbp-lint.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "plan.md").write_text(PLAN, encoding="utf-8")
    result = run_cli("check", "plan.md", "--no-cache", cwd=tmp_path)
    assert result.returncode == 2 and b"refused: its aliases stand for over" in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_a_pack_with_an_alias_bomb_in_a_token_pattern_is_refused(tmp_path):
    packs = tmp_path / "packs"
    packs.mkdir()
    bomb = "\n".join(["x0: &x0 {LOWER: lol}"] + [f"x{n}: &x{n} [{', '.join([f'*x{n - 1}'] * 9)}]" for n in range(1, 8)])
    (packs / "ours.yaml").write_text(bomb + "\npack: ours\nrules: []\n", encoding="utf-8")
    (tmp_path / ".sbp-lint.yaml").write_text("extra_packs: [packs]\n", encoding="utf-8")
    (tmp_path / "plan.md").write_text(PLAN, encoding="utf-8")
    result = run_cli("check", "plan.md", "--no-cache", cwd=tmp_path)
    assert result.returncode == 2 and result.stderr.decode().startswith(f"sbp-lint: error: {packs / 'ours.yaml'}: refused")


# -- item 12: bad globs and option values are the user's file's fault -------------------------------

@given(pattern=st.text(st.sampled_from("[]!-^\\*?/az.m{}()"), min_size=1, max_size=12))
def test_any_override_glob_loads_or_is_one_line_naming_the_config(pattern):
    from sbp_lint.yamlutil import LineDict

    override = LineDict({"files": [pattern], "ignore": ["deficit"]})
    override.line, override.key_lines = 4, {"files": 5, "ignore": 6}
    data = LineDict({"overrides": [override]})
    data.line, data.key_lines = 1, {"overrides": 3}
    try:
        config = parse_config(data, "team/.sbp-lint.yaml")
    except ConfigError as exc:
        assert re.match(r"team/\.sbp-lint\.yaml:5: override glob '.*' is not a valid pattern \(.+\)$", str(exc), re.S)
        return
    for path in ("plan.md", "a/b/c.md", "z-a.md", "[x].md"):
        config.overrides[0].matches(path)


def test_a_reversed_range_in_an_override_is_one_line_naming_the_config(tmp_path):
    (tmp_path / ".sbp-lint.yaml").write_text("overrides:\n  - files: ['[z-a]*.md']\n    ignore: [deficit]\n", encoding="utf-8")
    (tmp_path / "plan.md").write_text(PLAN, encoding="utf-8")
    result = run_cli("check", "plan.md", "--no-cache", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode() == (f"sbp-lint: error: {tmp_path / '.sbp-lint.yaml'}:2: override glob '[z-a]*.md' "
                                      "is not a valid pattern (bad character range z-a)\n")


@pytest.mark.parametrize("options,message", [
    ("readability.long-sentence:\n    max_words: lots", "option 'max_words' of rule 'readability.long-sentence' must be a number"),
    ("readability.long-sentence:\n    max_wrds: 30", "unknown option 'max_wrds' for check"),
    ("readability.long-sentence:\n    max_words: .nan", "option 'max_words' of rule 'readability.long-sentence' must be a number"),
    ("deficit.refuses:\n    max_words: 3", "rule 'deficit.refuses' is a phrase rule and takes no options"),
])
def test_a_bad_option_blames_the_users_config_not_the_rule_pack(tmp_path, options, message):
    (tmp_path / ".sbp-lint.yaml").write_text(f"fail_on: warning\noptions:\n  {options}\n", encoding="utf-8")
    (tmp_path / "plan.md").write_text(PLAN, encoding="utf-8")
    result = run_cli("check", "plan.md", "--no-cache", cwd=tmp_path)
    err = result.stderr.decode()
    assert result.returncode == 2
    assert err.startswith(f"sbp-lint: error: {tmp_path / '.sbp-lint.yaml'}:3: ") and message in err, err
    assert "rules/" not in err and len(err.splitlines()) == 1
