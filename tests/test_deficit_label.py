"""The deficit and label packs: who the words are about, safe fixes, and wording that must pass.

Each rule's own flag/pass examples run in test_rule_examples.py; these tests cover the
engine behaviour the packs rely on (passive and subject exceptions) and whole-category traps.
"""

import pytest

from sbp_lint.errors import PackError
from sbp_lint.packs import load_pack_file


def rules_found(linter, text: str, prefix: str) -> list[str]:
    return [f"{f.rule}:{f.text}" for f in linter.check_text(text + "\n") if f.rule.startswith(prefix)]


def test_refusal_by_the_person_is_flagged_but_being_refused_is_not(linter):
    assert rules_found(linter, "She refused a bus pass.", "deficit.refuses") == ["deficit.refuses:refused"]
    # Passive: somebody else did the refusing, so the person is not being judged.
    assert rules_found(linter, "She was refused a bus pass.", "deficit.refuses") == []
    assert rules_found(linter, "He was refused entry to the pub.", "deficit.refuses") == []


def test_adjective_takes_the_subject_of_its_copula(linter):
    """'The ward was noisy and chaotic' is about a ward; 'Mum's lifestyle is chaotic' is about a person."""
    assert rules_found(linter, "The ward was noisy and chaotic on the afternoon I visited.", "deficit.") == []
    assert rules_found(linter, "Mum's lifestyle is chaotic.", "deficit.") == ["deficit.chaotic:chaotic"]
    assert rules_found(linter, "The top shelf is hard to reach.", "deficit.") == []
    assert rules_found(linter, "Mum is hard to reach.", "deficit.") == ["deficit.hard-to-reach:hard to reach"]


def test_small_clause_object_decides(linter):
    """'finds her mother difficult to manage' judges a person; 'finds her tablets hard to manage' does not."""
    assert rules_found(linter, "Carys finds her mother difficult to manage in the evenings.", "deficit.")
    assert rules_found(linter, "Mrs Hughes finds her tablets hard to manage on her own.", "deficit.") == []


@pytest.mark.parametrize("text,fix", [
    ("Mrs Jones suffers from arthritis.", "lives with"),
    ("He has been suffering with depression since the spring.", "living with"),
    ("She suffered from asthma as a child.", "lived with"),
    ("Suffers from arthritis in both hands.", "Lives with"),
])
def test_suffers_from_fix_keeps_the_sentence_grammatical(linter, text, fix):
    found = [f for f in linter.check_text(text + "\n") if f.rule == "deficit.suffers-from"]
    assert [f.fix for f in found] == [fix]


def test_wheelchair_bound_has_no_automatic_fix(linter):
    """'is wheelchair-bound' -> 'is uses a wheelchair' would be wrong, so the rule only suggests."""
    found = [f for f in linter.check_text("Mr Bevan is wheelchair-bound.\n") if f.rule == "deficit.wheelchair-bound"]
    assert found and found[0].fix is None and "uses a wheelchair" in found[0].suggestions


@pytest.mark.parametrize("text", [
    "Disabled people in the village set up the lunch club themselves.",
    "Aled is an autistic person and prefers that description.",
    "People with a learning disability told us the old forms were too long.",
    "Mrs Jenkins is blind and has a guide dog called Mabli.",
    "Gwen lives with dementia and still does the crossword every morning.",
    "Mr Rees has a dependence on alcohol and has asked for help to stop.",
    "She parked in the disabled bay by the door.",
    "He goes to Alcoholics Anonymous on Tuesday nights.",
    "The case conference will be held on Tuesday.",
    "Just in case the bus is late, she carries her phone.",
    "The children looked after the dog while their mum was in hospital.",
    "Staff watch for Kian's non-verbal cues when he is tired.",
    "The physiotherapist completed a falls risk assessment.",
])
def test_person_first_and_ordinary_wording_is_not_a_label(linter, text):
    assert [f.text for f in linter.check_text(text + "\n") if f.category == "label"] == []


@pytest.mark.parametrize("text", [
    "He refused the offer of a lift because he prefers to walk.",
    "The council refused the application for a blue badge.",
    "She has the right to refuse treatment.",
    "There was a lack of engagement by the social worker over the summer.",
    "The council failed to respond to Mrs Bevan's complaint.",
    "Mr Kowalski agreed to a DNA test to show that he is Maja's father.",
    "Dad did not attend the child protection conference.",
    "It has been a challenging year for the whole family.",
    "The football kicked off at three, and Iwan watched it with his dad.",
    "The refuse collection is on Thursdays.",
    "She told me, 'I refuse to be a burden on anyone.'",
    "We agreed not to describe her as 'challenging' in any of the paperwork.",
    "I want to keep my flat clean and tidy so I feel proud of it.",
    "Adults have been contacting Lowri through a gaming app.",
    "Mrs Jones does her neighbour's shopping in return for lifts to chapel.",
])
def test_facts_organisations_and_quoted_words_are_not_deficit(linter, text):
    assert [f.text for f in linter.check_text(text + "\n") if f.category == "deficit"] == []


def test_passive_exception_must_be_true_or_false(tmp_path):
    path = tmp_path / "council.yaml"
    path.write_text(
        "pack: council\nrules:\n  - id: council.refuse\n    kind: phrase\n    phrases: [refuse]\n"
        "    category: deficit\n    severity: warning\n    message: m\n    why: w\n    suggestions: [s]\n"
        "    exceptions:\n      passive: sometimes\n"
        "    examples:\n      flag: [a, b]\n      pass: [c, d]\n"
    )
    with pytest.raises(PackError) as caught:
        load_pack_file(path)
    assert str(caught.value) == f"{path}:12: 'exceptions.passive' must be true or false"
