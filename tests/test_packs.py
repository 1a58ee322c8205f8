"""Broken rule packs fail with the file, the line and what is wrong; organisations add their own packs."""

from pathlib import Path

import pytest

from conftest import run_cli
from sbp_lint.errors import PackError
from sbp_lint.packs import load_pack_file

GOOD_RULE = """\
pack: council
rules:
  - id: council.bespoke
    kind: phrase
    phrases: [bespoke support]
    category: jargon
    severity: warning
    message: "'{match}' is our own jargon."
    why: Nobody outside the council says it.
    suggestions: ["support that fits you"]
    examples:
      flag: ["She has bespoke support.", "Bespoke support helps."]
      pass: ["She has support that fits.", "A bespoke suit."]
"""

BROKEN = {
    "bad yaml": ("pack: council\nrules:\n  - id: [unclosed\n", 3, "invalid YAML"),
    "unknown key": (GOOD_RULE.replace("    why:", "    colour: red\n    why:"), 9, "unknown key 'colour'"),
    "unknown category": (GOOD_RULE.replace("category: jargon", "category: tone"), 6, "unknown category 'tone'"),
    "unknown kind": (GOOD_RULE.replace("kind: phrase", "kind: regex"), 4, "unknown kind 'regex'"),
    "duplicate id": (GOOD_RULE + GOOD_RULE.split("rules:\n", 1)[1], 14, "duplicate rule id 'council.bespoke'"),
    "missing examples": (GOOD_RULE.split("    examples:")[0], 3, "rule needs 'examples'"),
    "bad severity": (GOOD_RULE.replace("severity: warning", "severity: fatal"), 7, "unknown severity 'fatal'"),
    "duplicate key": (GOOD_RULE.replace("    why:", "    message: again\n    why:"), 9, "duplicate key 'message'"),
    "pinned match not in its text": (GOOD_RULE.replace('flag: ["She has bespoke support.",', 'flag: [{text: "She has bespoke support.", match: "tailored"},'),
                                     12, "example match 'tailored' is not in its text"),
    "unknown example key": (GOOD_RULE.replace('flag: ["She has bespoke support.",', 'flag: [{text: "She has bespoke support.", marker: "bespoke"},'),
                            12, "unknown key 'marker' in a flag example"),
    "positional template field": (GOOD_RULE.replace("message: \"'{match}' is our own jargon.\"", "message: \"'{0}' is our own jargon.\""),
                                  8, "'{0}' is not a field"),
    "attribute in a template": (GOOD_RULE.replace("message: \"'{match}' is our own jargon.\"", "message: \"{match.__class__}\""),
                                8, "'{match.__class__}' is not a field"),
    "unknown rewrite key": (GOOD_RULE.replace("    why:", "    rewrite: {to: tailored support, colour: red}\n    why:"), 9,
                            "unknown key 'colour' in rewrite"),
    "rewrite without a replacement": (GOOD_RULE.replace("    why:", "    rewrite: {then: '[because …]'}\n    why:"), 9,
                                      "'rewrite' needs 'to', 'be' or 'people'"),
    "safe rewrite with a placeholder": (GOOD_RULE.replace("    why:", "    rewrite: {to: '[what it is]', safe: true}\n    why:"), 9,
                                        "'rewrite.safe' is only for fixed swaps"),
    "unknown rewrite method": (GOOD_RULE.replace("    why:", "    rewrite: {method: guess}\n    why:"), 9,
                               "unknown rewrite method 'guess'"),
    "a field the rule cannot fill": (GOOD_RULE.replace("message: \"'{match}' is our own jargon.\"", "message: \"{grade} is too high\""),
                                     8, "only {match} is filled"),
}


@pytest.mark.parametrize("name", list(BROKEN))
def test_broken_pack_names_file_and_line(tmp_path, name):
    text, line, problem = BROKEN[name]
    path = tmp_path / "council.yaml"
    path.write_text(text)
    with pytest.raises(PackError) as caught:
        load_pack_file(path)
    assert str(caught.value).startswith(f"{path}:{line}: ")
    assert problem in str(caught.value)


def write_org_pack(tmp_path: Path, text: str) -> Path:
    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / "council.yaml").write_text(text)
    (tmp_path / ".sbp-lint.yaml").write_text("extra_packs: [packs]\n")
    plan = tmp_path / "plan.md"
    plan.write_text("She has bespoke support on Mondays.\n")
    return plan


def test_organisation_pack_is_loaded_from_config(tmp_path):
    plan = write_org_pack(tmp_path, GOOD_RULE)
    result = run_cli("check", str(plan))
    assert result.returncode == 1
    assert "council.bespoke" in result.stdout.decode()


def test_invalid_pattern_fails_with_file_and_line_exit_2(tmp_path):
    pack = GOOD_RULE.replace("kind: phrase\n    phrases: [bespoke support]", "kind: pattern\n    patterns: [[{LOWR: bespoke}]]")
    plan = write_org_pack(tmp_path, pack)
    result = run_cli("check", str(plan))
    assert result.returncode == 2
    line = result.stderr.decode().strip()
    assert "\n" not in line and "Traceback" not in line
    assert line.startswith(f"sbp-lint: error: {tmp_path / 'packs' / 'council.yaml'}:3: rule 'council.bespoke': invalid pattern pattern")


def test_clashing_id_with_builtin_pack(tmp_path):
    plan = write_org_pack(tmp_path, GOOD_RULE.replace("council.bespoke", "deficit.refuses"))
    result = run_cli("check", str(plan))
    assert result.returncode == 2
    assert "duplicate rule id 'deficit.refuses'" in result.stderr.decode()


def test_message_with_stray_brace_is_rejected(tmp_path):
    path = tmp_path / "council.yaml"
    path.write_text(GOOD_RULE.replace("is our own jargon.", "is {our own jargon."))
    with pytest.raises(PackError, match="message"):
        load_pack_file(path)


def test_a_check_rule_may_use_only_the_fields_its_check_fills(tmp_path):
    """A long-sentence rule can say {words} and {max}; {grade} would print as a literal '{grade}' on every file."""
    pack = GOOD_RULE.replace("kind: phrase\n    phrases: [bespoke support]",
                             "kind: check\n    check: long_sentence").replace("'{match}' is our own jargon.", "{words} words, grade {grade}.")
    plan = write_org_pack(tmp_path, pack)
    result = run_cli("check", str(plan))
    assert result.returncode == 2
    line = result.stderr.decode().strip()
    assert "\n" not in line and "unknown field '{grade}'" in line and "council.yaml:3" in line
