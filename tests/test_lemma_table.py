"""Issue 17, cold start: the built-in lemma patterns' lemmas are shipped (``engine/lemma_patterns.json``) instead of
tagged at every start. The table must be what tagging gives now, and the findings the same with it or without it;
patterns it does not hold, or another pipeline, are tagged as before."""

import pytest

from sbp_lint.engine import lemma_table
from sbp_lint.engine.compiled import CompiledRules
from sbp_lint.engine.lemma_table import tag_lemma_docs

REGENERATE = "the shipped lemma table is stale: run `python -m sbp_lint.engine.lemma_table` and commit the file"


@pytest.fixture(scope="module")
def nlp(linter):
    return linter.nlp


def test_the_shipped_table_is_what_tagging_gives_now(nlp):
    shipped = lemma_table._table()
    if shipped.get("key") != lemma_table.table_key(nlp):
        pytest.skip(f"the table is for {shipped.get('key')}, this pipeline is {lemma_table.table_key(nlp)}")
    assert shipped == lemma_table.tagged_table(nlp), REGENERATE


def test_findings_are_the_same_with_the_table_and_without_it(linter, nlp, monkeypatch):
    english = [rule for rule in linter.rules if rule.language == "en"]
    with_table = CompiledRules(nlp, english)
    monkeypatch.setattr(lemma_table, "_table", dict)
    tagged = CompiledRules(nlp, english)
    text = ("Mrs Evans refused her tablets again and was refusing to engage. She has been non-compliant and "
            "puts herself at risk; staff say she is putting herself at risk when she absconds.")
    doc = nlp(text)
    assert with_table.matches(doc) == tagged.matches(doc)
    lemma_rules = {rule.id for rule in english if rule.kind == "phrase" and rule.spec.attr == "lemma"}
    assert lemma_rules & {rule_id for rule_id, _, _ in tagged.matches(doc)}  # lemma patterns matched here


def test_patterns_the_table_does_not_hold_are_tagged(nlp, monkeypatch):
    key = lemma_table.table_key(nlp)
    fake = {"key": key, "lemmas": {"refuses help": [["refuses", "refuse"], ["help", "help"]],
                                   "cut differently": [["cut", "cut"], ["differ", "differ"], ["ently", "ently"]]}}
    monkeypatch.setattr(lemma_table, "_table", lambda: fake)
    texts = {"refuses help", "cut differently", "non-compliant"}
    known = lemma_table.known_lemma_docs(nlp, texts)
    assert set(known) == {"refuses help"}  # the tokenizer cuts the other one otherwise: tagged
    assert [t.lemma_ for t in known["refuses help"]] == ["refuse", "help"]
    docs = tag_lemma_docs(nlp, texts, known)
    assert set(docs) == texts and docs["refuses help"] is known["refuses help"]
    fake["key"] = "another pipeline"
    assert lemma_table.known_lemma_docs(nlp, texts) == {}
