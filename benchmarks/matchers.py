"""The rules' CPU with the gated Matchers against the whole Matchers, on the same parsed Docs (issue 17).

    python -m benchmarks.matchers                   # one 100,000-word generated record, 5 rounds
    python -m benchmarks.matchers --words 20000 --rounds 3
    python -m benchmarks.matchers --file record.md

The file is parsed once; then, in turn, the rules run as ``Linter.check_document`` runs them (engine,
policy, rewrites) with the gates (nlp/anchors.py) and with every Matcher run whole, as before the
gates. Prints CPU seconds of each (median and range) and their ratio, and how many sentences and
paragraphs the gates let through to a Matcher. Exits 1 if the two ever differ in what they report.
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

from benchmarks.library import long_document


def prepared(linter, path: Path):
    """``path`` read and made ready as ``Linter.check_document`` makes it before the rules (blocks, kind, audience)."""
    from sbp_lint.documents import read_document

    document = read_document(str(path))
    document.blocks = linter._prepare(document)
    document.kind = linter.policy.kind(document).value
    document.audience = linter.policy.audience(document)
    return document


def _rules(linter, document, docs) -> list:
    """What ``Linter.check_document`` does after the parse."""
    from sbp_lint import rewrite

    findings = linter.policy.apply(document, list(linter.engine.check(document, docs)))
    rewrite.attach(findings, document.blocks)
    findings.sort(key=lambda f: (f.line, f.column, f.rule))
    return [f.to_json() for f in findings] + [document.profile]


@contextlib.contextmanager
def _whole():
    """Every Matcher run whole wherever it ran before the gates (the anchor words still decide)."""
    from sbp_lint.nlp.anchors import GatedMatcher, WordGate

    with mock.patch.object(GatedMatcher, "__call__", lambda self, doclike, tokens=None: self.whole()(doclike)), \
            mock.patch.object(WordGate, "passes", lambda self, tokens: True):
        yield


def _through(linter, docs: list) -> str:
    """How much of the text reaches a Matcher: sentences (strengths) and paragraphs (rules' patterns)."""
    from sbp_lint.practice.strengths import recogniser

    strengths = recogniser(linter.nlp.vocab).matcher.gate
    rules = linter.engine.compiled.matcher.gate
    sents = [list(s) for d in docs for s in d.sents]
    passed = sum(bool(strengths.labels(s)) for s in sents)
    blocks = sum(bool(rules.labels(d)) for d in docs)
    return (f"sentences reaching the strength Matcher: {passed} of {len(sents)}; paragraphs reaching the rules' "
            f"token Matcher (at most; the anchor words come first): {blocks} of {len(docs)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--file", type=Path)
    args = parser.parse_args(argv)
    from sbp_lint import Linter

    linter = Linter()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.file or Path(tmp) / "record.md"
        if args.file is None:
            path.write_text(long_document(args.words), encoding="utf-8")
        document = prepared(linter, path)
        docs = list(linter._parse([b for b in document.blocks if b.text.strip()]))
        timings: dict[str, list[float]] = {"gated": [], "whole": []}
        results = {}
        for round_ in range(args.rounds + 1):  # the first round warms up, uncounted
            for name in ("gated", "whole"):
                with _whole() if name == "whole" else contextlib.nullcontext():
                    document = prepared(linter, path)
                    start = time.process_time()
                    results[name] = _rules(linter, document, docs)
                    if round_:
                        timings[name].append(time.process_time() - start)
            if results["gated"] != results["whole"]:
                print("the gated and the whole Matchers reported different findings", file=sys.stderr)
                return 1
    print(f"{path.name}: {sum(len(d) for d in docs):,} tokens, {len(results['gated']) - 1:,} findings, "
          f"identical gated and whole")
    for name, values in timings.items():
        print(f"rules' CPU s, {name:5}: median {statistics.median(values):.2f} "
              f"({min(values):.2f}-{max(values):.2f}, {len(values)} rounds)")
    ratios = [g / w for g, w in zip(timings["gated"], timings["whole"])]
    print(f"gated / whole: {statistics.median(ratios):.2f} ({min(ratios):.2f}-{max(ratios):.2f})")
    print(_through(linter, docs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
