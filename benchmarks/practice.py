"""Good practice measured: strengths, decisions, document kinds and practice-model structure.

    python -m benchmarks.practice             # the numbers
    python -m benchmarks.practice --errors    # also every sentence or document it gets wrong

- strengths: precision and recall of "this sentence records a strength" on tests/corpus/strengths.yaml,
  and how often the kind (ability, role, ...) of a recognised strength matches the label;
- decisions: precision and recall of "this line records a decision", and of "this decision is not
  explained" (what structure.decision-without-reason reports), on tests/corpus/decisions.yaml, each
  decision read with the sentences before and after it, as in a document;
- kinds: accuracy of the detected document kind on tests/data/kinds/ (index.yaml);
- structure: on the same documents, the practice-model elements reported missing against the ones the
  index lists, and the structure findings on the strong documents (which should have none).

Each labelled set is also scored in two halves, even and odd entries: the recognisers were tuned looking
at the failures of the even half only (after a first version written with the whole set in view), so the
odd half is the nearer estimate of quality on new text.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from benchmarks import quality

ROOT = Path(__file__).resolve().parent.parent
STRENGTHS = ROOT / "tests" / "corpus" / "strengths.yaml"
DECISIONS = ROOT / "tests" / "corpus" / "decisions.yaml"
KINDS = ROOT / "tests" / "data" / "kinds"
ELEMENT_CHECKS = ("missing_element", "no_strengths")


@dataclass
class Score(quality.Score):
    """quality.Score (precision, recall, F1) with true negatives, filled one decision at a time."""

    tn: int = 0

    def add(self, gold: bool, predicted: bool, item=None) -> None:
        if gold and predicted:
            self.tp += 1
        elif predicted:
            self.fp += 1
            self.errors.append(("FP", item))
        elif gold:
            self.fn += 1
            self.errors.append(("FN", item))
        else:
            self.tn += 1

    def row(self, name: str) -> str:
        return (f"| {name} | {self.precision:.3f} | {self.recall:.3f} | {self.f1:.3f} | "
                f"{self.tp + self.fn} | {self.tp + self.fp + self.fn + self.tn} |")


def _halves(items: list) -> dict[str, list]:
    return {"all": items, "even": items[0::2], "odd": items[1::2]}


# -- strengths ----------------------------------------------------------------------------------------------

@dataclass
class StrengthResult:
    score: Score
    kinds_right: int = 0
    kinds_seen: int = 0


def evaluate_strengths(nlp, items: list[dict]) -> StrengthResult:
    from sbp_lint.practice.strengths import recogniser

    found_by = recogniser(nlp.vocab)
    result = StrengthResult(Score())
    for item in items:
        found = None
        for sent in nlp(item["text"]).sents:
            found = found_by.recognise(sent)
            if found is not None:
                break
        result.score.add(bool(item["strength"]), found is not None, (item["text"], found.kind if found else None))
        if found is not None and item["strength"]:
            result.kinds_seen += 1
            result.kinds_right += found.kind == item.get("kind")
    return result


# -- decisions ----------------------------------------------------------------------------------------------

@dataclass
class DecisionResult:
    decision: Score
    unexplained: Score  # of the labelled decisions the recogniser also found: not explained, as the rule reports


def evaluate_decisions(nlp, items: list[dict]) -> DecisionResult:
    from sbp_lint.documents import parse_text
    from sbp_lint.nlp.context import SentenceContext, quote_ranges
    from sbp_lint.practice.decisions import DecisionTracker, recogniser

    result = DecisionResult(Score(), Score())
    for item in items:
        parts = [p for p in (item.get("before"), item["text"], item.get("after")) if p]
        document = parse_text("## Notes\n\n" + "\n\n".join(parts) + "\n", "<decision>", "markdown")
        tracker = DecisionTracker(recogniser())
        settled, target = [], None
        for block in document.blocks:
            if not block.text.strip():
                continue
            doc = nlp(block.text)
            tokens, quotes = list(doc), quote_ranges(block.text)
            for sent in doc.sents:
                settled += tracker.sentence(SentenceContext(sent, block, quotes, tokens[sent.start:sent.end]))
            if block.text.strip() == item["text"].strip():
                target = block
        settled += tracker.end()
        mine = [s for s in settled if s.ctx.block is target]
        gold_decision = bool(item["decision"])
        result.decision.add(gold_decision, bool(mine), item["text"])
        if gold_decision and mine:
            result.unexplained.add(item["explained"] is not True, not all(s.explained for s in mine), item["text"])
    return result


# -- kinds and structure -------------------------------------------------------------------------------------

@dataclass
class KindsResult:
    right: int = 0
    total: int = 0
    errors: list = field(default_factory=list)  # (file, expected, found, why)
    elements: Score = field(default_factory=Score)  # each (document, element) of its kind: reported missing?
    strong_findings: dict = field(default_factory=dict)  # strong document -> its structure findings


def element_of(rule) -> str | None:
    """The practice-model element a structure rule checks (None for other rules)."""
    if rule.spec.name not in ELEMENT_CHECKS:
        return None
    from sbp_lint.checks import REGISTRY

    return rule.options.get("element") or REGISTRY[rule.spec.name].defaults["element"]


def elements_for(rules, kind: str) -> set[str]:
    """The elements the loaded rules check on a document of ``kind``."""
    from sbp_lint.checks import REGISTRY

    found = set()
    for rule in rules:
        element = element_of(rule)
        if element is not None:
            kinds = rule.options.get("kinds") or REGISTRY[rule.spec.name].defaults["kinds"]
            if kind in kinds:
                found.add(element)
    return found


def evaluate_kinds(linter) -> KindsResult:
    from sbp_lint.documents import read_document
    from sbp_lint.practice.kinds import detect

    index = yaml.safe_load((KINDS / "index.yaml").read_text(encoding="utf-8"))
    result = KindsResult()
    rules = linter.all_rules
    for entry in index:
        path = KINDS / entry["file"]
        detected = detect(read_document(str(path)).blocks)
        result.total += 1
        if detected.value == entry["kind"]:
            result.right += 1
        else:
            result.errors.append((entry["file"], entry["kind"], detected.value, detected.describe()))
        checked = linter.check_file(str(path))
        structure = [f for f in checked.findings if f.category == "structure"]
        reported = {element_of(rules[f.rule]) for f in structure} - {None}
        for element in sorted(elements_for(rules.values(), entry["kind"])):
            result.elements.add(element in entry.get("missing", []), element in reported, (entry["file"], element))
        if entry.get("strong"):
            result.strong_findings[entry["file"]] = [f"{f.rule} '{f.text}'" for f in structure]
    return result


# -- report ------------------------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list what each measure gets wrong")
    args = parser.parse_args(argv)
    from sbp_lint import Linter

    linter = Linter()
    strengths = yaml.safe_load(STRENGTHS.read_text(encoding="utf-8"))
    decisions = yaml.safe_load(DECISIONS.read_text(encoding="utf-8"))
    print("## Strengths (tests/corpus/strengths.yaml)\n")
    print("| set | precision | recall | F1 | strengths | sentences |\n|---|---|---|---|---|---|")
    results = {name: evaluate_strengths(linter.nlp, items) for name, items in _halves(strengths).items()}
    for name, result in results.items():
        print(result.score.row(name))
    whole = results["all"]
    print(f"\nKind of strength right for {whole.kinds_right} of {whole.kinds_seen} recognised strengths "
          f"({whole.kinds_right / max(whole.kinds_seen, 1):.0%}).\n")
    print("## Decisions (tests/corpus/decisions.yaml)\n")
    print("| set | measure | precision | recall | F1 | positives | items |\n|---|---|---|---|---|---|---|")
    decision_results = {name: evaluate_decisions(linter.nlp, items) for name, items in _halves(decisions).items()}
    for name, result in decision_results.items():
        print(result.decision.row(f"{name} | decision"))
        print(result.unexplained.row(f"{name} | not explained"))
    kinds = evaluate_kinds(linter)
    print(f"\n## Document kinds (tests/data/kinds)\n\n{kinds.right} of {kinds.total} right ({kinds.right / kinds.total:.0%}).\n")
    print("## Practice-model structure (tests/data/kinds)\n")
    print("| measure | precision | recall | F1 | missing elements | elements checked |\n|---|---|---|---|---|---|")
    print(kinds.elements.row("element reported missing"))
    dirty = {f: found for f, found in kinds.strong_findings.items() if found}
    print(f"\nStrong documents with structure findings: {len(dirty)} of {len(kinds.strong_findings)}.")
    if args.errors:
        print("\n## Errors\n")
        for kind, item in whole.score.errors:
            print(f"strength {kind}: {item}")
        for kind, item in decision_results["all"].decision.errors:
            print(f"decision {kind}: {item}")
        for kind, item in decision_results["all"].unexplained.errors:
            print(f"not explained {kind}: {item}")
        for error in kinds.errors:
            print(f"kind: {error}")
        for kind, item in kinds.elements.errors:
            print(f"element {kind}: {item}")
        for file, found in dirty.items():
            print(f"strong document {file}: {found}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
