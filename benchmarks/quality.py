"""Rule quality on the labelled corpus: precision, recall and F1 per category.

    python -m benchmarks.quality                 # dev, held-out and real-text sets
    python -m benchmarks.quality --errors real   # also list false positives/negatives
    python -m benchmarks.quality real-fresh      # the fresh real-text set (not in the default run)

A sentence counts as flagged for a category when any finding of that category
falls in it. Labels follow the category definitions in the domain guide.

dev and heldout are written sentences; real holds sentences copied from public
pages (issue 16) and is reported separately; real-fresh holds a second sample
of public pages, labelled before any run and never tuned on; welsh holds Welsh, bilingual and
code-switched sentences (issue 21), also scored per language; welsh-real holds
real Welsh sentences copied from public records, the held-out measure for the
Welsh packs (never tune rules on it), also scored per language. All label general
formal words as plain_language (dev and heldout were relabelled from jargon; see
tests/corpus/README.md). For sets that use plain_language, an extra row scores
jargon and plain_language merged into one category, so a linter that files
formal words under jargon can be compared.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
CATEGORIES = ("deficit", "jargon", "label", "passive", "service_as_outcome", "missing_first_person", "plain_language")
MERGED = "jargon+plain_language"
DEFAULT_SETS = ("dev", "heldout", "real", "real-fresh", "welsh", "welsh-real")
# Sets whose entries carry a ``language`` (cy | en | mixed): also scored per language.
BY_LANGUAGE = ("welsh", "welsh-real")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_corpus(name: str) -> list[dict]:
    return yaml.safe_load((CORPUS / f"{name}.yaml").read_text(encoding="utf-8"))


def entry_document(entry: dict) -> str:
    text = " ".join(entry["text"].split())
    return f"## Personal outcomes\n\n{text}\n" if entry.get("context") == "outcome" else text + "\n"


def with_merged(categories: set[str]) -> set[str]:
    """Add the merged jargon+plain_language category when either of the two is present."""
    return categories | {MERGED} if categories & {"jargon", "plain_language"} else categories


def shown(findings, category: str) -> list[str]:
    """rule:text of the findings behind a false positive in this category (or the merged row)."""
    wanted = {"jargon", "plain_language"} if category == MERGED else {category}
    return [f"{f.rule}:{f.text}" for f in findings if f.category in wanted]


def evaluate(linter, entries: list[dict]) -> dict[str, Score]:
    """Scores per reported category, plus the merged jargon+plain_language row."""
    scores = {c: Score() for c in (*CATEGORIES, MERGED)}
    for entry in entries:
        findings = linter.check_text(entry_document(entry))
        predicted = with_merged({f.category for f in findings})
        gold = with_merged(set(entry.get("labels") or []))
        for category, score in scores.items():
            if category in predicted and category in gold:
                score.tp += 1
            elif category in predicted:
                score.fp += 1
                score.errors.append(("FP", entry["text"], shown(findings, category)))
            elif category in gold:
                score.fn += 1
                score.errors.append(("FN", entry["text"], []))
    return scores


def overall(scores: dict[str, Score]) -> Score:
    total = Score()
    for category, score in scores.items():
        if category == MERGED:
            continue
        total.tp += score.tp
        total.fp += score.fp
        total.fn += score.fn
    return total


def table(name: str, entries: list[dict], scores: dict[str, Score]) -> str:
    lines = [f"{name}: {len(entries)} sentences, {sum(1 for e in entries if not e.get('labels'))} clean",
             f"{'category':<22}{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'FP':>5}{'FN':>5}"]
    rows = [(c, s) for c, s in scores.items() if c != MERGED]
    rows.append(("overall (micro)", overall(scores)))
    if any("plain_language" in (e.get("labels") or []) for e in entries):
        rows.append((MERGED, scores[MERGED]))
    for category, s in rows:
        lines.append(f"{category:<22}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}{s.tp:>6}{s.fp:>5}{s.fn:>5}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", default=list(DEFAULT_SETS))
    parser.add_argument("--errors", action="store_true", help="list false positives and negatives")
    parser.add_argument("--category", help="only list errors of this category")
    args = parser.parse_args(argv)
    unknown = [name for name in args.sets if name not in DEFAULT_SETS]
    if unknown:
        parser.error(f"unknown set(s) {', '.join(unknown)}; known: {', '.join(DEFAULT_SETS)}")
    from sbp_lint import Linter

    linter = Linter()
    for name in args.sets:
        entries = load_corpus(name)
        scores = evaluate(linter, entries)
        print(table(name, entries, scores))
        if name in BY_LANGUAGE:
            for language in ("cy", "mixed", "en"):
                subset = [e for e in entries if e.get("language") == language]
                if subset:
                    print(table(f"  {name}, language {language}", subset, evaluate(linter, subset)))
        if args.errors:
            for category, score in scores.items():
                if args.category and category != args.category:
                    continue
                if category == MERGED and args.category != MERGED:
                    continue  # its errors repeat the jargon and plain_language ones
                for kind, text, rules in score.errors:
                    print(f"  {kind} {category}: {text}  {' '.join(rules)}")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
