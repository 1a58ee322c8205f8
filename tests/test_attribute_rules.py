"""Issue 17: the attribute ruler and lemmatizer applied from tables (``nlp.attribute_rules``) give exactly
the annotation of spaCy's own components, token for token, on every labelled sentence and the examples."""

from pathlib import Path

import pytest
import spacy
import yaml

from sbp_lint.nlp import attribute_rules
from sbp_lint.nlp.pipeline import load_pipeline, pipeline_id

ROOT = Path(__file__).resolve().parents[1]
COLUMNS = ["TAG", "POS", "MORPH", "LEMMA", "DEP", "HEAD"]


def texts() -> list[str]:
    out = []
    for path in sorted((ROOT / "tests" / "corpus").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        out += [item["text"] for item in data if isinstance(item, dict) and isinstance(item.get("text"), str)]
    for path in sorted((ROOT / "examples").glob("*.md")):
        out += [p for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    out += ["Let's go, we're gonna be fine.", "LET'S GO!", "  ", "", "Mr O'Neill ain't coming, y'all."]
    return out


@pytest.fixture(scope="module")
def spacy_own():
    """The same pipeline with spaCy's own attribute ruler and lemmatizer."""
    nlp = spacy.load(load_pipeline().meta["lang"] + "_" + load_pipeline().meta["name"], exclude=["ner", "senter"])
    assert "attribute_ruler" in nlp.pipe_names and not isinstance(nlp.get_pipe("attribute_ruler"), attribute_rules._TableComponent)
    return nlp


def test_the_loaded_pipeline_uses_the_tables():
    nlp = load_pipeline()
    assert isinstance(nlp.get_pipe("attribute_ruler"), attribute_rules._TableComponent)
    assert isinstance(nlp.get_pipe("lemmatizer"), attribute_rules._TableComponent)
    assert nlp.pipe_names[-2:] == ["attribute_ruler", "lemmatizer"]  # in spaCy's order, after the parser


@pytest.mark.parametrize("memo_limit", [attribute_rules.MEMO_LIMIT, 7])  # 7: remembered answers dropped often
def test_tables_annotate_exactly_like_spacy(spacy_own, monkeypatch, memo_limit):
    monkeypatch.setattr(attribute_rules, "MEMO_LIMIT", memo_limit)
    ours = load_pipeline()
    assert pipeline_id(ours) == pipeline_id(spacy_own)
    corpus = texts()
    assert len(corpus) > 2000
    for theirs, mine in zip(spacy_own.pipe(corpus, batch_size=64), ours.pipe(corpus, batch_size=64)):
        assert [t.text for t in mine] == [t.text for t in theirs]
        assert (mine.to_array(COLUMNS) == theirs.to_array(COLUMNS)).all(), [
            (a.text, a.pos_, a.lemma_, str(a.morph), b.pos_, b.lemma_, str(b.morph))
            for a, b in zip(theirs, mine) if (a.pos_, a.lemma_, str(a.morph)) != (b.pos_, b.lemma_, str(b.morph))]


def test_tables_also_annotate_without_the_parser_as_spacy_does(spacy_own):
    """Lemma patterns are tagged with the parser disabled (engine.compiled): the tables see no dependencies then."""
    corpus = texts()[:400]
    theirs = spacy_own.pipe(corpus, disable=["parser"])
    mine = load_pipeline().pipe(corpus, disable=["parser"])
    for a, b in zip(theirs, mine):
        assert (a.to_array(COLUMNS[:4]) == b.to_array(COLUMNS[:4])).all()
