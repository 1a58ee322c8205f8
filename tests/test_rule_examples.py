"""Every rule's own examples: each `flag` example produces the rule, each `pass` example does not."""

import pytest

from conftest import all_rules

CASES = [(rule, kind, text) for rule in all_rules() for kind, texts in (("flag", rule.flag_examples), ("pass", rule.pass_examples)) for text in texts]


@pytest.mark.parametrize("rule,kind,text", CASES, ids=[f"{r.id}-{k}-{i}" for i, (r, k, _) in enumerate(CASES)])
def test_rule_example(linter, rule, kind, text):
    found = [f for f in linter.check_example(rule, text) if f.rule == rule.id]
    if kind == "flag":
        assert found, f"{rule.id} should flag: {text!r}"
    else:
        assert not found, f"{rule.id} should not flag {text!r}, but flagged {[f.text for f in found]}"


def test_every_rule_has_two_examples_each_way():
    for rule in all_rules():
        assert len(rule.flag_examples) >= 2 and len(rule.pass_examples) >= 2, rule.id
