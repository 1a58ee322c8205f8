"""How much of the parse a cascade could ever skip: the best case, measured, for issue 17.

A cascade would run the tagger only on sentences whose output needs tags or lemmas, and the parser only
on those whose output needs dependencies. Whatever the triggers, no exact cascade can skip a sentence
whose findings or profile change without the annotation. This script measures that share directly (an
oracle: it knows the answer because it checks each text both ways), on the labelled corpora in
``tests/corpus/``, each entry checked as its own document as ``benchmarks.quality`` does:

- **full**: sbp-lint as it is;
- **tags only**: the same tags, parts of speech, morphology and lemmas, but no dependencies (each of the
  parser's sentences a flat tree, so the sentences stay the same);
- **words only**: the same words and sentences, no tags, lemmas or dependencies (placeholders no rule
  names, so the matchers still run).

An entry *needs the tagger* when "words only" reports anything different (findings, positions or the
good-practice profile); it *needs the parser* when "tags only" does. The words of those entries, over
all words, are the smallest shares of the text any exact cascade must send to each stage; with the
pipeline's measured stage costs (``benchmarks.speed.stage_rates``) they give the best-case cascade's
time as a fraction of the full pipeline, before the rules' own cost is added. It also prints how
often the small sentence recogniser (``senter``, what a cascade would use instead of the parser for
sentence boundaries) agrees with the parser.

    python -m benchmarks.cascade [dev heldout real real-fresh]
"""

from __future__ import annotations

import argparse
import sys

from benchmarks.quality import entry_document, load_corpus

DEFAULT_SETS = ("dev", "heldout", "real", "real-fresh")
PLACEHOLDER_TAG, PLACEHOLDER_POS, PLACEHOLDER_LEMMA = "_SP_", "X", "\u2205"  # values no rule or recogniser names
TAG_STAGES = ("tok2vec", "tagger", "attribute_ruler", "lemmatizer")


def flat_tree(doc) -> tuple[list[int], list[str]]:
    """Heads and labels that keep ``doc``'s sentences but carry no dependencies: each sentence's first
    token is its root, the rest hang from it."""
    heads, deps = [], []
    for sent in doc.sents:
        for token in sent:
            heads.append(sent.start)
            deps.append("ROOT" if token.i == sent.start else "dep")
    return heads, deps


def reduced(doc, keep_tags: bool):
    """``doc`` without dependencies, and without tags and lemmas unless ``keep_tags``."""
    from spacy.tokens import Doc

    heads, deps = flat_tree(doc)
    n = len(doc)
    if keep_tags:
        tags, pos, lemmas = [t.tag_ for t in doc], [t.pos_ for t in doc], [t.lemma_ for t in doc]
        morphs = [str(t.morph) for t in doc]
    else:
        tags, pos, lemmas, morphs = [PLACEHOLDER_TAG] * n, [PLACEHOLDER_POS] * n, [PLACEHOLDER_LEMMA] * n, None
    return Doc(doc.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc],
               heads=heads, deps=deps, tags=tags, pos=pos, lemmas=lemmas, morphs=morphs)


def outputs(linter, text: str, mode: str):
    """What sbp-lint reports for ``text`` with the pipeline's annotation cut down to ``mode``."""
    from sbp_lint.documents import parse_text

    full_parse = linter._parse
    if mode != "full":
        keep = mode == "tags"
        linter._parse = lambda blocks: (reduced(doc, keep) for doc in full_parse(blocks))
    try:
        document = parse_text(text, "<entry>", "markdown")
        findings = linter.check_document(document)
    finally:
        linter.__dict__.pop("_parse", None)
    return [f.to_json() for f in findings], document.profile


def senter_agreement(linter, texts: list[str]) -> tuple[int, int]:
    """(sentences the parser and ``senter`` cut alike, sentences the parser found) over ``texts``."""
    import spacy

    model = linter.nlp.meta.get("lang", "en") + "_" + linter.nlp.meta["name"]
    senter = spacy.load(model, exclude=[*linter.nlp.pipe_names, "ner"])
    senter.enable_pipe("senter")
    same = total = 0
    for parsed, cut in zip(linter.nlp.pipe(texts), senter.pipe(texts)):
        by_parser = {(s.start_char, s.end_char) for s in parsed.sents}
        same += len(by_parser & {(s.start_char, s.end_char) for s in cut.sents})
        total += len(by_parser)
    return same, total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sets", nargs="*", default=list(DEFAULT_SETS))
    args = parser.parse_args(argv)

    from benchmarks.speed import spacy_own_pipeline, stage_rates
    from sbp_lint import Linter

    linter = Linter().prepare()
    totals = {"entries": 0, "words": 0, "tag_entries": 0, "tag_words": 0, "parse_entries": 0, "parse_words": 0,
              "finding_changes": 0, "profile_changes": 0}
    texts: list[str] = []
    for name in args.sets:
        row = dict.fromkeys(totals, 0)
        for entry in load_corpus(name):
            text = entry_document(entry)
            texts.append(text)
            words = len(entry["text"].split())
            full, words_only, tags_only = (outputs(linter, text, mode) for mode in ("full", "words", "tags"))
            row["entries"] += 1
            row["words"] += words
            if words_only != full or tags_only != full:  # the parser needs the tagger's tok2vec too
                row["tag_entries"] += 1
                row["tag_words"] += words
                row["finding_changes"] += words_only[0] != full[0]
                row["profile_changes"] += words_only[1] != full[1]
            if tags_only != full:
                row["parse_entries"] += 1
                row["parse_words"] += words
        print(f"{name:12} {row['entries']:5} entries: need the tagger {row['tag_entries'] / row['entries']:6.1%} of entries, "
              f"{row['tag_words'] / row['words']:6.1%} of words; the parser {row['parse_entries'] / row['entries']:6.1%} "
              f"of entries, {row['parse_words'] / row['words']:6.1%} of words (findings change in {row['finding_changes']}, "
              f"the profile in {row['profile_changes']})")
        for key in totals:
            totals[key] += row[key]
    tag_share = totals["tag_words"] / totals["words"]
    parse_share = totals["parse_words"] / totals["words"]
    print(f"{'all':12} {totals['entries']:5} entries, {totals['words']:,} words: tagger {tag_share:.1%}, parser {parse_share:.1%} of words")

    model = linter.nlp.meta["lang"] + "_" + linter.nlp.meta["name"]
    stages = {name: seconds for name, seconds, _ in stage_rates(linter.nlp, texts, model)}
    full_cost = sum(seconds for name, seconds in stages.items() if not name.startswith("senter"))
    bare_cost = sum(seconds for name, seconds, _ in stage_rates(spacy_own_pipeline(linter), texts, model)
                    if not name.startswith("senter"))
    senter = next(seconds for name, seconds in stages.items() if name.startswith("senter"))
    best = senter + tag_share * sum(stages.get(s, 0.0) for s in TAG_STAGES) + parse_share * stages.get("parser", 0.0)
    print("stage shares of the full pipeline: " + ", ".join(f"{name} {seconds / full_cost:.1%}" for name, seconds in stages.items()))
    print(f"best-case cascade (tokenizer and senter on every word, tagger and parser only on those shares): "
          f"{best / full_cost:.2f}x sbp-lint's full pipeline, {best / bare_cost:.2f}x the bare parse with spaCy's own "
          f"components ({bare_cost / full_cost:.2f}x sbp-lint's pipeline), before the rules' own cost")
    same, total = senter_agreement(linter, texts)
    print(f"senter and parser cut {same} of the parser's {total} sentences alike ({same / total:.1%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
