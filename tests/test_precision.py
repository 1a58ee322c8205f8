"""Precision on real records (issue 16): the classes of false positives fixed in the rules, and the
mechanisms that fix them (shared word lists, objects and subjects of a verb, a general rule giving way
to a specific one), as a user sees them."""

import pytest

from sbp_lint import Linter
from sbp_lint.config import Config
from sbp_lint.errors import PackError
from sbp_lint.findings import CATEGORIES
from sbp_lint.packs import load_pack_file
from sbp_lint.packs.docs import CATEGORY_HELP
from sbp_lint.reporters.library.page import CATEGORY_NAMES, COLOURS


def found(linter, text: str, category: str | None = None) -> list[tuple[str, str]]:
    return [(f.rule, f.text) for f in linter.check_text(text + "\n") if category is None or f.category == category]


# -- organisations, professionals and processes are not people ------------------------------------------
@pytest.mark.parametrize("text", [
    "We find the Council at fault for failing to ensure her stay was authorised.",
    "It failed to consult her, failed to consider her views and failed to review the plan.",
    "The Council's Adult Social Services was unreasonable in refusing to implement the standard.",
    "However, the Care Home refused to allow Mr D to stay.",
    "A failure to engage with adults who neglect themselves can have serious effects.",
    "In social care, goals often fail because they are too broad.",
    "Outcomes are challenging and should shape the plan.",
    "Behaviour may seem non-compliant where in fact workers are not communicating well.",
])
def test_services_and_plans_as_subject_are_not_deficit(linter, text):
    assert found(linter, text, "deficit") == []


@pytest.mark.parametrize("text,words", [
    ("Mum has failed to engage with the family support worker.", "failed to engage"),
    ("We criticised nobody, but Mum failed to take the children to school.", "failed"),
    ("Dad was hostile throughout the visit.", "hostile"),
    ("Mum claims she was at her sister's on Saturday night.", "claims"),
    ("Tyler keeps putting himself in dangerous situations with older boys.", "putting himself in dangerous situations"),
    ("Working with him could be a challenge.", "be a challenge"),
])
def test_people_as_subject_still_are(linter, text, words):
    assert words in [w for _, w in found(linter, text, "deficit")]


def test_vulnerable_about_people_is_deficit_and_reported_once(linter):
    assert found(linter, "The vulnerable adult at number 12 lives alone.") == [("deficit.vulnerable-adult", "vulnerable adult")]


# -- jargon is care-system language; formal words are plain_language suggestions -----------------------
@pytest.mark.parametrize("text,word", [
    ("We will ensure that Mrs Lloyd has her tablets.", "ensure that"),
    ("Mrs Hughes requires help to get in the bath.", "requires"),
    ("This is a key priority for the team.", "key"),
    ("The plan will focus upon her independence.", "focus"),
])
def test_formal_words_are_plain_language_suggestions_not_jargon(linter, text, word):
    findings = [f for f in linter.check_text(text + "\n") if f.text == word]
    assert [(f.category, str(f.severity)) for f in findings] == [("plain_language", "suggestion")]


def test_every_plain_rule_is_a_suggestion_and_no_jargon_rule_is_a_formal_word():
    from conftest import all_rules
    rules = all_rules()
    plain = [r for r in rules if r.category == "plain_language"]
    assert plain and all(r.pack in ("plain", "cy-plain") and str(r.severity) == "suggestion" for r in plain)
    jargon_ids = {r.id for r in rules if r.category == "jargon"}
    assert not jargon_ids & {"jargon.ensure", "jargon.require", "jargon.key", "jargon.facilitate", "jargon.in-order-to"}


def test_every_category_is_named_coloured_and_explained():
    for category in CATEGORIES:
        assert category in CATEGORY_NAMES and category in COLOURS and category in CATEGORY_HELP, category


# -- acronyms -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("text,acronyms", [
    ("The SAB commissioned a SAR after Mr Price died.", ["SAB", "SAR"]),
    ("Care Inspectorate Wales (CIW) inspected the home.", ["CIW"]),
    ("The GP and the NHS falls clinic saw Mrs Jones.", []),
    ("Mrs AB complained about Child C's school.", []),
    ("PLEASE DO NOT PARK IN FRONT OF THE GATE.", []),
    ("She has ADHD and goes to college.", []),
])
def test_acronyms_no_rule_names_are_jargon(linter, text, acronyms):
    assert [w for r, w in found(linter, text, "jargon") if r == "jargon.acronym-other"] == acronyms


@pytest.mark.parametrize("text,rule", [
    ("Macsen is on the waiting list for CAMHS.", "jargon.acronym-camhs"),
    ("The ICPC is on 9 October.", "jargon.acronym-icpc"),
])
def test_an_acronym_with_its_own_rule_is_reported_once_by_that_rule(linter, text, rule):
    assert [r for r, _ in found(linter, text, "jargon")] == [rule]


def test_a_label_acronym_is_not_also_jargon(linter):
    assert found(linter, "Seren is a LAC child living in Wrexham.", "jargon") == []


# -- word lists shared by rules, and the new exception keys -------------------------------------------
OWN_PACK = """\
pack: council
rules:
  - id: council.declined
    kind: phrase
    attr: lemma
    phrases: [decline]
    category: deficit
    severity: warning
    message: "'{{match}}' sounds like a refusal."
    why: Say why.
    suggestions: ["chose not to"]
    exceptions:
      subject_in: [{subjects}]
    examples:
      flag: ["Mr Rees declined the visit.", "She declines help."]
      pass: ["The council declined the application.", "The GP declined to prescribe it."]
"""


def test_an_organisation_pack_can_use_the_shared_word_lists(tmp_path):
    (tmp_path / "council.yaml").write_text(OWN_PACK.format(subjects='"@organisations", "@professionals"'))
    linter = Linter(Config(packs=[], extra_packs=[tmp_path]))
    assert [f.text for f in linter.check_text("The council declined it. Mr Rees declined the visit.\n")] == ["declined"]


def test_an_unknown_word_list_names_the_file_and_line(tmp_path):
    path = tmp_path / "council.yaml"
    path.write_text(OWN_PACK.format(subjects='"@organizations"'))
    with pytest.raises(PackError) as caught:
        load_pack_file(path)
    assert str(caught.value).startswith(f"{path}:13: ") and "unknown word list '@organizations'" in str(caught.value)
    assert "@organisations" in str(caught.value)


@pytest.mark.parametrize("text,flagged", [
    ("A failure to engage with families can leave children at risk.", []),
    ("Mum's failure to engage with the health visitor worries the school.", ["failure to engage"]),
])
def test_who_a_verb_acts_on_decides_whose_failure_it_is(linter, text, flagged):
    assert [w for r, w in found(linter, text, "deficit") if r == "deficit.not-engaging"] == flagged


# -- outcomes: help received is a service, the quality of help is not ---------------------------------
@pytest.mark.parametrize("text,service", [
    ("James will continue to shower with prompting.", True),
    ("I have help to make choices about my money.", True),
    ("To have access to hospice care.", True),
    ("I get the help I need, when I need it.", False),
    ("I am supported by people who see me as a person.", False),
    ("I want to go to the pub with help from my son.", False),
])
def test_help_received_as_an_outcome(linter, text, service):
    document = f"## Personal outcomes\n\n{text}\n"
    assert any(f.category == "service_as_outcome" for f in linter.check_text(document)) is service


def test_goal_setting_is_not_an_outcome_line(linter):
    findings = linter.check_text("Goal-setting is essential to the success of reablement.\n")
    assert not {f.category for f in findings} & {"service_as_outcome", "missing_first_person"}
