"""Shape of the real-text corpus (issue 16): sentences copied from public pages, each with its source.

These checks keep the set usable as a measurement: enough sentences and outcomes, a clean share that
makes false positives visible, only known categories, one page never dominating, and a source address
for every sentence so a label can be checked against the page it came from.
"""

from collections import Counter

from benchmarks.quality import CATEGORIES, load_corpus

OUTCOME_ONLY = {"service_as_outcome", "missing_first_person"}


def test_real_corpus_shape():
    entries = load_corpus("real")
    clean = sum(1 for e in entries if not e.get("labels"))
    outcomes = sum(1 for e in entries if e.get("context") == "outcome")
    assert len(entries) >= 450
    assert outcomes >= 120
    assert 0.35 <= clean / len(entries) <= 0.45
    assert len({e["text"] for e in entries}) == len(entries), "duplicate sentences"
    for entry in entries:
        labels = set(entry.get("labels") or [])
        assert entry.get("context") in ("body", "outcome"), entry
        assert labels <= set(CATEGORIES), entry
        assert entry.get("source", "").startswith("http"), entry
        if entry["context"] != "outcome":
            assert not OUTCOME_ONLY & labels, entry


def test_no_page_dominates():
    per_page = Counter(e["source"] for e in load_corpus("real"))
    assert max(per_page.values()) <= 25
