"""The gated Matchers (nlp/anchors.py) find exactly what the whole Matchers find.

The rules' token patterns and the strength patterns run only where every word a pattern needs is in
the text, and then only the patterns that could match there. That must never change a finding, its
place, its order, its rewrite or the document's good-practice profile: each document is checked twice
on the same parsed Docs, gated and with every Matcher run whole (as before the gates), and the two
results must be identical.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
import yaml

from benchmarks.library import long_document, make_library
from benchmarks.matchers import prepared
from sbp_lint import rewrite
from sbp_lint.nlp.anchors import GatedMatcher, WordGate
from sbp_lint.practice.strengths import recogniser

ROOT = Path(__file__).resolve().parent.parent
CORPUS = sorted((ROOT / "tests" / "corpus").glob("*.yaml"))
EXAMPLES = sorted(p for p in (ROOT / "examples").iterdir() if p.suffix in (".md", ".docx") and p.name != "README.md")


def _texts(node) -> list[str]:
    """Every sentence a corpus file holds (its "text", "before" and "after" fields)."""
    if isinstance(node, dict):
        own = [node[k] for k in ("before", "text", "after") if isinstance(node.get(k), str) and node[k].strip()]
        return own + [t for k, v in node.items() if k not in ("before", "text", "after") for t in _texts(v)]
    if isinstance(node, list):
        return [t for item in node for t in _texts(item)]
    return []


@pytest.fixture(scope="module")
def documents(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("gates")
    paths = list(EXAMPLES)
    for corpus in CORPUS:
        texts = _texts(yaml.safe_load(corpus.read_text(encoding="utf-8")))
        path = folder / f"{corpus.stem}.txt"
        path.write_text("\n\n".join(" ".join(t.split()) for t in texts) + "\n", encoding="utf-8")
        paths.append(path)
    library, _ = make_library(folder / "library", documents=12, words=8_000)
    long = folder / "long.md"
    long.write_text(long_document(6_000), encoding="utf-8")
    return paths + library + [long]


def _check(linter, document, docs) -> str:
    """What a user sees of one check, as in Linter.check_document, on Docs parsed once: JSON text."""
    findings = linter.policy.apply(document, list(linter.engine.check(document, docs)))
    rewrite.attach(findings, document.blocks)
    seen = []
    for finding in findings:
        data = {k: v for k, v in finding.as_dict().items() if k not in ("edits", "rewrite")}
        data["rewrite"] = finding.rewrite.to_json() if finding.rewrite is not None else None
        seen.append(data)
    profile = document.profile
    profile = dataclasses.asdict(profile) if dataclasses.is_dataclass(profile) else profile
    # The first qualifying strength pattern decides a strength's kind: each sentence's, in order.
    recognise = recogniser(linter.nlp.vocab).recognise
    strengths = [repr(recognise(sent)) for doc in docs if doc.has_annotation("DEP") for sent in doc.sents]
    return json.dumps({"findings": seen, "profile": profile, "kind": document.kind, "strengths": strengths},
                      default=repr, sort_keys=True)


def test_gated_matchers_change_no_finding_profile_or_order(linter, documents, monkeypatch):
    runs = []
    for path in documents:
        document = prepared(linter, path)
        docs = list(linter._parse([b for b in document.blocks if b.text.strip()]))
        runs.append((path, docs, _check(linter, document, docs)))
    with monkeypatch.context() as whole:
        whole.setattr(GatedMatcher, "__call__", lambda self, doclike, tokens=None: self.whole()(doclike))
        whole.setattr(WordGate, "passes", lambda self, tokens: True)
        ungated = [_check(linter, prepared(linter, path), docs) for path, docs, _ in runs]
    findings = strengths = 0
    for (path, _, gated), plain in zip(runs, ungated):
        assert gated == plain, path.name
        findings += len(json.loads(gated)["findings"])
        strengths += sum(s != "None" for s in json.loads(gated)["strengths"])
    assert findings > 1000 and strengths > 300  # the documents gave the Matchers plenty to find


def test_the_gate_passes_only_texts_that_hold_every_required_word(linter):
    gate = WordGate()
    gate.add("contact", [{"LOWER": "contact"}, {"LOWER": "with", "OP": "?"}, {"LEMMA": {"IN": ["mum", "dad"]}}])
    gate.add("free", [{"POS": "ADJ"}])
    gate.add("told", [{"LEMMA": "tell"}, {"POS": "PRON"}, {"LOWER": "to"}])
    words = lambda text: list(linter.nlp(text))  # noqa: E731
    assert gate.labels(words("She keeps in contact with her dad.")) == {"contact", "free"}
    assert gate.labels(words("He told them to wait.")) == {"told", "free"}
    assert gate.labels(words("Contact was made.")) == {"free"}  # "mum" or "dad" is missing
    assert not WordGate().passes(words("Contact was made."))
