"""Quality floors on the labelled corpus: a change that lowers precision or recall fails CI.

The targets come from the rule-quality issue: precision at least 0.90 and recall at least
0.80 in every category, on the development set and on the held-out set. The real-text set
(sentences copied from public pages, issue 16) has floors of its own, a little under what the
rules measured when it was added (benchmarks/README.md).
"""

import pytest

from benchmarks.quality import CATEGORIES, evaluate, load_corpus, overall
from conftest import assert_floors

PRECISION_FLOOR = 0.90
RECALL_FLOOR = 0.80


@pytest.fixture(scope="module", params=["dev", "heldout"])
def scores(request, linter):
    return request.param, evaluate(linter, load_corpus(request.param))


@pytest.mark.parametrize("category", CATEGORIES)
def test_precision_and_recall_floors(scores, category):
    name, by_category = scores
    score = by_category[category]
    # The held-out set has 12 plain_language entries (relabelled from jargon; it is never added to).
    least = 10 if category == "plain_language" else 15
    assert score.tp + score.fn >= least, f"{name}: too few {category} examples to measure"
    assert_floors(score, PRECISION_FLOOR, RECALL_FLOOR, f"{name} {category}")


def test_corpus_shape():
    for name in ("dev", "heldout"):
        entries = load_corpus(name)
        clean = sum(1 for e in entries if not e.get("labels"))
        assert len(entries) >= (400 if name == "dev" else 150)
        assert clean / len(entries) >= 0.40
        for entry in entries:
            assert set(entry.get("labels") or []) <= set(CATEGORIES), entry
            if entry.get("context") != "outcome":
                assert not {"service_as_outcome", "missing_first_person"} & set(entry.get("labels") or []), entry


# (precision, recall) floors on real text: a little under the measured figures (benchmarks/README.md).
REAL_FLOORS = {
    "deficit": (0.95, 0.89),
    "jargon": (0.95, 0.95),
    "label": (0.95, 0.92),
    "passive": (0.95, 0.95),
    "service_as_outcome": (0.90, 0.80),
    "missing_first_person": (0.95, 0.95),
    "plain_language": (0.95, 0.95),
}


@pytest.fixture(scope="module")
def real_scores(linter):
    return evaluate(linter, load_corpus("real"))


@pytest.mark.parametrize("category", CATEGORIES)
def test_real_text_floors(real_scores, category):
    assert_floors(real_scores[category], *REAL_FLOORS[category], f"real {category}")


# (precision, recall) floors on the fresh real-text set (tests/corpus/real-fresh.yaml): a little under what the
# rules measure after the classes its first run found were fixed (benchmarks/README.md, "Real text, never tuned
# on"). No rule names a sentence of it, but those classes were chosen from its error list, so for them the set is
# no longer unseen. Several categories have very few examples there (label 5, service_as_outcome 2,
# missing_first_person 1), so those floors guard against regressions only; None means no floor (service_as_outcome
# recall was 0.0, and a floor of 0 cannot fail).
FRESH_FLOORS = {
    "deficit": (0.95, 0.65),
    "jargon": (0.95, 0.90),
    "label": (0.15, 0.15),
    "passive": (0.97, 0.93),
    "service_as_outcome": (0.90, None),
    "missing_first_person": (0.90, 0.90),
    "plain_language": (0.97, 0.95),
}
FRESH_OVERALL_FLOOR = (0.95, 0.88)


@pytest.fixture(scope="module")
def fresh_scores(linter):
    return evaluate(linter, load_corpus("real-fresh"))


@pytest.mark.parametrize("category", CATEGORIES)
def test_fresh_real_text_floors(fresh_scores, category):
    assert_floors(fresh_scores[category], *FRESH_FLOORS[category], f"real-fresh {category}")


def test_fresh_real_text_overall(fresh_scores):
    total = overall(fresh_scores)
    precision, recall = FRESH_OVERALL_FLOOR
    assert total.precision >= precision, f"real-fresh overall precision {total.precision:.3f}"
    assert total.recall >= recall, f"real-fresh overall recall {total.recall:.3f}"


def test_fresh_corpus_is_new_text():
    """The fresh set must stay unseen: no sentence and no source page shared with real.yaml."""
    def page(url):
        return url.split("://")[-1].replace("www.", "").split("?")[0].rstrip("/")

    real = load_corpus("real")
    fresh = load_corpus("real-fresh")
    assert len(fresh) >= 250
    real_texts = {" ".join(e["text"].split()).lower() for e in real}
    real_pages = {page(e["source"]) for e in real}
    for entry in fresh:
        assert set(entry.get("labels") or []) <= set(CATEGORIES), entry
        assert entry.get("source") and entry.get("licence"), entry
        assert " ".join(entry["text"].split()).lower() not in real_texts, entry["text"]
        assert page(entry["source"]) not in real_pages, entry["source"]
