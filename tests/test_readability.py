"""Readability rules: thresholds from plain-English guidance, configurable, quiet on plain text."""

from sbp_lint import Linter
from sbp_lint.config import Config

LONG = ("Mrs Jones lives alone in a two-bedroom bungalow on the edge of the village and her daughter visits "
        "on Sundays but she would like more company during the week when it is quiet.")  # 33 words


def rules(findings, prefix="readability."):
    return [f.rule for f in findings if f.rule.startswith(prefix)]


def test_long_sentence_uses_the_25_word_limit(linter):
    found = [f for f in linter.check_text(LONG) if f.rule == "readability.long-sentence"]
    assert len(found) == 1 and "33 words" in found[0].message and "25 or fewer" in found[0].message
    assert rules(linter.check_text("Mrs Jones lives alone. Her daughter visits on Sundays.")) == []


def test_thresholds_are_configurable_per_rule():
    relaxed = Linter(Config(options={"readability.long-sentence": {"max_words": 40}}), select=["readability"])
    assert rules(relaxed.check_text(LONG)) == []


def test_long_words_counts_the_words_and_ignores_names(linter):
    sentence = "Mrs Evans requires intervention to facilitate independence with personal care activities."
    found = [f for f in linter.check_text(sentence) if f.rule == "readability.long-words"]
    # The message counts the words rather than quoting them: messages carry no document text
    # beyond the finding's own span (which is the sentence), so caches can rebuild them.
    assert len(found) == 1 and found[0].text == sentence
    assert "has 3 long words" in found[0].message  # intervention, independence, activities
    names = "Gwenllian Evans lives in Llanfairpwllgwyngyll near Aberystwyth with Bethesda Pritchard-Williams."
    assert "readability.long-words" not in rules(linter.check_text(names))


def test_a_long_sentence_is_not_also_reported_for_its_grade(linter):
    text = ("In order to ensure the service user's safety it is recommended that the situation is kept under close "
            "review, and if Mrs Evans continues to refuse support then residential care will need to be considered.")
    assert rules(linter.check_text(text)).count("readability.sentence-grade") == 0
    assert "readability.long-sentence" in rules(linter.check_text(text))


def test_document_grade_is_reported_once_on_the_first_line(linter):
    dense = ("# Assessment\n\n" + " ".join([
        "The assessment identified significant deterioration in functional mobility, necessitating intervention.",
        "Consequently, environmental adaptations were recommended to facilitate independence.",
        "Additionally, medication administration responsibilities necessitate reconsideration.",
    ] * 5) + "\n")
    found = [f for f in linter.check_text(dense) if f.rule == "readability.document-grade"]
    assert [(f.line, f.text) for f in found] == [(1, "Assessment")]
    assert "reading age" in found[0].message


def test_short_plain_documents_pass(linter):
    plain = "# About me\n\n" + "I am Gwen. I live in my bungalow in Llanfair. My daughter visits me on Sundays. " * 10 + "\n"
    assert rules(linter.check_text(plain)) == []
