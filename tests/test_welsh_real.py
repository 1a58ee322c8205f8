"""Real Welsh text (tests/corpus/welsh-real.yaml): sentences copied from public Welsh records, held out from rule work.

welsh.yaml was written by the team that wrote the Welsh packs; this set was not. Its floors sit a little under what
the packs measure (benchmarks/README.md, "Welsh: real text"), so a change that loses real-text precision or recall
fails here. Some floors are low on purpose: they record how far the packs are from the project's targets on real
records, and only stop them getting worse. Never tune rules against this set. It is no longer unseen for the classes
the recall work fixed after reading its error list (the impersonal -ir/-id passive, the open cael-passive, "agored i
niwed", the leaving-care/preventative/corporate-parent/placing terms, Welsh acronyms, "plant sy'n derbyn gofal",
"y dioddefwr"): those figures are development figures, not held-out ones.
"""

from collections import Counter

import pytest

from benchmarks.quality import CATEGORIES, evaluate, load_corpus
from conftest import assert_floors

OUTCOME_ONLY = {"service_as_outcome", "missing_first_person"}
LICENCES = {"OGL-3.0", "OGL-3.0-Senedd", "public-body-unchecked", "third-party-unchecked"}

# (precision, recall) floors, a little under the figures measured after the recall work (before it: deficit 0.500 /
# 0.364, jargon 0.950 / 0.559, label 1.000 / 0.429, passive 0.875 / 0.347). label has 5 true positives, so its
# precision floor allows one false positive. service_as_outcome found none of its 6 (recall 0.0), so only its
# precision is guarded: it must not start flagging the wrong outcomes.
FLOORS = {
    "deficit": (0.65, 0.75),
    "jargon": (0.93, 0.85),
    "label": (0.80, 0.65),
    "passive": (0.92, 0.82),
    "service_as_outcome": (0.75, 0.0),
    "missing_first_person": (0.90, 0.80),
    "plain_language": (0.90, 0.70),
}


@pytest.fixture(scope="module")
def scores(linter):
    return evaluate(linter, load_corpus("welsh-real"))


@pytest.mark.parametrize("category", CATEGORIES)
def test_welsh_real_text_floors(scores, category):
    assert_floors(scores[category], *FLOORS[category], category)


def test_welsh_real_corpus_shape():
    entries = load_corpus("welsh-real")
    assert len(entries) >= 250
    assert sum(1 for e in entries if e["language"] == "cy") >= 250
    assert sum(1 for e in entries if e.get("context") == "outcome") >= 15
    assert 0.30 <= sum(1 for e in entries if not e.get("labels")) / len(entries) <= 0.45
    assert len({e["text"] for e in entries}) == len(entries), "duplicate sentences"
    for entry in entries:
        labels = set(entry.get("labels") or [])
        assert entry.get("context") in ("body", "outcome") and labels <= set(CATEGORIES), entry
        assert entry["language"] in ("cy", "en", "mixed"), entry
        assert entry["language"] != "mixed" or entry.get("matrix") in ("cy", "en", "both"), entry
        assert entry.get("source", "").startswith("http") and entry.get("licence") in LICENCES, entry
        if entry["context"] != "outcome":
            assert not OUTCOME_ONLY & labels, entry


def test_no_page_dominates_the_welsh_real_set():
    per_page = Counter(e["source"] for e in load_corpus("welsh-real"))
    assert max(per_page.values()) <= 15
