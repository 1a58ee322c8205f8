"""Token and dependency patterns run only where their anchor word is: never at the cost of a match."""

import pytest

from sbp_lint import Linter
from sbp_lint.nlp.anchors import pattern_anchor
from sbp_lint.config import Config
from sbp_lint.packs import load_packs


@pytest.mark.parametrize("pattern,anchor", [
    # The rarest plain word: "contact", not "with" or "'s"
    ([{"LOWER": "contact", "POS": "NOUN"}, {"LOWER": "with"}], ("LOWER", {"contact"})),
    ([{"LOWER": {"IN": ["mum", "dad"]}}, {"LOWER": "'s"}, {"LOWER": "contact"}], ("LOWER", {"contact"})),
    # An optional token cannot anchor; a required one with "+" or "{2}" can
    ([{"LEMMA": "deliver", "OP": "?"}, {"POS": "NOUN"}], None),
    ([{"LEMMA": {"IN": ["will", "be"]}, "OP": "+"}, {"POS": "VERB"}], ("LEMMA", {"will", "be"})),
    ([{"TEXT": "PIP", "OP": "{1,2}"}], ("ORTH", {"PIP"})),
    # Nothing plain to anchor on
    ([{"POS": "ADJ"}, {"LOWER": {"REGEX": "^need"}}], None),
])
def test_anchor_is_a_word_every_match_needs(pattern, anchor):
    found = pattern_anchor(pattern)
    assert (found and (found[0], set(found[1]))) == (anchor or None)


CUSTOM_PACK = """\
pack: council
rules:
  - id: council.complex-needs
    kind: pattern
    # No plain word to anchor on: must still run on every paragraph
    patterns: [[{POS: ADJ, LOWER: {REGEX: "^(complex|high)$"}}, {LOWER: {REGEX: "^needs?$"}}]]
    category: label
    severity: warning
    message: "'{match}' labels the person by their needs."
    why: Say what the person needs help with.
    suggestions: ["needs help with …"]
    examples:
      flag: ["He has complex needs.", "She has high needs at night."]
      pass: ["He needs help with washing.", "Her needs are met."]
  - id: council.was-discharged
    kind: dependency
    patterns:
      - - {RIGHT_ID: verb, RIGHT_ATTRS: {LEMMA: discharge}}
        - {LEFT_ID: verb, REL_OP: ">", RIGHT_ID: subject, RIGHT_ATTRS: {DEP: nsubjpass}}
    category: passive
    severity: suggestion
    message: "'{match}': say who discharged the person."
    why: A discharge is a decision someone made.
    suggestions: ["the ward discharged …"]
    examples:
      flag: ["Mr Ellis was discharged on Friday.", "She was discharged home."]
      pass: ["The ward sent Mr Ellis home on Friday.", "The wound is discharging."]
"""


@pytest.fixture(scope="module")
def council(tmp_path_factory) -> Linter:
    folder = tmp_path_factory.mktemp("packs")
    (folder / "council.yaml").write_text(CUSTOM_PACK)
    return Linter(Config(extra_packs=[folder]))


def rules_found(linter: Linter, text: str) -> list[tuple[str, str]]:
    return [(f.rule, f.text) for f in linter.check_text(text) if f.rule.startswith(("council.", "jargon.contact", "jargon.placed"))]


def test_unanchored_and_dependency_patterns_still_match(council):
    text = "He has complex needs.\n\nMr Ellis was discharged on Friday.\n\nShe went home.\n"
    assert rules_found(council, text) == [("council.complex-needs", "complex needs"),
                                          ("council.was-discharged", "Ellis was discharged")]


def test_pattern_rules_match_in_the_paragraphs_with_their_anchor(council):
    text = ("Tomos has contact with his dad every other weekend.\n\n"
            "She likes the garden.\n\n"
            "Ellis was placed in a residential home in Bridgend.\n")
    found = rules_found(council, text)
    assert ("jargon.contact-family", "contact with his dad") in found
    assert ("jargon.placed", "placed in a residential home") in found
    assert all(not rule.startswith("sbp-lint") for rule, _ in found)


def test_every_shipped_pattern_rule_has_an_anchor():
    """A pattern without one runs the slow Matcher on every paragraph: tell the rule author."""
    packs = load_packs(Config().packs, [])
    rules = [r for p in packs for r in p.rules if r.kind in ("pattern", "dependency")]
    assert rules
    for rule in rules:
        for pattern in rule.spec.patterns:
            specs = [node.get("RIGHT_ATTRS", {}) for node in pattern] if rule.kind == "dependency" else list(pattern)
            assert pattern_anchor(specs) is not None, rule.id
