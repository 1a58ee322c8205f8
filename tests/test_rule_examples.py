"""Every rule's own examples: each `flag` example produces the rule (on the words it pins, with the fix
and the sentence rewrite it pins), each `pass` example does not. One generic test, as sqlfluff runs its YAML cases."""

import pytest

from conftest import all_rules

CASES = [(rule, kind, example) for rule in all_rules()
         for kind, examples in (("flag", rule.flag_examples), ("pass", rule.pass_examples)) for example in examples]


@pytest.mark.parametrize("rule,kind,example", CASES, ids=[f"{r.id}-{k}-{i}" for i, (r, k, _) in enumerate(CASES)])
def test_rule_example(linter, rule, kind, example):
    found = [f for f in linter.check_example(rule, example.text) if f.rule == rule.id]
    if kind == "pass":
        assert not found, f"{rule.id} should not flag {example.text!r}, but flagged {[f.text for f in found]}"
        return
    assert found, f"{rule.id} should flag: {example.text!r}"
    if example.match is not None:
        assert example.match in [f.text for f in found], f"{rule.id} flagged {[f.text for f in found]}, not {example.match!r}"
    if example.fix is not None:
        pinned = [f for f in found if example.match is None or f.text == example.match]
        assert example.fix in [f.fix for f in pinned], f"{rule.id} offered {[f.fix for f in pinned]}, not {example.fix!r}"
    if example.rewrite is not None:
        rewrites = [f.rewrite.text for f in found if f.rewrite is not None]
        assert example.rewrite in rewrites, f"{rule.id} rewrote the sentence as {rewrites}, not {example.rewrite!r}"


def test_every_rule_has_two_examples_each_way():
    for rule in all_rules():
        assert len(rule.flag_examples) >= 2 and len(rule.pass_examples) >= 2, rule.id
