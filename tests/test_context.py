"""The person's own words are not flagged; outcome statements are found where practitioners write them."""

import pytest

from sbp_lint.nlp.context import quote_ranges
from sbp_lint.nlp.outcomes import DEFAULT_OUTCOME_HEADINGS, is_outcome_heading, mark_outcomes
from sbp_lint.documents import parse_text


def rules(linter, text: str) -> set[str]:
    return {f.rule for f in linter.check_text(text)}


def test_quoted_words_are_the_persons_voice(linter):
    assert "deficit.refuses" in rules(linter, "Mr Davies refuses his tablets.\n")
    assert "deficit.refuses" not in rules(linter, 'Mr Davies said, "I refuse to give up on walking."\n')
    assert "deficit.refuses" not in rules(linter, "Mr Davies said, \u201cI refuse to give up.\u201d\n")
    assert "deficit.refuses" not in rules(linter, "She told me \u2018I won\u2019t be told I refuse things\u2019 and laughed.\n")
    assert "deficit.refuses" not in rules(linter, "> I refuse to go back to hospital.\n")


def test_apostrophes_are_not_quotes():
    assert quote_ranges("Siân's son doesn't visit and the nurses' room is shut.") == []
    assert quote_ranges("We stopped calling her 'challenging' last year.") == [(23, 36)]


def test_outcome_sections_labels_and_tables():
    source = (
        "# Plan\n\n## 2. Personal outcomes\n\nWe agreed these outcomes:\n\n- To go home.\n\n"
        "## Risks\n\nOutcome: To stay safe.\n\nNone.\n\n"
        "| Outcome | Who |\n|---|---|\n| To see friends | Carers |\n"
    )
    blocks = parse_text(source, "p.md", "markdown").blocks
    mark_outcomes(blocks, DEFAULT_OUTCOME_HEADINGS)
    outcome = {b.text: b.outcome_start for b in blocks}
    assert outcome["We agreed these outcomes:"] is None
    assert outcome["To go home."] == 0
    assert outcome["Outcome: To stay safe."] == len("Outcome: ")
    assert outcome["None."] is None
    assert outcome["To see friends"] == 0 and outcome["Carers"] is None


OUTCOME_CATEGORIES = {"service_as_outcome", "missing_first_person"}


def outcome_categories(linter, text: str) -> set[str]:
    return {f.category for f in linter.check_text(text)} & OUTCOME_CATEGORIES


@pytest.mark.parametrize("line", [
    "Outcome: Mrs Jones agreed to try the day centre on Tuesdays.",
    "Outcome: the referral to the day centre was sent and Mrs Jones was given the leaflet.",
    "Outcome: Mrs Jones did not want respite care.",
])
def test_an_outcome_line_in_case_notes_that_reports_what_happened_is_not_an_outcome(linter, line):
    # Case notes end a visit with "Outcome:", the visit's result: not a goal in the person's life.
    notes = f"# Case notes\n\n## 12 March, home visit\n\nVisited Mrs Jones at home with her daughter.\n\n{line}\n"
    assert outcome_categories(linter, notes) == set()


@pytest.mark.parametrize("line", [
    "Outcome: attend a day centre.",
    "Outcome: To attend the day centre twice a week.",
    "Outcome: Mrs Jones will attend the day centre.",
    "Outcome: Mrs Jones needs respite care.",
])
def test_an_outcome_line_that_sets_a_goal_is_still_checked_as_one(linter, line):
    assert "service_as_outcome" in outcome_categories(linter, f"# Plan\n\n{line}\n")


def test_heading_matching():
    headings = DEFAULT_OUTCOME_HEADINGS
    assert is_outcome_heading("3. What matters to me", headings)
    assert is_outcome_heading("Personal outcomes:", headings)
    assert not is_outcome_heading("Risks", headings)


def test_outcome_rules_only_in_outcomes(linter):
    assert "outcomes.missing-first-person" in rules(linter, "## Personal outcomes\n\n- To reduce social isolation.\n")
    assert "outcomes.missing-first-person" not in rules(linter, "## Background\n\nTo reduce social isolation, we met weekly.\n")
    assert "outcomes.missing-first-person" not in rules(linter, "## Personal outcomes\n\n- I want to see my friends more.\n")
