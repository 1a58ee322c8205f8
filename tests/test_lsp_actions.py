"""The language server's quick fixes as text edits, and its copy of open documents (no server process)."""

from pathlib import Path

import pytest
import yaml

from sbp_lint.lsp.actions import allow_action, disable_action, fix_actions, sentence_span, still_flagged
from sbp_lint.lsp.allowlist import allow_edit, allow_phrase, yaml_scalar
from sbp_lint.lsp.documents import OpenDocument, document_format, uri_to_path


def added(text: str, phrase: str = "refuses") -> str | None:
    edit = allow_edit(text, phrase)
    return edit.apply(text) if edit else None


# -- the allow list ---------------------------------------------------------

@pytest.mark.parametrize("before, after", [
    ("", "allow:\n  - refuses\n"),
    ("# our settings\npacks: [deficit]", "# our settings\npacks: [deficit]\nallow:\n  - refuses\n"),
    ("allow: [contact, GP]  # agreed in May\n", "allow: [contact, GP, refuses]  # agreed in May\n"),
    ("allow: []\n", "allow: [refuses]\n"),
    ("allow: contact\n", "allow: [contact, refuses]\n"),
    ("allow:\nfail_on: error\n", "allow: [refuses]\nfail_on: error\n"),
    ("allow:\n  - contact\n  - GP  # doctors\nignore: [readability]\n",
     "allow:\n  - contact\n  - GP  # doctors\n  - refuses\nignore: [readability]\n"),
    ("allow:\r\n- contact\r\n", "allow:\r\n- contact\r\n- refuses\r\n"),
])
def test_the_phrase_joins_the_allow_list_and_the_rest_of_the_file_is_kept(before, after):
    assert added(before) == after


def test_phrases_yaml_would_misread_are_quoted():
    assert yaml.safe_load(added("allow: [contact]\n", "no")) == {"allow": ["contact", "no"]}
    assert yaml.safe_load(added("allow:\n  - a\n", "care: plan")) == {"allow": ["a", "care: plan"]}
    assert yaml_scalar("package of care") == "package of care"
    assert yaml_scalar("yes") == '"yes"'


def test_no_edit_when_the_file_is_not_a_mapping_broken_or_already_allows_it():
    assert added("- a list\n") is None
    assert added("allow: [unclosed\n") is None
    assert added("allow: [Refuses]\n") is None
    assert added("allow: |\n  refuses\n") is None  # a block scalar: not a list we can extend safely


def test_the_allowed_phrase_is_the_flagged_words_in_lower_case_unless_an_acronym():
    assert allow_phrase("Refuses") == "refuses"
    assert allow_phrase("LAC  review") == "LAC review"
    assert allow_phrase("service\nuser") == "service user"


def test_allow_action_creates_a_file_when_there_is_none():
    action = allow_action(Path("/ws/.sbp-lint.yaml"), None, "Package of care")
    assert action.create_config and action.config_edit.new_text == "allow:\n  - package of care\n"
    assert action.title == "Add 'package of care' to the allow list in .sbp-lint.yaml"


# -- replacing words and sentences -----------------------------------------------

TEXT = "Notes.\n\nMr Jones suffers from\ndementia and is happy.\n"
START = TEXT.index("suffers")
END = START + len("suffers from")


def test_the_safe_fix_replaces_the_flagged_words():
    data = {"rule": "deficit.suffers-from", "text": "suffers from", "fix": "lives with"}
    (action,) = fix_actions(TEXT, START, END, data)
    assert action.preferred and action.title == "Replace 'suffers from' with 'lives with'"
    assert action.edits[0].apply(TEXT) == "Notes.\n\nMr Jones lives with\ndementia and is happy.\n"


def test_no_edit_when_the_words_are_no_longer_there():
    data = {"rule": "deficit.suffers-from", "text": "suffers from", "fix": "lives with"}
    edited = TEXT.replace("suffers from", "has had")
    assert not still_flagged(edited, START, END, data)
    assert fix_actions(edited, START, END, data) == []


def test_the_sentence_is_found_across_a_line_break():
    sentence = "Mr Jones suffers from dementia and is happy."
    start, end = sentence_span(TEXT, START, END, sentence)
    assert TEXT[start:end] == "Mr Jones suffers from\ndementia and is happy."
    assert sentence_span(TEXT, START, END, "Words that are not there.") is None


def test_a_rewrite_with_placeholders_replaces_the_sentence_and_is_not_preferred():
    data = {"rule": "passive.agentless", "text": "suffers from", "sentence": "Mr Jones suffers from dementia and is happy.",
            "rewrite": {"text": "[who] said Mr Jones lives with dementia.", "safe": False, "placeholders": ["who"]}}
    (action,) = fix_actions(TEXT, START, END, data)
    assert not action.preferred
    assert action.title == "Insert a rewrite of the sentence (then fill in [who])"
    assert action.edits[0].apply(TEXT) == "Notes.\n\n[who] said Mr Jones lives with dementia.\n"


def test_a_safe_rewrite_is_preferred_when_there_is_no_word_fix():
    data = {"rule": "x.y", "text": "suffers from", "sentence": "Mr Jones suffers from dementia and is happy.",
            "rewrite": {"text": "Mr Jones lives with dementia and is happy.", "safe": True, "placeholders": []}}
    (action,) = fix_actions(TEXT, START, END, data)
    assert action.preferred and action.title.startswith("Rewrite the sentence: Mr Jones lives with")


# -- disable for this line ----------------------------------------------------------

def test_disable_comment_goes_above_the_line_with_its_indentation():
    text = "- Gwen likes walks\n  and refuses care.\n"
    action = disable_action(text, text.index("refuses"), "deficit.refuses")
    assert action.edits[0].apply(text) == (
        "- Gwen likes walks\n  <!-- sbp-lint disable-next-line deficit.refuses -->\n  and refuses care.\n")


def test_disable_joins_an_existing_comment_on_the_line_above():
    text = "<!-- sbp-lint disable-next-line jargon -- the court's words -->\r\nHe is non-compliant.\r\n"
    action = disable_action(text, text.index("non-compliant"), "deficit.non-compliant")
    assert action.edits[0].apply(text).splitlines()[0] == (
        "<!-- sbp-lint disable-next-line jargon, deficit.non-compliant -- the court's words -->")
    assert disable_action(text, text.index("non-compliant"), "jargon") is None


def test_the_disable_comment_silences_the_finding(linter):
    text = "# Notes\n\nGwen likes walks.\nShe refuses care on Tuesdays.\n"
    (finding,) = [f for f in linter.check_text(text) if f.rule == "deficit.refuses"]
    action = disable_action(text, text.index("refuses"), finding.rule)
    assert [f.rule for f in linter.check_text(action.edits[0].apply(text))] == []


# -- the server's copy of a document ------------------------------------------------

class Change:
    def __init__(self, text, start=None, end=None):
        self.text = text
        self.range = None if start is None else type("R", (), {"start": _P(*start), "end": _P(*end)})()


class _P:
    def __init__(self, line, character):
        self.line, self.character = line, character


def test_incremental_changes_apply_in_order_in_utf16_units():
    document = OpenDocument("file:///ws/a.md", "markdown", 1, "😀 suffers from\x0cpain\r\nok")
    document.apply([Change("lives with", (0, 3), (0, 15)), Change("!", (1, 2), (1, 2))], 2)
    assert document.text == "😀 lives with\x0cpain\r\nok!" and document.version == 2
    document.apply([Change("whole new text")], 3)
    assert document.text == "whole new text"


def test_which_documents_are_checked():
    assert document_format("markdown", None) == "markdown"
    assert document_format("plaintext", None) == "text" and document_format("text", None) == "text"
    assert document_format("python", Path("a.py")) is None
    assert document_format("vimwiki", Path("notes.md")) == "markdown"


def test_file_uris_to_paths():
    assert uri_to_path("file:///home/me/My%20plans/plan.md") == Path("/home/me/My plans/plan.md")
    assert uri_to_path("untitled:Untitled-1") is None


# -- findings as diagnostics ----------------------------------------------------------

def test_a_finding_becomes_a_diagnostic_with_what_the_quick_fixes_need():
    from dataclasses import dataclass

    from sbp_lint import Finding, Severity
    from sbp_lint.lsp.diagnostics import hover_markdown, to_diagnostic
    from sbp_lint.lsp.positions import LineIndex

    @dataclass
    class Rewrite:  # the shape other work is adding to Finding
        text: str
        safe: bool
        placeholders: list

    text = "It was decided 😀 that she moves.\n"
    finding = Finding(rule="passive.decision", category="passive", severity=Severity.SUGGESTION, line=1, column=4,
                      end_line=1, end_column=15, text="was decided", message="Who decided?",
                      suggestions=["name who decided"], sentence=text.strip())
    finding.rewrite = Rewrite("[who] decided that she moves.", False, ["who"])
    rule = type("Rule", (), {"kind": "check", "why": "Records say who acted.", "better": "Her social worker decided."})()
    diagnostic = to_diagnostic(LineIndex(text), finding, rule)
    assert diagnostic.severity == 3  # a suggestion shows as information
    assert diagnostic.message == "Who decided?\nTry: name who decided"
    assert diagnostic.data["rewrite"] == {"text": "[who] decided that she moves.", "safe": False, "placeholders": ["who"]}
    assert diagnostic.data["allow"] is True  # the allow list silences named checks' findings too
    hover = hover_markdown(finding, rule)
    assert "**Why:** Records say who acted." in hover and "**Better:** Her social worker decided." in hover
    assert "**Rewrite:** [who] decided that she moves." in hover
