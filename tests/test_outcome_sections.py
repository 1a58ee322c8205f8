"""Outcome sections found as plans write them, and outcome findings that do not depend on the file format."""

import collections

import pytest

import docfactory
from sbp_lint.documents import parse_text
from sbp_lint.nlp.outcomes import DEFAULT_OUTCOME_HEADINGS, is_outcome_column, is_outcome_heading, mark_outcomes, outcome_label

OUTCOME_RULES = {"outcomes.missing-first-person", "outcomes.service-as-outcome"}


@pytest.mark.parametrize("heading", [
    "Personal outcomes", "My personal outcomes", "3. My personal outcomes", "Outcomes I want to achieve",
    "Emrys's personal outcomes", "Nesta\u2019s goals", "Canlyniadau personol", "Beth sy'n bwysig i mi",
    "Canlyniadau personol / Personal outcomes", "Beth sy'n bwysig i mi / What matters to me",
    "Section 4: What I want to achieve", "B. My goals", "Personal outcomes (what I want to achieve)",
])
def test_outcome_heading_variants(heading):
    assert is_outcome_heading(heading, DEFAULT_OUTCOME_HEADINGS)


@pytest.mark.parametrize("heading", [
    "Outcomes of the grant application", "5. Outcome of review", "Risks", "About me", "Amdanaf i / About me",
    "What will happen and who will do it", "Background",
])
def test_headings_that_are_not_outcome_sections(heading):
    assert not is_outcome_heading(heading, DEFAULT_OUTCOME_HEADINGS)


@pytest.mark.parametrize("header,expected", [
    ("Outcome", True), ("My outcome", True), ("What I want (in my words)", True), ("Goal", True),
    ("What will help", False), ("Who", False), ("Score today", False),
])
def test_outcome_columns(header, expected):
    assert is_outcome_column(header, DEFAULT_OUTCOME_HEADINGS) is expected


@pytest.mark.parametrize("text", [
    "Goal-setting is essential to the success of reablement.",
    "Outcome-focused practice starts with a conversation.",
    "Goals-based work suits some families.",
])
def test_a_hyphenated_word_is_not_an_outcome_label(text):
    assert outcome_label(text) is None


@pytest.mark.parametrize("text", ["Outcome: To go home.", "Goal - to go home", "Personal outcome 2 \u2013 I want to walk", "Outcome 3- walk"])
def test_outcome_labels(text):
    assert outcome_label(text) is not None


def test_goal_setting_in_body_text_gets_no_outcome_findings(linter):
    text = "# Reablement\n\nGoal-setting is essential to the success of reablement.\n"
    assert not [f for f in linter.check_text(text) if f.rule in OUTCOME_RULES]


def marked(source: str) -> dict[str, str | None]:
    blocks = parse_text(source, "p.md", "markdown").blocks
    mark_outcomes(blocks, DEFAULT_OUTCOME_HEADINGS)
    return {b.text: b.outcome_from for b in blocks if b.kind != "heading"}


def test_a_table_in_an_outcomes_section_has_its_outcomes_in_the_first_column():
    found = marked("## 3. My personal outcomes\n\n| What will help me | Who |\n|---|---|\n| I want to go to Hana's for tea | Amira |\n")
    assert found["I want to go to Hana's for tea"] == "column"
    assert found["Amira"] is None and found["What will help me"] is None


def test_a_named_outcome_column_anywhere_holds_outcomes():
    found = marked("## How it is going\n\n| Score | My outcome |\n|---|---|\n| 8 | To walk to the shop |\n")
    assert found["To walk to the shop"] == "column" and found["8"] is None


def test_a_label_on_its_own_line_makes_the_next_paragraph_an_outcome():
    found = marked("## Notes\n\nOutcome:\n\nTo see my friends at chapel.\n\nThe carers came at nine.\n")
    assert found["To see my friends at chapel."] == "label"
    assert found["The carers came at nine."] is None


def test_outcomes_label_introducing_a_list_marks_the_list():
    found = marked("Outcomes:\n\n- To go home.\n- To see friends.\n\nThe review is in May.\n")
    assert found["To go home."] == found["To see friends."] == "label"
    assert found["The review is in May."] is None


# -- the same plan in Markdown, HTML, Word and ODT ----------------------------------------------------------

PLAN = [
    ("h1", "Care and support plan: Mrs Gwen Evans"),
    ("h2", "About me"),
    ("p", "I was a postman for 38 years. Goal-setting is essential to the success of reablement."),
    ("h2", "3. My personal outcomes"),
    ("li", "I want to stay in my own home. Mrs Evans will attend the day centre twice a week."),
    ("li", "To reduce social isolation."),
    ("p", "Outcome:"),
    ("p", "To have a care package. I want to see my cat."),
    ("h2", "Canlyniadau personol / Personal outcomes"),
    ("li", "Rydw i eisiau aros adref. To receive respite."),
    ("h2", "How it is going"),
    ("table", [["What will help", "My outcome", "Who"],
               ["Carers twice a day", "Mrs Evans to attend the lunch club.", "Carys"],
               ["A bath board", "I want to have a bath on my own.", "The OT"]]),
]


def outcome_findings(linter, path) -> collections.Counter:
    result = linter.check_file(str(path))
    assert result.error is None, result.error
    return collections.Counter((f.rule, " ".join(f.text.split())) for f in result.findings if f.rule in OUTCOME_RULES)


def test_outcome_findings_are_the_same_in_markdown_html_word_and_odt(linter, tmp_path):
    files = docfactory.plan_in_every_format(tmp_path, PLAN)
    found = {fmt: outcome_findings(linter, path) for fmt, path in files.items()}
    expected = found["md"]
    assert ("outcomes.missing-first-person", "Mrs Evans will attend the day centre twice a week.") in expected, \
        "each sentence is judged: the first-person sentence before it does not cover it"
    assert ("outcomes.missing-first-person", "To have a care package.") in expected, "the paragraph after a lone 'Outcome:' label"
    assert ("outcomes.missing-first-person", "To receive respite.") in expected, "under a bilingual heading"
    assert ("outcomes.missing-first-person", "Mrs Evans to attend the lunch club.") in expected, "a 'My outcome' column"
    assert not any("Goal-setting" in text or "postman" in text for _, text in expected)
    assert not any(text in ("Carers twice a day", "Carys") for _, text in expected), "other columns are not outcomes"
    for fmt in ("html", "docx", "odt"):
        assert found[fmt] == expected, f"{fmt} differs from Markdown: {found[fmt] - expected} extra, {expected - found[fmt]} missing"


def test_a_markdown_paragraph_with_line_breaks_is_judged_by_sentence_as_word_paragraphs_are(linter):
    joined = "## Personal outcomes\n\nI want to stay at home.\nMrs Evans will attend the day centre.\n"
    apart = "## Personal outcomes\n\nI want to stay at home.\n\nMrs Evans will attend the day centre.\n"
    flagged = [{f.text for f in linter.check_text(text) if f.rule == "outcomes.missing-first-person"} for text in (joined, apart)]
    assert flagged[0] == flagged[1] == {"Mrs Evans will attend the day centre."}
