"""Document-level structure rules, run on small whole documents through the real linter."""

import textwrap

import pytest


def findings(linter, text, rule):
    return [f for f in linter.check_text(textwrap.dedent(text).lstrip(), path="plan.md") if f.rule == rule]


# -- outcomes without the person's voice -------------------------------------------------------

VOICELESS_PLAN = """
    # Care and support plan: Mrs Gwen Evans

    ## About me

    I am Gwen and I live in Llanfair.

    ## Personal outcomes

    - To maintain independence in her own home.
    - Mrs Evans will attend the day centre two days a week.
    - Mr Rees told me he hopes she can drive again.

    ## What will happen

    I will book the day centre.
    """


def test_outcomes_section_without_voice_is_reported_once_on_its_heading(linter):
    found = findings(linter, VOICELESS_PLAN, "structure.outcomes-without-voice")
    assert [(f.line, f.text) for f in found] == [(7, "Personal outcomes")]
    assert "3 statements" in found[0].message
    assert str(found[0].severity) == "warning"


def test_one_outcome_in_the_persons_words_is_enough(linter):
    text = VOICELESS_PLAN.replace("- To maintain independence in her own home.", "- I want to stay in my own home.")
    assert findings(linter, text, "structure.outcomes-without-voice") == []


def test_quoted_words_of_the_person_count_as_their_voice(linter):
    text = VOICELESS_PLAN.replace("- To maintain independence in her own home.", '- Gwen said: "I want to keep baking bara brith."')
    assert findings(linter, text, "structure.outcomes-without-voice") == []


def test_each_outcomes_section_is_judged_on_its_own(linter):
    text = """
        # Plan

        ## What matters to me

        I want to see my grandchildren every week.

        ## Personal outcomes

        - To reduce social isolation.
        """
    found = findings(linter, text, "structure.outcomes-without-voice")
    assert [f.text for f in found] == ["Personal outcomes"]


def test_an_outcome_line_outside_an_outcomes_section_is_not_a_section(linter):
    text = """
        # Case notes

        Visited Mr Rees at home.

        Outcome: To maintain independence.
        """
    assert findings(linter, text, "structure.outcomes-without-voice") == []


def test_welsh_first_person_outcomes_are_in_the_persons_voice(linter):
    text = """
        # Cynllun

        ## Personal outcomes

        - Rydw i eisiau aros yn fy nhŷ fy hun.
        """
    assert findings(linter, text, "structure.outcomes-without-voice") == []


# -- no strengths --------------------------------------------------------------------------------

DEFICIT_ASSESSMENT = """
    # Assessment: Mr Huw Rees

    ## Background

    Mr Rees is 79 and lives alone in a terraced house in Bala. He has had four falls since October and went
    into hospital in January with a broken wrist. He has diabetes and his eyesight is getting worse.

    ## Needs

    He cannot manage the stairs and sleeps in his chair downstairs. He forgets to take his insulin and his
    sugar levels are high. His kitchen is dirty and there is little food in the fridge. He has lost weight
    since the summer, and there is a high risk of further falls.
    """


def test_assessment_with_no_strengths_is_reported_on_its_title(linter):
    found = findings(linter, DEFICIT_ASSESSMENT, "structure.no-strengths")
    assert [(f.line, f.text) for f in found] == [(1, "Assessment: Mr Huw Rees")]


def test_a_strength_in_the_text_is_enough(linter):
    text = DEFICIT_ASSESSMENT + "\n    Mr Rees enjoys doing the crossword with his neighbour every morning.\n"
    assert findings(linter, text, "structure.no-strengths") == []


def test_a_working_well_section_counts_but_an_empty_one_does_not(linter):
    working = DEFICIT_ASSESSMENT + "\n    ## What is working well\n\n    His neighbour Bill calls in every day.\n"
    assert findings(linter, working, "structure.no-strengths") == []
    empty = DEFICIT_ASSESSMENT + "\n    ## Strengths\n\n    None identified.\n"
    assert len(findings(linter, empty, "structure.no-strengths")) == 1


def test_case_notes_are_not_expected_to_list_strengths(linter):
    text = DEFICIT_ASSESSMENT.replace("# Assessment: Mr Huw Rees", "# Case notes: Mr Huw Rees")
    assert findings(linter, text, "structure.no-strengths") == []


def test_a_short_stub_is_not_judged(linter):
    assert findings(linter, "# Assessment\n\nSee the full assessment on file.\n", "structure.no-strengths") == []


# -- decisions without reasons -------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("We agreed that Mr Rees will move to the ground floor. His daughter will help him pack.", ["We agreed"]),
    ("It was decided that the visits will stop.", ["It was decided"]),
    ("It was agreed at the meeting that Kai will stay with his nain.\n\nThe review is in May.", ["It was agreed"]),
    ("We agreed that Mr Rees will move to the ground floor because the stairs hurt his knees.", []),
    ("We agreed that Mr Rees will move downstairs. This is because the stairs hurt his knees.", []),
    ("It was decided that a hoist is needed as Ffion is now unable to stand.", []),
    ("We decided to move the visit to Friday so that his daughter can come.", []),
    ("We agreed to meet again on Monday.", []),
    ("I phoned Carys and told her what we had decided and why.", []),
    ('She said, "We decided it together."', []),
])
def test_decision_needs_a_reason_in_the_same_or_next_sentence(linter, text, expected):
    assert [f.text for f in findings(linter, text, "structure.decision-without-reason")] == expected


def test_decision_at_the_end_of_a_document_is_still_reported(linter):
    text = "# Notes\n\nVisited Mrs Evans.\n\nIt was agreed that the package will continue.\n"
    found = findings(linter, text, "structure.decision-without-reason")
    assert [(f.line, f.column, f.text) for f in found] == [(5, 1, "It was agreed")]
