"""Sentence rewrites against practitioners' accepted rewrites (benchmarks/data/rewrites.yaml).

    python -m benchmarks.rewrites              # the table per category
    python -m benchmarks.rewrites --misses     # also each sentence whose rewrite was not accepted
    python -m benchmarks.rewrites --json       # the numbers as JSON (tests/test_rewrites.py reads them)

For each labelled sentence (an outcome in a "Personal outcomes" section when its context says so),
the linter's rewrite of the sentence is scored four ways:

- **rewritten**: the sentence got a rewrite (a sentence labelled with no category, which needs none, counts when
  it got none; its row is ``no_rewrite``);
- **acceptable**: the rewrite equals one of the accepted rewrites once case, spacing, curly quotes and
  the words inside [placeholders] are set aside (any bracketed gap matches any other);
- **re-lint clean**: the rewrite, its gaps filled with a neutral word, no longer has a finding of any
  rule that fired on the original;
- **grammatical**: acceptable, or it passes four checks on its parse (gaps filled as above): every
  present-tense verb agrees with its subject in person and number; "a"/"an" suits the next word; no
  word is doubled ("to to"); no two determiners meet ("the a"). A measure a machine can take, not a
  linguist's judgement: it misses wrong word order and wrong meaning.

A sentence counts in each category it is labelled with; "plain_language" (formal words) is reported
with the others. ``safe`` precision: of the rewrites marked safe, how many the labels call safe.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / "data" / "rewrites.yaml"
CATEGORIES = ("deficit", "label", "jargon", "plain_language", "passive", "service_as_outcome", "missing_first_person",
              "control")
# Sentences labelled with no category, which need no rewrite: their row is "no_rewrite" (it was "control"
# until the control category got rewrites of its own, issue 15 item 7).
UNCHANGED = "no_rewrite"
_BRACKETS = re.compile(r"\[[^\[\]]*\]")
_DETERMINERS = {"a", "an", "the", "this", "that", "these", "those", "my", "your", "his", "her", "our", "their"}
_SINGULAR_PRONOUNS = {"he", "she", "it", "this", "that", "someone"}
_PLURAL_PRONOUNS = {"i", "you", "we", "they", "these", "those"}


@dataclass
class Tally:
    sentences: int = 0
    rewritten: int = 0
    acceptable: int = 0
    clean: int = 0
    grammatical: int = 0
    misses: list = field(default_factory=list)

    def shares(self) -> dict:
        n = self.sentences or 1
        return {"sentences": self.sentences, "rewritten": self.rewritten / n, "acceptable": self.acceptable / n,
                "relint_clean": self.clean / n, "grammatical": self.grammatical / n}


def load(path: Path = DATA) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def document(entry: dict) -> str:
    text = " ".join(entry["text"].split())
    return f"## Personal outcomes\n\n- {text}\n" if entry.get("context") == "outcome" else text + "\n"


def normalise(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"').replace("...", "…")
    text = _BRACKETS.sub("[]", text.lower())
    return " ".join(text.replace(" ,", ",").split()).rstrip(".")


def filled(text: str) -> str:
    """Placeholders replaced by a neutral word, for the parser and the rules."""
    return " ".join(_BRACKETS.sub("someone", text).split())


# -- grammar checks ---------------------------------------------------------------------

def grammar_problems(nlp, text: str) -> list[str]:
    from sbp_lint.rewrite.inflection import article

    doc = nlp(filled(text))
    problems = []
    for token in doc:
        nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if nxt is not None and token.lower_ == nxt.lower_ and token.is_alpha:
            problems.append(f"doubled '{token.text}'")
        if nxt is not None and token.lower_ in _DETERMINERS and nxt.lower_ in _DETERMINERS - {"that", "this"} \
                and token.lower_ not in ("that", "this"):
            problems.append(f"'{token.text} {nxt.text}'")
        if token.lower_ in ("a", "an") and nxt is not None and nxt.is_alpha and article(nxt.text) != token.lower_:
            problems.append(f"'{token.text} {nxt.text}'")
        if token.dep_ in ("nsubj", "nsubjpass") and token.head.tag_ in ("VBZ", "VBP"):
            verb = token.head
            aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i]
            finite = aux[0] if aux else verb
            if finite.tag_ not in ("VBZ", "VBP"):
                continue
            plural = _plural_subject(token)
            if plural is not None and plural == (finite.tag_ == "VBZ") and finite.lower_ not in ("am",):
                problems.append(f"'{token.text} … {finite.text}'")
            if token.lower_ == "i" and finite.lemma_ == "be" and finite.lower_ != "am":
                problems.append(f"'I {finite.text}'")
    return problems


def _plural_subject(token) -> bool | None:
    word = token.lower_
    if word in _SINGULAR_PRONOUNS:
        return False
    if word in _PLURAL_PRONOUNS:
        return True
    if any(c.dep_ == "conj" for c in token.children):
        return True
    if token.tag_ in ("NNS", "NNPS"):
        return True
    if token.tag_ in ("NN", "NNP"):
        return False
    return None


# -- the run --------------------------------------------------------------------------------

def evaluate(linter, entries: list[dict]) -> dict:
    from sbp_lint.rewrite import REWRITTEN

    tallies = {c: Tally() for c in (*CATEGORIES, UNCHANGED, "all")}
    safe_marked = safe_right = 0
    for entry in entries:
        findings = linter.check_text(document(entry))
        rewritten = [f for f in findings if f.category in REWRITTEN and f.rewrite is not None]
        rewrite = rewritten[0].rewrite if rewritten else None
        categories = entry.get("categories") or []
        accepted = {normalise(a) for a in entry.get("accept") or []}
        names = categories
        if rewrite is not None and rewrite.safe:
            safe_marked += 1
            safe_right += bool(entry.get("safe"))
        if not categories:
            ok = rewrite is None or normalise(rewrite.text) in accepted
            for name in (UNCHANGED, "all"):
                tally = tallies[name]
                tally.sentences += 1
                tally.rewritten += ok
                tally.acceptable += ok
                tally.clean += ok
                tally.grammatical += ok
                if not ok:
                    tally.misses.append((entry["text"], rewrite.text))
            continue
        acceptable = rewrite is not None and normalise(rewrite.text) in accepted
        clean = rewrite is not None and _clean(linter, entry, rewrite.text, {f.rule for f in findings if f.category in REWRITTEN})
        grammatical = rewrite is not None and (acceptable or not grammar_problems(linter.nlp, rewrite.text))
        for name in (*names, "all"):
            tally = tallies[name]
            tally.sentences += 1
            tally.rewritten += rewrite is not None
            tally.acceptable += acceptable
            tally.clean += clean
            tally.grammatical += grammatical
            if not acceptable:
                tally.misses.append((entry["text"], rewrite.text if rewrite else None))
    return {"tallies": tallies, "safe_marked": safe_marked, "safe_right": safe_right}


def _clean(linter, entry: dict, rewrite: str, rules: set[str]) -> bool:
    again = linter.check_text(document({**entry, "text": filled(rewrite)}))
    return not any(f.rule in rules for f in again)


def table(result: dict) -> str:
    rows = ["| category | sentences | rewritten | acceptable | re-lint clean | grammatical |",
            "|---|---:|---:|---:|---:|---:|"]
    for name, tally in result["tallies"].items():
        if not tally.sentences:
            continue
        s = tally.shares()
        rows.append(f"| {name} | {tally.sentences} | {s['rewritten']:.0%} | {s['acceptable']:.0%} | "
                    f"{s['relint_clean']:.0%} | {s['grammatical']:.0%} |")
    marked = result["safe_marked"]
    rows.append("")
    rows.append(f"Rewrites marked safe: {marked}; labelled safe: {result['safe_right']}"
                f" ({result['safe_right'] / marked:.0%} precision)" if marked else "Rewrites marked safe: 0")
    return "\n".join(rows)


def as_json(result: dict) -> dict:
    return {"categories": {name: t.shares() for name, t in result["tallies"].items() if t.sentences},
            "safe_marked": result["safe_marked"], "safe_right": result["safe_right"]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--misses", action="store_true", help="list the sentences whose rewrite was not accepted")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    from sbp_lint import Linter

    result = evaluate(Linter(), load(args.data))
    if args.json:
        json.dump(as_json(result), sys.stdout, indent=2)
        print()
        return 0
    print(table(result))
    if args.misses:
        for text, rewrite in result["tallies"]["all"].misses:
            print(f"\n  {text}\n  -> {rewrite}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
